r"""활성화 함수의 도함수(닫힌 꼴)와, 그것으로 역전파하는 ``torch.autograd.Function``.

도함수는 모두 공식 그대로입니다:

.. math::
    h'(x) = 0 \; (x \ne 0), \qquad
    \text{ReLU}'(x) = [x > 0], \qquad
    \sigma'(x) = \sigma(x)\,(1 - \sigma(x)), \qquad
    \tanh'(x) = 1 - \tanh^2(x), \qquad
    J_{\text{softmax}} = \operatorname{diag}(s) - s s^{\top}

.. math::
    \text{GELU}'(x) = \Phi(x) + x\,\varphi(x), \qquad
    \text{SiLU}'(x) = \sigma(x)\bigl(1 + x\,(1 - \sigma(x))\bigr), \qquad
    \text{Softplus}'(x) = \sigma(\beta x)

``actfn.relu`` 같은 공개 함수는 아래의 ``XxxFunction.apply``\ 를 부르고, 각 ``backward``\ 는
위 도함수 함수를 그대로 부릅니다. 즉 이 도함수가 곧 역전파가 계산하는 값입니다.
기울기가 파이토치 자동 미분과 같은지는 테스트가 ``torch.nn.functional``\ 을 기준으로 확인합니다.
"""

from __future__ import annotations

import math
from typing import Any

import torch

from actfn import _validation

# 공식(forward)은 functions 모듈에 있습니다. 모듈 객체로 가져와 호출할 때 속성을 찾으므로
# functions ↔ derivatives 사이의 순환 import가 어느 순서로든 안전합니다.
from actfn import functions as _functions

__all__ = [
    "ELUFunction",
    "GELUFunction",
    "GatedFunction",
    "LeakyReLUFunction",
    "PReLUFunction",
    "ReLUFunction",
    "SiLUFunction",
    "SigmoidFunction",
    "SoftmaxFunction",
    "SoftplusFunction",
    "StepFunction",
    "TanhFunction",
    "elu_derivative",
    "gelu_derivative",
    "leaky_relu_derivative",
    "prelu_derivative",
    "relu_derivative",
    "sigmoid_derivative",
    "silu_derivative",
    "softmax_jacobian",
    "softmax_vjp",
    "softplus_derivative",
    "step_derivative",
    "tanh_derivative",
]


# --------------------------------------------------------------------------------------
# 닫힌 꼴 도함수
# --------------------------------------------------------------------------------------


def step_derivative(x: torch.Tensor) -> torch.Tensor:
    r"""계단 함수(step function)의 도함수: 어디서나 0.

    .. math::
        h'(x) = 0 \quad (x \ne 0)

    :math:`x = 0`\ 에서는 값이 뛰어오르므로 미분할 수 없지만, 파이토치가 ``torch.sign``\ 이나
    ``torch.floor`` 같은 계단 모양 함수에 하듯이 0으로 정합니다. NaN 입력에서도 0입니다.

    Args:
        x (torch.Tensor): 입력 텐서 (float16, bfloat16, float32, float64).

    Returns:
        torch.Tensor: ``x``\ 와 모양과 dtype이 같은, 0으로 채운 텐서.

    Raises:
        TypeError: ``x``\ 가 부동소수점 ``torch.Tensor``\ 가 아닐 때.

    Shape:
        - Input: :math:`(*)`, 임의의 차원 수
        - Output: :math:`(*)`, same shape as the input

    Examples:
        >>> import torch
        >>> from actfn import step_derivative
        >>> step_derivative(torch.tensor([-2.0, 0.0, 3.0]))
        tensor([0., 0., 0.])
    """
    _validation.check_float_tensor(x, "x")
    return torch.zeros_like(x)


def relu_derivative(x: torch.Tensor) -> torch.Tensor:
    r"""렐루(ReLU)의 도함수: :math:`x > 0`\ 이면 1, 아니면 0.

    .. math::
        \text{ReLU}'(x) =
        \begin{cases}
            1, & x > 0 \\
            0, & x \le 0
        \end{cases}

    :math:`x = 0`\ 에서는 미분할 수 없지만 파이토치와 같이 0으로 정합니다.
    파이토치의 규칙("출력이 0 이하인 곳만 기울기를 막는다")을 따르므로 NaN 입력에서는
    1입니다 (NaN과의 비교는 언제나 거짓).

    Args:
        x (torch.Tensor): 입력 텐서 (float16, bfloat16, float32, float64).

    Returns:
        torch.Tensor: ``x``\ 와 모양과 dtype이 같은, 0과 1로 이루어진 텐서.

    Raises:
        TypeError: ``x``\ 가 부동소수점 ``torch.Tensor``\ 가 아닐 때.

    Shape:
        - Input: :math:`(*)`, 임의의 차원 수
        - Output: :math:`(*)`, same shape as the input

    Examples:
        >>> import torch
        >>> from actfn import relu_derivative
        >>> relu_derivative(torch.tensor([-2.0, 0.0, 3.0]))
        tensor([0., 0., 1.])
    """
    _validation.check_float_tensor(x, "x")
    return _relu_derivative(x)


def _relu_derivative(x: torch.Tensor) -> torch.Tensor:
    return torch.where(x <= 0, torch.zeros_like(x), torch.ones_like(x))


def leaky_relu_derivative(x: torch.Tensor, negative_slope: float = 0.01) -> torch.Tensor:
    r"""리키 렐루(Leaky ReLU)의 도함수: :math:`x > 0`\ 이면 1, 아니면 ``negative_slope``.

    .. math::
        \text{LeakyReLU}'(x) =
        \begin{cases}
            1, & x > 0 \\
            \text{negative\_slope}, & x \le 0
        \end{cases}

    파이토치와 같이 :math:`x = 0`\ 과 NaN에서는 ``negative_slope``\ 입니다.

    Args:
        x (torch.Tensor): 입력 텐서 (float16, bfloat16, float32, float64).
        negative_slope (float): :math:`x \le 0` 쪽의 기울기. 기본값: ``0.01``.

    Returns:
        torch.Tensor: ``x``\ 와 모양과 dtype이 같은 텐서.

    Raises:
        TypeError: ``x``\ 가 부동소수점 ``torch.Tensor``\ 가 아니거나 ``negative_slope``\ 가
            실수가 아닐 때.
        ValueError: ``negative_slope``\ 가 NaN이나 ±inf일 때.

    Shape:
        - Input: :math:`(*)`, 임의의 차원 수
        - Output: :math:`(*)`, same shape as the input

    Examples:
        >>> import torch
        >>> from actfn import leaky_relu_derivative
        >>> leaky_relu_derivative(torch.tensor([-2.0, 0.0, 3.0]))
        tensor([0.0100, 0.0100, 1.0000])
        >>> leaky_relu_derivative(torch.tensor([-2.0, 0.0, 3.0]), negative_slope=0.2)
        tensor([0.2000, 0.2000, 1.0000])
    """
    _validation.check_float_tensor(x, "x")
    slope = _validation.check_negative_slope(negative_slope, "negative_slope", x.dtype)
    return _leaky_relu_derivative(x, slope).to(x.dtype)


