"""Every activation of the package against torch, grouped by property (the OpInfo pattern).

The activations come from one record each (``actfn.activations.ACTIVATIONS``, through
``tests/cases.py``): values at special points, every 16-bit value and a dense grid, inf/NaN
upstream gradients, empty tensors, non-contiguous views, random inputs (hypothesis), finite
extremes, the closed-form derivatives, higher-order and forward-mode derivatives, vmap, gradcheck
and bad input. A new record passes through all of them. Function-specific behaviour (parameters,
PReLU's slope gradient, the gated units, documented differences from torch) follows.

References are torch.nn.functional (F.relu, …, F.mish, F.hardswish, and ``a * F.gelu(b)`` /
``a * F.silu(b)`` for the gated variants) and torch autograd through them;
the package's own derivative functions are never a reference. Where torch's formula itself loses
accuracy, ``mpmath`` at 50 digits is the independent judge (``test_*_is_accurate_*``).

Where actfn deliberately differs from torch 2.13, the parity check makes a named allowance and a
separate test documents the difference:

1. GELU tail: torch computes ½x(1 + erf(x/√2)) and ½x(1 + tanh u). For x ≪ 0 the sum 1 + (≈ −1)
   keeps only an absolute accuracy of about one epsilon of torch's compute dtype, so torch's value
   is off by up to ~|x|·eps (it is −0 below x ≈ −5.5 in float32). actfn uses ½·erfc(−x/√2) and
   x·σ(2u), accurate to a few ulps. Allowance: |x|·eps for x < 0.
2. GELU of huge x: torch's vectorized CPU path (tensors of two or more float16/bfloat16/float32
   elements) overflows for x above half the float32 maximum (inf instead of x) and gives NaN at
   +inf; its scalar path and float64 give x and +inf. actfn gives x and +inf.
3. SiLU tail: torch computes x/(1 + e^{−x}); where e^{−x} overflows (x < −88.7 in float32) it
   returns −0 instead of x·e^{x}, a number smaller than |x|/max. Allowance: 2|x|/max for x < 0.
4. tanh-GELU gradient at huge finite |x|: torch's 1 + 3κx² overflows (|x| > 1.8e19 in float32)
   and 0·inf gives NaN; actfn gives the limit (1 for x > 0, 0 for x < 0).
5. Softplus with a threshold above e^{βx}'s overflow point: torch's log1p(exp(βx)) is inf (and
   its gradient NaN); actfn's max(z, 0) + log1p(e^{−|z|}) stays finite. The default threshold 20
   never reaches it, so parity tests use thresholds where torch does not overflow.
6. ELU's gradient at a NaN input: torch gives NaN for tensors of 32 or more elements (its
   vectorized path) and 1 for shorter ones. actfn gives NaN always.
7. F.glu's float16/bfloat16 backward runs in the 16-bit type and is off by tens of ulps; actfn's
   is correctly rounded. The gated references are therefore torch's functions evaluated in float32
   (torch's own compute dtype for 16-bit inputs) and rounded once.
8. PReLU's forward-mode derivative at x = 0: torch's is 1 while its backward gives the slope a;
   actfn gives a both ways (as F.leaky_relu does).
9. Hard sigmoid's float64 gradient: torch multiplies by 1/6 written as a float32 constant
   (0.1666666716…); actfn uses the float64 value of 1/6.
10. Hard swish of huge x: torch computes x·(x + 3 clipped to [0, 6]) before dividing by 6, which
    overflows to inf for x above a sixth of float32's maximum; actfn divides first and gives x.
    Its gradient at a NaN input is NaN on torch's vectorized path and 1 on its scalar path (as
    6.); actfn gives NaN. Mish's tail is like SiLU's (3.): where torch's e^x underflows, its
    derivative has the wrong sign, so an infinite upstream gradient gives the opposite infinity.
11. Mish's second derivative at large finite x (10⁴ here): torch's double backward overflows e^x
    and gives NaN; actfn gives the limit 0.

In 3., the same overflow makes torch's SiLU (and σ, Mish) gradient exactly 0 below x ≈ −88.7, so
an infinite upstream gradient gives NaN there; actfn's derivative is the tiny negative x·e^x·(1 + …)
and gives −(upstream) (for σ the tiny positive e^x: +upstream).
"""

from __future__ import annotations

import functools
import inspect
import math
import warnings
from collections.abc import Callable
from typing import Any

import mpmath
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from cases import (
    DERIVATIVES,
    ELEMENTWISE,
    SLOPE,
    TORCH_ACTIVATIONS,
    TWICE_DIFFERENTIABLE_REFERENCE,
    check_derivative,
    check_parity,
    fix_torch_grads,
    prelu_ours,
    prelu_ref,
    raised_by_validation,
    torch_exp_overflows,
    torch_value_error_bound,
)
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from parity import (
    ARRAYS,
    DTYPES,
    GRAD_TOL,
    INF,
    NAN,
    SPECIAL_NAMES,
    TORCH_COMPUTE,
    VALUE_TOL,
    VIEW_KINDS,
    VIEWS,
    Fn,
    all_values,
    apply_view,
    assert_close_elementwise,
    autograd_derivative,
    random_like,
    special_tensor,
    special_values,
    values_and_grad,
)

import actfn

# torch's forward-mode AD scripts its decompositions on first use and torch 2.13 warns about
# its own torch.jit.script call: not something actfn emits.
TORCH_FORWARD_AD_WARNING = pytest.mark.filterwarnings(
    "ignore:`torch.jit.script` is deprecated:DeprecationWarning"
)


@pytest.mark.parametrize("special", SPECIAL_NAMES)
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("name", list(ELEMENTWISE))
def test_elementwise_matches_torch_at_special_value(
    name: str, dtype: torch.dtype, special: str
) -> None:
    x = torch.tensor([special_values(dtype)[special]], dtype=dtype)
    check_parity(name, x)
    check_parity(name, x.reshape(()))  # 0-d


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("name", list(ELEMENTWISE))
def test_elementwise_matches_torch_on_long_tensor_with_random_upstream_grad(
    name: str, dtype: torch.dtype
) -> None:
    x = special_tensor(dtype, repeat=7)
    check_parity(name, x)
    check_parity(name, x, grad_output=random_like(x))


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16], ids=str)
@pytest.mark.parametrize("name", list(ELEMENTWISE))
def test_elementwise_matches_torch_on_every_16_bit_value(name: str, dtype: torch.dtype) -> None:
    """All 65536 float16 / bfloat16 values, including every NaN payload and subnormal."""
    x = all_values(dtype)
    check_parity(name, x)
    check_parity(name, x, grad_output=random_like(x, seed=1))


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=str)
@pytest.mark.parametrize("name", list(ELEMENTWISE))
def test_elementwise_matches_torch_on_a_dense_grid(name: str, dtype: torch.dtype) -> None:
    x = torch.linspace(-40, 40, 80001, dtype=torch.float64).to(dtype)
    check_parity(name, x, grad_output=random_like(x, seed=2))


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("name", list(ELEMENTWISE))
def test_elementwise_propagates_inf_and_nan_upstream_gradients_like_torch(
    name: str, dtype: torch.dtype
) -> None:
    """0 · inf: PReLU's slope and ELU's α·e^x multiply (NaN where the derivative is 0), as torch."""
    xs = [-2.0, -0.0, 0.0, 3.0, -1e4, 1e4, -100.0, NAN, INF, -INF]
    x = torch.tensor(xs * 3, dtype=dtype)
    g = torch.tensor([INF] * len(xs) + [-INF] * len(xs) + [NAN] * len(xs), dtype=dtype)
    check_parity(name, x, grad_output=g)


@pytest.mark.parametrize("shape", [(0,), (2, 0), (0, 3, 1)])
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("name", list(ELEMENTWISE))
def test_elementwise_of_empty_tensor(name: str, dtype: torch.dtype, shape: tuple[int, ...]) -> None:
    check_parity(name, torch.empty(shape, dtype=dtype))


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("name", list(ELEMENTWISE))
def test_non_contiguous_views(name: str, dtype: torch.dtype, view: str) -> None:
    base = (random_like(torch.empty(4, 5, 6)) * 4).to(dtype)
    base[0, 0, 0] = NAN
    base[1, 1, 1] = -1e4
    base[2, 2, 2] = -30.0
    assert not VIEWS[view](base.clone()).detach().requires_grad_(True).is_contiguous()
    g = random_like(VIEWS[view](base), seed=4)
    check_parity(name, base, grad_output=g, view=VIEWS[view])


# -- parameters -------------------------------------------------------------------------------

ALPHAS = [1.0, 0.5, 2.0, 0.0, -0.5, 1e-8, 1.6732632423543772, 1e-300]
BETAS = [1.0, 2.0, 0.5, 10.0, 1e-3, -1.0, -3.0]
# Thresholds on βx below 88.7, where torch's exp(βx) would overflow in float32 (see 5.). Not -inf either: torch computes βx in float32 for
# bfloat16, where β·(−max) overflows to −inf and "βx > −inf" flips; the threshold means nothing then.
THRESHOLDS = [20.0, 5.0, 0.0, -3.0, 80.0]
PRELU_SLOPES = [0.25, 0.0, -0.5, 1.0, 2.5, 1e-8, 0.01]


