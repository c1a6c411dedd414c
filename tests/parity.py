"""Helpers shared by the parity tests: dtypes, tolerances, special inputs, views, comparisons.

The reference in every parity test is torch.nn.functional and torch autograd; these helpers only
build inputs, run a function forward and backward, and compare. ``cases.py`` derives the
activations under test from the package's records; ``test_activations.py``, ``test_functions.py``
and ``test_derivatives.py`` use both.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import hypothesis.extra.numpy as hnp
import numpy as np
import torch
from hypothesis import strategies as st

DTYPES = (torch.float16, torch.bfloat16, torch.float32, torch.float64)
INF, NAN = math.inf, math.nan

# Per-dtype tolerances (rtol, atol). Values: about one rounding step of the dtype (two for
# bfloat16), and an atol below the smallest normal number, so tiny outputs such as
# sigmoid(-20) = 2e-9 are compared relatively instead of being waved through by atol.
VALUE_TOL = {
    torch.float16: (1e-3, 1.2e-7),
    torch.bfloat16: (1.6e-2, 1.2e-38),
    torch.float32: (1.3e-6, 1.2e-38),
    torch.float64: (1e-12, 2.3e-308),
}
# Gradients: 1 − tanh² and σ(1 − σ) near saturation are differences of numbers close to 1, so
# their absolute error is about one epsilon whatever the size of the result (torch's own
# gradient has the same error): atol is at that scale. rtol for float16 is two rounding steps:
# torch's float16 sigmoid backward itself is up to 2 ulps away from the correctly rounded
# gradient, ours within 1 (see test_float16_sigmoid_backward_is_at_least_as_accurate_as_torch).
GRAD_TOL = {
    torch.float16: (2e-3, 1e-5),
    torch.bfloat16: (1.6e-2, 1e-5),
    torch.float32: (1.3e-6, 1e-5),
    torch.float64: (1e-12, 1e-13),
}

#: The dtype torch's CPU kernels compute in ("opmath"): float32 for the 16-bit types.
TORCH_COMPUTE = {
    torch.float16: torch.float32,
    torch.bfloat16: torch.float32,
    torch.float32: torch.float32,
    torch.float64: torch.float64,
}

Fn = Callable[[torch.Tensor], torch.Tensor]
View = Callable[[torch.Tensor], torch.Tensor]


def special_values(dtype: torch.dtype) -> dict[str, float]:
    """Named inputs where activation functions go wrong: zeros, tiny, huge, inf, NaN."""
    fi = torch.finfo(dtype)
    subnormal = fi.smallest_normal * fi.eps  # the smallest positive subnormal of the dtype
    return {
        "0": 0.0,
        "-0": -0.0,
        "1e-8": 1e-8,
        "-1e-8": -1e-8,
        "subnormal": subnormal,
        "-subnormal": -subnormal,
        "smallest_normal": fi.smallest_normal,
        "-smallest_normal": -fi.smallest_normal,
        "1": 1.0,
        "-1": -1.0,
        "20": 20.0,
        "-20": -20.0,
        "1e4": 1e4,
        "-1e4": -1e4,
        "65504": 65504.0,  # float16 max
        "-65504": -65504.0,
        "dtype_max": fi.max,
        "-dtype_max": -fi.max,
        "inf": INF,
        "-inf": -INF,
        "nan": NAN,
    }


SPECIAL_NAMES = list(special_values(torch.float32))


def special_tensor(dtype: torch.dtype, repeat: int = 1) -> torch.Tensor:
    """All special values, repeated and shuffled (long tensors take torch's vectorized path)."""
    values = list(special_values(dtype).values()) * repeat
    order = torch.randperm(len(values), generator=torch.Generator().manual_seed(0))
    return torch.tensor(values, dtype=torch.float64)[order].to(dtype)


def all_values(dtype: torch.dtype) -> torch.Tensor:
    """Every one of the 65536 bit patterns of a 16-bit float type."""
    bits = torch.arange(-(2**15), 2**15, dtype=torch.int32).to(torch.int16)
    return bits.view(dtype)


def random_like(x: torch.Tensor, seed: int = 0) -> torch.Tensor:
    gen = torch.Generator().manual_seed(seed)
    return torch.randn(x.shape, generator=gen, dtype=torch.float64).to(x.dtype)


def autograd_derivative(ref: Fn, x: torch.Tensor) -> torch.Tensor:
    """d ref(x) / dx element-wise, by torch autograd (upstream gradient of ones)."""
    leaf = x.detach().clone().requires_grad_(True)
    (grad,) = torch.autograd.grad(ref(leaf), leaf, torch.ones_like(leaf))
    return grad


def values_and_grad(
    fn: Fn,
    x: torch.Tensor,
    grad_output: torch.Tensor | None = None,
    view: View = lambda t: t,
) -> tuple[torch.Tensor, torch.Tensor | None]:
    """fn(v) and its gradient, v = view(x) made a leaf (v keeps the view's strides)."""
    leaf = view(x.detach().clone()).detach().requires_grad_(True)
    y = fn(leaf)
    g = torch.ones_like(y) if grad_output is None else grad_output
    y.backward(g)
    return y.detach(), leaf.grad


VIEWS: dict[str, View] = {
    "transpose": lambda t: t.transpose(0, 2),
    "step_slice": lambda t: t[::2, 1::2, ::3],
    "permute": lambda t: t.permute(1, 2, 0),
    "expand": lambda t: t[:, :1, :].expand(4, 5, 6),
    "diagonal": lambda t: torch.diagonal(t, dim1=1, dim2=2),
}

# -- property-based inputs ----------------------------------------------------------------------

INTERESTING = [0.0, -0.0, 1e-8, -1e-8, 1.0, -1.0, 20.0, -20.0, 1e4, -1e4, 65504.0, -65504.0]
INTERESTING += [INF, -INF, NAN, 5e-324, 1e-45, 6e-8, 3e38, -3e38]
ELEMENTS = st.one_of(
    st.sampled_from(INTERESTING),
    st.floats(min_value=-30, max_value=30),
    st.floats(min_value=-1e5, max_value=1e5),
    st.floats(allow_nan=True, allow_infinity=True),
)
ARRAYS = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=5),
    elements=ELEMENTS,
)
VIEW_KINDS = ["as_is", "transpose", "step", "expand"]