def _leaky_relu_derivative(x: torch.Tensor, negative_slope: float) -> torch.Tensor:
    # 검사 없이 계산용 dtype(float16/bfloat16이면 float64)으로 돌려줍니다. backward는 이 값을
    # 반올림하지 않고 기울기에 곱해 마지막에 한 번만 반올림합니다.
    slope = _functions._slope_for(x.dtype, negative_slope)
    compute = _functions._compute_dtype(x.dtype, x.device)
    one = torch.ones(x.shape, dtype=compute, device=x.device)
    return torch.where(x > 0, one, one * slope)


def sigmoid_derivative(x: torch.Tensor) -> torch.Tensor:
    r"""시그모이드의 도함수: :math:`\sigma(x)(1 - \sigma(x))`, 최댓값은 :math:`x = 0`\ 에서 0.25.

    .. math::
        \sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)

    :math:`\sigma(x)`\ 는 ``actfn.sigmoid``\ 로 구하므로 큰 :math:`|x|`\ 에서도 NaN 없이 0에
    가까워집니다 (포화).

    Args:
        x (torch.Tensor): 입력 텐서 (float16, bfloat16, float32, float64).

    Returns:
        torch.Tensor: ``x``\ 와 모양과 dtype이 같은 텐서.

    Raises:
        TypeError: ``x``\ 가 부동소수점 ``torch.Tensor``\ 가 아닐 때.

    Shape:
        - Input: :math:`(*)`, 임의의 차원 수
        - Output: :math:`(*)`, same shape as the input

    Examples:
        >>> import torch
        >>> from actfn import sigmoid_derivative
        >>> sigmoid_derivative(torch.tensor([-1.0, 0.0, 1.0]))
        tensor([0.1966, 0.2500, 0.1966])
        >>> sigmoid_derivative(torch.tensor([-1e4, 1e4]))
        tensor([0., 0.])
    """
    _validation.check_float_tensor(x, "x")
    return _sigmoid_derivative(x).to(x.dtype)


def _sigmoid_derivative(x: torch.Tensor) -> torch.Tensor:
    # σ는 x의 dtype으로 구하고(파이토치가 저장하는 출력과 같음), σ(1−σ)는 계산용 dtype으로.
    s = _functions.sigmoid(x).to(_functions._compute_dtype(x.dtype, x.device))
    return s * (1 - s)


def tanh_derivative(x: torch.Tensor) -> torch.Tensor:
    r"""하이퍼볼릭 탄젠트(tanh)의 도함수: :math:`1 - \tanh^2(x)`, 최댓값은 :math:`x = 0`\ 에서 1.

    .. math::
        \tanh'(x) = 1 - \tanh^2(x)

    Args:
        x (torch.Tensor): 입력 텐서 (float16, bfloat16, float32, float64).

    Returns:
        torch.Tensor: ``x``\ 와 모양과 dtype이 같은 텐서.

    Raises:
        TypeError: ``x``\ 가 부동소수점 ``torch.Tensor``\ 가 아닐 때.

    Shape:
        - Input: :math:`(*)`, 임의의 차원 수
        - Output: :math:`(*)`, same shape as the input

    Examples:
        >>> import torch
        >>> from actfn import tanh_derivative
        >>> tanh_derivative(torch.tensor([-1.0, 0.0, 1.0]))
        tensor([0.4200, 1.0000, 0.4200])
    """
    _validation.check_float_tensor(x, "x")
    return _tanh_derivative(x).to(x.dtype)


def _tanh_derivative(x: torch.Tensor) -> torch.Tensor:
    # tanh는 x의 dtype으로 구하고, 1 − tanh²는 계산용 dtype으로.
    t = _functions.tanh(x).to(_functions._compute_dtype(x.dtype, x.device))
    return 1 - t * t