@pytest.mark.parametrize("alpha", ALPHAS)
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_elu_matches_torch_for_each_alpha(dtype: torch.dtype, alpha: float) -> None:
    x = special_tensor(dtype, repeat=5)
    fns = (lambda t: actfn.elu(t, alpha=alpha), lambda t: F.elu(t, alpha=alpha))
    check_parity("elu", x, grad_output=random_like(x), fns=fns)


@pytest.mark.parametrize("threshold", THRESHOLDS)
@pytest.mark.parametrize("beta", BETAS)
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_softplus_matches_torch_for_each_beta_and_threshold(
    dtype: torch.dtype, beta: float, threshold: float
) -> None:
    x = torch.cat([special_tensor(dtype, repeat=3), torch.linspace(-60, 60, 241).to(dtype)])
    fns = (
        lambda t: actfn.softplus(t, beta=beta, threshold=threshold),
        lambda t: F.softplus(t, beta=beta, threshold=threshold),
    )
    check_parity("softplus", x, grad_output=random_like(x), fns=fns)


@pytest.mark.parametrize("slope", PRELU_SLOPES)
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_prelu_with_one_slope_matches_torch(dtype: torch.dtype, slope: float) -> None:
    x = special_tensor(dtype, repeat=5)
    w = torch.tensor([slope], dtype=dtype)
    fns = (lambda t: actfn.prelu(t, w), lambda t: F.prelu(t, w))
    check_parity("prelu", x, grad_output=random_like(x), fns=fns)
    w0 = w.reshape(())  # a 0-d weight is accepted too, as by torch
    fns = (lambda t: actfn.prelu(t, w0), lambda t: F.prelu(t, w0))
    check_parity("prelu", x, grad_output=random_like(x), fns=fns)


def test_defaults_are_torchs() -> None:
    def default(fn: Callable[..., Any], arg: str) -> object:
        return inspect.signature(fn).parameters[arg].default

    assert default(actfn.gelu, "approximate") == torch.nn.GELU().approximate == "none"
    assert default(actfn.elu, "alpha") == torch.nn.ELU().alpha == 1.0
    assert default(actfn.softplus, "beta") == torch.nn.Softplus().beta == 1.0
    assert default(actfn.softplus, "threshold") == torch.nn.Softplus().threshold == 20.0
    assert default(actfn.glu, "dim") == torch.nn.GLU().dim == -1
    assert default(actfn.PReLU, "init") == torch.nn.PReLU().init == 0.25
    assert default(actfn.PReLU, "num_parameters") == torch.nn.PReLU().num_parameters == 1
    for fn in (actfn.gelu_derivative, actfn.geglu):
        assert default(fn, "approximate") == "none"
    assert default(actfn.elu_derivative, "alpha") == 1.0
    assert default(actfn.softplus_derivative, "beta") == 1.0
    assert default(actfn.softplus_derivative, "threshold") == 20.0


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_conventions_at_zero_follow_torch(dtype: torch.dtype) -> None:
    """GELU'(0) = SiLU'(0) = Softplus'(0) = 0.5, ELU'(0) = α, PReLU'(0) = a, for +0 and -0."""
    x = torch.tensor([0.0, -0.0], dtype=dtype)
    cases: list[tuple[Fn, Fn, float]] = [
        (actfn.gelu, F.gelu, 0.5),
        (lambda t: actfn.gelu(t, "tanh"), lambda t: F.gelu(t, approximate="tanh"), 0.5),
        (actfn.silu, F.silu, 0.5),
        (actfn.softplus, F.softplus, 0.5),
        (lambda t: actfn.elu(t, 0.5), lambda t: F.elu(t, 0.5), 0.5),
        (prelu_ours, prelu_ref, SLOPE),
    ]
    for ours, ref, expected in cases:
        _, g = values_and_grad(ours, x)
        _, g_ref = values_and_grad(ref, x)
        assert g is not None
        assert g_ref is not None
        assert g.tolist() == g_ref.tolist() == [expected, expected]


# ----------------------------------------------------------------------------------------------
# PReLU: a slope per channel (dim 1), gradients for the slope too, and the nn.Module
# ----------------------------------------------------------------------------------------------

# (input shape, number of slopes)
PRELU_SHAPES = [
    ((5, 3), 3),
    ((4, 3, 7), 3),
    ((2, 3, 4, 5), 3),
    ((4, 3), 1),
    ((4, 1, 3), 1),
    ((6,), 1),
    ((), 1),
    ((0, 3), 3),
    ((2, 3, 0), 3),
]


