"""The closed-form derivatives, checked against torch autograd through torch.nn.functional.

Each derivative function (relu_derivative, …, softmax_jacobian, softmax_vjp) is compared with
the gradient torch autograd computes through F.relu / F.leaky_relu / torch.sigmoid / torch.tanh /
F.softmax at the same points. Higher-order and forward-mode derivatives through the package are
compared with the same references, and with finite differences (gradcheck) in float64.
"""

from __future__ import annotations

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from parity import DTYPES, INF, NAN, Fn, all_values, autograd_derivative, random_like

import actfn

# (rtol, atol) for derivatives. 1 − tanh² and σ(1 − σ) near saturation are differences of
# numbers close to 1: their absolute error is about one epsilon in any implementation.
DERIV_TOL = {
    torch.float16: (1e-3, 1e-5),
    torch.bfloat16: (1.6e-2, 1e-5),
    torch.float32: (1.3e-6, 1e-5),
    torch.float64: (1e-12, 1e-13),
}


def assert_close(actual: torch.Tensor, expected: torch.Tensor, atol_floor: float = 0.0) -> None:
    assert actual.dtype == expected.dtype
    assert actual.shape == expected.shape
    rtol, atol = DERIV_TOL[expected.dtype]
    torch.testing.assert_close(
        actual, expected, rtol=rtol, atol=max(atol, atol_floor), equal_nan=True
    )


def special_values(dtype: torch.dtype) -> dict[str, float]:
    fi = torch.finfo(dtype)
    subnormal = fi.smallest_normal * fi.eps
    return {
        "0": 0.0,
        "-0": -0.0,
        "1e-8": 1e-8,
        "-1e-8": -1e-8,
        "subnormal": subnormal,
        "-subnormal": -subnormal,
        "1": 1.0,
        "-1": -1.0,
        "20": 20.0,
        "-20": -20.0,
        "1e4": 1e4,
        "-1e4": -1e4,
        "65504": 65504.0,
        "-65504": -65504.0,
        "dtype_max": fi.max,
        "-dtype_max": -fi.max,
        "inf": INF,
        "-inf": -INF,
        "nan": NAN,
    }


SPECIAL_NAMES = list(special_values(torch.float32))


# name -> (closed-form derivative, torch function whose autograd is the reference)
def step_reference(t: torch.Tensor) -> torch.Tensor:
    """The step function from torch.sign, so that autograd has a graph to go through.

    torch.heaviside has the values but no derivative at all; torch gives piecewise-constant
    functions (sign, floor, round) a zero gradient, and so does this reference. Values equal
    torch.heaviside(t, 0) except at NaN (NaN here, 0 there), which the tests below never compare.
    """
    sign = torch.sign(t)
    return (sign + sign.abs()) / 2


# The element-wise activations' derivatives are tested generically in test_activations.py (from
# their records); here the step function, whose torch reference is built from torch.sign, and
# softmax, whose derivative is a Jacobian.
DERIVATIVES: dict[str, tuple[Fn, Fn]] = {
    "step": (actfn.step_derivative, step_reference),
}
# name -> (package activation, torch reference)
ACTIVATIONS: dict[str, tuple[Fn, Fn]] = {
    "step": (actfn.step, step_reference),
    "softmax_dim0": (lambda t: actfn.softmax(t, dim=0), lambda t: F.softmax(t, dim=0)),
    "softmax_dim-1": (lambda t: actfn.softmax(t, dim=-1), lambda t: F.softmax(t, dim=-1)),
}


