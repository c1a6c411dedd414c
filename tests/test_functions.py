"""The lesson's functions where they need more than the generic tests: step, leaky_relu's slope,
the conventions at 0, and softmax (a vector function: rows, dims, empty and 0-d tensors).

The generic element-wise tests (special values, 16-bit values, inf/NaN, views, random inputs,
no torch activation called) run over every activation in test_activations.py. The only
references here are torch.nn.functional (F.relu, F.leaky_relu, torch.sigmoid,
torch.tanh, F.softmax) and torch autograd through them. The package's own derivative functions
are never used as a reference (they are tested against autograd in test_derivatives.py).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from parity import (
    ARRAYS,
    DTYPES,
    GRAD_TOL,
    INF,
    NAN,
    SPECIAL_NAMES,
    VALUE_TOL,
    VIEW_KINDS,
    VIEWS,
    all_values,
    apply_view,
    random_like,
    special_tensor,
    special_values,
    values_and_grad,
)

import actfn

Activation = Callable[[torch.Tensor], torch.Tensor]

SLOPES = [0.01, 0.2, 0.0, -0.5, 1.0, 1.5, 1e-8, 3]


def assert_values_match(actual: torch.Tensor, expected: torch.Tensor) -> None:
    assert actual.dtype == expected.dtype
    assert actual.shape == expected.shape
    rtol, atol = VALUE_TOL[expected.dtype]
    torch.testing.assert_close(actual, expected, rtol=rtol, atol=atol, equal_nan=True)


def assert_grads_match(
    actual: torch.Tensor | None, expected: torch.Tensor | None, atol_floor: float = 0.0
) -> None:
    assert actual is not None
    assert expected is not None
    assert actual.dtype == expected.dtype
    assert actual.shape == expected.shape
    rtol, atol = GRAD_TOL[expected.dtype]
    atol = max(atol, atol_floor)
    torch.testing.assert_close(actual, expected, rtol=rtol, atol=atol, equal_nan=True)


def softmax_grad_atol(grad_output: torch.Tensor) -> float:
    """Softmax's gradient s·(g − Σ g s) subtracts numbers of size |g|, so its absolute error is
    about one epsilon of |g| in any implementation; torch's float16 backward rounds Σ g s to
    float16 too. Measured: ours and torch are equally far from float64 autograd."""
    finite = grad_output[torch.isfinite(grad_output)].double()
    scale = finite.abs().max().item() if finite.numel() else 0.0
    return 2 * torch.finfo(grad_output.dtype).eps * scale


def check_parity(
    ours: Activation,
    ref: Activation,
    x: torch.Tensor,
    grad_output: torch.Tensor | None = None,
    view: Callable[[torch.Tensor], torch.Tensor] = lambda t: t,
    grad_atol_floor: float = 0.0,
) -> None:
    y, gx = values_and_grad(ours, x, grad_output, view)
    y_ref, gx_ref = values_and_grad(ref, x, grad_output, view)
    assert_values_match(y, y_ref)
    assert_grads_match(gx, gx_ref, grad_atol_floor)


def check_softmax_parity(
    dim: int,
    x: torch.Tensor,
    grad_output: torch.Tensor | None = None,
    view: Callable[[torch.Tensor], torch.Tensor] = lambda t: t,
) -> None:
    ours, ref = softmax_pair(dim)
    floor = 0.0 if grad_output is None else softmax_grad_atol(grad_output)
    check_parity(ours, ref, x, grad_output, view, grad_atol_floor=floor)


# ----------------------------------------------------------------------------------------------
# Element-wise functions: exhaustive special values × dtypes
# ----------------------------------------------------------------------------------------------


# ----------------------------------------------------------------------------------------------
# The step function: torch.heaviside's values; torch's zero gradient for piecewise-constant functions
# ----------------------------------------------------------------------------------------------


def _step_inputs(dtype: torch.dtype) -> torch.Tensor:
    specials = torch.tensor(list(special_values(dtype).values()), dtype=dtype)
    if dtype in (torch.float16, torch.bfloat16):
        return torch.cat([specials, all_values(dtype)])
    return torch.cat([specials, random_like(torch.empty(20_000, dtype=dtype)) * 100])


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_step_matches_torch_heaviside(dtype: torch.dtype) -> None:
    x = _step_inputs(dtype)
    expected = torch.heaviside(x, torch.zeros((), dtype=dtype))  # h(0) = 0; NaN -> 0
    assert_values_match(actfn.step(x), expected)
    grid = x[: (x.numel() // 6) * 6].reshape(6, -1)
    for view in (grid.t(), grid[:, ::2], grid[0, 0]):  # non-contiguous and 0-d
        assert_values_match(actfn.step(view), torch.heaviside(view, torch.zeros((), dtype=dtype)))


@pytest.mark.parametrize("upstream", [1.0, INF, NAN], ids=["ones", "inf", "nan"])
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_step_gradient_is_zero_like_torch_sign(dtype: torch.dtype, upstream: float) -> None:
    """torch.heaviside has no derivative; torch.sign's (zero, whatever comes from above) is
    torch's rule for a piecewise-constant function."""
    x = _step_inputs(dtype)
    grad_output = torch.full_like(x, upstream)
    ours, ref = x.clone().requires_grad_(True), x.clone().requires_grad_(True)
    (g,) = torch.autograd.grad(actfn.step(ours), ours, grad_output)
    (g_ref,) = torch.autograd.grad(torch.sign(ref), ref, grad_output)
    assert g.dtype == dtype
    assert torch.equal(g, g_ref)
    assert not g.any()