def softmax_jacobian(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    r"""소프트맥스의 야코비 행렬 :math:`\operatorname{diag}(s) - s s^{\top}`\ 을 만듭니다.

    .. math::
        \frac{\partial s_i}{\partial x_j} = s_i (\delta_{ij} - s_j),
        \qquad J = \operatorname{diag}(s) - s s^{\top}

    차원 ``dim``\ 의 길이가 :math:`n`\ 이면 그 차원을 맨 뒤로 옮기고 :math:`n \times n`
    행렬을 붙입니다. 배치의 각 줄은 서로 독립이라 줄 사이의 항(0)은 만들지 않습니다.
    0차원 텐서는 :math:`n = 1`\ 이라 :math:`s - s^2 = 0`\ 인 0차원 텐서를 돌려줍니다.

    Args:
        x (torch.Tensor): 로짓 텐서 (float16, bfloat16, float32, float64).
        dim (int): 소프트맥스를 계산할 차원. 기본값: ``-1``.

    Returns:
        torch.Tensor: 야코비 행렬. ``x``\ 와 dtype이 같습니다.

    Raises:
        TypeError: ``x``\ 가 부동소수점 ``torch.Tensor``\ 가 아니거나 ``dim``\ 이 정수가 아닐 때.
        ValueError: ``dim``\ 이 ``x``\ 의 차원 범위를 벗어날 때.

    Shape:
        - Input: :math:`(*, n, *')`, ``dim``\ 의 길이가 :math:`n`
        - Output: :math:`(*, *', n, n)`

    Examples:
        >>> import torch
        >>> from actfn import softmax_jacobian
        >>> softmax_jacobian(torch.tensor([2.0, 1.0, 0.1]))
        tensor([[ 0.2247, -0.1598, -0.0650],
                [-0.1598,  0.1837, -0.0239],
                [-0.0650, -0.0239,  0.0889]])
        >>> softmax_jacobian(torch.zeros(4, 3), dim=1).shape
        torch.Size([4, 3, 3])
    """
    _validation.check_float_tensor(x, "x")
    dim = _validation.check_dim(dim, x.ndim, "dim", "x")
    s = _functions.softmax(x, dim).to(_functions._compute_dtype(x.dtype, x.device))
    if x.ndim == 0:
        return (s - s * s).to(x.dtype)
    s = torch.movedim(s, dim, -1)
    return (torch.diag_embed(s) - s.unsqueeze(-1) * s.unsqueeze(-2)).to(x.dtype)


def softmax_vjp(s: torch.Tensor, grad_output: torch.Tensor, dim: int) -> torch.Tensor:
    r"""소프트맥스의 벡터-야코비 곱: 야코비 행렬을 만들지 않고 역전파 기울기를 구합니다.

    .. math::
        g^{\top} J = s \odot \Bigl(g - \sum_j g_j s_j\Bigr),
        \qquad s = \text{softmax}(x), \; g = \text{grad\_output}

    :math:`J = \operatorname{diag}(s) - s s^{\top}`\ 가 대칭이므로 :math:`J g`\ 와도 같습니다.
    ``SoftmaxFunction``\ 의 역전파가 이 함수를 부릅니다.

    Args:
        s (torch.Tensor): 소프트맥스 출력 (``actfn.softmax(x, dim)``).
        grad_output (torch.Tensor): 출력에 대한 기울기 :math:`g`, ``s``\ 와 모양이 같음.
        dim (int): 소프트맥스를 계산한 차원 (기본값 없음).

    Returns:
        torch.Tensor: 입력 로짓에 대한 기울기, ``s``\ 와 모양이 같습니다.

    Raises:
        TypeError: ``s``\ 나 ``grad_output``\ 이 부동소수점 ``torch.Tensor``\ 가 아니거나
            ``dim``\ 이 정수가 아닐 때.
        ValueError: 두 텐서의 모양이 다르거나 ``dim``\ 이 범위를 벗어날 때.

    Shape:
        - Input: :math:`(*)`, ``s``\ 와 ``grad_output`` 모두
        - Output: :math:`(*)`, same shape as the input

    Examples:
        >>> import torch
        >>> from actfn import softmax, softmax_jacobian, softmax_vjp
        >>> x = torch.tensor([2.0, 1.0, 0.1])
        >>> g = torch.tensor([1.0, 0.0, 0.0])
        >>> softmax_vjp(softmax(x, dim=0), g, dim=0)
        tensor([ 0.2247, -0.1598, -0.0650])
        >>> g @ softmax_jacobian(x, dim=0)
        tensor([ 0.2247, -0.1598, -0.0650])
    """
    _validation.check_float_tensor(s, "s")
    _validation.check_float_tensor(grad_output, "grad_output")
    _validation.check_same_shape(s, grad_output, "s", "grad_output")
    dim = _validation.check_dim(dim, s.ndim, "dim", "s")
    out_dtype = torch.promote_types(s.dtype, grad_output.dtype)
    compute = _functions._compute_dtype(out_dtype, s.device)
    sc = s.to(compute)
    gc = grad_output.to(compute)
    inner = torch.sum(gc * sc, dim=dim, keepdim=True)
    return (sc * (gc - inner)).to(out_dtype)


# --------------------------------------------------------------------------------------
# 현대의 활성화 함수의 닫힌 꼴 도함수
# --------------------------------------------------------------------------------------

_INV_SQRT_2PI = 0.3989422804014327  # 1/√(2π): 표준 정규분포 밀도 φ(0)


def gelu_derivative(x: torch.Tensor, approximate: str = "none") -> torch.Tensor:
    r"""GELU의 도함수: :math:`\Phi(x) + x\,\varphi(x)`, :math:`\varphi`\ 는 표준 정규분포의 밀도.

    .. math::
        \text{GELU}'(x) = \Phi(x) + x\,\varphi(x), \qquad
        \varphi(x) = \frac{e^{-x^{2}/2}}{\sqrt{2\pi}}

    ``approximate="tanh"``\ 이면 근사식 :math:`x\,\sigma(2u)`,
    :math:`u = \sqrt{2/\pi}\,(x + 0.044715\,x^{3})`\ 의 도함수입니다.

    .. math::
        \text{GELU}_{\tanh}'(x) = \sigma(2u) + 2x\,\sigma(2u)\,\sigma(-2u)\,
        \sqrt{2/\pi}\,\bigl(1 + 3 \cdot 0.044715\,x^{2}\bigr)

    :math:`x = 0`\ 에서 0.5이고, :math:`x = -\sqrt{2}`\ 에서 가장 작은 값(약 :math:`-0.13`)을
    가집니다 (정확한 꼴에서 :math:`\text{GELU}''(x) = (2 - x^{2})\,\varphi(x)`). 음수 입력에서도 도함수가 0이 아니고 한때 음수라는 점이 렐루와 다릅니다.
    파이토치와 같이 :math:`x = \pm\infty`\ 에서는 NaN입니다. 유한한 :math:`x`\ 에서는 언제나 유한합니다
    (근사식에서 :math:`x^{2}`\ 이 넘쳐도 둘째 항은 0).

    Args:
        x (torch.Tensor): 입력 텐서 (float16, bfloat16, float32, float64).
        approximate (str): ``"none"`` 또는 ``"tanh"``. 기본값: ``"none"``.

    Returns:
        torch.Tensor: ``x``\ 와 모양과 dtype이 같은 텐서.

    Raises:
        TypeError: ``x``\ 가 부동소수점 ``torch.Tensor``\ 가 아니거나 ``approximate``\ 가 문자열이
            아닐 때.
        ValueError: ``approximate``\ 가 ``"none"``\ 도 ``"tanh"``\ 도 아닐 때.

    Shape:
        - Input: :math:`(*)`, 임의의 차원 수
        - Output: :math:`(*)`, same shape as the input

    Examples:
        >>> import torch
        >>> from actfn import gelu_derivative
        >>> gelu_derivative(torch.tensor([-3.0, -1.4142, 0.0, 1.0, 3.0]))
        tensor([-0.0119, -0.1289,  0.5000,  1.0833,  1.0119])
    """
    _validation.check_float_tensor(x, "x")
    approximate = _validation.check_approximate(approximate, "approximate")
    return _gelu_derivative(x, approximate).to(x.dtype)


def _gelu_derivative(x: torch.Tensor, approximate: str) -> torch.Tensor:
    xc = x.to(_functions._compute_dtype(x.dtype, x.device))
    if approximate == "tanh":
        u = _functions._SQRT_2_OVER_PI * (xc + _functions._GELU_KAPPA * (xc * xc * xc))
        du = _functions._SQRT_2_OVER_PI * (1 + 3 * _functions._GELU_KAPPA * (xc * xc))
        s = _functions.sigmoid(2 * u)
        bump = s * _functions.sigmoid(-2 * u)  # σ(2u)(1 − σ(2u)), 뺄셈 없이
        # bump = 0인 곳(|u|가 큼)에서는 du가 넘쳐 inf여도 둘째 항이 0입니다. 0·x로 두면 x = ±∞에서만
        # NaN이 되어 정확한 꼴 및 파이토치와 같습니다.
        second = torch.where(bump == 0, 0 * xc, 2 * xc * bump * du)
        return s + second
    cdf = 0.5 * torch.special.erfc(-xc * _functions._SQRT_HALF)
    pdf = torch.exp(-0.5 * (xc * xc)) * _INV_SQRT_2PI
    return cdf + xc * pdf


def silu_derivative(x: torch.Tensor) -> torch.Tensor:
    r"""SiLU(스위시)의 도함수: :math:`\sigma(x)\bigl(1 + x\,(1 - \sigma(x))\bigr)`.

    .. math::
        \text{SiLU}'(x) = \sigma(x) + x\,\sigma(x)\bigl(1 - \sigma(x)\bigr)
                        = \sigma(x)\bigl(1 + x\,(1 - \sigma(x))\bigr)

    :math:`1 - \sigma(x)`\ 는 뺄셈 없이 :math:`\sigma(-x)`\ 로 계산합니다. :math:`x = 0`\ 에서 0.5,
    :math:`x \approx -2.40`\ 에서 가장 작은 값(약 :math:`-0.10`)을 가지며 :math:`x \approx 2.40`\ 에서
    1보다 큰 최댓값(약 1.10)을 가집니다. 파이토치와 같이 :math:`x = \pm\infty`\ 에서는 NaN입니다.

    Args:
        x (torch.Tensor): 입력 텐서 (float16, bfloat16, float32, float64).

    Returns:
        torch.Tensor: ``x``\ 와 모양과 dtype이 같은 텐서.

    Raises:
        TypeError: ``x``\ 가 부동소수점 ``torch.Tensor``\ 가 아닐 때.

    Shape:
        - Input: :math:`(*)`, 임의의 차원 수
        - Output: :math:`(*)`, same shape as the input

    Examples:
        >>> import torch
        >>> from actfn import silu_derivative
        >>> silu_derivative(torch.tensor([-2.4, 0.0, 1.0, 2.4]))
        tensor([-0.0998,  0.5000,  0.9277,  1.0998])
    """
    _validation.check_float_tensor(x, "x")
    return _silu_derivative(x).to(x.dtype)


def _silu_derivative(x: torch.Tensor) -> torch.Tensor:
    xc = x.to(_functions._compute_dtype(x.dtype, x.device))
    s = _functions.sigmoid(xc)
    return s + xc * s * _functions.sigmoid(-xc)


def elu_derivative(x: torch.Tensor, alpha: float = 1.0) -> torch.Tensor:
    r"""ELU의 도함수: :math:`x > 0`\ 이면 1, 아니면 :math:`\alpha e^{x}`.

    .. math::
        \text{ELU}'(x) =
        \begin{cases}
            1, & x > 0 \\
            \alpha\,e^{x}, & x \le 0
        \end{cases}

    파이토치와 같이 :math:`x = 0`\ 에서는 :math:`\alpha`\ 입니다. ``alpha = 1``\ 이면 :math:`x = 0`\ 의
    양쪽에서 1로 이어져 도함수가 연속입니다. NaN에서는 NaN입니다 (파이토치 2.13은 원소가 32개 이상인
    텐서에서는 NaN, 그보다 짧은 텐서에서는 1을 내어 일정하지 않습니다).

    Args:
        x (torch.Tensor): 입력 텐서 (float16, bfloat16, float32, float64).
        alpha (float): 음수 쪽의 크기 :math:`\alpha`. 기본값: ``1.0``.

    Returns:
        torch.Tensor: ``x``\ 와 모양과 dtype이 같은 텐서.

    Raises:
        TypeError: ``x``\ 가 부동소수점 ``torch.Tensor``\ 가 아니거나 ``alpha``\ 가 실수가 아닐 때.
        ValueError: ``alpha``\ 가 NaN이나 ±inf일 때.

    Shape:
        - Input: :math:`(*)`, 임의의 차원 수
        - Output: :math:`(*)`, same shape as the input

    Examples:
        >>> import torch
        >>> from actfn import elu_derivative
        >>> elu_derivative(torch.tensor([-3.0, -1.0, 0.0, 2.0]))
        tensor([0.0498, 0.3679, 1.0000, 1.0000])
        >>> elu_derivative(torch.tensor([-3.0, -1.0, 0.0, 2.0]), alpha=0.5)
        tensor([0.0249, 0.1839, 0.5000, 1.0000])
    """
    _validation.check_float_tensor(x, "x")
    alpha = _validation.check_real(alpha, "alpha", x.dtype)
    return _elu_derivative(x, alpha).to(x.dtype)


def _elu_derivative(x: torch.Tensor, alpha: float) -> torch.Tensor:
    a = _functions._slope_for(x.dtype, alpha)
    xc = x.to(_functions._compute_dtype(x.dtype, x.device))
    # e^{x}는 x < 0인 곳에만 씁니다: 다른 곳은 e^{0}이라 x ≫ 0에서 넘치지 않고, 두 번 미분할 때
    # (자동 미분이 이 식을 미분) 파이토치처럼 x = 0에서 ELU''(0) = 0입니다. NaN 입력의 기울기는 NaN.
    negative = torch.where(xc < 0, xc, torch.zeros_like(xc))
    d = torch.where(xc > 0, torch.ones_like(xc), a * torch.exp(negative))
    return torch.where(torch.isnan(xc), torch.full_like(xc, math.nan), d)


def softplus_derivative(
    x: torch.Tensor, beta: float = 1.0, threshold: float = 20.0
) -> torch.Tensor:
    r"""소프트플러스의 도함수: 시그모이드 :math:`\sigma(\beta x)`\ (선형 구간에서는 1).

    .. math::
        \text{Softplus}'(x) =
        \begin{cases}
            1, & \beta x > \text{threshold} \\
            \sigma(\beta x), & \text{otherwise}
        \end{cases}

    소프트플러스의 도함수는 시그모이드입니다. 그래서 렐루의 계단 모양 도함수를 매끄럽게 만든
    곡선이고, 어디서도 정확히 0이 되지 않습니다.

    Args:
        x (torch.Tensor): 입력 텐서 (float16, bfloat16, float32, float64).
        beta (float): :math:`\beta`. 기본값: ``1.0``. 0이 아닌 유한한 실수.
        threshold (float): 선형으로 바꾸는 경계. 기본값: ``20.0``.

    Returns:
        torch.Tensor: ``x``\ 와 모양과 dtype이 같은 텐서.

    Raises:
        TypeError: ``x``\ 가 부동소수점 ``torch.Tensor``\ 가 아니거나 ``beta``/``threshold``\ 가
            실수가 아닐 때.
        ValueError: ``beta``\ 가 0, NaN, ±inf이거나 ``threshold``\ 가 NaN일 때.

    Shape:
        - Input: :math:`(*)`, 임의의 차원 수
        - Output: :math:`(*)`, same shape as the input

    Examples:
        >>> import torch
        >>> from actfn import sigmoid, softplus_derivative
        >>> x = torch.tensor([-3.0, 0.0, 3.0])
        >>> softplus_derivative(x)
        tensor([0.0474, 0.5000, 0.9526])
        >>> sigmoid(x)
        tensor([0.0474, 0.5000, 0.9526])
    """
    _validation.check_float_tensor(x, "x")
    beta = _validation.check_real(beta, "beta", x.dtype)
    _validation.check_nonzero(_functions._slope_for(x.dtype, beta), "beta")
    threshold = _validation.check_real(threshold, "threshold", x.dtype, allow_infinite=True)
    return _softplus_derivative(x, beta, threshold).to(x.dtype)


def _softplus_derivative(x: torch.Tensor, beta: float, threshold: float) -> torch.Tensor:
    b = _functions._slope_for(x.dtype, beta)
    t = _functions._slope_for(x.dtype, threshold)
    xc = x.to(_functions._compute_dtype(x.dtype, x.device))
    z = xc * b
    return torch.where(z > t, torch.ones_like(z), _functions.sigmoid(z))


def prelu_derivative(x: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    r"""PReLU의 입력에 대한 도함수: :math:`x > 0`\ 이면 1, 아니면 기울기 :math:`a`.

    .. math::
        \frac{\partial\,\text{PReLU}}{\partial x} =
        \begin{cases}
            1, & x > 0 \\
            a, & x \le 0
        \end{cases}
        \qquad
        \frac{\partial\,\text{PReLU}}{\partial a} = \min(0, x)

    리키 렐루의 도함수와 같되 :math:`a`\ 가 ``weight``\ 에서 옵니다 (채널마다 다를 수 있음).
    파이토치와 같이 :math:`x = 0`\ 과 NaN에서는 :math:`a`\ 입니다. 기울기 :math:`a` 쪽의 도함수
    :math:`\min(0, x)`\ 는 역전파가 채널마다 더해 ``weight.grad``\ 에 넣습니다.

    Args:
        x (torch.Tensor): 입력 텐서 (float16, bfloat16, float32, float64).
        weight (torch.Tensor): 음수 쪽 기울기 :math:`a` (``actfn.prelu``\ 와 같은 규칙).

    Returns:
        torch.Tensor: ``x``\ 와 모양과 dtype이 같은 텐서.

    Raises:
        TypeError: ``x``\ 나 ``weight``\ 가 부동소수점 ``torch.Tensor``\ 가 아니거나 dtype이 다를 때.
        ValueError: ``weight``\ 의 모양이 맞지 않을 때.

    Shape:
        - Input: :math:`(N, C, *)` 또는 :math:`(*)`, ``weight``\ 는 :math:`(C)`, :math:`(1)`, :math:`()`
        - Output: same shape as the input

    Examples:
        >>> import torch
        >>> from actfn import prelu_derivative
        >>> prelu_derivative(torch.tensor([-2.0, 0.0, 3.0]), torch.tensor([0.25]))
        tensor([0.2500, 0.2500, 1.0000])
    """
    _validation.check_float_tensor(x, "x")
    _validation.check_prelu_weight(weight, x, "weight")
    return _prelu_derivative(x, weight).to(x.dtype)


def _prelu_derivative(x: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    compute = _functions._compute_dtype(x.dtype, x.device)
    xc = x.to(compute)
    a = _functions._prelu_weight_view(weight, x.ndim).to(compute)
    return torch.where(xc > 0, torch.ones_like(xc), a.expand_as(xc))


def _prelu_weight_grad(x: torch.Tensor, grad: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    """∂L/∂a = Σ g·min(0, x): x > 0인 곳은 곱하지 않고 0 (파이토치와 같이 선택)."""
    compute = _functions._compute_dtype(x.dtype, x.device)
    xc, gc = x.to(compute), grad.to(compute)
    per_element = torch.where(xc > 0, torch.zeros_like(xc), xc * gc)
    if weight.numel() == 1 or x.ndim < 2:
        total = per_element.sum()
    else:
        total = per_element.sum(dim=[d for d in range(x.ndim) if d != 1])
    return total.reshape(weight.shape).to(weight.dtype)


def _gate_value(b: torch.Tensor, gate: str, approximate: str) -> torch.Tensor:
    """게이트 act(b): 미분할 수 있는 패키지 함수로 (두 번 미분할 때도 닫힌 꼴을 거치도록)."""
    if gate == "sigmoid":
        return _functions.sigmoid(b)
    if gate == "gelu":
        return _functions.gelu(b, approximate)
    return _functions.silu(b)


def _gate_derivative(b: torch.Tensor, gate: str, approximate: str) -> torch.Tensor:
    """게이트의 도함수 act'(b): 위의 닫힌 꼴 도함수."""
    if gate == "sigmoid":
        return _sigmoid_derivative(b)
    if gate == "gelu":
        return _gelu_derivative(b, approximate)
    return _silu_derivative(b)


# --------------------------------------------------------------------------------------
# autograd.Function: forward는 공식, backward는 위의 닫힌 꼴 도함수
# --------------------------------------------------------------------------------------


def _times(grad: torch.Tensor, derivative: torch.Tensor) -> torch.Tensor:
    """연쇄 법칙: 기울기 × 도함수. 계산용 dtype에서 곱하고 한 번만 반올림합니다."""
    return (grad.to(derivative.dtype) * derivative).to(grad.dtype)


def _relu_times(grad: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """기울기 × 렐루 도함수. 도함수가 0인 곳은 곱하지 않고 0으로 둡니다.

    파이토치와 같이, 위에서 inf나 NaN 기울기가 와도 :math:`0 \\cdot \\infty` = NaN이 되지 않습니다.
    """
    d = _relu_derivative(x)
    return torch.where(d == 0, torch.zeros_like(grad), grad * d)


class StepFunction(torch.autograd.Function):
    """``actfn.step``\\ 의 autograd 연산: 미분은 ``step_derivative``\\ (어디서나 0)입니다.

    파이토치의 ``torch.sign``\\ 처럼, 위에서 inf나 NaN 기울기가 와도 기울기는 0입니다.
    """

    generate_vmap_rule = True

    @staticmethod
    def forward(x: torch.Tensor) -> torch.Tensor:
        """공식으로 값을 계산합니다."""
        return _functions._step_formula(x)

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: torch.Tensor) -> None:
        """도함수가 0이라 저장할 것이 없습니다."""

    @staticmethod
    def backward(ctx: Any, grad_output: torch.Tensor) -> torch.Tensor:
        """역전파: 도함수가 0이므로 0."""
        return torch.zeros_like(grad_output)

    @staticmethod
    def jvp(ctx: Any, x_t: torch.Tensor) -> torch.Tensor:
        """순전파 모드 미분: 0."""
        return torch.zeros_like(x_t)


class ReLUFunction(torch.autograd.Function):
    """``actfn.relu``\\ 의 autograd 연산: 미분은 ``relu_derivative``\\ 를 씁니다."""

    generate_vmap_rule = True

    @staticmethod
    def forward(x: torch.Tensor) -> torch.Tensor:
        """공식으로 값을 계산합니다."""
        return _functions._relu_formula(x)

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: torch.Tensor) -> None:
        """미분에 쓸 입력을 저장합니다."""
        (x,) = inputs
        ctx.save_for_backward(x)
        ctx.save_for_forward(x)

    @staticmethod
    def backward(ctx: Any, grad_output: torch.Tensor) -> torch.Tensor:
        """역전파: 출력 기울기 × 도함수."""
        (x,) = ctx.saved_tensors
        return _relu_times(grad_output, x)

    @staticmethod
    def jvp(ctx: Any, x_t: torch.Tensor) -> torch.Tensor:
        """순전파 모드 미분: 입력 접선 × 도함수."""
        (x,) = ctx.saved_tensors
        return _relu_times(x_t, x)


class LeakyReLUFunction(torch.autograd.Function):
    """``actfn.leaky_relu``\\ 의 autograd 연산: 미분은 ``leaky_relu_derivative``\\ 를 씁니다."""

    generate_vmap_rule = True

    @staticmethod
    def forward(x: torch.Tensor, negative_slope: float) -> torch.Tensor:
        """공식으로 값을 계산합니다."""
        return _functions._leaky_relu_formula(x, negative_slope)

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: torch.Tensor) -> None:
        """미분에 쓸 입력과 음수 쪽 기울기를 저장합니다."""
        x, negative_slope = inputs
        ctx.save_for_backward(x)
        ctx.save_for_forward(x)
        ctx.negative_slope = negative_slope

    @staticmethod
    def backward(ctx: Any, grad_output: torch.Tensor) -> tuple[torch.Tensor, None]:
        """역전파: 출력 기울기 × 도함수 (``negative_slope``\\ 로는 기울기가 흐르지 않음)."""
        (x,) = ctx.saved_tensors
        return _times(grad_output, _leaky_relu_derivative(x, ctx.negative_slope)), None

    @staticmethod
    def jvp(ctx: Any, x_t: torch.Tensor, _slope_t: object) -> torch.Tensor:
        """순전파 모드 미분: 입력 접선 × 도함수."""
        (x,) = ctx.saved_tensors
        return _times(x_t, _leaky_relu_derivative(x, ctx.negative_slope))


class SigmoidFunction(torch.autograd.Function):
    """``actfn.sigmoid``\\ 의 autograd 연산: 미분은 ``sigmoid_derivative``\\ 를 씁니다."""

    generate_vmap_rule = True

    @staticmethod
    def forward(x: torch.Tensor) -> torch.Tensor:
        """공식으로 값을 계산합니다."""
        return _functions._sigmoid_formula(x)

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: torch.Tensor) -> None:
        """미분에 쓸 입력을 저장합니다."""
        (x,) = inputs
        ctx.save_for_backward(x)
        ctx.save_for_forward(x)

    @staticmethod
    def backward(ctx: Any, grad_output: torch.Tensor) -> torch.Tensor:
        """역전파: 출력 기울기 × 도함수."""
        (x,) = ctx.saved_tensors
        return _times(grad_output, _sigmoid_derivative(x))

    @staticmethod
    def jvp(ctx: Any, x_t: torch.Tensor) -> torch.Tensor:
        """순전파 모드 미분: 입력 접선 × 도함수."""
        (x,) = ctx.saved_tensors
        return _times(x_t, _sigmoid_derivative(x))


class TanhFunction(torch.autograd.Function):
    """``actfn.tanh``\\ 의 autograd 연산: 미분은 ``tanh_derivative``\\ 를 씁니다."""

    generate_vmap_rule = True

    @staticmethod
    def forward(x: torch.Tensor) -> torch.Tensor:
        """공식으로 값을 계산합니다."""
        return _functions._tanh_formula(x)

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: torch.Tensor) -> None:
        """미분에 쓸 입력을 저장합니다."""
        (x,) = inputs
        ctx.save_for_backward(x)
        ctx.save_for_forward(x)

    @staticmethod
    def backward(ctx: Any, grad_output: torch.Tensor) -> torch.Tensor:
        """역전파: 출력 기울기 × 도함수."""
        (x,) = ctx.saved_tensors
        return _times(grad_output, _tanh_derivative(x))

    @staticmethod
    def jvp(ctx: Any, x_t: torch.Tensor) -> torch.Tensor:
        """순전파 모드 미분: 입력 접선 × 도함수."""
        (x,) = ctx.saved_tensors
        return _times(x_t, _tanh_derivative(x))


