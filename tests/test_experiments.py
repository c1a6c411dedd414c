"""Experiment helpers: reproducible, probes that measure what they claim, clear errors.

Expected values come from hand calculations with ``math`` (gradient probe), from networks whose weights
are set by hand (dead-unit counter), and from ``torch.optim`` (the training loop's optimizers) — never
from the helpers under test.
"""

from __future__ import annotations

import copy
import functools
import itertools
import json
import math
import subprocess
import sys
import textwrap

import matplotlib as mpl
import pytest
import torch
import torch.nn.functional as F
from matplotlib.figure import Figure
from torch import nn

import actfn
from actfn.experiments import (
    ActivationLayer,
    History,
    activation_layers,
    dead_unit_fraction,
    decision_grid,
    evaluate,
    gradient_norms,
    infer_nonlinearity,
    linear_layers,
    make_circles,
    make_mlp,
    make_moons,
    make_spirals,
    pre_activations,
    single_thread,
    train,
    train_many,
)
from actfn.plotting import (
    plot_dead_fraction,
    plot_decision_boundaries,
    plot_gradient_norms,
    plot_training_curves,
)

GENERATORS = [make_spirals, make_moons, make_circles]


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def _set(layer: nn.Linear, weight: list[list[float]], bias: list[float]) -> None:
    with torch.no_grad():
        layer.weight.copy_(torch.tensor(weight))
        layer.bias.copy_(torch.tensor(bias))


# -- data --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("make", GENERATORS)
@pytest.mark.parametrize("n", [2, 7, 300])
def test_data_shapes_labels_and_balance(make, n: int) -> None:
    X, y = make(n, seed=3)
    assert X.shape == (n, 2)
    assert X.dtype == torch.float32
    assert y.shape == (n,)
    assert y.dtype == torch.long
    assert set(y.tolist()) == {0, 1}
    counts = y.bincount()
    assert counts.max() - counts.min() <= 1
    assert torch.isfinite(X).all()


def test_spirals_with_more_classes_are_balanced() -> None:
    X, y = make_spirals(301, classes=3, seed=0)
    assert y.bincount().tolist() == [101, 100, 100]
    assert X.shape == (301, 2)


@pytest.mark.parametrize("make", GENERATORS)
def test_data_is_reproducible_and_seed_dependent(make) -> None:
    X1, y1 = make(100, seed=5)
    X2, y2 = make(100, seed=5)
    X3, _ = make(100, seed=6)
    assert torch.equal(X1, X2)
    assert torch.equal(y1, y2)
    assert not torch.equal(X1, X3)


def test_noise_free_geometry() -> None:
    # Circles: radii 1 and factor.
    X, y = make_circles(40, factor=0.3, noise=0.0)
    radius = X.double().norm(dim=1)
    assert torch.allclose(radius[y == 0], torch.ones(20, dtype=torch.float64), atol=1e-6)
    assert torch.allclose(radius[y == 1], torch.full((20,), 0.3, dtype=torch.float64), atol=1e-6)
    # Moons: class 0 on the unit circle centred at (-0.5, -0.25), class 1 centred at (0.5, 0.25).
    X, y = make_moons(40, noise=0.0)
    to_centre = {0: torch.tensor([-0.5, -0.25]), 1: torch.tensor([0.5, 0.25])}
    for k, centre in to_centre.items():
        assert torch.allclose((X[y == k] - centre).norm(dim=1), torch.ones(20), atol=1e-6)
    # Spirals: radius grows from 0.05 to 1; classes are rotations of each other by 2π/classes.
    X, y = make_spirals(60, classes=3, noise=0.0)
    radius = X.norm(dim=1)
    assert radius.min().item() == pytest.approx(0.05, abs=1e-6)
    assert radius.max().item() == pytest.approx(1.0, abs=1e-6)
    angle = 2 * math.pi / 3
    rotation = torch.tensor(
        [[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]]
    )
    assert torch.allclose(X[y == 0] @ rotation.T, X[y == 1], atol=1e-5)


