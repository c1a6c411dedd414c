"""The activations under test, derived from ``actfn.activations.ACTIVATIONS``, and the parity check.

One record per activation in the package gives every registry here: the element-wise pairs
(package function, torch reference) in ``ELEMENTWISE``, the closed-form derivatives in
``DERIVATIVES``, the functions that take ``x`` in ``X_FUNCTIONS``. The torch reference is named
by the record as a string and resolved here: the package never holds or calls it.

Where actfn deliberately differs from torch 2.13, the parity check makes a named allowance (the
numbered list is in test_activations.py's docstring).
"""

from __future__ import annotations

import functools
import importlib
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import torch
import torch.nn.functional as F
from parity import (
    GRAD_TOL,
    NAN,
    TORCH_COMPUTE,
    VALUE_TOL,
    Fn,
    assert_close_elementwise,
    autograd_derivative,
    values_and_grad,
)

import actfn
from actfn.activations import ACTIVATIONS, Activation


def resolve(path: str) -> Callable[..., torch.Tensor]:
    """``"torch.nn.functional.relu"`` → the function."""
    module, _, attr = path.rpartition(".")
    return getattr(importlib.import_module(module), attr)


def prelu_ours(t: torch.Tensor) -> torch.Tensor:
    return actfn.prelu(t, torch.tensor([SLOPE], dtype=t.dtype))


def prelu_ref(t: torch.Tensor) -> torch.Tensor:
    return F.prelu(t, torch.tensor([SLOPE], dtype=t.dtype))


def _with_params(fn: Callable[..., torch.Tensor], params: dict[str, object]) -> Fn:
    """fn with the record's parameters; a tensor parameter (PReLU's weight) in x's dtype."""
    if "weight" in params:
        slope = params["weight"]
        return lambda t: fn(t, torch.tensor([slope], dtype=t.dtype))
    return functools.partial(fn, **params) if params else fn


def _cases(record: Activation) -> dict[str, dict[str, object]]:
    """Test name → parameters: the defaults (unless a variant replaces them) and each variant."""
    if record.name in record.variants:
        return dict(record.variants)
    return {record.name: {}, **record.variants}


#: Every element-wise activation except the step function (whose torch reference, heaviside,
#: has no gradient; test_functions.py and test_derivatives.py test it):
#: name -> (package function, torch reference).
ELEMENTWISE: dict[str, tuple[Fn, Fn]] = {
    name: (_with_params(r.function, params), _with_params(resolve(r.torch_reference), params))
    for r in ACTIVATIONS.values()
    if r.kind == "elementwise" and r.name != "step"
    for name, params in _cases(r).items()
}
SLOPE = ACTIVATIONS["prelu"].variants["prelu"]["weight"]  # PReLU's slope in the element-wise tests


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
    if name == "glu_gate":  # the gate of GLU: 1/(1 + e^{−b}) is 0 where e^{−b} overflows (as 3.)
        return torch.where(torch_exp_overflows(x), 2 / torch.finfo(compute).max, 0.0)
    return torch.zeros_like(xd)


def fix_torch_values(name: str, x: torch.Tensor, y_ref: torch.Tensor) -> torch.Tensor:
    """2.: F.gelu(x) for x > max/2 is inf (NaN at +inf) on torch's vectorized path; GELU(x) = x.
    10.: F.hardswish(x) computes x·6 before dividing by 6: inf for x > max/6 of float32."""
    if name == "hardswish":
        overflow = torch.isfinite(x.detach()) & torch.isinf(y_ref)
        return torch.where(overflow, x.detach(), y_ref)
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
    """4., 6., 9. and 3.'s gradient: the derivative where torch's backward is NaN (or, 9., off)."""
    x = x.detach()
    if name == "gelu_tanh":  # 4.: the derivative is 1 (x > 0) or 0 (x < 0) there
        overflow = torch_square_overflows(x)
        assert torch.isnan(grad_ref[overflow]).all()  # what torch does (documented above)
        return torch.where(overflow, g * (x > 0).to(g.dtype), grad_ref)
    if name == "hardsigmoid" and x.dtype == torch.float64:  # 9.: torch's 1/6 is a float32 constant
        return grad_ref * ((1 / 6) / torch.tensor(1 / 6, dtype=torch.float32).item())
    if name in ("elu", "hardswish"):  # 6.
        return torch.where(torch.isnan(x), NAN, grad_ref)
    if name in ("silu", "mish", "sigmoid"):
        # 3.: a tiny derivative (negative for SiLU and Mish, x·e^x; positive for σ, e^x) times ±inf,
        # where actfn's compute dtype (float64 for 16-bit inputs) still holds it and torch's is 0
        ours = torch.float64 if x.dtype in (torch.float16, torch.bfloat16) else x.dtype
        if name == "sigmoid":  # σ' comes from the saved output σ(x), rounded to x's dtype
            ours = x.dtype
        smallest = torch.finfo(ours).smallest_normal * torch.finfo(ours).eps
        xd = x.double()
        size = torch.exp(xd) if name == "sigmoid" else (xd * torch.exp(xd)).abs()
        tiny = torch_exp_overflows(x) & (size >= smallest) & torch.isinf(g)
        return torch.where(tiny, g if name == "sigmoid" else -g, grad_ref)
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