# ----------------------------------------------------------------------------------------------
# Element-wise derivatives against autograd
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("special", SPECIAL_NAMES)
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("name", list(DERIVATIVES))
def test_derivative_matches_autograd_at_special_value(
    name: str, dtype: torch.dtype, special: str
) -> None:
    deriv, ref = DERIVATIVES[name]
    x = torch.tensor([special_values(dtype)[special]], dtype=dtype)
    assert_close(deriv(x), autograd_derivative(ref, x))
    assert_close(deriv(x[0]), autograd_derivative(ref, x[0]))  # 0-d


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16], ids=str)
@pytest.mark.parametrize("name", list(DERIVATIVES))
def test_derivative_matches_autograd_on_every_16_bit_value(name: str, dtype: torch.dtype) -> None:
    deriv, ref = DERIVATIVES[name]
    x = all_values(dtype)
    assert_close(deriv(x), autograd_derivative(ref, x))


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=str)
@pytest.mark.parametrize("name", list(DERIVATIVES))
def test_derivative_matches_autograd_on_a_dense_grid(name: str, dtype: torch.dtype) -> None:
    deriv, ref = DERIVATIVES[name]
    x = torch.linspace(-30, 30, 60001, dtype=torch.float64).to(dtype)
    assert_close(deriv(x), autograd_derivative(ref, x))


@pytest.mark.parametrize("slope", [0.01, 0.2, 0.0, -0.5, 1.0, 2.5, 1e-300])
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_leaky_relu_derivative_matches_autograd_for_each_slope(
    dtype: torch.dtype, slope: float
) -> None:
    x = torch.tensor(list(special_values(dtype).values()), dtype=dtype)
    expected = autograd_derivative(lambda t: F.leaky_relu(t, slope), x)
    assert_close(actfn.leaky_relu_derivative(x, slope), expected)
    assert_close(actfn.leaky_relu_derivative(x, negative_slope=slope), expected)


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_derivatives_at_zero_follow_torch_conventions(dtype: torch.dtype) -> None:
    """ReLU'(0) = 0, LeakyReLU'(0) = negative_slope, σ'(0) = 0.25, tanh'(0) = 1 (±0)."""
    x = torch.tensor([0.0, -0.0], dtype=dtype)
    cases = [
        (actfn.relu_derivative(x), F.relu, 0.0),
        (actfn.leaky_relu_derivative(x), F.leaky_relu, torch.tensor(0.01, dtype=dtype).item()),
        (actfn.sigmoid_derivative(x), torch.sigmoid, 0.25),
        (actfn.tanh_derivative(x), torch.tanh, 1.0),
    ]
    for ours, ref, expected in cases:
        assert ours.tolist() == autograd_derivative(ref, x).tolist() == [expected, expected]


def test_book_facts_about_the_maximum_slope() -> None:
    """σ' peaks at 0.25 and tanh' at 1, both at x = 0 (why tanh suffers less vanishing)."""
    x = torch.arange(-10_000, 10_001, dtype=torch.float64) / 1000  # contains exactly 0.0
    ds = actfn.sigmoid_derivative(x)
    dt = actfn.tanh_derivative(x)
    torch.testing.assert_close(ds, autograd_derivative(torch.sigmoid, x), rtol=1e-12, atol=0)
    torch.testing.assert_close(dt, autograd_derivative(torch.tanh, x), rtol=1e-12, atol=1e-15)
    assert ds.max().item() == 0.25
    assert dt.max().item() == 1.0
    assert x[ds.argmax()].item() == 0.0
    assert x[dt.argmax()].item() == 0.0


# ----------------------------------------------------------------------------------------------
# Backprop through the package is exactly the closed-form derivative (the book's claim)
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("name", list(DERIVATIVES))
def test_backprop_computes_exactly_the_closed_form_derivative(
    name: str, dtype: torch.dtype
) -> None:
    """Not a parity check (that is test_functions.py): the wiring the book describes."""
    activation = ACTIVATIONS[name][0]
    deriv = DERIVATIVES[name][0]
    x = torch.tensor(list(special_values(dtype).values()), dtype=dtype, requires_grad=True)
    activation(x).sum().backward()
    assert x.grad is not None
    torch.testing.assert_close(x.grad, deriv(x.detach()), rtol=0, atol=0, equal_nan=True)


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_softmax_backprop_computes_exactly_softmax_vjp(dtype: torch.dtype) -> None:
    x = (random_like(torch.empty(4, 5)) * 3).to(dtype).requires_grad_(True)
    g = random_like(x, seed=1)
    s = actfn.softmax(x, dim=1)
    s.backward(g)
    assert x.grad is not None
    expected = actfn.softmax_vjp(s.detach(), g, dim=1)
    torch.testing.assert_close(x.grad, expected, rtol=0, atol=0)