def test_generators_leave_the_global_random_state_alone() -> None:
    before = torch.random.get_rng_state()
    make_spirals(50, seed=1)
    make_mlp(nn.ReLU(), depth=2, width=4, seed=1)
    assert torch.equal(before, torch.random.get_rng_state())


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: make_spirals(0), ValueError, "n은 1 이상"),
        (lambda: make_spirals(10, classes=1), ValueError, "classes는 2 이상"),
        (lambda: make_spirals(2, classes=3), ValueError, r"n은 3 이상.*\(classes = 3: 클래스마다"),
        (lambda: make_spirals(10, noise=-0.1), ValueError, "noise는 유한하고 0 이상이어야"),
        (lambda: make_spirals(10, turns=0), ValueError, "turns는 유한하고 0보다 커야"),
        (lambda: make_spirals(10, turns="2"), TypeError, "turns는 실수"),
        (lambda: make_spirals(10, seed=-1), ValueError, "seed는 0 이상"),
        (lambda: make_spirals(10, seed=1.5), TypeError, "seed는 int여야"),
        (lambda: make_spirals(10, seed=True), TypeError, "seed는 int여야"),
        (lambda: make_moons(1), ValueError, "n은 2 이상"),
        (lambda: make_moons(10, noise=float("nan")), ValueError, "noise는 유한하고"),
        (
            lambda: make_circles(10, factor=1.0),
            ValueError,
            "factor는 유한하고 0보다 크고 1보다 작아야",
        ),
        (lambda: make_circles(10, factor=0), ValueError, "factor는 유한하고 0보다 크고"),
    ],
)
def test_data_bad_arguments(call, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        call()


# -- model ------------------------------------------------------------------------------------------


def test_mlp_structure_and_repr_for_every_kind_of_activation() -> None:
    leaky = functools.partial(actfn.leaky_relu, negative_slope=0.1)
    for activation, shown in [
        (actfn.relu, "ActivationLayer(relu)"),
        (leaky, "ActivationLayer(leaky_relu(negative_slope=0.1))"),
        (nn.GELU(), "GELU(approximate='none')"),
    ]:
        model = make_mlp(activation, depth=3, width=5, in_features=4, out_features=3)
        kinds = [type(m).__name__ for m in model]
        assert kinds[0::2] == ["Linear"] * 4
        assert len(activation_layers(model)) == 3
        assert [(m.in_features, m.out_features) for m in linear_layers(model)] == [
            (4, 5),
            (5, 5),
            (5, 5),
            (5, 3),
        ]
        assert shown in str(model)
        assert model(torch.zeros(6, 4)).shape == (6, 3)


def test_module_activations_are_copied_per_layer() -> None:
    prelu = nn.PReLU()
    model = make_mlp(prelu, depth=2, width=3)
    first, second = activation_layers(model)
    assert first is not prelu
    assert second is not prelu
    assert first is not second


def test_activation_layer_applies_the_function() -> None:
    x = torch.linspace(-3, 3, 13)
    assert torch.equal(ActivationLayer(actfn.tanh)(x), actfn.tanh(x))
    with pytest.raises(TypeError, match="fn은 호출할 수 있는"):
        ActivationLayer(3)  # type: ignore[arg-type]


def test_same_seed_same_weights_different_seed_different_weights() -> None:
    a = make_mlp(actfn.relu, depth=2, width=8, seed=4)
    b = make_mlp(actfn.relu, depth=2, width=8, seed=4)
    c = make_mlp(actfn.relu, depth=2, width=8, seed=5)
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters(), strict=True))
    assert not torch.equal(a[0].weight, c[0].weight)


@pytest.mark.parametrize(
    ("activation", "gain"),
    [
        (nn.ReLU(), math.sqrt(2)),
        (actfn.tanh, 5 / 3),
        (nn.Sigmoid(), 1.0),
        (functools.partial(actfn.leaky_relu, negative_slope=0.2), math.sqrt(2 / 1.04)),
    ],
)
def test_matched_init_draws_weights_with_gain_over_sqrt_fan_in(activation, gain: float) -> None:
    width = 400
    model = make_mlp(activation, depth=2, width=width, init="matched", seed=0)
    hidden = linear_layers(model)[1].weight  # fan_in = width
    assert hidden.std().item() == pytest.approx(gain / math.sqrt(width), rel=0.02)
    assert hidden.mean().item() == pytest.approx(0.0, abs=0.01 * gain / math.sqrt(width) * 10)
    assert all(torch.equal(m.bias, torch.zeros_like(m.bias)) for m in linear_layers(model))
    output = linear_layers(model)[-1].weight
    assert output.std().item() == pytest.approx(1 / math.sqrt(width), rel=0.2)