def prelu_values_and_grads(
    fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
    x: torch.Tensor,
    w: torch.Tensor,
    g: torch.Tensor,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    lx = x.clone().requires_grad_(True)
    lw = w.clone().requires_grad_(True)
    y = fn(lx, lw)
    y.backward(g)
    assert lx.grad is not None
    assert lw.grad is not None
    return y.detach(), lx.grad, lw.grad


def check_prelu_parity(x: torch.Tensor, w: torch.Tensor, g: torch.Tensor) -> None:
    y, gx, gw = prelu_values_and_grads(actfn.prelu, x, w, g)
    y_ref, gx_ref, gw_ref = prelu_values_and_grads(F.prelu, x, w, g)
    rtol, atol = VALUE_TOL[x.dtype]
    assert_close_elementwise(y, y_ref, rtol=rtol, atol=atol)
    rtol, atol = GRAD_TOL[x.dtype]
    assert_close_elementwise(gx, gx_ref, rtol=rtol, atol=atol, what="input gradients")
    # The slope's gradient is a sum of g·min(0, x): torch rounds each product to the dtype before
    # summing, so its error is about eps·Σ|g·x| (per channel).
    terms = (g.double() * x.double()).abs().nan_to_num(0.0, 0.0, 0.0)
    if w.numel() != 1:
        scale = terms.sum(dim=[d for d in range(x.ndim) if d != 1])
    else:
        scale = terms.sum().reshape(w.shape)
    floor = atol + 2 * torch.finfo(x.dtype).eps * scale
    # A product g·x beyond the dtype's maximum is inf in torch (and inf − inf = NaN in its sum);
    # actfn sums in float64 and rounds once. Those slopes are left out (the overflow edge).
    big = terms > torch.finfo(x.dtype).max
    if w.numel() != 1:
        edge = big.any(dim=[d for d in range(x.ndim) if d != 1]) if x.ndim >= 2 else big.any()
    else:
        edge = big.any().reshape(())
    edge = edge.reshape(w.shape) if w.numel() else torch.zeros_like(gw, dtype=torch.bool)
    assert_close_elementwise(
        torch.where(edge, 0.0, gw),
        torch.where(edge, 0.0, gw_ref),
        rtol=rtol,
        atol=floor,
        what="slope gradients",
    )


@pytest.mark.parametrize(("shape", "slopes"), PRELU_SHAPES, ids=str)
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_prelu_per_channel_matches_torch_including_the_slope_gradient(
    dtype: torch.dtype, shape: tuple[int, ...], slopes: int
) -> None:
    x = (random_like(torch.empty(shape)) * 4).to(dtype)
    w = torch.linspace(-0.5, 2.0, slopes, dtype=torch.float64).to(dtype)
    g = random_like(x, seed=1)
    check_prelu_parity(x, w, g)
    if x.numel() >= 6:  # special values: NaN and inf must reach the same slopes' gradients
        flat = x.reshape(-1)
        flat[:6] = torch.tensor([NAN, -INF, INF, -0.0, -1e4, 0.0], dtype=dtype)
        check_prelu_parity(x, w, g)


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_prelu_module_matches_torch_module(dtype: torch.dtype) -> None:
    ours = actfn.PReLU(num_parameters=3, dtype=dtype)
    ref = torch.nn.PReLU(num_parameters=3, dtype=dtype)
    assert torch.equal(ours.weight, ref.weight)
    assert repr(ours) == repr(ref) == "PReLU(num_parameters=3)"
    assert [n for n, _ in ours.named_parameters()] == [n for n, _ in ref.named_parameters()]
    x = (random_like(torch.empty(8, 3, 5)) * 3).to(dtype)
    for module in (ours, ref):
        optimizer = torch.optim.SGD(module.parameters(), lr=0.1)
        for _ in range(3):
            optimizer.zero_grad()
            (module(x) ** 2).mean().backward()
            optimizer.step()
    rtol, atol = GRAD_TOL[dtype]
    torch.testing.assert_close(ours.weight, ref.weight, rtol=rtol, atol=atol)
    # a state dict moves between the two
    ours.load_state_dict(torch.nn.PReLU(3, init=0.1, dtype=dtype).state_dict())
    assert ours.weight.tolist() == torch.full((3,), 0.1, dtype=dtype).tolist()
    ours.reset_parameters()
    assert ours.weight.tolist() == torch.full((3,), 0.25, dtype=dtype).tolist()


def test_prelu_module_learns_its_slope() -> None:
    """The slope is a parameter: fitting PReLU to a leaky ReLU with slope 0.1 recovers 0.1."""
    act = actfn.PReLU()
    x = torch.linspace(-3, 3, 61)
    target = F.leaky_relu(x, 0.1)
    optimizer = torch.optim.SGD(act.parameters(), lr=0.2)
    for _ in range(200):
        optimizer.zero_grad()
        F.mse_loss(act(x), target).backward()
        optimizer.step()
    assert act.weight.item() == pytest.approx(0.1, abs=1e-4)


# ----------------------------------------------------------------------------------------------
# Gated linear units: [a, b] = x along dim, a ⊗ act(b)
# ----------------------------------------------------------------------------------------------


def _torch_gated(act: Fn) -> Callable[[torch.Tensor, int], torch.Tensor]:
    """a * act(b) from torch's functions, evaluated like one torch op: in torch's compute dtype
    (float32 for 16-bit inputs) and rounded once. In float16 itself, act(b) would be rounded
    before the product (a tiny GELU(b) becomes 0, then a·0 = 0 however large a is)."""

    def gated(t: torch.Tensor, dim: int) -> torch.Tensor:
        a, b = torch.tensor_split(t.to(TORCH_COMPUTE[t.dtype]), 2, dim=dim)
        return (a * act(b)).to(t.dtype)

    return gated


# name -> (package function, torch reference, the gate's name in ELEMENTWISE or "glu_gate")
GATED: dict[str, tuple[Callable[..., torch.Tensor], Callable[[torch.Tensor, int], Any], str]] = {
    # 7.: F.glu's own float16/bfloat16 backward is tens of ulps off; like the composites, it is
    # evaluated in float32 and rounded once (test_torch_glu_half_backward_is_less_accurate).
    "glu": (
        actfn.glu,
        lambda t, dim: F.glu(t.to(TORCH_COMPUTE[t.dtype]), dim).to(t.dtype),
        "glu_gate",
    ),
    "geglu": (actfn.geglu, _torch_gated(F.gelu), "gelu"),
    "geglu_tanh": (
        functools.partial(actfn.geglu, approximate="tanh"),
        _torch_gated(functools.partial(F.gelu, approximate="tanh")),
        "gelu_tanh",
    ),
    "swiglu": (actfn.swiglu, _torch_gated(F.silu), "silu"),
}


def gate_tail(gate: str, b: torch.Tensor) -> torch.Tensor:
    """Where torch's gate or its derivative is exactly 0 but the true one is tiny.

    GELU and SiLU tails (1., 3.), and σ'(b) = σ(b)(1 − σ(b)) for b > 16, whose 1 − σ(b) is 0 in
    float32 (actfn computes 16-bit inputs in float64). Times an infinite a or upstream gradient,
    torch gets inf·0 = NaN and actfn ±inf.
    """
    compute = TORCH_COMPUTE[b.dtype]
    bc = b.detach().to(compute)
    if gate in ("gelu", "gelu_tanh"):
        return bc < -5
    if gate == "silu":
        return torch_exp_overflows(b)
    saturated = bc > 16 if compute == torch.float32 else torch.zeros_like(bc, dtype=torch.bool)
    return saturated | torch_exp_overflows(b)


def gate_huge(gate: str, b: torch.Tensor) -> torch.Tensor:
    """Where torch's exact GELU overflows to inf or gives NaN at +inf (2.)."""
    compute = TORCH_COMPUTE[b.dtype]
    if gate == "gelu":
        return b.detach().to(compute) > torch.finfo(compute).max / 2
    return torch.zeros_like(b, dtype=torch.bool)


def check_gated_parity(
    name: str,
    x: torch.Tensor,
    dim: int = -1,
    grad_output: torch.Tensor | None = None,
    view: Callable[[torch.Tensor], torch.Tensor] = lambda t: t,
) -> None:
    """Values and input gradients of actfn's gated unit ``name`` and torch's, at view(x).

    The gate itself is compared element-wise above (with the allowances 1.–4.); here the
    allowance for a gate value carries over as |a|·bound(b). Where torch's gate is one of those
    deviations and is multiplied by an infinite a or upstream gradient, inf·0 (torch) and
    inf·tiny (actfn) differ as NaN and ±inf; those few elements are left to the gate's own tests.
    """
    ours, ref, gate = GATED[name]
    y, gx = values_and_grad(lambda t: ours(t, dim=dim), x, grad_output, view)
    y_ref, gx_ref = values_and_grad(lambda t: ref(t, dim), x, grad_output, view)
    assert gx is not None
    assert gx_ref is not None
    v = view(x).detach()
    a, b = torch.tensor_split(v, 2, dim=dim)
    g = torch.ones_like(y) if grad_output is None else grad_output
    tail, huge = gate_tail(gate, b), gate_huge(gate, b)
    # The overflow edge: when |g·a| is within a factor 64 of the dtype's maximum, whether
    # g·a·act'(b) overflows depends on the order of the products (torch's autograd for a * act(b)
    # computes (g·a)·act'(b); F.glu's kernel and actfn g·(a·act'(b))).
    edge = g.double().abs().clamp(min=1) * a.double().abs() > torch.finfo(x.dtype).max / 64
    skip_value = (tail & ~torch.isfinite(a)) | huge
    skip_grad_a = (tail & ~torch.isfinite(g)) | huge
    skip_grad_b = (tail & ~torch.isfinite(g.double() * a.double())) | edge
    skip_grad = torch.cat([skip_grad_a, skip_grad_b], dim=dim)

    def keep(t: torch.Tensor, skip: torch.Tensor) -> torch.Tensor:
        return torch.where(skip, torch.zeros_like(t), t)

    rtol, atol = VALUE_TOL[x.dtype]
    bound = a.double().abs().nan_to_num(0.0, 0.0, 0.0) * torch_value_error_bound(gate, b)
    assert_close_elementwise(
        keep(y, skip_value),
        keep(y_ref, skip_value),
        rtol=rtol,
        atol=atol + bound,
        what=f"{name} values",
    )
    # gradient of the a half: g·act(b); of the b half: g·a·act'(b) (absolute error scales with it)
    rtol, atol = GRAD_TOL[x.dtype]
    fixed_b = fix_torch_grads(
        gate, b, (g.double() * a.double()).to(g.dtype), torch.tensor_split(gx_ref, 2, dim=dim)[1]
    )
    gx_ref = torch.cat([torch.tensor_split(gx_ref, 2, dim=dim)[0], fixed_b], dim=dim)
    scale = torch.cat([g.double().abs(), (g.double() * a.double()).abs()], dim=dim)
    scale = scale.nan_to_num(0.0, 0.0, 0.0).clamp(min=1.0)
    assert_close_elementwise(
        keep(gx, skip_grad),
        keep(gx_ref, skip_grad),
        rtol=rtol,
        atol=atol * scale,
        what=f"{name} gradients",
    )


def special_pairs(dtype: torch.dtype) -> torch.Tensor:
    """Every (a, b) pair of special values as rows of a (441, 2) tensor."""
    values = torch.tensor(list(special_values(dtype).values()), dtype=torch.float64).to(dtype)
    a, b = torch.meshgrid(values, values, indexing="ij")
    return torch.stack([a.reshape(-1), b.reshape(-1)], dim=1)


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("name", list(GATED))
def test_gated_matches_torch_on_every_pair_of_special_values(name: str, dtype: torch.dtype) -> None:
    x = special_pairs(dtype)
    check_gated_parity(name, x)
    check_gated_parity(name, x, grad_output=random_like(x[:, :1]))
    # the same pairs laid out along dim 0, as columns
    check_gated_parity(name, x.T.reshape(-1, 1), dim=0)


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16], ids=str)
@pytest.mark.parametrize("name", list(GATED))
def test_gated_matches_torch_on_every_16_bit_value(name: str, dtype: torch.dtype) -> None:
    """Every float16 / bfloat16 value as the gate b, and again as the value a."""
    values = all_values(dtype)
    shuffled = values[torch.randperm(values.numel(), generator=torch.Generator().manual_seed(0))]
    for a, b in ((shuffled, values), (values, random_like(values, seed=5) * 3)):
        x = torch.stack([a, b], dim=1)
        check_gated_parity(name, x, grad_output=random_like(x[:, :1], seed=1))


@pytest.mark.parametrize("dim", [0, 1, 2, -1, -2, -3])
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("name", list(GATED))
def test_gated_matches_torch_along_every_dim(name: str, dtype: torch.dtype, dim: int) -> None:
    x = (random_like(torch.empty(4, 6, 8)) * 4).to(dtype)
    y = GATED[name][0](x, dim=dim)
    assert y.shape[dim] == x.shape[dim] // 2
    check_gated_parity(name, x, dim=dim, grad_output=random_like(y, seed=2))