class SoftmaxFunction(torch.autograd.Function):
    """``actfn.softmax``\\ 의 autograd 연산: 미분은 ``softmax_vjp``\\ 를 씁니다."""

    generate_vmap_rule = True

    @staticmethod
    def forward(x: torch.Tensor, dim: int) -> torch.Tensor:
        """공식으로 값을 계산합니다."""
        return _functions._softmax_formula(x, dim)

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: torch.Tensor) -> None:
        """미분에 쓸 출력과 차원을 저장합니다."""
        _, dim = inputs
        ctx.save_for_backward(output)
        ctx.save_for_forward(output)
        ctx.dim = dim

    @staticmethod
    def backward(ctx: Any, grad_output: torch.Tensor) -> tuple[torch.Tensor, None]:
        """역전파: 벡터-야코비 곱 :math:`g^{\\top} J`."""
        (s,) = ctx.saved_tensors
        return softmax_vjp(s, grad_output, ctx.dim), None

    @staticmethod
    def jvp(ctx: Any, x_t: torch.Tensor, _dim_t: object) -> torch.Tensor:
        """순전파 모드 미분: 야코비-벡터 곱 :math:`J t`\\ (:math:`J`\\ 가 대칭이라 vjp와 같은 식)."""
        (s,) = ctx.saved_tensors
        return softmax_vjp(s, x_t, ctx.dim)