@pytest.mark.parametrize("slope", SLOPES)
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_leaky_relu_matches_torch_for_each_slope(dtype: torch.dtype, slope: float) -> None:
    """Negative and > 1 slopes are allowed, as in torch (slope 0 at x = -inf gives NaN there)."""
    x = special_tensor(dtype, repeat=5)
    check_parity(
        lambda t: actfn.leaky_relu(t, negative_slope=slope),
        lambda t: F.leaky_relu(t, negative_slope=slope),
        x,
        grad_output=random_like(x),
    )


def test_leaky_relu_default_slope_is_torchs() -> None:
    assert inspect.signature(actfn.leaky_relu).parameters["negative_slope"].default == 0.01
    assert torch.nn.LeakyReLU().negative_slope == 0.01


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_conventions_at_zero_follow_torch(dtype: torch.dtype) -> None:
    """ReLU'(0) = 0 and LeakyReLU'(0) = negative_slope, for +0 and -0."""
    x = torch.tensor([0.0, -0.0], dtype=dtype)
    for ours, ref, expected in [
        (actfn.relu, F.relu, 0.0),
        (lambda t: actfn.leaky_relu(t, 0.25), lambda t: F.leaky_relu(t, 0.25), 0.25),
        (actfn.leaky_relu, F.leaky_relu, torch.tensor(0.01, dtype=dtype).item()),
    ]:
        _, g = values_and_grad(ours, x)
        _, g_ref = values_and_grad(ref, x)
        assert g is not None
        assert g_ref is not None
        assert g.tolist() == g_ref.tolist() == [expected, expected]


# ----------------------------------------------------------------------------------------------
# Softmax
# ----------------------------------------------------------------------------------------------


def softmax_pair(dim: int) -> tuple[Activation, Activation]:
    return (lambda t: actfn.softmax(t, dim=dim)), (lambda t: F.softmax(t, dim=dim))


def graded_like(x: torch.Tensor) -> torch.Tensor:
    """An upstream gradient that is not constant along any dim (a constant one gives 0)."""
    return (torch.arange(x.numel(), dtype=torch.float64).reshape(x.shape) % 7 - 3).to(x.dtype)


@pytest.mark.parametrize("special", SPECIAL_NAMES)
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_softmax_matches_torch_with_special_value_in_row(dtype: torch.dtype, special: str) -> None:
    v = special_values(dtype)[special]
    for row in ([v, 0.5, -1.0, 2.0], [v, v], [v], [v, -v, 0.0]):
        x = torch.tensor(row, dtype=dtype)
        check_softmax_parity(-1, x, grad_output=graded_like(x))
    # a special value in one row of a (3, 4) batch, softmax along either dim
    x = random_like(torch.empty(3, 4, dtype=dtype))
    x[1, 2] = v
    for dim in (0, 1, -1, -2):
        check_softmax_parity(dim, x, grad_output=graded_like(x))


ROWS = {
    "seed_large_logits": [1000.0, 1001.0, 1002.0],
    "seed_example": [2.0, 1.0, 0.1],
    "opposite_1e4": [-1e4, 1e4],
    "float16_max_pair": [65504.0, -65504.0],
    "all_equal_large": [1e4, 1e4, 1e4],
    "all_minus_inf": [-INF, -INF, -INF],
    "contains_plus_inf": [1.0, INF, 2.0],
    "two_plus_inf": [INF, INF],
    "contains_minus_inf": [1.0, -INF, 2.0],
    "contains_nan": [1.0, NAN, 2.0],
    "single": [3.0],
    "zeros": [0.0, -0.0, 0.0],
}