@pytest.mark.parametrize(("shape", "dim"), [((0,), 0), ((3, 0), 1), ((0, 4), 1), ((2, 0, 4), -1)])
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("name", list(GATED))
def test_gated_of_empty_tensor(
    name: str, dtype: torch.dtype, shape: tuple[int, ...], dim: int
) -> None:
    check_gated_parity(name, torch.empty(shape, dtype=dtype), dim=dim)


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("name", list(GATED))
def test_gated_on_non_contiguous_views(name: str, dtype: torch.dtype, view: str) -> None:
    base = (random_like(torch.empty(4, 5, 6)) * 4).to(dtype)
    base[0, 0, 0] = NAN
    base[1, 1, 1] = -1e4
    viewed = VIEWS[view](base)
    dim = next(d for d in range(viewed.ndim) if viewed.shape[d] % 2 == 0)
    y = GATED[name][0](viewed, dim=dim)
    check_gated_parity(name, base, dim=dim, grad_output=random_like(y, seed=4), view=VIEWS[view])


def test_glu_gates_the_first_half_with_the_second() -> None:
    """Which half is which: F.glu's convention, a = first half (value), b = second (gate)."""
    x = torch.tensor([3.0, -100.0])  # a = 3, b = -100: the gate closes, the value is blocked
    assert actfn.glu(x).item() == pytest.approx(3.0 * math.exp(-100.0), rel=1e-5)
    assert F.glu(x, dim=-1).item() == pytest.approx(3.0 * math.exp(-100.0), rel=1e-5)
    assert actfn.swiglu(torch.tensor([3.0, 2.0])).item() == pytest.approx(
        3 * F.silu(torch.tensor(2.0)).item()
    )
    assert actfn.geglu(torch.tensor([3.0, 2.0])).item() == pytest.approx(
        3 * F.gelu(torch.tensor(2.0)).item()
    )


# ----------------------------------------------------------------------------------------------
# Property-based: random shapes, values, dtypes, views and parameters
# ----------------------------------------------------------------------------------------------


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    array=ARRAYS,
    dtype=st.sampled_from(DTYPES),
    name=st.sampled_from([*ELEMENTWISE, "elu_alpha", "softplus_params", "prelu_slope"]),
    alpha=st.floats(min_value=-3, max_value=3),
    beta=st.one_of(
        st.floats(min_value=0.05, max_value=20), st.floats(min_value=-5, max_value=-0.05)
    ),
    threshold=st.floats(min_value=-10, max_value=80),
    view_kind=st.sampled_from(VIEW_KINDS),
    seed=st.integers(0, 2**16),
)
def test_elementwise_property(
    array: np.ndarray,
    dtype: torch.dtype,
    name: str,
    alpha: float,
    beta: float,
    threshold: float,
    view_kind: str,
    seed: int,
) -> None:
    x = torch.from_numpy(array).to(dtype)
    fns = None
    if name == "elu_alpha":
        name, fns = "elu", (lambda t: actfn.elu(t, alpha), lambda t: F.elu(t, alpha))
    elif name == "softplus_params":
        name, fns = (
            "softplus",
            (
                lambda t: actfn.softplus(t, beta, threshold),
                lambda t: F.softplus(t, beta, threshold),
            ),
        )
    elif name == "prelu_slope":
        w = torch.tensor([alpha], dtype=dtype)
        name, fns = "prelu", (lambda t: actfn.prelu(t, w), lambda t: F.prelu(t, w))
    g = random_like(apply_view(view_kind, x), seed=seed)
    check_parity(name, x, grad_output=g, view=lambda t: apply_view(view_kind, t), fns=fns)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    array=ARRAYS.filter(lambda a: a.ndim >= 1),
    dtype=st.sampled_from(DTYPES),
    name=st.sampled_from(list(GATED)),
    dim_choice=st.integers(0, 7),
    view_kind=st.sampled_from(VIEW_KINDS),
    seed=st.integers(0, 2**16),
)
def test_gated_property(
    array: np.ndarray, dtype: torch.dtype, name: str, dim_choice: int, view_kind: str, seed: int
) -> None:
    x = torch.from_numpy(array).to(dtype)
    viewed = apply_view(view_kind, x)
    even = [d for d in range(viewed.ndim) if viewed.shape[d] % 2 == 0]
    assume(even)  # a dimension of even size to halve
    dim = even[dim_choice % len(even)] - (viewed.ndim if dim_choice % 2 else 0)
    y = GATED[name][0](viewed, dim=dim)
    check_gated_parity(
        name,
        x,
        dim=dim,
        grad_output=random_like(y, seed=seed),
        view=lambda t: apply_view(view_kind, t),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    array=ARRAYS.filter(lambda a: a.ndim >= 2),
    dtype=st.sampled_from(DTYPES),
    slopes=st.lists(st.floats(min_value=-2, max_value=2), min_size=1, max_size=5),
    seed=st.integers(0, 2**16),
)
def test_prelu_property(
    array: np.ndarray, dtype: torch.dtype, slopes: list[float], seed: int
) -> None:
    x = torch.from_numpy(array).to(dtype)
    channels = x.shape[1]
    if len(slopes) != 1:  # one slope for all, or one per channel
        slopes = (slopes * (channels // len(slopes) + 1))[:channels] if channels else []
    w = torch.tensor(slopes, dtype=torch.float64).to(dtype)
    check_prelu_parity(x, w, random_like(x, seed=seed))


# ----------------------------------------------------------------------------------------------
# Extremes: finite inputs give finite values and gradients, without warnings
# ----------------------------------------------------------------------------------------------

EXTREMES = [
    -65504.0,
    -1e4,
    -1000.0,
    -100.0,
    -89.0,
    -20.0,
    -5.5,
    5.5,
    20.0,
    89.0,
    1000.0,
    1e4,
    65504.0,
]


def run_all_forward_backward(x: torch.Tensor) -> list[torch.Tensor]:
    results = []
    fns: list[Fn] = [ours for ours, _ in ELEMENTWISE.values()]
    fns += [lambda t: actfn.elu(t, 0.5), lambda t: actfn.softplus(t, 2.0, 40.0)]
    fns += [lambda t: actfn.leaky_relu(t, 0.0)]  # the slope 0 takes the selecting path
    fns += [lambda t: actfn.softmax(t, dim=0), lambda t: actfn.softmax(t, dim=-1)]
    for fn in fns:
        y, g = values_and_grad(fn, x, grad_output=random_like(x))
        assert g is not None
        results += [y, g]
    return results


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_finite_extremes_give_finite_values_and_gradients_without_warnings(
    dtype: torch.dtype,
) -> None:
    fi = torch.finfo(dtype)
    x = torch.tensor([*EXTREMES, fi.max, -fi.max, fi.tiny, -fi.tiny], dtype=dtype)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        results = run_all_forward_backward(x)
        for v in x:  # one element at a time too (0-d)
            results += run_all_forward_backward(v.clone())
        for name in GATED:  # the gate sees the extremes, the value is 1
            pairs = torch.stack([torch.ones_like(x), x], dim=-1)
            half = torch.full_like(x[:, None], 0.5)  # g·act(max) = g·max must not overflow
            y, g = values_and_grad(lambda t, n=name: GATED[n][0](t), pairs, half)
            assert g is not None
            results += [y, g]
    assert caught == []
    for r in results:
        assert torch.isfinite(r).all()


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_special_values_raise_no_warnings(dtype: torch.dtype) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        run_all_forward_backward(special_tensor(dtype, repeat=3))
        for name in GATED:
            values_and_grad(GATED[name][0], special_pairs(dtype))
        actfn.softplus(special_tensor(dtype), beta=-1.0, threshold=INF)
    assert caught == []


# ----------------------------------------------------------------------------------------------
# Accuracy where torch's formula loses it: mpmath at 50 digits is the judge
# ----------------------------------------------------------------------------------------------

mpmath.mp.dps = 50
_KAPPA = mpmath.mpf("0.044715")


def _mp_gelu(x: float) -> Any:
    v = mpmath.mpf(x)
    return v * mpmath.ncdf(v)


def _mp_gelu_tanh(x: float) -> Any:
    # ½v(1 + tanh u) = v/(1 + e^{−2u}) exactly; 1 + tanh u itself would need thousands of digits
    # for u ≪ 0 (it is 2e^{2u} hidden behind the 1).
    v = mpmath.mpf(x)
    u = mpmath.sqrt(2 / mpmath.pi) * (v + _KAPPA * v**3)
    return v / (1 + mpmath.exp(-2 * u))


def _mp_silu(x: float) -> Any:
    v = mpmath.mpf(x)
    return v / (1 + mpmath.exp(-v))


def _mp_softplus(x: float) -> Any:
    return mpmath.log1p(mpmath.exp(mpmath.mpf(x)))


def _mp_elu(x: float) -> Any:
    v = mpmath.mpf(x)
    return v if v > 0 else mpmath.expm1(v)


MPMATH: dict[str, tuple[Callable[[float], Any], Fn]] = {
    "gelu": (_mp_gelu, actfn.gelu),
    "gelu_tanh": (_mp_gelu_tanh, functools.partial(actfn.gelu, approximate="tanh")),
    "silu": (_mp_silu, actfn.silu),
    "softplus": (_mp_softplus, functools.partial(actfn.softplus, threshold=INF)),
    "elu": (_mp_elu, actfn.elu),
}


def ulps_from_exact(
    values: torch.Tensor, x: torch.Tensor, exact: Callable[[float], Any]
) -> torch.Tensor:
    """The error of each value in units of the dtype's spacing at the exact value (float64).

    The exact values are the functions of the inputs as stored. In GELU's and SiLU's tails the
    result is e^{−x²/2} or e^{x} times something smooth, so rounding the exponent x²/2 (or x·1/√2)
    once, which any implementation in the same precision does, moves it by about x²·eps or |x|·eps
    relative; the bounds in the tests allow for that conditioning.
    """
    fi = torch.finfo(values.dtype)
    errors = []
    for value, point in zip(values.tolist(), x.tolist(), strict=True):
        true = exact(point)
        if abs(true) < fi.smallest_normal * fi.eps / 2:  # rounds to ±0
            errors.append(0.0 if value == 0 else math.inf)
            continue
        exponent = max(math.floor(float(mpmath.log(abs(true), 2))), math.log2(fi.smallest_normal))
        spacing = fi.eps * 2.0**exponent
        errors.append(float(abs(mpmath.mpf(value) - true)) / spacing)
    return torch.tensor(errors, dtype=torch.float64)


def conditioning(name: str, x: torch.Tensor) -> torch.Tensor:
    """How many ulps rounding the exponent inside the function costs (see ulps_from_exact)."""
    xd = x.double()
    return xd**2 if name.startswith("gelu") else xd.abs()


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=str)
@pytest.mark.parametrize("name", list(MPMATH))
def test_values_are_accurate_against_mpmath(name: str, dtype: torch.dtype) -> None:
    exact, fn = MPMATH[name]
    x = torch.cat([torch.linspace(-12, 12, 241), torch.linspace(-40, -12, 57)]).to(dtype)
    errors = ulps_from_exact(fn(x), x, exact)
    # A few ulps, plus the conditioning (see ulps_from_exact). Measured: float32 within
    # conditioning + 1.2 ulps; float64 GELU's erfc adds up to ~10% of x² in the far tail.
    bound = 8 + 1.25 * conditioning(name, x)
    assert (errors <= bound).all(), (x[errors > bound], errors[errors > bound])
    assert (errors[x.abs() < 2] <= 8).all()  # where the conditioning is small: a few ulps


def test_torch_loses_the_gelu_and_silu_tails_where_actfn_does_not() -> None:
    """Deviations 1. and 3. in numbers: torch's error in the tail, actfn's."""
    for x, torch_value in (
        (torch.tensor([-6.0, -7.0, -8.0]), 0.0),  # all −0: 1 + erf(…) cancelled
        (torch.tensor([-9.0, -10.0], dtype=torch.float64), 0.0),  # float64, further out
    ):
        assert F.gelu(x).tolist() == [torch_value] * len(x)
        errors = ulps_from_exact(actfn.gelu(x), x, _mp_gelu)
        assert (errors <= 8 + 1.25 * conditioning("gelu", x)).all()
    x = torch.tensor([-89.0, -95.0, -100.0])
    assert F.silu(x).tolist() == [0.0, 0.0, 0.0]
    assert (ulps_from_exact(actfn.silu(x), x, _mp_silu) <= 8 + 1.25 * conditioning("silu", x)).all()


# ----------------------------------------------------------------------------------------------
# The documented deviations, shown on torch itself
# ----------------------------------------------------------------------------------------------


def test_torch_gelu_of_huge_x_depends_on_the_code_path() -> None:
    """2.: torch's vectorized GELU overflows above max/2 and is NaN at +inf; actfn is not."""
    big = torch.finfo(torch.float32).max * 0.75
    x = torch.tensor([big, INF] * 8)
    stored = x[0].item()
    assert F.gelu(x)[0].item() == INF
    assert math.isnan(F.gelu(x)[1].item())
    assert F.gelu(x[:1]).item() == stored  # the scalar path is right
    assert F.gelu(torch.tensor(INF)).item() == INF
    assert actfn.gelu(x)[:2].tolist() == [stored, INF]


def test_tanh_gelu_gradient_where_torch_squares_overflow() -> None:
    """4.: the derivative of the tanh approximation tends to 1 (x → ∞) and 0 (x → −∞)."""
    x = torch.tensor([1e20, -1e20, 3e38, -3e38] * 4)
    _, g_ref = values_and_grad(lambda t: F.gelu(t, approximate="tanh"), x)
    _, g = values_and_grad(lambda t: actfn.gelu(t, approximate="tanh"), x)
    assert g_ref is not None
    assert g is not None
    assert torch.isnan(g_ref).all()
    assert g[:4].tolist() == [1.0, 0.0, 1.0, 0.0]
    assert actfn.gelu_derivative(torch.tensor([INF, -INF]), "tanh").isnan().all()  # as torch


def test_softplus_with_a_large_threshold_stays_finite() -> None:
    """5.: above βx ≈ 88.7 torch's log1p(exp(βx)) overflows in float32 when the threshold allows."""
    x = torch.tensor([50.0, 100.0, 1000.0] * 4, requires_grad=True)
    y_ref = F.softplus(x, threshold=INF)
    y_ref.sum().backward()
    assert x.grad is not None
    assert y_ref.tolist()[:3] == [50.0, INF, INF]
    assert x.grad[1:3].isnan().all()
    leaf = x.detach().clone().requires_grad_(True)
    y = actfn.softplus(leaf, threshold=INF)
    y.sum().backward()
    assert y.tolist()[:3] == [50.0, 100.0, 1000.0]
    assert leaf.grad is not None
    assert leaf.grad.tolist()[:3] == [1.0, 1.0, 1.0]
    assert (ulps_from_exact(y[:3].detach(), x[:3].detach(), _mp_softplus) <= 1).all()


def test_torch_elu_gradient_at_nan_depends_on_the_length() -> None:
    """6.: torch's ELU backward at NaN is 1 for short tensors, NaN from 32 elements on."""
    for n, expected in ((8, 1.0), (31, 1.0), (32, NAN), (100, NAN)):
        x = torch.full((n,), NAN).requires_grad_(True)
        F.elu(x).sum().backward()
        assert x.grad is not None
        assert x.grad[0].item() == expected or (math.isnan(expected) and x.grad[0].isnan())
        leaf = torch.full((n,), NAN).requires_grad_(True)
        actfn.elu(leaf).sum().backward()
        assert leaf.grad is not None
        assert leaf.grad.isnan().all()


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16], ids=str)
def test_torch_glu_half_backward_is_less_accurate(dtype: torch.dtype) -> None:
    """7.: against float64 autograd at the same 16-bit inputs, torch's own 16-bit GLU backward is
    tens of ulps off; actfn's is within one rounding."""
    x = (random_like(torch.empty(64, 2)) * 4).to(dtype)
    g = random_like(x[:, :1], seed=1)
    exact = values_and_grad(lambda t: F.glu(t, -1), x.double(), g.double())[1]
    torch_grad = values_and_grad(lambda t: F.glu(t, -1), x, g)[1]
    ours = values_and_grad(actfn.glu, x, g)[1]
    assert exact is not None
    assert torch_grad is not None
    assert ours is not None

    def worst_ulps(grad: torch.Tensor) -> float:
        spacing = torch.finfo(dtype).eps * 2.0 ** torch.floor(
            torch.log2(exact.abs().clamp(min=2**-14))
        )
        return ((grad.double() - exact).abs() / spacing).max().item()

    assert worst_ulps(ours) <= 1.0
    assert worst_ulps(torch_grad) > 4.0