def test_bias_fill_only_touches_hidden_layers() -> None:
    model = make_mlp(nn.ReLU(), depth=3, width=4, bias=-0.3, seed=0)
    *hidden, output = linear_layers(model)
    assert all(torch.equal(m.bias, torch.full((4,), -0.3)) for m in hidden)
    assert not torch.equal(output.bias, torch.full((2,), -0.3))


def test_infer_nonlinearity() -> None:
    assert infer_nonlinearity(actfn.relu) == ("relu", None)
    assert infer_nonlinearity(F.relu) == ("relu", None)
    assert infer_nonlinearity(nn.Tanh()) == ("tanh", None)
    assert infer_nonlinearity(torch.sigmoid) == ("sigmoid", None)
    assert infer_nonlinearity(actfn.leaky_relu) == ("leaky_relu", 0.01)
    assert infer_nonlinearity(nn.LeakyReLU(0.3)) == ("leaky_relu", 0.3)
    assert infer_nonlinearity(ActivationLayer(actfn.sigmoid)) == ("sigmoid", None)
    assert infer_nonlinearity(nn.SiLU()) is None


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: make_mlp(actfn.relu, depth=0, width=4), ValueError, "depth는 1 이상"),
        (lambda: make_mlp(actfn.relu, depth=2, width="4"), TypeError, "width는 int여야"),
        (lambda: make_mlp(3, depth=2, width=4), TypeError, "activation은 텐서를 받아"),
        (lambda: make_mlp(actfn.relu, depth=2, width=4, init="xavier"), ValueError, "init은"),
        (lambda: make_mlp(actfn.relu, depth=2, width=4, init=None), TypeError, "init은 문자열"),
        (lambda: make_mlp(actfn.relu, depth=2, width=4, gain=1.0), ValueError, "gain은 init="),
        (
            lambda: make_mlp(actfn.relu, depth=2, width=4, init="matched", gain=0.0),
            ValueError,
            "gain은 유한하고 0보다 커야",
        ),
        (
            lambda: make_mlp(nn.SiLU(), depth=2, width=4, init="matched"),
            ValueError,
            "nonlinearity='relu'",
        ),
        (
            lambda: make_mlp(actfn.relu, depth=1, width=4, bias=math.nan),
            ValueError,
            "bias는 유한한",
        ),
    ],
)
def test_model_bad_arguments(call, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        call()


def test_unknown_activation_with_explicit_nonlinearity() -> None:
    model = make_mlp(nn.SiLU(), depth=2, width=300, init="matched", nonlinearity="relu")
    assert linear_layers(model)[1].weight.std().item() == pytest.approx(
        math.sqrt(2 / 300), rel=0.03
    )


# -- training ---------------------------------------------------------------------------------------


def _small_run(seed: int = 0, **kwargs: object) -> History:
    X, y = make_spirals(120, seed=0)
    model = make_mlp(nn.Tanh(), depth=3, width=16, seed=seed)
    return train(model, X, y, steps=40, lr=0.01, **kwargs)


def test_same_seed_gives_identical_history() -> None:
    first = _small_run(track_dead=True)
    second = _small_run(track_dead=True)
    assert first == second  # bit-identical floats, not approximately equal
    assert first != _small_run(seed=1)


def test_history_is_identical_in_a_fresh_process_with_other_thread_settings() -> None:
    code = textwrap.dedent(
        """
        import json, torch
        torch.set_num_threads(2)
        from torch import nn
        from actfn.experiments import make_mlp, make_spirals, train
        X, y = make_spirals(120, seed=0)
        h = train(make_mlp(nn.Tanh(), depth=3, width=16, seed=0), X, y, steps=40, lr=0.01)
        print(json.dumps([h.loss, h.accuracy]))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    loss, accuracy = json.loads(out.stdout)
    here = _small_run()
    assert loss == here.loss
    assert accuracy == here.accuracy


def test_history_lengths_and_contents() -> None:
    history = _small_run(track_dead=True)
    assert len(history.loss) == len(history.accuracy) == len(history.dead_fraction) == 41
    assert history.final_loss == history.loss[-1] < history.loss[0]
    assert all(0 <= a <= 1 for a in history.accuracy)
    assert all(len(layers) == 3 for layers in history.dead_fraction)
    assert history.dead_overall()[0] == pytest.approx(sum(history.dead_fraction[0]) / 3)
    assert _small_run().dead_fraction == []


def test_first_history_entry_is_the_untrained_model() -> None:
    X, y = make_spirals(120, seed=0)
    model = make_mlp(nn.ReLU(), depth=3, width=16, seed=2)
    before_loss, before_acc = evaluate(model, X, y)
    before_dead = dead_unit_fraction(model, X)
    history = train(model, X, y, steps=5, lr=0.01, track_dead=True)
    assert history.loss[0] == before_loss
    assert history.accuracy[0] == before_acc
    assert history.dead_fraction[0] == before_dead
    assert history.loss[-1] == evaluate(model, X, y)[0]  # last entry: the trained model


@pytest.mark.parametrize(("optimizer", "lr"), [("adam", 0.01), ("sgd", 0.5)])
def test_training_is_the_standard_torch_optim_loop(optimizer: str, lr: float) -> None:
    X, y = make_spirals(120, seed=0)
    ours = make_mlp(nn.Tanh(), depth=3, width=16, seed=7)
    reference = copy.deepcopy(ours)
    history = train(ours, X, y, steps=30, lr=lr, optimizer=optimizer)  # type: ignore[arg-type]
    opt_class = torch.optim.Adam if optimizer == "adam" else torch.optim.SGD
    opt = opt_class(reference.parameters(), lr=lr)
    losses = []
    with single_thread():
        for step in range(31):
            loss = F.cross_entropy(reference(X), y)
            losses.append(loss.item())
            if step == 30:
                break
            opt.zero_grad()
            loss.backward()
            opt.step()
    assert history.loss == losses
    for p, q in zip(ours.parameters(), reference.parameters(), strict=True):
        assert torch.equal(p, q)


MANY_CASES = {
    "relu-adam": (nn.ReLU(), {}),
    "tanh-sgd": (nn.Tanh(), {"optimizer": "sgd", "lr": 0.5}),
    "package-function": (actfn.sigmoid, {}),
    "leaky-dead": (nn.LeakyReLU(), {"track_dead": True, "bias": -0.3}),
    "relu-dead-binary": (nn.ReLU(), {"track_dead": True, "out_features": 1, "lr": 0.03}),
}


@pytest.mark.parametrize("case", MANY_CASES)
def test_train_many_equals_training_each_model_alone(case: str) -> None:
    activation, options = MANY_CASES[case]
    options = dict(options)
    build = {k: options.pop(k) for k in ("bias", "out_features") if k in options}
    X, y = make_moons(120, seed=0) if build.get("out_features") == 1 else make_spirals(120, seed=0)
    together = [make_mlp(activation, depth=3, width=16, seed=s, **build) for s in range(3)]
    alone = copy.deepcopy(together)
    histories = train_many(together, X, y, steps=25, **{"lr": 0.01, **options})
    expected = [train(m, X, y, steps=25, **{"lr": 0.01, **options}) for m in alone]
    # Batched matmuls may sum in another order: equal up to float32 rounding, not bit for bit.
    for got, want in zip(histories, expected, strict=True):
        assert got.loss == pytest.approx(want.loss, rel=1e-4, abs=1e-6)
        assert got.accuracy == want.accuracy
        assert got.dead_fraction == want.dead_fraction
    assert histories[0].loss != pytest.approx(histories[1].loss, rel=1e-3)  # the seeds differ
    if options.get("track_dead"):
        assert all(len(h.dead_fraction) == 26 for h in histories)
    for trained, reference in zip(together, alone, strict=True):  # trained in place, the same way
        for p, q in zip(trained.parameters(), reference.parameters(), strict=True):
            torch.testing.assert_close(p, q)
        assert not torch.equal(trained[0].weight, make_mlp(activation, depth=3, width=16)[0].weight)


def test_train_many_tracks_dead_units_like_train_for_any_sequential() -> None:
    """A model with an extra layer after its logits (the softmax mistake of chapter 4): every layer
    that follows a Linear is recorded, as train records it."""
    X, y = make_spirals(90, classes=3, seed=0)

    def build(seed: int) -> nn.Sequential:
        mlp = make_mlp(nn.ReLU(), depth=2, width=8, out_features=3, seed=seed)
        return nn.Sequential(*mlp, nn.Softmax(dim=1))

    together = [build(s) for s in range(2)]
    expected = [train(build(s), X, y, steps=5, track_dead=True) for s in range(2)]
    histories = train_many(together, X, y, steps=5, track_dead=True)
    assert [h.dead_fraction for h in histories] == [h.dead_fraction for h in expected]
    assert all(len(layers) == 3 for layers in histories[0].dead_fraction)  # 2 hidden + softmax


def test_train_many_with_one_model_and_zero_steps() -> None:
    X, y = make_spirals(60, seed=0)
    model = make_mlp(nn.ReLU(), depth=2, width=8, seed=4)
    before = copy.deepcopy(model)
    (history,) = train_many([model], X, y, steps=0)
    assert history.loss == [evaluate(before, X, y)[0]]
    for p, q in zip(model.parameters(), before.parameters(), strict=True):
        assert torch.equal(p, q)


@pytest.mark.parametrize(
    ("models", "error", "match"),
    [
        ([], TypeError, "목록이어야"),
        (lambda: make_mlp(nn.ReLU(), depth=1, width=3), TypeError, "train으로"),
        (3, TypeError, "models는 "),
        (
            lambda: [make_mlp(nn.ReLU(), depth=1, width=3), nn.Linear(2, 2)],
            TypeError,
            r"models\[1\]",
        ),
        (
            lambda: [make_mlp(nn.ReLU(), depth=1, width=3), make_mlp(nn.Tanh(), depth=1, width=3)],
            ValueError,
            r"models\[1\]의 층의 구성과 활성화 함수",
        ),
        (
            lambda: [make_mlp(nn.ReLU(), depth=1, width=3), make_mlp(nn.ReLU(), depth=1, width=4)],
            ValueError,
            r"models\[1\]",
        ),
        (
            lambda: [
                make_mlp(nn.LeakyReLU(0.1), depth=1, width=3),
                make_mlp(nn.LeakyReLU(0.2), depth=1, width=3),
            ],
            ValueError,
            "negative_slope=0.2",
        ),
    ],
)
def test_train_many_bad_models(models: object, error: type[Exception], match: str) -> None:
    X, y = torch.zeros(10, 2), torch.zeros(10, dtype=torch.long)
    with pytest.raises(error, match=match):
        train_many(models() if callable(models) else models, X, y, steps=1)


def test_train_many_checks_data_and_options_like_train() -> None:
    models = [make_mlp(nn.ReLU(), depth=1, width=3, seed=s) for s in range(2)]
    X, y = torch.zeros(10, 2), torch.zeros(10, dtype=torch.long)
    with pytest.raises(TypeError, match="정수 텐서"):
        train_many(models, X, torch.zeros(10))
    with pytest.raises(ValueError, match="steps는 0 이상"):
        train_many(models, X, y, steps=-1)
    with pytest.raises(ValueError, match="optimizer"):
        train_many(models, X, y, optimizer="rmsprop")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="lr"):
        train_many(models, X, y, lr=0.0)


def test_binary_output_uses_bce_with_logits() -> None:
    X, y = make_moons(100, seed=0)
    model = make_mlp(nn.ReLU(), depth=2, width=16, out_features=1, seed=0)
    with torch.no_grad():
        z = model(X).squeeze(1)
    expected = F.binary_cross_entropy_with_logits(z, y.float()).item()
    loss, accuracy = evaluate(model, X, y)
    assert loss == pytest.approx(expected, rel=1e-6)
    assert accuracy == pytest.approx(((z > 0).long() == y).float().mean().item())
    history = train(model, X, y, steps=200, lr=0.02)
    assert history.final_accuracy > 0.95


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"y": torch.zeros(10)}, TypeError, "y는 클래스 번호를 담은 정수 텐서"),
        ({"y": torch.zeros(9, dtype=torch.long)}, ValueError, "길이가 같은"),
        ({"X": torch.zeros(10)}, ValueError, r"\(N, 특성 수\)"),
        ({"steps": -1}, ValueError, "steps는 0 이상"),
        ({"steps": 2.0}, TypeError, "steps는 int여야"),
        ({"X": torch.zeros(10, 2, dtype=torch.long)}, TypeError, "X는 부동소수점 텐서"),
        ({"X": [[0.0, 1.0]]}, TypeError, "X는 torch.Tensor여야"),
        ({"X": torch.zeros(0, 2), "y": torch.zeros(0, dtype=torch.long)}, ValueError, "하나도"),
        ({"y": [0] * 10}, TypeError, "y는 .*받은 값: list"),
        ({"lr": 0.0}, ValueError, "lr은 유한하고 0보다 커야"),
        ({"lr": math.inf}, ValueError, "lr은 유한하고 0보다 커야"),
        ({"lr": "fast"}, TypeError, "lr은 실수"),
        ({"optimizer": "rmsprop"}, ValueError, "optimizer는 'adam' 또는 'sgd'여야"),
        ({"optimizer": None}, TypeError, "optimizer는 문자열 'adam' 또는 'sgd'여야"),
        (
            {"model": nn.Linear(2, 2)},
            TypeError,
            "model은 .*nn.Sequential이어야 .*받은 값: torch.Linear",
        ),
    ],
)
def test_train_bad_arguments(kwargs: dict, error: type[Exception], match: str) -> None:
    arguments = {
        "model": make_mlp(nn.ReLU(), depth=1, width=3),
        "X": torch.zeros(10, 2),
        "y": torch.zeros(10, dtype=torch.long),
    }
    arguments.update(kwargs)
    model, X, y = arguments.pop("model"), arguments.pop("X"), arguments.pop("y")
    with pytest.raises(error, match=match):
        train(model, X, y, **arguments)


def test_single_thread_restores_the_thread_count_after_an_error() -> None:
    before = torch.get_num_threads()
    inside = []

    def fail() -> None:
        with single_thread():
            inside.append(torch.get_num_threads())
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        fail()
    assert inside == [1]
    assert torch.get_num_threads() == before


# -- probes -----------------------------------------------------------------------------------------


def test_gradient_norms_match_a_hand_computed_binary_case() -> None:
    # x = (1, 2), y = 1.  Hidden: a = W1 x + b1 = (1, -2), h = relu(a) = (1, 0).
    # Output: z = w2 · h + b2 = 0.5.  BCE-with-logits: dL/dz = σ(z) − y.
    model = make_mlp(actfn.relu, depth=1, width=2, out_features=1)
    hidden, output = linear_layers(model)
    _set(hidden, [[1.0, 0.0], [0.0, -1.0]], [0.0, 0.0])
    _set(output, [[0.5, 3.0]], [0.0])
    X, y = torch.tensor([[1.0, 2.0]]), torch.tensor([1])

    dz = _sigmoid(0.5) - 1
    # dL/dW2 = dz · hᵀ = dz · (1, 0)
    expected_output = abs(dz)
    # dL/da = w2 ⊙ relu'(a) · dz = (0.5 dz, 0);  dL/dW1 = dL/da · xᵀ = [[0.5 dz, dz], [0, 0]]
    expected_hidden = abs(0.5 * dz) * math.sqrt(1**2 + 2**2)
    norms = gradient_norms(model, X, y)
    assert norms == pytest.approx([expected_hidden, expected_output], rel=1e-6)


def test_gradient_norms_match_a_hand_computed_cross_entropy_case() -> None:
    # One tanh unit, two classes.  x = (2, 0), y = 0.  a = 0.5·2 = 1, t = tanh(1).
    # Logits z = (t, −t).  Cross-entropy: dL/dz = softmax(z) − onehot(0) = (σ(2t) − 1, 1 − σ(2t)).
    model = make_mlp(actfn.tanh, depth=1, width=1, out_features=2)
    hidden, output = linear_layers(model)
    _set(hidden, [[0.5, 0.0]], [0.0])
    _set(output, [[1.0], [-1.0]], [0.0, 0.0])
    X, y = torch.tensor([[2.0, 0.0]]), torch.tensor([0])

    t = math.tanh(1.0)
    q = 1 - _sigmoid(2 * t)  # = softmax(z)[1]
    expected_output = math.sqrt(2) * q * t  # ‖(−q t, q t)‖
    d_hidden = -2 * q * (1 - t**2)  # W2ᵀ dL/dz · tanh'(a)
    expected_hidden = abs(d_hidden) * 2  # ‖d_hidden · (2, 0)‖
    norms = gradient_norms(model, X, y)
    assert norms == pytest.approx([expected_hidden, expected_output], rel=1e-6)


def test_gradient_norms_leave_grad_untouched() -> None:
    model = make_mlp(nn.Sigmoid(), depth=4, width=8)
    X, y = make_spirals(50)
    norms = gradient_norms(model, X, y)
    assert len(norms) == 5
    assert all(g > 0 for g in norms)
    assert all(p.grad is None for p in model.parameters())


def test_gradient_vanishes_through_sigmoid_layers() -> None:
    # With gain-1 init the per-layer factor is sqrt(E[σ'²]) ≤ 0.25 (σ' ≤ 1/4 everywhere).
    X, y = make_spirals(200, seed=0)
    norms = gradient_norms(make_mlp(nn.Sigmoid(), depth=10, width=32, init="matched"), X, y)
    hidden = norms[1:-1]
    factors = [a / b for a, b in itertools.pairwise(hidden)]
    assert math.prod(factors) ** (1 / len(factors)) < 0.25


def test_dead_units_on_a_constructed_network() -> None:
    # Inputs all have x0 > 0.  Layer 1: unit 0 = x0 (alive), unit 1 = −1 (dead),
    # unit 2 = −x0 (dead: ≤ 0 for every input), unit 3 = x1 (alive for one input only -> alive).
    # Layer 2: unit 0 = h0 (alive); unit 1 = 0 exactly (dead: ReLU'(0) = 0); unit 2 = −h0 − 1 (dead);
    # unit 3 = h3 (alive: positive for the one input with x1 > 0).
    X = torch.tensor([[1.0, -1.0], [2.0, -2.0], [0.5, 3.0]])
    model = make_mlp(nn.ReLU(), depth=2, width=4)
    first, second, _ = linear_layers(model)
    _set(first, [[1, 0], [0, 0], [-1, 0], [0, 1]], [0, -1, 0, 0])
    _set(second, [[1, 0, 0, 0], [0, 0, 0, 0], [-1, 0, 0, 0], [0, 0, 0, 1]], [0, 0, -1, 0])
    assert dead_unit_fraction(model, X) == [0.5, 0.5]
    # The third row alone keeps unit 3 alive: without it, unit 3 of both layers is dead too.
    assert dead_unit_fraction(model, X[:2]) == [0.75, 0.75]
    pre = pre_activations(model, X)
    assert [z.shape for z in pre] == [(3, 4), (3, 4)]
    assert torch.equal(pre[0][:, 1], torch.full((3,), -1.0))


def test_dead_unit_fraction_counts_pre_activations_for_leaky_relu_too() -> None:
    model = make_mlp(nn.LeakyReLU(), depth=2, width=4, bias=-10.0)
    assert dead_unit_fraction(model, torch.rand(16, 2)) == [1.0, 1.0]


def test_dead_units_recorded_during_training_are_per_step() -> None:
    X, y = make_spirals(100, seed=0)
    model = make_mlp(nn.ReLU(), depth=2, width=8, bias=-5.0)
    history = train(model, X, y, steps=3, lr=0.01, track_dead=True)
    assert history.dead_fraction == [[1.0, 1.0]] * 4  # all dead: no gradient, nothing moves


def test_probe_bad_arguments() -> None:
    with pytest.raises(ValueError, match="활성화 층이 없습니다"):
        dead_unit_fraction(nn.Sequential(nn.Linear(2, 2)), torch.zeros(3, 2))
    with pytest.raises(ValueError, match=r"nn\.Linear 층이 없습니다"):
        gradient_norms(
            nn.Sequential(nn.ReLU()), torch.zeros(3, 2), torch.zeros(3, dtype=torch.long)
        )
    with pytest.raises(ValueError, match="데이터가 하나도"):
        dead_unit_fraction(make_mlp(nn.ReLU(), depth=1, width=2), torch.zeros(0, 2))
    with pytest.raises(ValueError, match="2차원 입력"):
        decision_grid(make_mlp(nn.ReLU(), depth=1, width=2, in_features=3), torch.zeros(4, 3))
    with pytest.raises(ValueError, match="steps는 2 이상"):
        decision_grid(make_mlp(nn.ReLU(), depth=1, width=2), torch.zeros(4, 2), steps=1)
    with pytest.raises(ValueError, match="margin은 유한하고 0 이상"):
        decision_grid(make_mlp(nn.ReLU(), depth=1, width=2), torch.zeros(4, 2), margin=-0.1)


def test_decision_grid_labels_are_the_model_choices() -> None:
    X, _ = make_moons(50)
    model = make_mlp(nn.Tanh(), depth=1, width=4, out_features=3, seed=1)
    grid = decision_grid(model, X, steps=11, margin=0.0)
    assert grid.xx.shape == grid.yy.shape == grid.label.shape == (11, 11)
    assert grid.xx[0, 0].item() == pytest.approx(X[:, 0].min().item())
    assert grid.yy[-1, -1].item() == pytest.approx(X[:, 1].max().item())
    point = torch.tensor([[grid.xx[3, 7].item(), grid.yy[3, 7].item()]])
    assert grid.label[3, 7].item() == model(point).argmax(dim=1).item()
    binary = make_mlp(nn.Tanh(), depth=1, width=4, out_features=1, seed=1)
    labels = decision_grid(binary, X, steps=5).label
    assert set(labels.unique().tolist()) <= {0, 1}


# -- figures ----------------------------------------------------------------------------------------


def test_figures_are_built_without_global_side_effects() -> None:
    rc_before = dict(mpl.rcParams)
    X, y = make_spirals(60, seed=0)
    runs = {name: [_small_run(seed=s, track_dead=True) for s in range(2)] for name in ("가", "나")}
    models = {
        "렐루": make_mlp(nn.ReLU(), depth=1, width=4),
        "tanh": make_mlp(nn.Tanh(), depth=1, width=4),
    }
    figures = [
        plot_training_curves(runs),
        plot_dead_fraction(runs),
        plot_gradient_norms({"a": [[1e-3, 1e-2, 1.0], [1e-4, 1e-2, 1.0]]}),
        plot_decision_boundaries(models, X, y, steps=10),
    ]
    assert all(isinstance(f, Figure) for f in figures)
    assert dict(mpl.rcParams) == rc_before


def test_training_curves_plot_the_mean_of_the_seeds() -> None:
    runs = {
        "렐루": [
            History(loss=[1.0, 0.25], accuracy=[0.5, 0.7]),
            History(loss=[1.0, 1.0], accuracy=[0.5, 0.9]),
        ]
    }
    fig = plot_training_curves(runs)
    loss_ax, acc_ax = fig.axes
    assert loss_ax.get_lines()[0].get_ydata().tolist() == pytest.approx([1.0, 0.5])  # geometric
    assert acc_ax.get_lines()[0].get_ydata().tolist() == pytest.approx([0.5, 0.8])
    assert [t.get_text() for t in acc_ax.get_legend().get_texts()] == ["렐루"]


def test_gradient_norm_plot_is_geometric_mean_per_layer() -> None:
    fig = plot_gradient_norms({"s": [[1e-4, 1.0], [1e-2, 1.0]]}, ylim=(1e-6, 10))
    (ax,) = fig.axes
    assert ax.get_lines()[0].get_ydata().tolist() == pytest.approx([1e-3, 1.0])
    assert ax.get_ylim() == pytest.approx((1e-6, 10))


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: plot_training_curves({}), "하나 이상"),
        (lambda: plot_gradient_norms({"a": [[1.0, 0.0]]}), "양수"),
        (lambda: plot_gradient_norms({"a": [[1.0], [1.0, 2.0]]}), "길이가 같고"),
        (lambda: plot_dead_fraction({"a": [History(loss=[1.0], accuracy=[1.0])]}), "track_dead"),
    ],
)
def test_figure_bad_arguments(call, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call()
