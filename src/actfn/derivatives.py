r"""활성화 함수의 도함수(닫힌 꼴).

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

``actfn.relu`` 같은 공개 함수의 역전파는 이 도함수와 같은 공식(``actfn/_derivatives.py``)을
부릅니다. 즉 이 도함수가 곧 역전파가 계산하는 값입니다.
기울기가 파이토치 자동 미분과 같은지는 테스트가 ``torch.nn.functional``\ 을 기준으로 확인합니다.
"""

from __future__ import annotations

import torch

from actfn import _derivatives, _formulas, _validation

__all__ = [
    "elu_derivative",
    "gelu_derivative",
    "hardsigmoid_derivative",
    "hardswish_derivative",
    "leaky_relu_derivative",
    "mish_derivative",
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
    return _derivatives.relu(x)


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
    slope = _validation.check_real(negative_slope, "negative_slope", x.dtype)
    return _derivatives.leaky_relu(x, slope).to(x.dtype)


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
    # σ는 x의 dtype으로 구하고(역전파가 저장하는 출력과 같음), σ(1−σ)는 계산용 dtype으로.
    return _derivatives.sigmoid(_formulas.sigmoid(x)).to(x.dtype)


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
    return _derivatives.tanh(_formulas.tanh(x)).to(x.dtype)


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
    s = _formulas.widen(_formulas.softmax(x, dim))
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
    ``actfn.softmax``\ 의 역전파가 같은 식을 씁니다.

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
    return _derivatives.softmax_vjp(s, grad_output, dim)


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
    return _derivatives.gelu(x, approximate).to(x.dtype)


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
    return _derivatives.silu(x).to(x.dtype)


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
    return _derivatives.elu(x, alpha).to(x.dtype)


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
    _validation.check_nonzero(_formulas.parameter(beta, x.dtype), "beta")
    threshold = _validation.check_real(threshold, "threshold", x.dtype, allow_infinite=True)
    return _derivatives.softplus(x, beta, threshold).to(x.dtype)


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
    return _derivatives.prelu(x, weight).to(x.dtype)


def mish_derivative(x: torch.Tensor) -> torch.Tensor:
    r"""미시(Mish)의 도함수: :math:`\tanh(\text{sp}) + x\,\sigma(x)\,\operatorname{sech}^2(\text{sp})`.

    .. math::
        \text{Mish}'(x) = \tanh\bigl(\text{sp}(x)\bigr)
            + x\,\sigma(x)\bigl(1 - \tanh^2(\text{sp}(x))\bigr),
        \qquad \text{sp}(x) = \log(1 + e^{x})

    소프트플러스의 도함수가 :math:`\sigma(x)`\ 이므로 둘째 항이 연쇄 법칙에서 나옵니다. SiLU처럼
    음수 쪽에 작은 음수 구간이 있고(:math:`x \approx -2.26`\ 에서 가장 작은 값 약 :math:`-0.11`),
    :math:`x = 0`\ 에서 약 0.6입니다. 파이토치와 같이 :math:`x = \pm\infty`\ 에서는 NaN입니다.

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
        >>> from actfn import mish_derivative
        >>> mish_derivative(torch.tensor([-3.0, -2.26, 0.0, 1.0, 3.0]))
        tensor([-0.0934, -0.1125,  0.6000,  1.0490,  1.0211])
    """
    _validation.check_float_tensor(x, "x")
    return _derivatives.mish(x).to(x.dtype)


def hardsigmoid_derivative(x: torch.Tensor) -> torch.Tensor:
    r"""하드 시그모이드의 도함수: :math:`-3 < x < 3`\ 이면 :math:`1/6`, 아니면 0.

    .. math::
        \text{HardSigmoid}'(x) =
        \begin{cases}
            1/6, & -3 < x < 3 \\
            0, & \text{otherwise}
        \end{cases}

    파이토치와 같이 꺾이는 점 :math:`x = \pm 3`\ 과 NaN에서는 0입니다.

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
        >>> from actfn import hardsigmoid_derivative
        >>> hardsigmoid_derivative(torch.tensor([-4.0, -3.0, 0.0, 2.9, 3.0]))
        tensor([0.0000, 0.0000, 0.1667, 0.1667, 0.0000])
    """
    _validation.check_float_tensor(x, "x")
    return _derivatives.hardsigmoid(x).to(x.dtype)


def hardswish_derivative(x: torch.Tensor) -> torch.Tensor:
    r"""하드 스위시의 도함수: :math:`-3 < x < 3`\ 이면 :math:`x/3 + 1/2`, 그 아래는 0, 그 위는 1.

    .. math::
        \text{HardSwish}'(x) =
        \begin{cases}
            0, & x \le -3 \\
            x/3 + 1/2, & -3 < x < 3 \\
            1, & x \ge 3
        \end{cases}

    도함수가 끊어지는 :math:`x = \pm 3`\ 에서는 파이토치 2.13의 (긴 텐서에 쓰는) 벡터화된 경로와 같이
    바깥쪽 값(0과 1)입니다. 파이토치는 원소가 몇 개 안 되는 텐서에서는 안쪽 식의 값 :math:`-0.5`\ 와
    1.5를 내어 일정하지 않습니다. NaN에서는 NaN입니다.

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
        >>> from actfn import hardswish_derivative
        >>> hardswish_derivative(torch.tensor([-4.0, -3.0, 0.0, 1.5, 3.0, 4.0]))
        tensor([0.0000, 0.0000, 0.5000, 1.0000, 1.0000, 1.0000])
    """
    _validation.check_float_tensor(x, "x")
    return _derivatives.hardswish(x).to(x.dtype)