# ----------------------------------------------------------------------------------------------
# The functions are built from their formulas, not by calling torch's activations
# ----------------------------------------------------------------------------------------------


def test_package_does_not_call_torch_activation_functions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every activation and derivative of the package, forward and backward, with torch's own
    activations replaced by a function that fails."""
    x = torch.tensor([[-2.0, 0.0, 3.0, 0.5], [1e4, -1e4, 0.5, -1.5]], requires_grad=True)
    w = torch.tensor([0.25, 0.5, 0.1, 2.0], requires_grad=True)
    pairs: list[tuple[Fn, Fn]] = [*ELEMENTWISE.values()]
    pairs += [
        (lambda t: actfn.prelu(t, w), lambda t: F.prelu(t, w)),
        (lambda t: actfn.softmax(t, dim=1), lambda t: F.softmax(t, dim=1)),
        (actfn.glu, F.glu),
        (actfn.geglu, lambda t: _torch_gated(F.gelu)(t, -1)),
        (actfn.swiglu, lambda t: _torch_gated(F.silu)(t, -1)),
    ]
    expected = [ref(x).detach() for _, ref in pairs]

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("actfn called a torch activation function")

    for owner, attr in TORCH_ACTIVATIONS:
        monkeypatch.setattr(owner, attr, forbidden)
    for (ours, _), exp in zip(pairs, expected, strict=True):
        y = ours(x)
        torch.testing.assert_close(y.detach(), exp, rtol=1e-6, atol=1e-6)
        y.sum().backward()
    for deriv, _ in DERIVATIVES.values():
        deriv(x.detach())
    actfn.step(x).sum().backward()
    actfn.step_derivative(x.detach())
    actfn.prelu_derivative(x.detach(), w.detach())
    actfn.softmax_jacobian(x.detach(), dim=1)
    actfn.PReLU(4)(x).sum().backward()
    actfn.SwiGLUMLP(4, 3)(x).sum().backward()


@pytest.mark.parametrize("name", [*ELEMENTWISE, "softmax", "glu", "geglu", "swiglu"])
def test_output_is_a_new_tensor_and_input_is_untouched(name: str) -> None:
    fn: Fn = {
        **{k: v[0] for k, v in ELEMENTWISE.items()},
        "softmax": lambda t: actfn.softmax(t, dim=0),
        "glu": actfn.glu,
        "geglu": actfn.geglu,
        "swiglu": actfn.swiglu,
    }[name]
    x = torch.tensor([1.0, -2.0, 3.0, -4.0])
    before = x.clone()
    y = fn(x)
    y.add_(100)
    assert torch.equal(x, before)
    assert y.grad_fn is None  # no graph when the input does not require grad


# ----------------------------------------------------------------------------------------------
# The closed-form derivatives against torch autograd
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("special", SPECIAL_NAMES)
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("name", list(DERIVATIVES))
def test_derivative_matches_autograd_at_special_value(
    name: str, dtype: torch.dtype, special: str
) -> None:
    x = torch.tensor([special_values(dtype)[special]], dtype=dtype)
    check_derivative(name, x)
    check_derivative(name, x[0])  # 0-d


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16], ids=str)
@pytest.mark.parametrize("name", list(DERIVATIVES))
def test_derivative_matches_autograd_on_every_16_bit_value(name: str, dtype: torch.dtype) -> None:
    check_derivative(name, all_values(dtype))


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=str)
@pytest.mark.parametrize("name", list(DERIVATIVES))
def test_derivative_matches_autograd_on_a_dense_grid(name: str, dtype: torch.dtype) -> None:
    check_derivative(name, torch.linspace(-30, 30, 60001, dtype=torch.float64).to(dtype))


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_derivative_parameters_match_autograd(dtype: torch.dtype) -> None:
    x = special_tensor(dtype)
    rtol, atol = GRAD_TOL[dtype]
    for alpha in ALPHAS:
        expected = fix_torch_grads(
            "elu",
            x,
            torch.ones_like(x),
            autograd_derivative(functools.partial(F.elu, alpha=alpha), x),
        )
        assert_close_elementwise(actfn.elu_derivative(x, alpha), expected, rtol=rtol, atol=atol)
    for beta in BETAS:
        for threshold in THRESHOLDS:
            ref = functools.partial(F.softplus, beta=beta, threshold=threshold)
            expected = autograd_derivative(ref, x)
            actual = actfn.softplus_derivative(x, beta=beta, threshold=threshold)
            assert_close_elementwise(actual, expected, rtol=rtol, atol=atol)
    xc = (random_like(torch.empty(4, 3, 5)) * 3).to(dtype)
    w = torch.tensor([0.25, -0.5, 2.0], dtype=dtype)
    expected = autograd_derivative(lambda t: F.prelu(t, w), xc)
    assert_close_elementwise(actfn.prelu_derivative(xc, w), expected, rtol=rtol, atol=atol)


def test_book_facts_about_the_derivatives() -> None:
    """GELU' is least at −√2 and SiLU' at ≈ −2.40 (both negative); SiLU' peaks above 1 at ≈ 2.40;
    Softplus' = σ; ELU' is continuous at 0 for α = 1."""
    x = torch.arange(-40_000, 40_001, dtype=torch.float64) / 10_000  # step 1e-4
    dg = actfn.gelu_derivative(x)
    torch.testing.assert_close(dg, autograd_derivative(F.gelu, x), rtol=1e-12, atol=1e-15)
    assert x[dg.argmin()].item() == pytest.approx(-math.sqrt(2), abs=1e-4)
    assert dg.min().item() == pytest.approx(-0.1289, abs=1e-4)
    ds = actfn.silu_derivative(x)
    torch.testing.assert_close(ds, autograd_derivative(F.silu, x), rtol=1e-12, atol=1e-15)
    assert x[ds.argmin()].item() == pytest.approx(-2.3994, abs=1e-4)
    assert x[ds.argmax()].item() == pytest.approx(2.3994, abs=1e-4)
    assert ds.max().item() == pytest.approx(1.0998, abs=1e-4)
    torch.testing.assert_close(actfn.softplus_derivative(x), torch.sigmoid(x))
    left, right = actfn.elu_derivative(torch.tensor([-1e-12, 1e-12], dtype=torch.float64))
    assert left.item() == pytest.approx(right.item())


# ----------------------------------------------------------------------------------------------
# Backprop through the package is exactly the closed-form derivative (the book's claim)
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("name", list(DERIVATIVES))
def test_backprop_computes_exactly_the_closed_form_derivative(
    name: str, dtype: torch.dtype
) -> None:
    activation = ELEMENTWISE[name][0]
    deriv = DERIVATIVES[name][0]
    x = special_tensor(dtype).requires_grad_(True)
    activation(x).sum().backward()
    assert x.grad is not None
    torch.testing.assert_close(x.grad, deriv(x.detach()), rtol=0, atol=0, equal_nan=True)


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_gated_backprop_uses_the_gates_closed_form_derivative(dtype: torch.dtype) -> None:
    """∂/∂a = act(b) and ∂/∂b = a·act'(b), with act' the package's derivative functions."""
    x = (random_like(torch.empty(5, 8)) * 3).to(dtype)
    a, b = x[:, :4], x[:, 4:]
    for fn, act, deriv in (
        (actfn.glu, actfn.sigmoid, actfn.sigmoid_derivative),
        (actfn.geglu, actfn.gelu, actfn.gelu_derivative),
        (actfn.swiglu, actfn.silu, actfn.silu_derivative),
    ):
        _, grad = values_and_grad(fn, x)
        assert grad is not None
        # the package computes act and act' in float64 for 16-bit inputs and rounds once
        wide = torch.float64 if dtype in (torch.float16, torch.bfloat16) else dtype
        expected_a = act(b.to(wide)).to(dtype)
        expected_b = (a.to(wide) * deriv(b.to(wide))).to(dtype)
        assert torch.equal(grad, torch.cat([expected_a, expected_b], dim=1))