class GELUFunction(torch.autograd.Function):
    """``actfn.gelu``\\ 의 autograd 연산: 미분은 ``gelu_derivative``\\ 를 씁니다."""

    generate_vmap_rule = True

    @staticmethod
    def forward(x: torch.Tensor, approximate: str) -> torch.Tensor:
        """공식으로 값을 계산합니다."""
        return _functions._gelu_formula(x, approximate)

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: torch.Tensor) -> None:
        """미분에 쓸 입력과 근사 방식을 저장합니다."""
        x, approximate = inputs
        ctx.save_for_backward(x)
        ctx.save_for_forward(x)
        ctx.approximate = approximate

    @staticmethod
    def backward(ctx: Any, grad_output: torch.Tensor) -> tuple[torch.Tensor, None]:
        """역전파: 출력 기울기 × 도함수."""
        (x,) = ctx.saved_tensors
        return _times(grad_output, _gelu_derivative(x, ctx.approximate)), None

    @staticmethod
    def jvp(ctx: Any, x_t: torch.Tensor, _approximate_t: object) -> torch.Tensor:
        """순전파 모드 미분: 입력 접선 × 도함수."""
        (x,) = ctx.saved_tensors
        return _times(x_t, _gelu_derivative(x, ctx.approximate))


class SiLUFunction(torch.autograd.Function):
    """``actfn.silu``\\ 의 autograd 연산: 미분은 ``silu_derivative``\\ 를 씁니다."""

    generate_vmap_rule = True

    @staticmethod
    def forward(x: torch.Tensor) -> torch.Tensor:
        """공식으로 값을 계산합니다."""
        return _functions._silu_formula(x)

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: torch.Tensor) -> None:
        """미분에 쓸 입력을 저장합니다."""
        (x,) = inputs
        ctx.save_for_backward(x)
        ctx.save_for_forward(x)

    @staticmethod
    def backward(ctx: Any, grad_output: torch.Tensor) -> torch.Tensor:
        """역전파: 출력 기울기 × 도함수."""
        (x,) = ctx.saved_tensors
        return _times(grad_output, _silu_derivative(x))

    @staticmethod
    def jvp(ctx: Any, x_t: torch.Tensor) -> torch.Tensor:
        """순전파 모드 미분: 입력 접선 × 도함수."""
        (x,) = ctx.saved_tensors
        return _times(x_t, _silu_derivative(x))


