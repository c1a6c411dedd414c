"""Per-unit dead-neuron records (History.dead_units, dead_unit_changes) and make_mlp(gain=...).

Expected values come from the pre-activations of snapshots of the model taken before and after
training (computed here with plain torch), never from the records under test.
"""

from __future__ import annotations

import copy
import math

import pytest
import torch
from torch import nn

from actfn.experiments import (
    DeadUnitChanges,
    History,
    dead_unit_changes,
    make_mlp,
    make_spirals,
    train,
    train_many,
)


def dead_sets(model: nn.Sequential, X: torch.Tensor) -> list[set[int]]:
    """Per hidden layer, the units whose pre-activation is ≤ 0 for every row (by hand)."""
    sets, h = [], X
    with torch.no_grad():
        for layer in model:
            if isinstance(layer, nn.Linear):
                z = layer(h)
                h = z
            else:
                sets.append({int(i) for i in torch.nonzero((z <= 0).all(dim=0)).flatten()})
                h = layer(z)
    return sets


@pytest.fixture(scope="module")
def data() -> tuple[torch.Tensor, torch.Tensor]:
    return make_spirals(150, seed=0)


def test_changes_match_snapshots_of_the_model_before_and_after(data):
    X, y = data
    model = make_mlp(nn.ReLU(), depth=4, width=16, init="matched", bias=-0.2, seed=1)
    before = dead_sets(model, X)
    history = train(model, X, y, steps=60, lr=0.05, track_dead=True)
    after = dead_sets(model, X)
    assert [set(units) for units in history.dead_units[0]] == before
    assert [set(units) for units in history.dead_units[-1]] == after
    expected = [
        DeadUnitChanges(len(a), len(b), len(a - b), len(b - a), len(a & b))
        for a, b in zip(before, after, strict=True)
    ]
    assert dead_unit_changes(history) == expected
    assert any(c.revived for c in expected)  # a case with both revived and newly dead units
    assert any(c.died for c in expected)


def test_first_layer_units_dead_from_the_start_never_revive_under_adam(data):
    X, y = data
    for seed in range(3):
        model = make_mlp(nn.ReLU(), depth=3, width=16, init="matched", bias=-0.3, seed=seed)
        history = train(model, X, y, steps=80, lr=0.05, track_dead=True)
        first = [set(step[0]) for step in history.dead_units]
        assert all(first[0] <= later for later in first)


def test_train_many_records_the_same_units_as_train(data):
    X, y = data
    together = [make_mlp(nn.ReLU(), depth=3, width=12, bias=-0.3, seed=s) for s in range(3)]
    alone = copy.deepcopy(together)
    histories = train_many(together, X, y, steps=20, lr=0.05, track_dead=True)
    expected = [train(m, X, y, steps=20, lr=0.05, track_dead=True) for m in alone]
    assert [h.dead_units for h in histories] == [h.dead_units for h in expected]
    assert len(histories[0].dead_units) == 21


def test_fractions_and_unit_records_agree(data):
    X, y = data
    history = train(
        make_mlp(nn.ReLU(), depth=3, width=10, bias=-0.3), X, y, steps=5, track_dead=True
    )
    for fractions, units in zip(history.dead_fraction, history.dead_units, strict=True):
        assert fractions == [len(u) / 10 for u in units]


def test_changes_between_any_two_steps():
    history = History(dead_units=[[(0, 1)], [(1, 2)], [(2,)]])
    assert dead_unit_changes(history, start=1, end=2) == [DeadUnitChanges(2, 1, 1, 0, 1)]
    assert dead_unit_changes(history, start=0, end=-2) == [DeadUnitChanges(2, 2, 1, 1, 1)]


@pytest.mark.parametrize(
    ("history", "kwargs", "error", "match"),
    [
        ([1], {}, TypeError, "history는 History여야 합니다; 받은 값: list"),
        (History(), {}, ValueError, "track_dead=True"),
        (History(dead_units=[[()]]), {"start": 1}, ValueError, r"start는 -1 이상 0 이하.*1개"),
        (History(dead_units=[[()]]), {"end": -2}, ValueError, "end는 -1 이상 0 이하"),
        (History(dead_units=[[()]]), {"end": 0.5}, TypeError, "end는 int여야"),
    ],
)
def test_dead_unit_changes_bad_arguments(history, kwargs, error, match):
    with pytest.raises(error, match=match):
        dead_unit_changes(history, **kwargs)


@pytest.mark.parametrize("gain", [0.5, 2.0, 8.0])
def test_gain_sets_the_hidden_weights_std_to_gain_over_sqrt_fan_in(gain):
    model = make_mlp(nn.Sigmoid(), depth=2, width=400, init="matched", gain=gain, seed=0)
    hidden, output = model[2].weight, model[4].weight
    assert hidden.std().item() == pytest.approx(gain / math.sqrt(400), rel=0.02)
    assert output.std().item() == pytest.approx(1 / math.sqrt(400), rel=0.05)  # output keeps g = 1
    assert torch.count_nonzero(model[2].bias) == 0


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"gain": 2.0}, ValueError, "gain은 init='matched'"),
        ({"init": "matched", "gain": 2.0, "nonlinearity": "sigmoid"}, ValueError, "gain"),
        ({"init": "matched", "gain": 0.0}, ValueError, "gain"),
        ({"init": "matched", "gain": "2"}, TypeError, "gain"),
    ],
)
def test_gain_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        make_mlp(nn.Sigmoid(), depth=2, width=4, **kwargs)