def test_prelu_slope_gradient_is_the_sum_of_min_0_x() -> None:
    x = torch.tensor([[-2.0, 1.0], [3.0, -4.0], [-1.0, -1.0]])
    w = torch.tensor([0.25, 0.5], requires_grad=True)
    actfn.prelu(x, w).sum().backward()
    assert w.grad is not None
    assert w.grad.tolist() == torch.clamp(x, max=0).sum(dim=0).tolist() == [-3.0, -5.0]


# ----------------------------------------------------------------------------------------------
# Higher-order and forward-mode derivatives through the package
# ----------------------------------------------------------------------------------------------

SECOND_ORDER_POINTS = [-1e4, -30.0, -2.0, -0.5, 0.0, 0.7, 3.0, 30.0, 1e4, INF, -INF, NAN]
SMOOTH = {
    k: (ours, TWICE_DIFFERENTIABLE_REFERENCE.get(k, ref)) for k, (ours, ref) in ELEMENTWISE.items()
}
SMOOTH["glu"] = (actfn.glu, lambda t: F.glu(t, -1))
SMOOTH["geglu"] = (actfn.geglu, lambda t: _torch_gated(F.gelu)(t, -1))
SMOOTH["swiglu"] = (actfn.swiglu, lambda t: _torch_gated(F.silu)(t, -1))


def second_derivative_atol(dtype: torch.dtype) -> float:
    return 20 * torch.finfo(dtype).eps


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=str)
@pytest.mark.parametrize("name", list(SMOOTH))
def test_second_derivative_matches_autograd(name: str, dtype: torch.dtype) -> None:
    """d/dx of (the gradient) through the package equals torch's double backward."""
    ours, ref = SMOOTH[name]
    x = torch.tensor(SECOND_ORDER_POINTS, dtype=dtype).reshape(3, 4)
    w1 = random_like(ours(x), seed=1)
    w2 = random_like(x, seed=2)

    def second(fn: Fn) -> torch.Tensor:
        leaf = x.clone().requires_grad_(True)
        (g1,) = torch.autograd.grad(fn(leaf), leaf, w1, create_graph=True)
        if not g1.requires_grad:  # piecewise-linear: the gradient does not depend on x
            return torch.zeros_like(x)
        (g2,) = torch.autograd.grad(g1, leaf, w2, allow_unused=True, materialize_grads=True)
        return g2

    expected = second(ref)
    if name == "mish":  # 11.: torch's double backward overflows e^x for large finite x
        expected = torch.where(torch.isfinite(x) & (x > 0) & torch.isnan(expected), 0.0, expected)
    torch.testing.assert_close(
        second(ours),
        expected,
        rtol=GRAD_TOL[dtype][0],
        atol=second_derivative_atol(dtype),
        equal_nan=True,
    )


