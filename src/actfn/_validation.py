"""모든 공개 함수가 함께 쓰는 입력 검사.

잘못된 입력은 torch 내부 깊은 곳에서 알아보기 힘든 오류가 나기 전에 여기서 막습니다.
오류 메시지는 한국어로, 어떤 인자가 무엇이어야 하는지와 실제로 받은 값(영어 타입 이름)을
알려 줍니다.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable

import torch

__all__ = [
    "FLOAT_DTYPES",
    "check_approximate",
    "check_callable",
    "check_choice",
    "check_dim",
    "check_features",
    "check_float_tensor",
    "check_halvable",
    "check_instance",
    "check_int",
    "check_labels",
    "check_nonzero",
    "check_number",
    "check_positive_int",
    "check_prelu_weight",
    "check_real",
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
# alpha(알파), beta(베타), threshold(스레숄드), weight(웨이트), approximate(…메이트),
# num_parameters(…터스)는 "는", init(이닛), hidden(히든)은 "은".
# 실험 도구(actfn.experiments)의 인자: n(엔), gain(게인), lr(엘알), margin(마진), model(모델),
# fn(에프엔), activation(…베이션)은 "은", 나머지(classes, turns, noise, seed, factor, depth,
# width, in_features, out_features, bias, steps, start, end, optimizer, X, y, models, history)는 "는".
_TOPIC_PARTICLE = {
    "x": "는",
    "s": "는",
    "negative_slope": "는",
    "dim": "은",
    "grad_output": "은",
    "alpha": "는",
    "beta": "는",
    "threshold": "는",
    "weight": "는",
    "approximate": "는",
    "num_parameters": "는",
    "init": "은",
    "hidden": "은",
    **dict.fromkeys(["n", "gain", "lr", "margin", "model", "fn", "activation"], "은"),
    **dict.fromkeys(
        [
            "classes",
            "turns",
            "noise",
            "seed",
            "factor",
            "depth",
            "width",
            "in_features",
            "out_features",
            "bias",
            "steps",
            "start",
            "end",
            "optimizer",
            "X",
            "y",
            "models",
            "history",
        ],
        "는",
    ),
}

# 이름 뒤의 주격 조사("이"/"가")와 목적격 조사("을"/"를")도 같은 규칙을 따릅니다.
_SUBJECT_PARTICLE = {"x": "가", "weight": "가", "dim": "이"}


def _topic(name: str) -> str:
    """인자 이름에 맞는 보조사를 붙입니다 (모르는 이름이면 "은(는)"; ``models[1]``\\ 은 ``models``\\ 처럼)."""
    return name + _TOPIC_PARTICLE.get(name.split("[")[0], "은(는)")


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


_SOFTMAX_DIM_HINT = (
    "소프트맥스를 계산할 차원 번호를 정수로 주세요 (예: 벡터 하나는 dim=0, (N, C) 배치는 dim=1)"
)


def check_dim(
    dim: object,
    ndim: int,
    name: str = "dim",
    tensor_name: str = "x",
    hint: str = _SOFTMAX_DIM_HINT,
) -> int:
    """``dim``\\ 이 ``ndim``\\ 차원 텐서의 올바른 차원 번호인지 확인하고 0 이상으로 바꿔 돌려줍니다.

    torch와 같이 0차원 텐서는 ``dim`` 으로 ``-1``\\ 과 ``0``\\ 을 받습니다. ``hint``\\ 는
    ``dim``\\ 이 정수가 아닐 때 메시지 끝에 붙는 안내입니다 (기본값은 소프트맥스용).

    Raises:
        TypeError: ``dim``\\ 이 정수가 아닐 때 (``bool``\\ 도 정수로 치지 않습니다).
        ValueError: ``dim``\\ 이 범위를 벗어났을 때.
    """
    if isinstance(dim, bool) or not isinstance(dim, numbers.Integral):
        raise TypeError(
            f"{_topic(name)} int여야 합니다; 받은 값: {_type_name(dim)} ({dim!r}). {hint}"
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


def check_real(
    value: object,
    name: str,
    dtype: torch.dtype | None = None,
    *,
    allow_infinite: bool = False,
) -> float:
    """``value``\\ 가 실수인지 확인하고 ``float``\\ 로 돌려줍니다 (``alpha``, ``beta`` 등).

    ``int``/``float``(NumPy 실수 포함)와 원소가 하나인 실수 텐서를 받습니다. ``dtype``(입력 텐서의
    dtype)이 float64가 아니면 torch처럼 값을 float32로 쓰므로, float32로 나타낼 수 없을 만큼 큰
    유한한 값은 받지 않습니다. ``allow_infinite``\\ 가 참이면 ±inf도 받습니다 (NaN은 언제나 거부).

    Raises:
        TypeError: 실수가 아닐 때 (``bool``, 문자열, 복소수, 원소가 여러 개인 텐서 등).
        ValueError: NaN이거나, ±inf인데 ``allow_infinite``\\ 가 거짓이거나, float32 범위를 넘을 때
            (float64 입력 제외).
    """
    if isinstance(value, torch.Tensor):
        if value.numel() != 1 or value.dtype == torch.bool or value.is_complex():
            raise TypeError(
                f"{_topic(name)} 실수(float 또는 int)여야 합니다; 받은 값: 원소 "
                f"{value.numel()}개, dtype {value.dtype}인 torch.Tensor"
            )
        number = float(value.item())
    elif isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{_topic(name)} 실수(float 또는 int)여야 합니다; 받은 값: {_type_name(value)} "
            f"({value!r})"
        )
    else:
        number = float(value)
    if math.isnan(number):
        what = "NaN이 아닌 실수" if allow_infinite else "유한한 실수"
        raise ValueError(f"{_topic(name)} {what}여야 합니다; 받은 값: {number}")
    if math.isinf(number):
        if allow_infinite:
            return number
        raise ValueError(f"{_topic(name)} 유한한 실수여야 합니다; 받은 값: {number}")
    float32_max = torch.finfo(torch.float32).max
    if dtype is not None and dtype != torch.float64 and abs(number) > float32_max:
        raise ValueError(
            f"{_topic(name)} 절댓값이 {float32_max:.6g} 이하여야 합니다 (float64가 아닌 입력에서는 "
            f"파이토치와 같이 float32로 계산합니다); 받은 값: {number}"
        )
    return number


def check_nonzero(value: float, name: str) -> float:
    """``value``\\ 가 0이 아닌지 확인합니다 (소프트플러스의 ``beta``\\ 처럼 나누는 수).

    Raises:
        ValueError: 0일 때 (또는 float32로 바꾸면 0이 될 만큼 작을 때, ``value``\\ 는 이미 그렇게
            바꾼 값을 넘깁니다).
    """
    if value == 0:
        raise ValueError(
            f"{_topic(name)} 0이 아니어야 합니다 ({name}로 나눕니다); 받은 값: {value}"
        )
    return value


def check_choice(value: object, name: str, choices: tuple[str, ...]) -> str:
    """``value``\\ 가 문자열 ``choices`` 가운데 하나인지 확인하고 그대로 돌려줍니다.

    Raises:
        TypeError: 문자열이 아닐 때 (``None``, ``True`` 등).
        ValueError: 다른 문자열일 때.
    """
    quoted = [repr(c) for c in choices]
    listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} 또는 {quoted[-1]}"
    if not isinstance(value, str):
        raise TypeError(
            f"{_topic(name)} 문자열 {listed}여야 합니다; 받은 값: {_type_name(value)} ({value!r})"
        )
    if value not in choices:
        raise ValueError(f"{_topic(name)} {listed}여야 합니다; 받은 값: {value!r}")
    return value


def check_approximate(value: object, name: str = "approximate") -> str:
    """GELU의 ``approximate``\\ 가 ``"none"``\\ 이나 ``"tanh"``\\ 인지 확인합니다.

    Raises:
        TypeError: 문자열이 아닐 때 (``None``, ``True`` 등).
        ValueError: 다른 문자열일 때.
    """
    return check_choice(value, name, ("none", "tanh"))


def check_halvable(x: torch.Tensor, dim: int, name: str = "x") -> None:
    """게이트 선형 유닛처럼 ``x``\\ 를 차원 ``dim``\\ 을 따라 절반으로 나눌 수 있는지 확인합니다.

    ``dim``\\ 은 :func:`check_dim`\\ 을 거친 0 이상의 차원 번호입니다.

    Raises:
        ValueError: ``x``\\ 가 0차원 텐서이거나 그 차원의 크기가 홀수일 때.
    """
    subject = name + _SUBJECT_PARTICLE.get(name, "이(가)")
    if x.ndim == 0:
        raise ValueError(
            f"{subject} 0차원 텐서라 절반으로 나눌 수 없습니다; 크기가 짝수인 차원이 있는 텐서를 주세요"
        )
    size = x.shape[dim]
    if size % 2:
        raise ValueError(
            f"{name}의 차원 dim={dim}의 크기가 짝수여야 절반으로 나눌 수 있습니다; "
            f"받은 크기: {size} ({name}.shape = {tuple(x.shape)})"
        )


def check_prelu_weight(weight: object, x: torch.Tensor, name: str = "weight") -> torch.Tensor:
    """PReLU의 기울기 텐서 ``weight``\\ 를 확인합니다 (``F.prelu``\\ 와 같은 규칙).

    ``weight``\\ 는 ``x``\\ 와 dtype이 같은 0차원 또는 1차원 텐서이고, 원소가 1개이거나 ``x``\\ 의
    채널 수(1번 차원의 크기, ``x``\\ 가 2차원 미만이면 1)와 같아야 합니다.

    Raises:
        TypeError: 부동소수점 텐서가 아니거나 dtype이 ``x``\\ 와 다를 때.
        ValueError: 2차원 이상이거나 원소 수가 맞지 않을 때.
    """
    check_float_tensor(weight, name)
    assert isinstance(weight, torch.Tensor)
    if weight.dtype != x.dtype:
        raise TypeError(
            f"{name}의 dtype이 x와 같아야 합니다; 받은 dtype: {name} {weight.dtype}, x {x.dtype}. "
            f"{name}.to(x.dtype)처럼 맞추세요"
        )
    if weight.ndim > 1:
        raise ValueError(
            f"{_topic(name)} 0차원이나 1차원 텐서여야 합니다; 받은 모양: {tuple(weight.shape)}"
        )
    channels = x.shape[1] if x.ndim >= 2 else 1
    if weight.numel() != 1 and weight.numel() != channels:
        raise ValueError(
            f"{name}의 원소 수는 1이거나 x의 채널 수(1번 차원의 크기, x가 2차원 미만이면 1)와 "
            f"같아야 합니다; 받은 원소 수: {weight.numel()}, x의 채널 수: {channels} "
            f"(x.shape = {tuple(x.shape)})"
        )
    return weight


def check_int(
    value: object,
    name: str,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    reason: str = "",
) -> int:
    """``value``\\ 가 ``minimum`` 이상 ``maximum`` 이하의 정수인지 확인하고 ``int``\\ 로 돌려줍니다.

    ``reason``\\ 은 범위를 벗어났을 때 메시지에 덧붙이는 까닭입니다 (예: "클래스마다 점이 하나 이상").

    Raises:
        TypeError: 정수가 아닐 때 (``bool``\\ 도 정수로 치지 않습니다).
        ValueError: 범위를 벗어났을 때.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{_topic(name)} int여야 합니다; 받은 값: {_type_name(value)} ({value!r})")
    value = int(value)
    low_ok = minimum is None or value >= minimum
    high_ok = maximum is None or value <= maximum
    if not (low_ok and high_ok):
        if minimum is not None and maximum is not None:
            expected = f"{minimum} 이상 {maximum} 이하여야"
        elif minimum is not None:
            expected = f"{minimum} 이상이어야"
        else:
            expected = f"{maximum} 이하여야"
        why = f" ({reason})" if reason else ""
        raise ValueError(f"{_topic(name)} {expected} 합니다{why}; 받은 값: {value}")
    return value