class ELUFunction(torch.autograd.Function):
    """``actfn.elu``\\ 의 autograd 연산: 미분은 ``elu_derivative``\\ 를 씁니다."""

    generate_vmap_rule = True

    @staticmethod
    def forward(x: torch.Tensor, alpha: float) -> torch.Tensor:
        """공식으로 값을 계산합니다."""
        return _functions._elu_formula(x, alpha)

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: torch.Tensor) -> None:
        """미분에 쓸 입력과 ``alpha``\\ 를 저장합니다."""
        x, alpha = inputs
        ctx.save_for_backward(x)
        ctx.save_for_forward(x)
        ctx.alpha = alpha

    @staticmethod
    def backward(ctx: Any, grad_output: torch.Tensor) -> tuple[torch.Tensor, None]:
        """역전파: 출력 기울기 × 도함수 (``alpha``\\ 로는 기울기가 흐르지 않음)."""
        (x,) = ctx.saved_tensors
        return _times(grad_output, _elu_derivative(x, ctx.alpha)), None

    @staticmethod
    def jvp(ctx: Any, x_t: torch.Tensor, _alpha_t: object) -> torch.Tensor:
        """순전파 모드 미분: 입력 접선 × 도함수."""
        (x,) = ctx.saved_tensors
        return _times(x_t, _elu_derivative(x, ctx.alpha))