@TORCH_FORWARD_AD_WARNING
# torch.func.hessian of the reference F.glu warns that glu_jvp has no batching rule (torch's, not
# actfn's: actfn's GatedFunction generates its vmap rule)
@pytest.mark.filterwarnings(
    "ignore:There is a performance drop because we have not yet implemented"
)
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=str)
@pytest.mark.parametrize("name", list(SMOOTH))
def test_forward_mode_and_torch_func_match_torch(name: str, dtype: torch.dtype) -> None:
    ours, ref = SMOOTH[name]
    points = SECOND_ORDER_POINTS[:-4]
    if name == "prelu":  # at 0 torch's forward mode disagrees with its own backward (8.)
        points = [0.1 if p == 0 else p for p in points]
    x = torch.tensor(points, dtype=dtype).reshape(2, 4)
    tangent = random_like(x, seed=3)
    (y, jvp), (y_ref, jvp_ref) = (
        torch.func.jvp(ours, (x,), (tangent,)),
        torch.func.jvp(ref, (x,), (tangent,)),
    )
    tol = {"rtol": GRAD_TOL[dtype][0], "atol": second_derivative_atol(dtype)}
    torch.testing.assert_close(y, y_ref, **tol)
    torch.testing.assert_close(jvp, jvp_ref, **tol)
    jac = torch.func.vmap(torch.func.jacrev(ours))(x)
    # the reference row by row: torch's own F.prelu fails under vmap(jacrev) ("size of tensor a
    # (2) must match … b (4)")
    jac_ref = torch.stack([torch.func.jacrev(ref)(row) for row in x])
    torch.testing.assert_close(jac, jac_ref, **tol)
    hess = torch.func.hessian(lambda v: ours(v).sum())(x[1])
    hess_ref = torch.func.hessian(lambda v: ref(v).sum())(x[1])
    torch.testing.assert_close(hess, hess_ref, **tol)


@TORCH_FORWARD_AD_WARNING
def test_torch_prelu_forward_mode_at_zero_disagrees_with_its_backward() -> None:
    """8.: torch's PReLU forward-mode derivative at x = 0 is 1, its backward gives the slope a;
    actfn gives a both ways, as F.leaky_relu does in both modes."""
    x = torch.tensor([0.0, -0.0, -1.0, 1.0], dtype=torch.float64)
    w = torch.tensor([0.25], dtype=torch.float64)
    ones = torch.ones_like(x)
    torch_forward = torch.func.jvp(lambda v: F.prelu(v, w), (x,), (ones,))[1]
    torch_backward = torch.func.jacrev(lambda v: F.prelu(v, w))(x).diagonal()
    assert torch_forward.tolist() == [1.0, 1.0, 0.25, 1.0]
    assert torch_backward.tolist() == [0.25, 0.25, 0.25, 1.0]
    leaky = torch.func.jvp(lambda v: F.leaky_relu(v, 0.25), (x,), (ones,))[1]
    ours_forward = torch.func.jvp(lambda v: actfn.prelu(v, w), (x,), (ones,))[1]
    ours_backward = torch.func.jacrev(lambda v: actfn.prelu(v, w))(x).diagonal()
    assert (
        ours_forward.tolist() == ours_backward.tolist() == leaky.tolist() == torch_backward.tolist()
    )


@TORCH_FORWARD_AD_WARNING
def test_prelu_forward_mode_with_a_slope_tangent() -> None:
    x = random_like(torch.empty(3, 2, 4, dtype=torch.float64))
    w = torch.tensor([0.25, -0.5], dtype=torch.float64)
    tx, tw = random_like(x, seed=1), torch.tensor([1.0, -2.0], dtype=torch.float64)
    _, jvp = torch.func.jvp(actfn.prelu, (x, w), (tx, tw))
    _, jvp_ref = torch.func.jvp(F.prelu, (x, w), (tx, tw))
    torch.testing.assert_close(jvp, jvp_ref)
    jac_w = torch.func.jacrev(actfn.prelu, argnums=1)(x, w)
    torch.testing.assert_close(jac_w, torch.func.jacrev(F.prelu, argnums=1)(x, w))


@TORCH_FORWARD_AD_WARNING
@pytest.mark.parametrize("name", [*SMOOTH, "prelu_channels"])
def test_gradcheck_against_finite_differences(name: str) -> None:
    x = (random_like(torch.empty(3, 4, dtype=torch.float64)) * 3).requires_grad_(True)
    x.data[x.data.abs() < 0.1] = 0.5  # keep away from the kinks of ELU, PReLU at 0
    if name == "prelu_channels":
        w = torch.tensor([0.25, -0.5, 1.5, 0.1], dtype=torch.float64, requires_grad=True)
        inputs: tuple[torch.Tensor, ...] = (x, w)
        fn: Callable[..., torch.Tensor] = actfn.prelu
    else:
        inputs, fn = (x,), SMOOTH[name][0]
    assert torch.autograd.gradcheck(fn, inputs)
    assert torch.autograd.gradgradcheck(fn, inputs)
    assert torch.autograd.gradcheck(fn, inputs, check_forward_ad=True, check_backward_ad=False)


# ----------------------------------------------------------------------------------------------
# SwiGLUMLP: the LLaMA feed-forward block
# ----------------------------------------------------------------------------------------------


def test_swiglu_mlp_is_llamas_feed_forward() -> None:
    """down(SiLU(x W1) ⊗ x W3), written with torch alone from the module's weights."""
    torch.manual_seed(0)
    mlp = actfn.SwiGLUMLP(dim=6, hidden=4)
    x = torch.randn(3, 5, 6)
    w3, w1 = mlp.up.weight[:4], mlp.up.weight[4:]  # value half, gate half
    expected = (F.silu(x @ w1.T) * (x @ w3.T)) @ mlp.down.weight.T
    torch.testing.assert_close(mlp(x), expected)
    assert sum(p.numel() for p in mlp.parameters()) == 3 * 6 * 4
    assert all(layer.bias is None for layer in (mlp.up, mlp.down))
    with_bias = actfn.SwiGLUMLP(dim=6, hidden=4, bias=True)
    assert sum(p.numel() for p in with_bias.parameters()) == 3 * 6 * 4 + 2 * 4 + 6
    mlp(x).sum().backward()
    assert mlp.up.weight.grad is not None
    assert mlp.down.weight.grad is not None


# ----------------------------------------------------------------------------------------------
# Bad input: a clear TypeError/ValueError naming the argument, raised by actfn's validation
# ----------------------------------------------------------------------------------------------

GOOD = torch.tensor([[-1.0, 0.5], [2.0, -3.0]])
SLOPE_1 = torch.tensor([0.25])


BAD_REALS = [
    pytest.param(True, TypeError, "실수(float 또는 int)여야 합니다", id="True"),
    pytest.param("1.0", TypeError, "실수(float 또는 int)여야 합니다", id="str"),
    pytest.param(None, TypeError, "실수(float 또는 int)여야 합니다", id="None"),
    pytest.param(torch.tensor([1.0, 2.0]), TypeError, "원소 2개", id="tensor-2-elements"),
    pytest.param(1j, TypeError, "실수(float 또는 int)여야 합니다", id="complex"),
    pytest.param(math.nan, ValueError, "여야 합니다; 받은 값: nan", id="nan"),
]

REAL_ARGUMENTS: dict[str, tuple[Callable[[Any], Any], str]] = {
    "elu-alpha": (lambda v: actfn.elu(GOOD, alpha=v), "alpha는"),
    "elu_derivative-alpha": (lambda v: actfn.elu_derivative(GOOD, alpha=v), "alpha는"),
    "softplus-beta": (lambda v: actfn.softplus(GOOD, beta=v), "beta는"),
    "softplus-threshold": (lambda v: actfn.softplus(GOOD, threshold=v), "threshold는"),
    "softplus_derivative-beta": (lambda v: actfn.softplus_derivative(GOOD, beta=v), "beta는"),
    "PReLU-init": (lambda v: actfn.PReLU(init=v), "init은"),
}


@pytest.mark.parametrize(("value", "error", "text"), BAD_REALS)
@pytest.mark.parametrize("argument", list(REAL_ARGUMENTS))
def test_bad_real_argument_is_a_clear_error(
    argument: str, value: object, error: type[Exception], text: str
) -> None:
    call, subject = REAL_ARGUMENTS[argument]
    with pytest.raises(error) as excinfo:
        call(value)
    message = str(excinfo.value)
    assert message.startswith(subject)
    assert text in message
    assert raised_by_validation(excinfo)


@pytest.mark.parametrize("value", [math.inf, -math.inf], ids=["inf", "-inf"])
def test_infinite_alpha_and_beta_are_value_errors_but_threshold_may_be_infinite(
    value: float,
) -> None:
    for call, subject in (
        (lambda: actfn.elu(GOOD, alpha=value), "alpha는 유한한 실수여야 합니다"),
        (lambda: actfn.softplus(GOOD, beta=value), "beta는 유한한 실수여야 합니다"),
        (lambda: actfn.PReLU(init=value), "init은 유한한 실수여야 합니다"),
    ):
        with pytest.raises(ValueError, match=f"^{subject}") as excinfo:
            call()
        assert raised_by_validation(excinfo)
    torch.testing.assert_close(
        actfn.softplus(GOOD, threshold=value), F.softplus(GOOD, threshold=value)
    )