# ----------------------------------------------------------------------------------------------
# Softmax Jacobian and vector-Jacobian product against autograd
# ----------------------------------------------------------------------------------------------


def reference_jacobian(x: torch.Tensor, dim: int) -> torch.Tensor:
    """Per-row Jacobians of F.softmax(x, dim), by torch autograd: shape (*, n, n)."""
    if x.ndim == 0:
        return torch.autograd.functional.jacobian(lambda v: F.softmax(v, dim), x)
    moved = x.movedim(dim, -1)
    lead, n = moved.shape[:-1], moved.shape[-1]
    if x.numel() == 0:  # nothing to differentiate: only the shape can be checked
        return torch.empty(*lead, n, n, dtype=x.dtype)

    def rows_to_rows(v: torch.Tensor) -> torch.Tensor:
        original_layout = v.reshape(*lead, n).movedim(-1, dim)
        return F.softmax(original_layout, dim).movedim(dim, -1).reshape(-1, n)

    full = torch.autograd.functional.jacobian(rows_to_rows, moved.reshape(-1, n))  # (B, n, B, n)
    blocks = torch.diagonal(full, dim1=0, dim2=2)  # (n, n, B): the row-with-itself blocks
    return blocks.permute(2, 0, 1).reshape(*lead, n, n)


def reference_vjp(x: torch.Tensor, g: torch.Tensor, dim: int) -> torch.Tensor:
    leaf = x.detach().clone().requires_grad_(True)
    (grad,) = torch.autograd.grad(F.softmax(leaf, dim), leaf, g)
    return grad


def softmax_atol(dtype: torch.dtype, g_scale: float = 1.0) -> float:
    """s·(g − Σ g s) subtracts numbers of size |g|: an absolute error of ~eps·|g| is inherent."""
    return 2 * torch.finfo(dtype).eps * g_scale


JACOBIAN_CASES = [
    ((3,), 0),
    ((3,), -1),
    ((1,), 0),
    ((4, 3), 1),
    ((4, 3), -1),
    ((4, 3), 0),
    ((2, 3, 4), 1),
    ((2, 3, 4), -3),
    ((0,), 0),
    ((3, 0), 1),
    ((0, 3), 1),
    ((), 0),
    ((), -1),
]


@pytest.mark.parametrize(("shape", "dim"), JACOBIAN_CASES)
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_softmax_jacobian_matches_autograd(
    dtype: torch.dtype, shape: tuple[int, ...], dim: int
) -> None:
    x = (random_like(torch.empty(shape)) * 3).to(dtype)
    assert_close(actfn.softmax_jacobian(x, dim), reference_jacobian(x, dim), softmax_atol(dtype))


@pytest.mark.parametrize("special", SPECIAL_NAMES)
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_softmax_jacobian_and_vjp_with_special_value(dtype: torch.dtype, special: str) -> None:
    v = special_values(dtype)[special]
    x = torch.tensor([[v, 0.5, -1.0], [2.0, v, v]], dtype=dtype)
    g = torch.tensor([[1.0, -2.0, 0.5], [3.0, 0.0, -1.0]], dtype=dtype)
    for dim in (0, 1):
        assert_close(
            actfn.softmax_jacobian(x, dim), reference_jacobian(x, dim), softmax_atol(dtype)
        )
        s = F.softmax(x, dim)
        assert_close(actfn.softmax_vjp(s, g, dim), reference_vjp(x, g, dim), softmax_atol(dtype, 3))