def apply_view(kind: str, t: torch.Tensor) -> torch.Tensor:
    if kind == "transpose" and t.ndim >= 2:
        return t.transpose(0, -1)
    if kind == "step" and t.ndim >= 1:
        return t[..., ::2]
    if kind == "expand":
        return t.unsqueeze(0).expand(2, *t.shape)
    return t


# -- comparison with element-wise allowances ----------------------------------------------------


def assert_close_elementwise(
    actual: torch.Tensor,
    expected: torch.Tensor,
    *,
    rtol: float,
    atol: float | torch.Tensor,
    what: str = "values",
) -> None:
    """|actual − expected| <= atol + rtol·|expected| element-wise, with ``atol`` a tensor if needed.

    NaN must meet NaN and ±inf the same infinity; dtype and shape must agree. Like
    ``torch.testing.assert_close(equal_nan=True)``, but the absolute tolerance may differ per
    element (a documented allowance where torch's own formula loses accuracy).
    """
    assert actual.dtype == expected.dtype, (actual.dtype, expected.dtype)
    assert actual.shape == expected.shape, (actual.shape, expected.shape)
    a, e = actual.double(), expected.double()
    nan_a, nan_e = torch.isnan(a), torch.isnan(e)
    inf_a, inf_e = torch.isinf(a), torch.isinf(e)
    atol_t = torch.as_tensor(atol, dtype=torch.float64).expand(e.shape)
    finite = ~(nan_a | nan_e | inf_a | inf_e)
    diff = torch.where(finite, (a - e).abs(), torch.zeros_like(a))
    bound = atol_t + rtol * e.abs().nan_to_num(0.0, 0.0, 0.0)
    bad = (nan_a != nan_e) | (inf_a != inf_e) | (inf_e & (a != e)) | (finite & (diff > bound))
    if bad.any():
        index = bad.nonzero()[:8].tolist()
        rows = [
            f"  at {tuple(i)}: actual {a[tuple(i)].item()!r}, expected {e[tuple(i)].item()!r}, "
            f"allowed ±{(atol_t + rtol * e.abs().nan_to_num(0.0, 0.0, 0.0))[tuple(i)].item():.3g}"
            for i in index
        ]
        raise AssertionError(
            f"{what}: {int(bad.sum())} of {bad.numel()} elements differ ({actual.dtype})\n"
            + "\n".join(rows)
        )
