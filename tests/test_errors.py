"""Bad input gets a clear TypeError/ValueError that names the argument and what was expected.

Each error must come from actfn's own validation (the last traceback frame is in
actfn/_validation.py), not from deep inside torch where the reader cannot act on it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import cases
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from cases import raised_by_validation

import actfn

GOOD = torch.tensor([[-1.0, 0.5], [2.0, -3.0]])

# name -> call with a given first tensor argument: every record's function and derivative
# (tests/cases.py) and the softmax pair, which needs ``dim``.
X_FUNCTIONS: dict[str, Callable[[Any], torch.Tensor]] = {
    **cases.X_FUNCTIONS,
    "softmax": lambda x: actfn.softmax(x, dim=0),
    "softmax_jacobian": actfn.softmax_jacobian,
}


# ----------------------------------------------------------------------------------------------
# x must be a floating-point torch.Tensor
# ----------------------------------------------------------------------------------------------

NOT_TENSORS = [
    pytest.param([-1.0, 2.0], "list", id="list"),
    pytest.param((1.0, 2.0), "tuple", id="tuple"),
    pytest.param(np.array([-1.0, 2.0]), "numpy.ndarray", id="numpy"),
    pytest.param(1.5, "float", id="python-float"),
    pytest.param(3, "int", id="python-int"),
    pytest.param(None, "NoneType", id="None"),
    pytest.param("1.0", "str", id="str"),
]


@pytest.mark.parametrize(("value", "type_name"), NOT_TENSORS)
@pytest.mark.parametrize("name", list(X_FUNCTIONS))
def test_non_tensor_x_is_a_type_error_naming_x(name: str, value: object, type_name: str) -> None:
    with pytest.raises(TypeError) as excinfo:
        X_FUNCTIONS[name](value)
    message = str(excinfo.value)
    assert message.startswith("x는 torch.Tensor여야 합니다")
    assert f"받은 값: {type_name}." in message
    assert "변환하세요" in message
    assert raised_by_validation(excinfo)


def test_list_error_message_is_the_documented_one() -> None:
    expected = (
        "x는 torch.Tensor여야 합니다 (float 텐서); 받은 값: list. torch.tensor(...)로 변환하세요"
    )
    with pytest.raises(TypeError, match=f"^{re.escape(expected)}$"):
        actfn.sigmoid([-1.0, 0.0, 1.0])


def test_numpy_error_suggests_from_numpy() -> None:
    with pytest.raises(TypeError, match=re.escape("torch.from_numpy(...)")):
        actfn.relu(np.zeros(3))


BAD_DTYPES = [torch.int64, torch.int32, torch.uint8, torch.bool, torch.complex64]


@pytest.mark.parametrize("dtype", BAD_DTYPES, ids=str)
@pytest.mark.parametrize("name", list(X_FUNCTIONS))
def test_non_float_tensor_is_a_type_error_naming_x_and_dtype(name: str, dtype: torch.dtype) -> None:
    x = torch.zeros(2, 2, dtype=dtype)
    with pytest.raises(TypeError) as excinfo:
        X_FUNCTIONS[name](x)
    message = str(excinfo.value)
    assert message.startswith("x는 부동소수점 텐서(float16/bfloat16/float32/float64)여야 합니다")
    assert f"받은 dtype: {dtype}" in message
    assert raised_by_validation(excinfo)


def test_float8_is_rejected_too() -> None:
    x = torch.zeros(2, dtype=torch.float8_e4m3fn)
    with pytest.raises(TypeError, match=r"^x는 부동소수점 텐서"):
        actfn.relu(x)


def test_softmax_vjp_names_each_tensor_argument() -> None:
    s = actfn.softmax(GOOD, dim=1)
    with pytest.raises(TypeError, match=r"^s는 torch\.Tensor여야"):
        actfn.softmax_vjp([0.5, 0.5], s, dim=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^grad_output은 torch\.Tensor여야"):
        actfn.softmax_vjp(s, [1.0, 0.0], dim=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^grad_output은 부동소수점 텐서.*torch\.int64"):
        actfn.softmax_vjp(s, torch.ones(2, 2, dtype=torch.int64), dim=1)
    with pytest.raises(
        ValueError, match=r"^s와 grad_output의 모양이 같아야 합니다.*\(2, 2\).*\(2,\)"
    ):
        actfn.softmax_vjp(s, torch.ones(2), dim=1)


# ----------------------------------------------------------------------------------------------
# dim: a required int in range
# ----------------------------------------------------------------------------------------------

DIM_FUNCTIONS: dict[str, Callable[[torch.Tensor, Any], torch.Tensor]] = {
    "softmax": lambda x, dim: actfn.softmax(x, dim=dim),
    "softmax_jacobian": lambda x, dim: actfn.softmax_jacobian(x, dim=dim),
    "softmax_vjp": lambda x, dim: actfn.softmax_vjp(x, torch.ones_like(x), dim=dim),
}


@pytest.mark.parametrize(
    ("dim", "type_name"),
    [
        pytest.param(True, "bool", id="True"),
        pytest.param(False, "bool", id="False"),
        pytest.param(1.0, "float", id="float"),
        pytest.param("0", "str", id="str"),
        pytest.param(None, "NoneType", id="None"),
        pytest.param(torch.tensor(0), "torch.Tensor", id="tensor"),
        pytest.param([0], "list", id="list"),
    ],
)
@pytest.mark.parametrize("name", list(DIM_FUNCTIONS))
def test_non_int_dim_is_a_type_error_naming_dim(name: str, dim: object, type_name: str) -> None:
    with pytest.raises(TypeError) as excinfo:
        DIM_FUNCTIONS[name](GOOD, dim)
    message = str(excinfo.value)
    assert message.startswith("dim은 int여야 합니다")
    assert f"받은 값: {type_name}" in message
    assert raised_by_validation(excinfo)


@pytest.mark.parametrize(
    ("shape", "dim", "valid"),
    [
        ((2, 3), 2, "[-2, 1]"),
        ((2, 3), -3, "[-2, 1]"),
        ((4,), 1, "[-1, 0]"),
        ((4,), -2, "[-1, 0]"),
        ((), 1, "[-1, 0]"),
        ((), -2, "[-1, 0]"),
        ((2, 3, 4), 3, "[-3, 2]"),
    ],
)
@pytest.mark.parametrize("name", list(DIM_FUNCTIONS))
def test_out_of_range_dim_is_a_value_error_naming_the_range(
    name: str, shape: tuple[int, ...], dim: int, valid: str
) -> None:
    x = torch.zeros(shape)
    with pytest.raises(
        ValueError, match=f"^dim은 {re.escape(valid)} 범위의 정수여야 합니다"
    ) as excinfo:
        DIM_FUNCTIONS[name](x, dim)
    message = str(excinfo.value)
    assert f"ndim = {len(shape)}" in message
    assert f"받은 값: {dim}" in message
    assert raised_by_validation(excinfo)
    # torch rejects the same dims
    with pytest.raises(IndexError):
        F.softmax(x, dim=dim)


def test_softmax_dim_is_required() -> None:
    with pytest.raises(TypeError, match="dim"):
        actfn.softmax(GOOD)  # type: ignore[call-arg]


def test_numpy_integer_dim_is_accepted() -> None:
    torch.testing.assert_close(actfn.softmax(GOOD, dim=np.int64(1)), F.softmax(GOOD, dim=1))


# ----------------------------------------------------------------------------------------------
# negative_slope: a finite real number
# ----------------------------------------------------------------------------------------------

SLOPE_FUNCTIONS: dict[str, Callable[[torch.Tensor, Any], torch.Tensor]] = {
    "leaky_relu": lambda x, s: actfn.leaky_relu(x, negative_slope=s),
    "leaky_relu_derivative": lambda x, s: actfn.leaky_relu_derivative(x, negative_slope=s),
}


@pytest.mark.parametrize(
    "slope",
    [
        pytest.param(True, id="True"),
        pytest.param("0.1", id="str"),
        pytest.param(None, id="None"),
        pytest.param([0.1], id="list"),
        pytest.param(1j, id="complex"),
        pytest.param(torch.tensor([0.1, 0.2]), id="tensor-2-elements"),
        pytest.param(torch.tensor(True), id="bool-tensor"),
        pytest.param(torch.tensor(1j), id="complex-tensor"),
    ],
)
@pytest.mark.parametrize("name", list(SLOPE_FUNCTIONS))
def test_non_number_slope_is_a_type_error_naming_negative_slope(name: str, slope: object) -> None:
    with pytest.raises(TypeError) as excinfo:
        SLOPE_FUNCTIONS[name](GOOD, slope)
    assert str(excinfo.value).startswith("negative_slope는 실수(float 또는 int)여야 합니다")
    assert raised_by_validation(excinfo)


@pytest.mark.parametrize(
    "slope",
    [math.nan, math.inf, -math.inf, torch.tensor(math.nan), np.float32("inf")],
    ids=["nan", "inf", "-inf", "nan-tensor", "numpy-inf"],
)
@pytest.mark.parametrize("name", list(SLOPE_FUNCTIONS))
def test_non_finite_slope_is_a_value_error(name: str, slope: object) -> None:
    with pytest.raises(ValueError, match=r"^negative_slope는 유한한 실수여야 합니다") as excinfo:
        SLOPE_FUNCTIONS[name](GOOD, slope)
    assert raised_by_validation(excinfo)


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16, torch.float32], ids=str)
@pytest.mark.parametrize("name", list(SLOPE_FUNCTIONS))
def test_slope_beyond_float32_is_a_value_error_unless_x_is_float64(
    name: str, dtype: torch.dtype
) -> None:
    """torch computes with a float32 slope for these dtypes and refuses 1e300 too."""
    x = GOOD.to(dtype)
    with pytest.raises(ValueError, match=r"^negative_slope는 절댓값이") as excinfo:
        SLOPE_FUNCTIONS[name](x, 1e300)
    assert raised_by_validation(excinfo)
    with pytest.raises(RuntimeError):
        F.leaky_relu(x, 1e300)
    x64 = GOOD.double()
    torch.testing.assert_close(actfn.leaky_relu(x64, 1e300), F.leaky_relu(x64, 1e300))


@pytest.mark.parametrize(
    "slope",
    [0, -0.5, 2, 1e-300, np.float32(0.2), np.float64(0.3), torch.tensor(0.2), torch.tensor([0.2])],
    ids=["int-0", "negative", "above-1", "tiny", "np.float32", "np.float64", "0d-tensor", "1-elem"],
)
def test_accepted_slopes_match_torch(slope: Any) -> None:
    as_float = float(slope.item() if isinstance(slope, torch.Tensor) else slope)
    torch.testing.assert_close(actfn.leaky_relu(GOOD, slope), F.leaky_relu(GOOD, as_float))


# ----------------------------------------------------------------------------------------------
# Valid but unusual inputs are not errors
# ----------------------------------------------------------------------------------------------


def test_parameters_and_tensors_requiring_grad_are_accepted() -> None:
    p = torch.nn.Parameter(GOOD.clone())
    for fn in X_FUNCTIONS.values():
        fn(p)