#: name -> (closed-form derivative, torch function whose autograd is the reference)
DERIVATIVES: dict[str, tuple[Fn, Fn]] = {
    name: (_with_params(r.derivative, params), ELEMENTWISE[name][1])
    for r in ACTIVATIONS.values()
    if r.kind == "elementwise" and r.name != "step" and r.derivative is not None
    for name, params in _cases(r).items()
}

#: Every public function that takes a tensor ``x`` first (softmax needs ``dim``: test_errors.py).
X_FUNCTIONS: dict[str, Callable[[Any], torch.Tensor]] = {}
for _r in ACTIVATIONS.values():
    if _r.kind == "softmax":
        continue
    if "weight" in _r.parameters:  # a float32 slope, whatever x is (x is the bad input here)
        X_FUNCTIONS[_r.name] = functools.partial(_r.function, weight=torch.tensor([0.25]))
        assert _r.derivative is not None
        X_FUNCTIONS[_r.derivative.__name__] = functools.partial(
            _r.derivative, weight=torch.tensor([0.25])
        )
        continue
    X_FUNCTIONS[_r.name] = _r.function
    if _r.derivative is not None:
        X_FUNCTIONS[_r.derivative.__name__] = _r.derivative

#: References for second-order and forward-mode tests where torch's op has no double backward
#: (``derivative for aten::hardsigmoid_backward is not implemented``) or a float32 1/6 (9.): the
#: definition written piece by piece with torch operations, which torch differentiates twice.
TWICE_DIFFERENTIABLE_REFERENCE: dict[str, Fn] = {
    # the pieces with torch.where, so that at the kinks x = ±3 the outer piece's derivative is taken,
    # as torch's (vectorized) backward does
    "hardsigmoid": lambda t: torch.where(
        t <= -3, 0 * t, torch.where(t >= 3, 0 * t + 1, t / 6 + 0.5)
    ),
    "hardswish": lambda t: torch.where(t <= -3, 0 * t, torch.where(t >= 3, t, t * (t + 3) / 6)),
}

#: torch's own activation functions (and the pieces torch builds them from), which the package
#: must never call: test_package_does_not_call_torch_activation_functions replaces each with a
#: function that fails.
TORCH_ACTIVATIONS = [
    (torch, "relu"),
    (torch, "sigmoid"),
    (torch, "tanh"),
    (torch, "softmax"),
    (torch, "log_softmax"),
    (torch, "prelu"),
    (torch, "erf"),  # GELU uses erfc; the exact form's 1 + erf is what torch uses
    (torch.special, "expit"),
    (torch.special, "softmax"),
    (torch.Tensor, "relu"),
    (torch.Tensor, "sigmoid"),
    (torch.Tensor, "tanh"),
    (torch.Tensor, "softmax"),
    (torch.Tensor, "prelu"),
    *(
        (F, r.torch_reference.rpartition(".")[2])
        for r in ACTIVATIONS.values()
        if r.torch_reference.startswith("torch.nn.functional.")
    ),
    (F, "sigmoid"),
    (F, "tanh"),
    (F, "hardtanh"),
    (F, "relu6"),
    (torch._C._nn, "leaky_relu"),
    (torch._C._nn, "gelu"),
    (torch._C._nn, "silu"),
    (torch._C._nn, "elu"),
    (torch._C._nn, "softplus"),
    (torch._C._nn, "glu"),
    (torch._C._nn, "mish"),
    (torch._C._nn, "hardsigmoid"),
    (torch._C._nn, "hardswish"),
]


def check_derivative(name: str, x: torch.Tensor) -> None:
    deriv, ref = DERIVATIVES[name]
    expected = fix_torch_grads(name, x, torch.ones_like(x), autograd_derivative(ref, x))
    rtol, atol = GRAD_TOL[x.dtype]
    assert_close_elementwise(deriv(x), expected, rtol=rtol, atol=atol, what=f"{name}'")


def raised_by_validation(excinfo: pytest.ExceptionInfo[BaseException]) -> bool:
    """The error came from actfn's own checks (the last traceback frame is in _validation.py),
    not from deep inside torch where the reader cannot act on it."""
    return Path(str(excinfo.traceback[-1].path)).name == "_validation.py"