def test_softmax_jacobian_of_seed_example() -> None:
    x = torch.tensor([2.0, 1.0, 0.1], dtype=torch.float64)
    jac = actfn.softmax_jacobian(x)
    torch.testing.assert_close(jac, reference_jacobian(x, 0), rtol=1e-12, atol=1e-15)
    torch.testing.assert_close(jac, jac.T)  # symmetric
    torch.testing.assert_close(jac.sum(dim=1), torch.zeros(3, dtype=torch.float64))


@pytest.mark.parametrize("dim", [0, 1, 2, -1, -2, -3])
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_softmax_vjp_matches_autograd(dtype: torch.dtype, dim: int) -> None:
    x = (random_like(torch.empty(2, 3, 4)) * 3).to(dtype)
    g = random_like(x, seed=1)
    s = F.softmax(x, dim)
    assert_close(actfn.softmax_vjp(s, g, dim), reference_vjp(x, g, dim), softmax_atol(dtype, 4))


@pytest.mark.parametrize(("shape", "dim"), [((), 0), ((), -1), ((0,), 0), ((3, 0), 1)])
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_softmax_vjp_of_0d_and_empty(dtype: torch.dtype, shape: tuple[int, ...], dim: int) -> None:
    x = random_like(torch.empty(shape)).to(dtype)
    g = random_like(x, seed=1)
    assert_close(actfn.softmax_vjp(F.softmax(x, dim), g, dim), reference_vjp(x, g, dim))


def test_softmax_vjp_accepts_non_contiguous_inputs() -> None:
    x = random_like(torch.empty(5, 4, dtype=torch.float64)).t()
    g = random_like(torch.empty(4, 10, dtype=torch.float64), seed=1)[:, ::2]
    assert not x.is_contiguous()
    assert not g.is_contiguous()
    for dim in (0, 1):
        s = F.softmax(x, dim)
        assert_close(actfn.softmax_vjp(s, g, dim), reference_vjp(x, g, dim))
        assert_close(actfn.softmax_jacobian(x, dim), reference_jacobian(x, dim))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    array=hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4),
        elements=st.one_of(
            st.floats(min_value=-50, max_value=50),
            st.sampled_from([0.0, -0.0, 1e4, -1e4, INF, -INF, NAN]),
        ),
    ),
    dtype=st.sampled_from(DTYPES),
    dim_choice=st.integers(0, 7),
    seed=st.integers(0, 2**16),
)
def test_softmax_jacobian_and_vjp_property(
    array: np.ndarray, dtype: torch.dtype, dim_choice: int, seed: int
) -> None:
    x = torch.from_numpy(array).to(dtype)
    size = max(x.ndim, 1)
    dim = dim_choice % (2 * size) - size
    g = random_like(x, seed=seed)
    g_scale = g.double().abs().max().item() if g.numel() else 1.0
    atol = softmax_atol(dtype, g_scale)
    assert_close(actfn.softmax_jacobian(x, dim), reference_jacobian(x, dim), softmax_atol(dtype))
    assert_close(actfn.softmax_vjp(F.softmax(x, dim), g, dim), reference_vjp(x, g, dim), atol)


# ----------------------------------------------------------------------------------------------
# Higher-order and forward-mode derivatives through the package
# ----------------------------------------------------------------------------------------------

SECOND_ORDER_POINTS = [-1e4, -30.0, -2.0, -0.5, 0.0, 0.7, 3.0, 30.0, 1e4, INF, -INF, NAN]


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=str)
@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_second_derivative_matches_autograd(name: str, dtype: torch.dtype) -> None:
    """d/dx of (the gradient) through the package equals torch's double backward."""
    ours, ref = ACTIVATIONS[name]
    x = torch.tensor(SECOND_ORDER_POINTS, dtype=dtype).reshape(3, 4)
    w1, w2 = random_like(x, seed=1), random_like(x, seed=2)

    def second(fn: Fn) -> torch.Tensor:
        leaf = x.clone().requires_grad_(True)
        (g1,) = torch.autograd.grad(fn(leaf), leaf, w1, create_graph=True)
        if not g1.requires_grad:  # piecewise-linear: the gradient does not depend on x
            return torch.zeros_like(x)
        (g2,) = torch.autograd.grad(g1, leaf, w2, allow_unused=True, materialize_grads=True)
        return g2

    assert_close(second(ours), second(ref), softmax_atol(dtype, 10))