class SoftplusFunction(torch.autograd.Function):
    """``actfn.softplus``\\ 의 autograd 연산: 미분은 ``softplus_derivative``\\ 를 씁니다."""

    generate_vmap_rule = True

    @staticmethod
    def forward(x: torch.Tensor, beta: float, threshold: float) -> torch.Tensor:
        """공식으로 값을 계산합니다."""
        return _functions._softplus_formula(x, beta, threshold)

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: torch.Tensor) -> None:
        """미분에 쓸 입력과 ``beta``, ``threshold``\\ 를 저장합니다."""
        x, beta, threshold = inputs
        ctx.save_for_backward(x)
        ctx.save_for_forward(x)
        ctx.beta, ctx.threshold = beta, threshold

    @staticmethod
    def backward(ctx: Any, grad_output: torch.Tensor) -> tuple[torch.Tensor, None, None]:
        """역전파: 출력 기울기 × 도함수."""
        (x,) = ctx.saved_tensors
        return _times(grad_output, _softplus_derivative(x, ctx.beta, ctx.threshold)), None, None

    @staticmethod
    def jvp(ctx: Any, x_t: torch.Tensor, _beta_t: object, _threshold_t: object) -> torch.Tensor:
        """순전파 모드 미분: 입력 접선 × 도함수."""
        (x,) = ctx.saved_tensors
        return _times(x_t, _softplus_derivative(x, ctx.beta, ctx.threshold))


