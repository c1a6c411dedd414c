"""The modern activations (GELU, SiLU, ELU, softplus, PReLU, GLU/GEGLU/SwiGLU) against torch.

References are torch.nn.functional (F.gelu, F.silu, F.elu, F.softplus, F.prelu, F.glu, and
``a * F.gelu(b)`` / ``a * F.silu(b)`` for the gated variants) and torch autograd through them;
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

In 3., the same overflow makes torch's SiLU gradient exactly 0 below x ≈ −88.7, so an infinite
upstream gradient gives NaN there; actfn's derivative is the tiny negative x·e^x·(1 + …) and gives
−(upstream).
"""

from __future__ import annotations

import functools
import inspect
import math
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mpmath
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
    TORCH_COMPUTE,
    VALUE_TOL,
    VIEW_KINDS,
    VIEWS,
    Fn,
    all_values,
    apply_view,
    assert_close_elementwise,
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

SLOPE = 0.25  # PReLU's default slope, for the element-wise tests


def _prelu_ours(t: torch.Tensor) -> torch.Tensor:
    return actfn.prelu(t, torch.tensor([SLOPE], dtype=t.dtype))


def _prelu_ref(t: torch.Tensor) -> torch.Tensor:
    return F.prelu(t, torch.tensor([SLOPE], dtype=t.dtype))


# name -> (package function, torch reference)
ELEMENTWISE: dict[str, tuple[Fn, Fn]] = {
    "gelu": (actfn.gelu, F.gelu),
    "gelu_tanh": (
        functools.partial(actfn.gelu, approximate="tanh"),
        functools.partial(F.gelu, approximate="tanh"),
    ),
    "silu": (actfn.silu, F.silu),
    "elu": (actfn.elu, F.elu),
    "softplus": (actfn.softplus, F.softplus),
    "prelu": (_prelu_ours, _prelu_ref),
}


# ----------------------------------------------------------------------------------------------
# The documented allowances (see the module docstring)
# ----------------------------------------------------------------------------------------------


def torch_value_error_bound(name: str, x: torch.Tensor) -> torch.Tensor:
    """How far torch's own value may be from the true one at x (float64, 0 where it is accurate)."""
    compute = TORCH_COMPUTE[x.dtype]
    xd = x.detach().double()
    negative = xd < 0
    if name in ("gelu", "gelu_tanh"):  # 1. (torch's float32 erf is a few ulps off near ±1:
        # measured up to 2.5·|x|·eps on a dense grid, so 4·|x|·eps)
        return torch.where(negative, 4 * xd.abs() * torch.finfo(compute).eps, 0.0)
    if name == "silu":  # 3.
        return torch.where(negative, 2 * xd.abs() / torch.finfo(compute).max, 0.0)
    return torch.zeros_like(xd)


def fix_torch_values(name: str, x: torch.Tensor, y_ref: torch.Tensor) -> torch.Tensor:
    """2.: F.gelu(x) for x > max/2 is inf (NaN at +inf) on torch's vectorized path; GELU(x) = x."""
    if name == "gelu":
        compute = TORCH_COMPUTE[x.dtype]
        huge = x.detach().to(compute) > torch.finfo(compute).max / 2
        return torch.where(huge, x.detach(), y_ref)
    return y_ref


def torch_square_overflows(x: torch.Tensor) -> torch.Tensor:
    """Finite x whose x² is inf in torch's compute dtype (where 4. applies)."""
    xc = x.detach().to(TORCH_COMPUTE[x.dtype])
    return torch.isfinite(xc) & torch.isinf(xc * xc)


def torch_exp_overflows(x: torch.Tensor) -> torch.Tensor:
    """x < 0 whose e^{−x} is inf in torch's compute dtype (where 3. applies)."""
    compute = TORCH_COMPUTE[x.dtype]
    return x.detach().to(compute) < -math.log(torch.finfo(compute).max)


def fix_torch_grads(
    name: str, x: torch.Tensor, g: torch.Tensor, grad_ref: torch.Tensor
) -> torch.Tensor:
    """4., 6. and 3.'s gradient: what the derivative is where torch's backward is NaN."""
    x = x.detach()
    if name == "gelu_tanh":  # 4.: the derivative is 1 (x > 0) or 0 (x < 0) there
        overflow = torch_square_overflows(x)
        assert torch.isnan(grad_ref[overflow]).all()  # what torch does (documented above)
        return torch.where(overflow, g * (x > 0).to(g.dtype), grad_ref)
    if name == "elu":  # 6.
        return torch.where(torch.isnan(x), NAN, grad_ref)
    if name == "silu":  # 3.: a tiny negative derivative times ±inf, where actfn's compute dtype
        # (float64 for 16-bit inputs) still holds x·e^x
        ours = torch.float64 if x.dtype in (torch.float16, torch.bfloat16) else x.dtype
        smallest = torch.finfo(ours).smallest_normal * torch.finfo(ours).eps
        xd = x.double()
        held = (xd * torch.exp(xd)).abs() >= smallest
        tiny = torch_exp_overflows(x) & held & torch.isinf(g)
        return torch.where(tiny, -g, grad_ref)
    return grad_ref


# ----------------------------------------------------------------------------------------------
# Parity checks
# ----------------------------------------------------------------------------------------------


def check_parity(
    name: str,
    x: torch.Tensor,
    grad_output: torch.Tensor | None = None,
    view: Callable[[torch.Tensor], torch.Tensor] = lambda t: t,
    fns: tuple[Fn, Fn] | None = None,
) -> None:
    """Values and input gradients of actfn's ``name`` and torch's at view(x)."""
    ours, ref = fns if fns is not None else ELEMENTWISE[name]
    y, gx = values_and_grad(ours, x, grad_output, view)
    y_ref, gx_ref = values_and_grad(ref, x, grad_output, view)
    assert gx is not None
    assert gx_ref is not None
    v = view(x)
    g = torch.ones_like(v) if grad_output is None else grad_output
    rtol, atol = VALUE_TOL[x.dtype]
    assert_close_elementwise(
        y,
        fix_torch_values(name, v, y_ref),
        rtol=rtol,
        atol=atol + torch_value_error_bound(name, v),
        what=f"{name} values",
    )
    rtol, atol = GRAD_TOL[x.dtype]
    assert_close_elementwise(
        gx, fix_torch_grads(name, v, g, gx_ref), rtol=rtol, atol=atol, what=f"{name} gradients"
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
        (_prelu_ours, _prelu_ref, SLOPE),
    ]
    for ours, ref, expected in cases:
        _, g = values_and_grad(ours, x)
        _, g_ref = values_and_grad(ref, x)
        assert g is not None
        assert g_ref is not None
        assert g.tolist() == g_ref.tolist() == [expected, expected]