# torch's forward-mode AD scripts its decompositions on first use and torch 2.13 warns about
# its own torch.jit.script call (torch.sigmoid alone triggers it): not something actfn emits.
TORCH_FORWARD_AD_WARNING = pytest.mark.filterwarnings(
    "ignore:`torch.jit.script` is deprecated:DeprecationWarning"
)


@TORCH_FORWARD_AD_WARNING
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=str)
@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_forward_mode_and_torch_func_match_torch(name: str, dtype: torch.dtype) -> None:
    ours, ref = ACTIVATIONS[name]
    x = torch.tensor(SECOND_ORDER_POINTS[:-3], dtype=dtype).reshape(3, 3)
    tangent = random_like(x, seed=3)
    (y, jvp), (y_ref, jvp_ref) = (
        torch.func.jvp(ours, (x,), (tangent,)),
        torch.func.jvp(ref, (x,), (tangent,)),
    )
    assert_close(y, y_ref)
    assert_close(jvp, jvp_ref, softmax_atol(dtype, 3))
    jac = torch.func.vmap(torch.func.jacrev(ours))(x)
    jac_ref = torch.func.vmap(torch.func.jacrev(ref))(x)
    assert_close(jac, jac_ref, softmax_atol(dtype))
    hess = torch.func.hessian(lambda v: ours(v).sum())(x[1])
    hess_ref = torch.func.hessian(lambda v: ref(v).sum())(x[1])
    assert_close(hess, hess_ref, softmax_atol(dtype, 10))


@TORCH_FORWARD_AD_WARNING
@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_gradcheck_against_finite_differences(name: str) -> None:
    ours = ACTIVATIONS[name][0]
    # keep away from ReLU's kink at 0, where finite differences are meaningless
    x = (random_like(torch.empty(3, 4, dtype=torch.float64)) * 3).requires_grad_(True)
    x.data[x.data.abs() < 0.1] = 0.5
    assert torch.autograd.gradcheck(ours, (x,))
    assert torch.autograd.gradgradcheck(ours, (x,))
    assert torch.autograd.gradcheck(ours, (x,), check_forward_ad=True, check_backward_ad=False)


def test_float16_sigmoid_backward_is_accurate() -> None:
    """Why test_functions.py allows 2 ulps for float16 gradients against torch.

    Reference: float64 autograd through torch.sigmoid at the same float16 inputs and upstream
    gradients. For |x| <= 1 (no saturation, where rounding σ itself dominates any backward)
    actfn's float16 gradient is within 1.5 ulps of it. torch 2.13's own float16 sigmoid
    backward was measured up to 2.2 ulps away there, hence 2 ulps between the two.
    """
    x = all_values(torch.float16)
    x = x[torch.isfinite(x) & (x.abs() <= 1)]
    g = random_like(x, seed=1)
    leaf = x.double().requires_grad_(True)
    torch.sigmoid(leaf).backward(g.double())
    assert leaf.grad is not None
    exact = leaf.grad
    ours_leaf = x.clone().requires_grad_(True)
    actfn.sigmoid(ours_leaf).backward(g)
    assert ours_leaf.grad is not None
    # the spacing of float16 numbers at each exact value (subnormal spacing below 2**-14)
    exponent = torch.floor(torch.log2(exact.abs().clamp_min(2.0**-14)))
    spacing = torch.finfo(torch.float16).eps * 2.0**exponent
    ulps = (ours_leaf.grad.double() - exact).abs() / spacing
    assert ulps.max().item() <= 1.5