@pytest.mark.parametrize("row", list(ROWS))
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_softmax_matches_torch_on_named_rows(dtype: torch.dtype, row: str) -> None:
    x = torch.tensor(ROWS[row], dtype=dtype)
    for dim in (0, -1):
        check_softmax_parity(dim, x, grad_output=graded_like(x))


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_softmax_of_seed_logits_is_finite_and_correct(dtype: torch.dtype) -> None:
    """Naive exp(x)/Σexp(x) overflows to NaN in float32; the stable softmax does not."""
    x = torch.tensor([1000.0, 1001.0, 1002.0], dtype=dtype)
    naive = torch.exp(x.float()) / torch.exp(x.float()).sum()
    assert torch.isnan(naive).all()
    s = actfn.softmax(x, dim=0)
    assert torch.isfinite(s).all()
    assert_values_match(s, F.softmax(x, dim=0))
    if dtype != torch.bfloat16:  # bfloat16 cannot hold 1001 and 1002 (8 significant bits)
        expected = torch.tensor([0.0900, 0.2447, 0.6652], dtype=torch.float64)
        atol = max(5e-5, torch.finfo(dtype).eps / 2)  # 4 printed digits, or float16's ulp
        torch.testing.assert_close(s.double(), expected, rtol=0, atol=atol)


@pytest.mark.parametrize("dim", [-3, -2, -1, 0, 1, 2])
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_softmax_matches_torch_along_every_dim(dtype: torch.dtype, dim: int) -> None:
    x = (random_like(torch.empty(2, 3, 4)) * 5).to(dtype)
    check_softmax_parity(dim, x, grad_output=random_like(x, seed=2))
    sums = actfn.softmax(x, dim=dim).double().sum(dim=dim)
    torch.testing.assert_close(sums, torch.ones_like(sums), rtol=0, atol=1e-2)


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_softmax_on_batch_of_logits_uses_dim_1(dtype: torch.dtype) -> None:
    """(N, C) logits: dim=1 normalises each example over its classes."""
    x = (random_like(torch.empty(8, 5)) * 3).to(dtype)
    check_softmax_parity(1, x, grad_output=random_like(x, seed=3))
    rows = actfn.softmax(x, dim=1).double().sum(dim=1)
    torch.testing.assert_close(rows, torch.ones(8, dtype=torch.float64), rtol=0, atol=1e-2)


@pytest.mark.parametrize(
    ("shape", "dim"),
    [((0,), 0), ((0,), -1), ((3, 0), 1), ((3, 0), 0), ((0, 3), 1), ((0, 3), 0), ((2, 0, 3), -1)],
)
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_softmax_of_empty_tensor(dtype: torch.dtype, shape: tuple[int, ...], dim: int) -> None:
    check_softmax_parity(dim, torch.empty(shape, dtype=dtype))


@pytest.mark.parametrize("dim", [0, -1])
@pytest.mark.parametrize("value", [3.0, -1e4, INF, -INF, NAN])
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_softmax_of_0d_tensor(dtype: torch.dtype, value: float, dim: int) -> None:
    check_softmax_parity(dim, torch.tensor(value, dtype=dtype))


# ----------------------------------------------------------------------------------------------
# Empty tensors, non-contiguous views
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_softmax_on_non_contiguous_views(dtype: torch.dtype, view: str) -> None:
    base = (random_like(torch.empty(4, 5, 6)) * 4).to(dtype)
    base[0, 0, 0] = NAN
    base[1, 1, 1] = -1e4
    assert not VIEWS[view](base).is_contiguous()
    # the leaf handed to the function is the view itself: check that it stays non-contiguous
    assert not VIEWS[view](base.clone()).detach().requires_grad_(True).is_contiguous()
    g = random_like(VIEWS[view](base), seed=4)
    for dim in (0, -1):
        check_softmax_parity(dim, base, grad_output=g, view=VIEWS[view])