class PReLUFunction(torch.autograd.Function):
    """``actfn.prelu``\\ 의 autograd 연산: 입력 쪽은 ``prelu_derivative``, 기울기 쪽은 :math:`\\min(0, x)`."""

    generate_vmap_rule = True

    @staticmethod
    def forward(x: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
        """공식으로 값을 계산합니다."""
        return _functions._prelu_formula(x, weight)

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: torch.Tensor) -> None:
        """미분에 쓸 입력과 기울기를 저장합니다."""
        x, weight = inputs
        ctx.save_for_backward(x, weight)
        ctx.save_for_forward(x, weight)

    @staticmethod
    def backward(
        ctx: Any, grad_output: torch.Tensor
    ) -> tuple[torch.Tensor | None, torch.Tensor | None]:
        """역전파: 입력 쪽은 출력 기울기 × 도함수, 기울기 쪽은 채널마다 더한 :math:`g \\min(0, x)`."""
        x, weight = ctx.saved_tensors
        grad_x = grad_w = None
        if ctx.needs_input_grad[0]:
            grad_x = _times(grad_output, _prelu_derivative(x, weight))
        if ctx.needs_input_grad[1]:
            grad_w = _prelu_weight_grad(x, grad_output, weight)
        return grad_x, grad_w

    @staticmethod
    def jvp(ctx: Any, x_t: torch.Tensor | None, w_t: torch.Tensor | None) -> torch.Tensor:
        """순전파 모드 미분: :math:`\\dot{x} \\cdot \\partial_x + \\dot{a} \\cdot \\min(0, x)`."""
        x, weight = ctx.saved_tensors
        compute = _functions._compute_dtype(x.dtype, x.device)
        out = torch.zeros(x.shape, dtype=compute, device=x.device)
        if x_t is not None:
            out = out + x_t.to(compute) * _prelu_derivative(x, weight)
        if w_t is not None:
            xc = x.to(compute)
            slope_t = _functions._prelu_weight_view(w_t, x.ndim).to(compute)
            out = out + torch.where(xc > 0, torch.zeros_like(xc), xc * slope_t)
        return out.to(x.dtype)


class GatedFunction(torch.autograd.Function):
    """``actfn.glu``/``geglu``/``swiglu``\\ 의 autograd 연산: :math:`a \\otimes \\text{act}(b)`.

    역전파는 :math:`\\partial/\\partial a = \\text{act}(b)`, :math:`\\partial/\\partial b =
    a\\,\\text{act}'(b)`\\ 이고, :math:`\\text{act}'`\\ 는 게이트의 닫힌 꼴 도함수
    (``sigmoid_derivative``, ``gelu_derivative``, ``silu_derivative``)입니다.
    """

    generate_vmap_rule = True

    @staticmethod
    def forward(x: torch.Tensor, dim: int, gate: str, approximate: str) -> torch.Tensor:
        """공식으로 값을 계산합니다."""
        return _functions._gated_formula(x, dim, gate, approximate)

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: torch.Tensor) -> None:
        """미분에 쓸 입력과 차원, 게이트 종류를 저장합니다."""
        x, dim, gate, approximate = inputs
        ctx.save_for_backward(x)
        ctx.save_for_forward(x)
        ctx.dim, ctx.gate, ctx.approximate = dim, gate, approximate

    @staticmethod
    def _parts(ctx: Any, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        a, b = _functions._halves(x.to(_functions._compute_dtype(x.dtype, x.device)), ctx.dim)
        return (
            a,
            _gate_value(b, ctx.gate, ctx.approximate),
            _gate_derivative(b, ctx.gate, ctx.approximate),
        )

    @staticmethod
    def backward(ctx: Any, grad_output: torch.Tensor) -> tuple[torch.Tensor, None, None, None]:
        """역전파: 앞쪽 절반에는 :math:`g\\,\\text{act}(b)`, 뒤쪽 절반에는 :math:`g\\,a\\,\\text{act}'(b)`."""
        (x,) = ctx.saved_tensors
        a, act, d_act = GatedFunction._parts(ctx, x)
        g = grad_output.to(act.dtype)
        # a·act'(b)를 먼저 곱합니다 (파이토치와 같은 순서: g·a가 넘쳐도 act'(b)가 작으면 유한).
        grad = torch.cat([g * act, g * (a * d_act)], dim=ctx.dim)
        return grad.to(grad_output.dtype), None, None, None

    @staticmethod
    def jvp(
        ctx: Any, x_t: torch.Tensor, _dim_t: object, _gate_t: object, _approximate_t: object
    ) -> torch.Tensor:
        """순전파 모드 미분: :math:`\\dot{a}\\,\\text{act}(b) + a\\,\\text{act}'(b)\\,\\dot{b}`."""
        (x,) = ctx.saved_tensors
        a, act, d_act = GatedFunction._parts(ctx, x)
        a_t, b_t = _functions._halves(x_t.to(act.dtype), ctx.dim)
        return (a_t * act + a * d_act * b_t).to(x_t.dtype)