@pytest.mark.parametrize("beta", [0, 0.0, -0.0, 1e-50], ids=["0", "0.0", "-0.0", "1e-50"])
def test_zero_beta_is_a_value_error(beta: float) -> None:
    """β = 0 divides by zero (torch returns inf); 1e-50 is 0 in float32, as torch computes it."""
    for call in (actfn.softplus, actfn.softplus_derivative):
        with pytest.raises(ValueError, match=r"^beta는 0이 아니어야 합니다") as excinfo:
            call(GOOD, beta=beta)
        assert raised_by_validation(excinfo)
    x64 = GOOD.double()
    torch.testing.assert_close(actfn.softplus(x64, beta=1e-50), F.softplus(x64, beta=1e-50))


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16, torch.float32], ids=str)
def test_parameters_beyond_float32_are_value_errors_unless_x_is_float64(dtype: torch.dtype) -> None:
    """torch computes α, β and the threshold in float32 for these dtypes and refuses 1e300 too."""
    x = GOOD.to(dtype)
    for call, ref, name in (
        (lambda v: actfn.elu(x, alpha=v), lambda v: F.elu(x, alpha=v), "alpha"),
        (lambda v: actfn.softplus(x, beta=v), lambda v: F.softplus(x, beta=v), "beta"),
        (
            lambda v: actfn.softplus(x, threshold=v),
            lambda v: F.softplus(x, threshold=v),
            "threshold",
        ),
    ):
        with pytest.raises(ValueError, match=f"^{name}는 절댓값이") as excinfo:
            call(1e300)
        assert raised_by_validation(excinfo)
        with pytest.raises(RuntimeError):
            ref(1e300)
    x64 = GOOD.double()
    torch.testing.assert_close(actfn.elu(x64, alpha=1e300), F.elu(x64, alpha=1e300))


@pytest.mark.parametrize(
    ("approximate", "error", "text"),
    [
        ("Tanh", ValueError, "approximate는 'none' 또는 'tanh'여야 합니다; 받은 값: 'Tanh'"),
        ("erf", ValueError, "approximate는 'none' 또는 'tanh'여야 합니다; 받은 값: 'erf'"),
        (None, TypeError, "approximate는 문자열 'none' 또는 'tanh'여야 합니다; 받은 값: NoneType"),
        (True, TypeError, "approximate는 문자열 'none' 또는 'tanh'여야 합니다; 받은 값: bool"),
    ],
)
def test_bad_approximate_names_approximate(
    approximate: object, error: type[Exception], text: str
) -> None:
    for call in (actfn.gelu, actfn.gelu_derivative, actfn.geglu):
        with pytest.raises(error) as excinfo:
            call(GOOD, approximate=approximate)  # type: ignore[arg-type]
        assert str(excinfo.value).startswith(text)
        assert raised_by_validation(excinfo)
    with pytest.raises((ValueError, RuntimeError, TypeError)):
        F.gelu(GOOD, approximate=approximate)  # type: ignore[arg-type]


GATED_FUNCTIONS = [actfn.glu, actfn.geglu, actfn.swiglu]


@pytest.mark.parametrize("fn", GATED_FUNCTIONS, ids=lambda f: f.__name__)
def test_gated_dim_must_be_an_int_in_range(fn: Callable[..., torch.Tensor]) -> None:
    with pytest.raises(TypeError, match=r"^dim은 int여야 합니다; 받은 값: float") as excinfo:
        fn(GOOD, dim=1.0)
    assert "절반으로 나눌 차원" in str(excinfo.value)
    assert raised_by_validation(excinfo)
    with pytest.raises(ValueError, match=r"^dim은 \[-2, 1\] 범위의 정수여야 합니다") as excinfo:
        fn(GOOD, dim=2)
    assert raised_by_validation(excinfo)
    with pytest.raises(IndexError):
        F.glu(GOOD, dim=2)


@pytest.mark.parametrize("fn", GATED_FUNCTIONS, ids=lambda f: f.__name__)
def test_gated_needs_an_even_size(fn: Callable[..., torch.Tensor]) -> None:
    x = torch.zeros(2, 3)
    expected = "x의 차원 dim=1의 크기가 짝수여야 절반으로 나눌 수 있습니다; 받은 크기: 3 (x.shape = (2, 3))"
    with pytest.raises(ValueError, match=r"^x의 차원 dim=1의 크기가 짝수여야") as excinfo:
        fn(x)
    assert str(excinfo.value) == expected
    assert raised_by_validation(excinfo)
    with pytest.raises(RuntimeError, match="must be even"):
        F.glu(x)
    with pytest.raises(ValueError, match=r"^x가 0차원 텐서라 절반으로 나눌 수 없습니다") as excinfo:
        fn(torch.tensor(1.0))
    assert raised_by_validation(excinfo)
    with pytest.raises(RuntimeError, match="scalars"):
        F.glu(torch.tensor(1.0))


@pytest.mark.parametrize(
    ("x", "weight", "error", "text"),
    [
        (GOOD, [0.25], TypeError, "weight는 torch.Tensor여야 합니다"),
        (GOOD, torch.tensor([1, 2]), TypeError, "weight는 부동소수점 텐서"),
        (GOOD, torch.tensor([0.25], dtype=torch.float64), TypeError, "weight의 dtype이 x와 같아야"),
        (GOOD, torch.full((1, 2), 0.25), ValueError, "weight는 0차원이나 1차원 텐서여야"),
        (GOOD, torch.full((3,), 0.25), ValueError, "weight의 원소 수는 1이거나 x의 채널 수"),
        (torch.zeros(4), torch.full((4,), 0.25), ValueError, "x의 채널 수: 1"),
    ],
    ids=["list", "int-tensor", "dtype-mismatch", "2-d", "wrong-count", "1-d-input"],
)
def test_bad_prelu_weight_names_weight(
    x: torch.Tensor, weight: object, error: type[Exception], text: str
) -> None:
    for call in (actfn.prelu, actfn.prelu_derivative):
        with pytest.raises(error) as excinfo:
            call(x, weight)  # type: ignore[arg-type]
        assert text in str(excinfo.value)
        assert str(excinfo.value).startswith("weight")
        assert raised_by_validation(excinfo)
    if isinstance(weight, torch.Tensor):
        with pytest.raises(RuntimeError):
            F.prelu(x, weight)


@pytest.mark.parametrize(
    ("kwargs", "error", "text"),
    [
        ({"num_parameters": 0}, ValueError, "num_parameters는 1 이상이어야 합니다; 받은 값: 0"),
        ({"num_parameters": 2.0}, TypeError, "num_parameters는 int여야 합니다; 받은 값: float"),
        ({"num_parameters": True}, TypeError, "num_parameters는 int여야 합니다; 받은 값: bool"),
    ],
)
def test_bad_prelu_module_arguments(
    kwargs: dict[str, Any], error: type[Exception], text: str
) -> None:
    with pytest.raises(error) as excinfo:
        actfn.PReLU(**kwargs)
    assert str(excinfo.value).startswith(text)
    assert raised_by_validation(excinfo)


def test_prelu_module_with_the_wrong_channel_count_names_weight() -> None:
    with pytest.raises(ValueError, match=r"^weight의 원소 수는 1이거나 x의 채널 수") as excinfo:
        actfn.PReLU(num_parameters=3)(torch.zeros(2, 4))
    assert raised_by_validation(excinfo)


@pytest.mark.parametrize(
    ("kwargs", "error", "text"),
    [
        ({"dim": 0, "hidden": 4}, ValueError, "dim은 1 이상이어야 합니다"),
        ({"dim": 4, "hidden": 2.5}, TypeError, "hidden은 int여야 합니다"),
    ],
)
def test_bad_swiglu_mlp_sizes(kwargs: dict[str, Any], error: type[Exception], text: str) -> None:
    with pytest.raises(error, match=f"^{text}") as excinfo:
        actfn.SwiGLUMLP(**kwargs)
    assert raised_by_validation(excinfo)


def test_accepted_parameters_match_torch() -> None:
    """NumPy numbers, one-element tensors, negative α and β are accepted, as by torch."""
    for alpha in (np.float32(0.5), torch.tensor(0.5), torch.tensor([0.5]), -0.5, 2):
        a = float(alpha.item() if isinstance(alpha, torch.Tensor) else alpha)
        torch.testing.assert_close(actfn.elu(GOOD, alpha), F.elu(GOOD, a))
    for beta in (np.float64(2.0), torch.tensor(2.0), -1.0, 3):
        b = float(beta.item() if isinstance(beta, torch.Tensor) else beta)
        torch.testing.assert_close(actfn.softplus(GOOD, beta), F.softplus(GOOD, b))
    torch.testing.assert_close(actfn.glu(GOOD, dim=np.int64(0)), F.glu(GOOD, dim=0))