# ----------------------------------------------------------------------------------------------
# Property-based: random shapes, values, dtypes and views
# ----------------------------------------------------------------------------------------------


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    array=ARRAYS,
    dtype=st.sampled_from(DTYPES),
    slope=st.one_of(
        st.floats(min_value=-2, max_value=2),
        st.sampled_from([0.0, -0.0, 1e-300, 1e-45, -1e-46, 3e38]),
        st.floats(min_value=-3e38, max_value=3e38),  # beyond float32's range torch raises
    ),
    view_kind=st.sampled_from(VIEW_KINDS),
    seed=st.integers(0, 2**16),
)
def test_leaky_relu_property_with_random_slope(
    array: np.ndarray, dtype: torch.dtype, slope: float, view_kind: str, seed: int
) -> None:
    """The default-parameter property test of every activation is in test_activations.py."""
    x = torch.from_numpy(array).to(dtype)
    ours, ref = (lambda t: actfn.leaky_relu(t, slope), lambda t: F.leaky_relu(t, slope))
    g = random_like(apply_view(view_kind, x), seed=seed)
    check_parity(ours, ref, x, grad_output=g, view=lambda t: apply_view(view_kind, t))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    array=ARRAYS,
    dtype=st.sampled_from(DTYPES),
    view_kind=st.sampled_from(VIEW_KINDS),
    dim_choice=st.integers(0, 9),
    scale=st.sampled_from([1.0, 10.0, 1000.0]),
    seed=st.integers(0, 2**16),
)
def test_softmax_property(
    array: np.ndarray,
    dtype: torch.dtype,
    view_kind: str,
    dim_choice: int,
    scale: float,
    seed: int,
) -> None:
    x = (torch.from_numpy(array) * scale).to(dtype)
    viewed = apply_view(view_kind, x)
    size = max(viewed.ndim, 1)
    dim = dim_choice % (2 * size) - size  # every valid dim, negative ones included
    g = random_like(viewed, seed=seed) * 3
    check_softmax_parity(dim, x, grad_output=g, view=lambda t: apply_view(view_kind, t))


# ----------------------------------------------------------------------------------------------
# Stability: the naive formulas fail where the package does not
# ----------------------------------------------------------------------------------------------


def test_naive_sigmoid_gradient_is_nan_at_minus_1e4_but_actfn_gives_0() -> None:
    x = torch.tensor(-1e4, requires_grad=True)
    naive = 1 / (1 + torch.exp(-x))
    naive.backward()
    assert naive.item() == 0.0
    assert x.grad is not None
    assert torch.isnan(x.grad)  # d/dx: -(1+e^{-x})^{-2} · (-e^{-x}) = 0 · inf

    x = torch.tensor(-1e4, requires_grad=True)
    actfn.sigmoid(x).backward()
    assert x.grad is not None
    assert x.grad.item() == 0.0

    x_ref = torch.tensor(-1e4, requires_grad=True)
    torch.sigmoid(x_ref).backward()
    assert x_ref.grad is not None
    assert x_ref.grad.item() == 0.0


# ----------------------------------------------------------------------------------------------
# Public API
# ----------------------------------------------------------------------------------------------


def test_public_api() -> None:
    lesson = {
        "step",
        "step_derivative",
        "relu",
        "leaky_relu",
        "sigmoid",
        "tanh",
        "softmax",
        "relu_derivative",
        "leaky_relu_derivative",
        "sigmoid_derivative",
        "tanh_derivative",
        "softmax_jacobian",
        "softmax_vjp",
    }
    # the modern activations (test_activations.py tests every activation)
    modern = {"gelu", "silu", "elu", "softplus", "prelu", "glu", "geglu", "swiglu"}
    modern |= {"gelu_derivative", "silu_derivative", "elu_derivative", "softplus_derivative"}
    modern |= {"prelu_derivative", "PReLU", "SwiGLUMLP"}
    modern |= {"mish", "hardsigmoid", "hardswish"}
    modern |= {"mish_derivative", "hardsigmoid_derivative", "hardswish_derivative"}
    assert set(actfn.__all__) == lesson | modern
    for name in actfn.__all__:
        assert callable(getattr(actfn, name))
        assert getattr(actfn, name).__doc__
    params = inspect.signature(actfn.softmax).parameters
    assert list(params) == ["x", "dim"]
    assert params["dim"].default is inspect.Parameter.empty  # dim is required
    assert inspect.signature(actfn.softmax_jacobian).parameters["dim"].default == -1
    assert list(inspect.signature(actfn.softmax_vjp).parameters) == ["s", "grad_output", "dim"]
