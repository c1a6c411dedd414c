r"""활성화 함수마다 한 줄의 기록: 이름, 공식, 도함수, 인자와 기본값, 파이토치의 같은 함수, 정의역의 주의점.

테스트(값, dtype, 극단값, inf/NaN, 뷰, 기울기, 이계도함수, 순전파 모드, 오류), 책의 탐색기 함수
목록이 모두 이 기록에서 나옵니다. 새 활성화 함수는 공식(``_formulas``), 도함수(``_derivatives``),
공개 함수 두 개(``functions``, ``derivatives``), 그리고 여기 기록 하나를 더하면 일반 테스트를 모두
거칩니다.

Examples:
    >>> from actfn.activations import ACTIVATIONS
    >>> record = ACTIVATIONS["leaky_relu"]
    >>> record.parameters
    {'negative_slope': 0.01}
    >>> record.torch_reference
    'torch.nn.functional.leaky_relu'
    >>> [name for name, r in ACTIVATIONS.items() if r.explorer]
    ['relu', 'leaky_relu', 'sigmoid', 'tanh']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import torch

from actfn import derivatives, functions

__all__ = ["ACTIVATIONS", "Activation"]


@dataclass(frozen=True)
class Activation:
    r"""활성화 함수 하나의 기록.

    Attributes:
        name (str): 함수 이름 (``actfn.<name>``).
        title (str): 책에서 쓰는 이름 (예: ``"렐루(ReLU)"``).
        function (Callable): 패키지의 함수.
        derivative (Callable | None): 패키지의 도함수 (게이트 선형 유닛과 소프트맥스는 ``None``:
            야코비 행렬이 대각이 아닙니다).
        formula (str): 공식 (LaTeX).
        derivative_formula (str): 도함수 공식 (LaTeX).
        parameters (dict): 입력 ``x`` 밖의 인자와 기본값 (``None``\ 은 기본값이 없음).
        torch_reference (str): 파이토치의 같은 함수 (테스트의 기준, 패키지는 부르지 않음).
        kind (str): ``"elementwise"``\ (원소별), ``"softmax"``, ``"gated"``\ (입력을 반으로 나눔).
        smooth (bool): 미분 가능한 곡선이면 참, 조각마다 직선이면 거짓.
        variants (dict): 기본값 밖에 따로 테스트할 인자 조합 (이름 → 인자).
        notes (tuple[str, ...]): 정의역과 관례에 대한 주의점.
        explorer (bool): 책의 탐색기(``{activation-explorer}``)에 나오는지.
    """

    name: str
    title: str
    function: Callable[..., torch.Tensor]
    derivative: Callable[..., torch.Tensor] | None
    formula: str
    derivative_formula: str
    parameters: dict[str, object]
    torch_reference: str
    kind: str = "elementwise"
    smooth: bool = True
    variants: dict[str, dict[str, object]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    explorer: bool = False


_F = "torch.nn.functional."

_RECORDS = [
    Activation(
        "step",
        "계단 함수",
        functions.step,
        derivatives.step_derivative,
        r"h(x) = [x > 0]",
        r"h'(x) = 0",
        {},
        "torch.heaviside",
        smooth=False,
        notes=("x = 0과 NaN에서 0", "기울기는 어디서나 0 (torch.sign처럼)"),
    ),
    Activation(
        "relu",
        "렐루(ReLU)",
        functions.relu,
        derivatives.relu_derivative,
        r"\max(0, x)",
        r"[x > 0]",
        {},
        _F + "relu",
        smooth=False,
        notes=("x = 0에서 기울기 0", "역전파는 곱하지 않고 고름: inf·0이 NaN이 되지 않음"),
        explorer=True,
    ),
    Activation(
        "leaky_relu",
        "리키 렐루(Leaky ReLU)",
        functions.leaky_relu,
        derivatives.leaky_relu_derivative,
        r"x \text{ if } x > 0 \text{ else } \text{negative\_slope}\cdot x",
        r"1 \text{ if } x > 0 \text{ else } \text{negative\_slope}",
        {"negative_slope": 0.01},
        _F + "leaky_relu",
        smooth=False,
        notes=("x = 0과 NaN에서 기울기 negative_slope",),
        explorer=True,
    ),
    Activation(
        "sigmoid",
        "시그모이드",
        functions.sigmoid,
        derivatives.sigmoid_derivative,
        r"\sigma(x) = 1/(1 + e^{-x})",
        r"\sigma(x)(1 - \sigma(x))",
        {},
        "torch.sigmoid",
        notes=("역전파는 출력으로 σ(1 − σ)", "x = −10⁴에서도 기울기 0 (NaN 아님)"),
        explorer=True,
    ),
    Activation(
        "tanh",
        "하이퍼볼릭 탄젠트(tanh)",
        functions.tanh,
        derivatives.tanh_derivative,
        r"\tanh x = (e^{x} - e^{-x})/(e^{x} + e^{-x})",
        r"1 - \tanh^2 x",
        {},
        "torch.tanh",
        notes=("역전파는 출력으로 1 − tanh²",),
        explorer=True,
    ),
    Activation(
        "softmax",
        "소프트맥스",
        functions.softmax,
        None,
        r"e^{x_i - m}/\sum_j e^{x_j - m}",
        r"\operatorname{diag}(s) - s s^{\top}",
        {"dim": None},
        _F + "softmax",
        kind="softmax",
        notes=("dim은 반드시 지정", "+inf나 NaN이 있는 줄은 모두 NaN"),
    ),
    Activation(
        "gelu",
        "GELU",
        functions.gelu,
        derivatives.gelu_derivative,
        r"x\,\Phi(x)",
        r"\Phi(x) + x\,\varphi(x)",
        {"approximate": "none"},
        _F + "gelu",
        variants={"gelu_tanh": {"approximate": "tanh"}},
        notes=("음수 꼬리는 erfc로 정확하게 (파이토치는 x < −5.5에서 0)",),
    ),
    Activation(
        "silu",
        "SiLU",
        functions.silu,
        derivatives.silu_derivative,
        r"x\,\sigma(x)",
        r"\sigma(x)\bigl(1 + x(1 - \sigma(x))\bigr)",
        {},
        _F + "silu",
        notes=("x < −88.7(float32)에서 파이토치는 −0, actfn은 x·e^x",),
    ),
    Activation(
        "elu",
        "ELU",
        functions.elu,
        derivatives.elu_derivative,
        r"x \text{ if } x > 0 \text{ else } \alpha(e^{x} - 1)",
        r"1 \text{ if } x > 0 \text{ else } \alpha e^{x}",
        {"alpha": 1.0},
        _F + "elu",
        notes=("x = 0에서 기울기 α", "NaN에서 기울기 NaN"),
    ),
    Activation(
        "softplus",
        "소프트플러스",
        functions.softplus,
        derivatives.softplus_derivative,
        r"\tfrac{1}{\beta}\log(1 + e^{\beta x})",
        r"\sigma(\beta x)",
        {"beta": 1.0, "threshold": 20.0},
        _F + "softplus",
        notes=("βx > threshold이면 x 그대로",),
    ),
    Activation(
        "prelu",
        "PReLU",
        functions.prelu,
        derivatives.prelu_derivative,
        r"x \text{ if } x > 0 \text{ else } a x",
        r"1 \text{ if } x > 0 \text{ else } a",
        {"weight": None},
        _F + "prelu",
        smooth=False,
        variants={"prelu": {"weight": 0.25}},
        notes=("weight는 x와 dtype이 같은 텐서 (원소 1개 또는 채널 수)",),
    ),
    Activation(
        "glu",
        "GLU",
        functions.glu,
        None,
        r"a \otimes \sigma(b)",
        r"\partial_a = \sigma(b),\ \partial_b = a\,\sigma'(b)",
        {"dim": -1},
        _F + "glu",
        kind="gated",
    ),
    Activation(
        "geglu",
        "GEGLU",
        functions.geglu,
        None,
        r"a \otimes \mathrm{GELU}(b)",
        r"\partial_a = \mathrm{GELU}(b),\ \partial_b = a\,\mathrm{GELU}'(b)",
        {"dim": -1, "approximate": "none"},
        "a * torch.nn.functional.gelu(b)",
        kind="gated",
    ),
    Activation(
        "swiglu",
        "SwiGLU",
        functions.swiglu,
        None,
        r"a \otimes \mathrm{SiLU}(b)",
        r"\partial_a = \mathrm{SiLU}(b),\ \partial_b = a\,\mathrm{SiLU}'(b)",
        {"dim": -1},
        "a * torch.nn.functional.silu(b)",
        kind="gated",
    ),
    Activation(
        "mish",
        "미시(Mish)",
        functions.mish,
        derivatives.mish_derivative,
        r"x \tanh(\log(1 + e^{x}))",
        r"\tanh(\mathrm{sp}) + x\,\sigma(x)(1 - \tanh^2(\mathrm{sp}))",
        {},
        _F + "mish",
    ),
    Activation(
        "hardsigmoid",
        "하드 시그모이드(Hard Sigmoid)",
        functions.hardsigmoid,
        derivatives.hardsigmoid_derivative,
        r"\min(\max(x + 3, 0), 6)/6",
        r"1/6 \text{ if } -3 < x < 3 \text{ else } 0",
        {},
        _F + "hardsigmoid",
        smooth=False,
        notes=("x = ±3과 NaN에서 기울기 0", "역전파는 고름"),
    ),
    Activation(
        "hardswish",
        "하드 스위시(Hard Swish)",
        functions.hardswish,
        derivatives.hardswish_derivative,
        r"x \min(\max(x + 3, 0), 6)/6",
        r"0 \ (x \le -3),\ x/3 + 1/2 \ (-3 < x < 3),\ 1 \ (x \ge 3)",
        {},
        _F + "hardswish",
        smooth=False,
        notes=(
            "x = ±3에서 바깥쪽 기울기 (파이토치의 벡터화된 경로와 같이), NaN에서 NaN",
            "역전파는 고름",
        ),
    ),
]

#: 이름 → 기록. 책에 나오는 순서입니다.
ACTIVATIONS: dict[str, Activation] = {record.name: record for record in _RECORDS}