def check_positive_int(value: object, name: str) -> int:
    """``value``\\ 가 1 이상의 정수인지 확인하고 ``int``\\ 로 돌려줍니다 (층의 크기 등).

    Raises:
        TypeError: 정수가 아닐 때 (``bool``\\ 도 정수로 치지 않습니다).
        ValueError: 1보다 작을 때.
    """
    return check_int(value, name, minimum=1)


def check_number(
    value: object,
    name: str,
    *,
    above: float | None = None,
    at_least: float | None = None,
    below: float | None = None,
) -> float:
    """``value``\\ 가 유한한 실수이고 범위 안에 있는지 확인하고 ``float``\\ 로 돌려줍니다.

    범위는 ``above`` (초과), ``at_least`` (이상), ``below`` (미만)로 줍니다. 예: 확률처럼 0과 1
    사이면 ``above=0, below=1``, 학습률처럼 양수면 ``above=0``.

    Raises:
        TypeError: 실수가 아닐 때 (``bool``, 문자열, 텐서 등).
        ValueError: NaN, ±inf이거나 범위를 벗어났을 때.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{_topic(name)} 실수(float 또는 int)여야 합니다; 받은 값: {_type_name(value)} "
            f"({value!r})"
        )
    number = float(value)
    # (만족하는지, 이어 쓰는 꼴, 끝맺는 꼴)
    bounds = []
    if above is not None:
        bounds.append((number > above, f"{above:g}보다 크고", f"{above:g}보다 커야"))
    if at_least is not None:
        bounds.append((number >= at_least, f"{at_least:g} 이상이고", f"{at_least:g} 이상이어야"))
    if below is not None:
        bounds.append((number < below, f"{below:g}보다 작고", f"{below:g}보다 작아야"))
    if math.isfinite(number) and all(ok for ok, _, _ in bounds):
        return number
    if not bounds:
        expected = "유한한 실수여야"
    else:
        expected = " ".join(["유한하고", *(joined for _, joined, _ in bounds[:-1]), bounds[-1][2]])
    raise ValueError(f"{_topic(name)} {expected} 합니다; 받은 값: {number}")


def check_callable(value: object, name: str, expected: str) -> Callable[..., object]:
    """``value``\\ 를 호출할 수 있는지 확인합니다. ``expected``\\ 는 무엇이어야 하는지를 서술어까지
    (예: ``"호출할 수 있는 함수여야"``).

    Raises:
        TypeError: 호출할 수 없을 때.
    """
    if not callable(value):
        raise TypeError(f"{_topic(name)} {expected} 합니다; 받은 값: {value!r}")
    return value


def check_instance(value: object, name: str, cls: type | tuple[type, ...], expected: str) -> None:
    """``value``\\ 가 ``cls``\\ 의 인스턴스인지 확인합니다. ``expected``\\ 는 무엇이어야 하는지를
    서술어까지 (예: ``"nn.Sequential이어야"``).

    Raises:
        TypeError: 아닐 때 (받은 값의 타입 이름을 알려 줌).
    """
    if not isinstance(value, cls):
        raise TypeError(f"{_topic(name)} {expected} 합니다; 받은 값: {_type_name(value)}")


def check_features(X: object, name: str = "X") -> torch.Tensor:
    """``X``\\ 가 데이터가 한 줄 이상인 ``(N, 특성 수)`` 모양의 부동소수점 텐서인지 확인합니다.

    Raises:
        TypeError: 부동소수점 텐서가 아닐 때.
        ValueError: 2차원이 아니거나 행이 없을 때.
    """
    check_float_tensor(X, name)
    assert isinstance(X, torch.Tensor)
    if X.ndim != 2:
        raise ValueError(
            f"{_topic(name)} (N, 특성 수) 모양의 2차원 텐서여야 합니다; 받은 모양: {tuple(X.shape)}"
        )
    if X.shape[0] == 0:
        raise ValueError(f"{name}에 데이터가 하나도 없습니다; 받은 모양: {tuple(X.shape)}")
    return X


def check_labels(y: object, rows: int, name: str = "y") -> torch.Tensor:
    """``y``\\ 가 길이 ``rows``\\ (입력의 행 수)인 1차원 정수 텐서(클래스 번호)인지 확인합니다.

    Raises:
        TypeError: 텐서가 아니거나 정수 텐서가 아닐 때.
        ValueError: 1차원이 아니거나 길이가 다를 때.
    """
    if not isinstance(y, torch.Tensor):
        raise TypeError(
            f"{_topic(name)} 클래스 번호를 담은 정수 텐서(torch.long)여야 합니다; "
            f"받은 값: {_type_name(y)}"
        )
    if y.is_floating_point() or y.is_complex() or y.dtype == torch.bool:
        raise TypeError(
            f"{_topic(name)} 클래스 번호를 담은 정수 텐서(torch.long)여야 합니다; "
            f"받은 dtype: {y.dtype}"
        )
    if y.ndim != 1 or y.shape[0] != rows:
        raise ValueError(
            f"{_topic(name)} X의 행 수({rows})와 길이가 같은 1차원 텐서여야 합니다; "
            f"받은 모양: {tuple(y.shape)}"
        )
    return y


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
