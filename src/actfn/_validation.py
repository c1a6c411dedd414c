"""모든 공개 함수가 함께 쓰는 입력 검사.

잘못된 입력은 torch 내부 깊은 곳에서 알아보기 힘든 오류가 나기 전에 여기서 막습니다.
오류 메시지는 한국어로, 어떤 인자가 무엇이어야 하는지와 실제로 받은 값(영어 타입 이름)을
알려 줍니다.
"""

from __future__ import annotations

import math
import numbers

import torch

__all__ = [
    "FLOAT_DTYPES",
    "check_dim",
    "check_float_tensor",
    "check_negative_slope",
    "check_same_shape",
]

#: 패키지가 받는 부동소수점 dtype (torch.nn.functional과 같은 범위).
FLOAT_DTYPES: tuple[torch.dtype, ...] = (
    torch.float16,
    torch.bfloat16,
    torch.float32,
    torch.float64,
)

# 인자 이름 뒤에 붙는 주격/보조사("은"/"는")는 이름을 읽는 소리의 받침에 따라 달라집니다.
# x(엑스), s(에스), negative_slope(…슬로프)는 "는", dim(딤), grad_output(…아웃풋)은 "은".
_TOPIC_PARTICLE = {
    "x": "는",
    "s": "는",
    "negative_slope": "는",
    "dim": "은",
    "grad_output": "은",
}


def _topic(name: str) -> str:
    """인자 이름에 맞는 보조사를 붙입니다 (모르는 이름이면 "은(는)")."""
    return name + _TOPIC_PARTICLE.get(name, "은(는)")


def _type_name(value: object) -> str:
    """사람이 읽을 타입 이름: 내장 타입은 ``list``, 그 밖에는 ``numpy.ndarray``\\ 처럼."""
    cls = type(value)
    module = cls.__module__
    if module == "builtins":
        return cls.__qualname__
    return f"{module.split('.')[0]}.{cls.__qualname__}"


def check_float_tensor(value: object, name: str = "x") -> torch.Tensor:
    """``value``\\ 가 float16/bfloat16/float32/float64 텐서인지 확인하고 그대로 돌려줍니다.

    Raises:
        TypeError: 텐서가 아니거나, 정수·불리언·복소수 등 지원하지 않는 dtype일 때.
    """
    if not isinstance(value, torch.Tensor):
        type_name = _type_name(value)
        if type_name == "numpy.ndarray":
            hint = "torch.from_numpy(...) 또는 torch.tensor(...)로 변환하세요"
        else:
            hint = "torch.tensor(...)로 변환하세요"
        raise TypeError(
            f"{_topic(name)} torch.Tensor여야 합니다 (float 텐서); 받은 값: {type_name}. {hint}"
        )
    if value.dtype not in FLOAT_DTYPES:
        raise TypeError(
            f"{_topic(name)} 부동소수점 텐서(float16/bfloat16/float32/float64)여야 합니다; "
            f"받은 dtype: {value.dtype}. {name}.to(torch.float32)처럼 변환하세요"
        )
    return value


def check_dim(dim: object, ndim: int, name: str = "dim", tensor_name: str = "x") -> int:
    """``dim``\\ 이 ``ndim``\\ 차원 텐서의 올바른 차원 번호인지 확인하고 0 이상으로 바꿔 돌려줍니다.

    torch와 같이 0차원 텐서는 ``dim`` 으로 ``-1``\\ 과 ``0``\\ 을 받습니다.

    Raises:
        TypeError: ``dim``\\ 이 정수가 아닐 때 (``bool``\\ 도 정수로 치지 않습니다).
        ValueError: ``dim``\\ 이 범위를 벗어났을 때.
    """
    if isinstance(dim, bool) or not isinstance(dim, numbers.Integral):
        raise TypeError(
            f"{_topic(name)} int여야 합니다; 받은 값: {_type_name(dim)} ({dim!r}). "
            "소프트맥스를 계산할 차원 번호를 정수로 주세요 "
            "(예: 벡터 하나는 dim=0, (N, C) 배치는 dim=1)"
        )
    dim = int(dim)
    size = max(ndim, 1)
    low, high = -size, size - 1
    if not low <= dim <= high:
        raise ValueError(
            f"{_topic(name)} [{low}, {high}] 범위의 정수여야 합니다 "
            f"({tensor_name}.ndim = {ndim}); 받은 값: {dim}"
        )
    return dim % size


def check_negative_slope(
    value: object, name: str = "negative_slope", dtype: torch.dtype | None = None
) -> float:
    """``negative_slope``\\ 가 유한한 실수인지 확인하고 ``float``\\ 로 돌려줍니다.

    ``int``/``float``(NumPy 실수 포함)와 원소가 하나인 실수 텐서를 받습니다.
    torch와 같이 음수나 1보다 큰 값도 허용합니다. ``dtype``(입력 텐서의 dtype)이 float64가
    아니면 torch처럼 기울기를 float32로 쓰므로, float32로 나타낼 수 없을 만큼 큰 값은 받지
    않습니다.

    Raises:
        TypeError: 실수가 아닐 때 (``bool``, 문자열, 복소수, 원소가 여러 개인 텐서 등).
        ValueError: NaN이나 ±inf이거나, float32 범위를 넘을 때 (float64 입력 제외).
    """
    if isinstance(value, torch.Tensor):
        if value.numel() != 1 or value.dtype == torch.bool or value.is_complex():
            raise TypeError(
                f"{_topic(name)} 실수(float 또는 int)여야 합니다; 받은 값: 원소 "
                f"{value.numel()}개, dtype {value.dtype}인 torch.Tensor"
            )
        slope = float(value.item())
    elif isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{_topic(name)} 실수(float 또는 int)여야 합니다; 받은 값: {_type_name(value)} "
            f"({value!r})"
        )
    else:
        slope = float(value)
    if not math.isfinite(slope):
        raise ValueError(f"{_topic(name)} 유한한 실수여야 합니다; 받은 값: {slope}")
    float32_max = torch.finfo(torch.float32).max
    if dtype is not None and dtype != torch.float64 and abs(slope) > float32_max:
        raise ValueError(
            f"{_topic(name)} 절댓값이 {float32_max:.6g} 이하여야 합니다 (float64가 아닌 입력에서는 "
            f"파이토치와 같이 float32로 계산합니다); 받은 값: {slope}"
        )
    return slope


def check_same_shape(a: torch.Tensor, b: torch.Tensor, name_a: str, name_b: str) -> None:
    """두 텐서의 모양이 같은지 확인합니다.

    Raises:
        ValueError: 모양이 다를 때.
    """
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a}와 {name_b}의 모양이 같아야 합니다; "
            f"받은 모양: {name_a} {tuple(a.shape)}, {name_b} {tuple(b.shape)}"
        )
