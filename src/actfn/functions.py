r"""활성화 함수: 계단 함수, 렐루, 리키 렐루, 시그모이드, 하이퍼볼릭 탄젠트, 소프트맥스, 그리고 현대의 활성화 함수
GELU, SiLU, ELU, 소프트플러스, PReLU와 게이트 선형 유닛(GLU, GEGLU, SwiGLU).

각 함수는 공식을 그대로 torch 텐서 연산(``torch.exp``, ``torch.clamp``, …)으로
옮긴 것입니다 (공식은 ``actfn/_formulas.py``, 도함수는 ``actfn/_derivatives.py``\ 에 하나씩).
``torch.relu``, ``torch.sigmoid``, ``F.softmax`` 같은 완성된 함수는 부르지 않습니다.

역전파는 닫힌 꼴 도함수를 쓰는 (비공개) ``torch.autograd.Function``\ 을 거칩니다. 그래서 책의 도함수 공식이 곧 역전파가 계산하는 값이고, 순진한 공식
``1/(1+exp(-x))``\ 를 자동 미분하면 NaN이 나오는 곳(예: :math:`x = -10^4`)에서도
기울기가 유한합니다.

float16과 bfloat16 입력은 float64로 올려 계산한 뒤 원래 dtype으로 한 번만 반올림합니다.
"""

from __future__ import annotations

import torch

from actfn import _autograd, _formulas, _validation

__all__ = [
    "elu",
    "geglu",
    "gelu",
    "glu",
    "hardsigmoid",
    "hardswish",
    "leaky_relu",
    "mish",
    "prelu",
    "relu",
    "sigmoid",
    "silu",
    "softmax",
    "softplus",
    "step",
    "swiglu",
    "tanh",
]


# --------------------------------------------------------------------------------------
# 공개 함수
# --------------------------------------------------------------------------------------


def step(x: torch.Tensor) -> torch.Tensor:
    r"""계단 함수(step function): 양수면 1, 0 이하면 0을 내보냅니다.

    .. math::
        h(x) =
        \begin{cases}
            1, & x > 0 \\
            0, & x \le 0
        \end{cases}

    초기 퍼셉트론(perceptron)이 쓴 활성화 함수입니다. 값은
    ``torch.heaviside(x, torch.tensor(0.0))``\ 와 같습니다. :math:`x = 0`\ 과 NaN에서 0입니다
    (NaN과의 비교는 언제나 거짓).

    도함수는 :math:`x \ne 0`\ 인 모든 곳에서 0이고 :math:`x = 0`\ 에서는 정의되지 않습니다.
    역전파는 ``actfn.step_derivative``\ 를 쓰므로, 파이토치가 ``torch.sign``\ 같은 계단 모양
    함수에 하듯이 기울기는 어디서나 0입니다. 계단 함수로는 기울기를 따라 학습할 수 없는 까닭입니다.

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
        >>> from actfn import step
        >>> step(torch.tensor([-2.0, 0.0, 0.5, 3.0]))
        tensor([0., 0., 1., 1.])

        기울기는 어디서나 0입니다.

        >>> x = torch.tensor([-0.4, 0.5], requires_grad=True)
        >>> step(x).sum().backward()
        >>> x.grad
        tensor([0., 0.])
    """
    _validation.check_float_tensor(x, "x")
    return _autograd.apply("step", x)


def relu(x: torch.Tensor) -> torch.Tensor:
    r"""렐루(ReLU): 음수는 0으로 바꾸고 양수는 그대로 통과시킵니다.

    .. math::
        \text{ReLU}(x) = \max(0, x)

    역전파는 ``actfn.relu_derivative``\ 를 씁니다. 파이토치와 같이
    :math:`x = 0`\ 에서의 기울기는 0입니다. NaN은 NaN으로 전파됩니다.

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
        >>> from actfn import relu
        >>> x = torch.tensor([[-1.0, 2.0, -3.0], [4.0, -5.0, 6.0]])
        >>> relu(x)
        tensor([[0., 2., 0.],
                [4., 0., 6.]])

        리스트는 받지 않습니다. 먼저 텐서로 바꾸세요.

        >>> relu([-1.0, 2.0])
        Traceback (most recent call last):
            ...
        TypeError: x는 torch.Tensor여야 합니다 (float 텐서); 받은 값: list.
        torch.tensor(...)로 변환하세요
    """
    _validation.check_float_tensor(x, "x")
    return _autograd.apply("relu", x)


def leaky_relu(x: torch.Tensor, negative_slope: float = 0.01) -> torch.Tensor:
    r"""리키 렐루(Leaky ReLU): 음수 입력에도 작은 기울기 ``negative_slope``\ 를 남깁니다.

    .. math::
        \text{LeakyReLU}(x) =
        \begin{cases}
            x, & x > 0 \\
            \text{negative\_slope} \times x, & x \le 0
        \end{cases}

    역전파는 ``actfn.leaky_relu_derivative``\ 를 씁니다. 파이토치와 같이
    :math:`x = 0`\ 에서의 기울기는 ``negative_slope``\ 입니다.

    Args:
        x (torch.Tensor): 입력 텐서 (float16, bfloat16, float32, float64).
        negative_slope (float): :math:`x \le 0` 쪽의 기울기. 기본값: ``0.01``
            (``torch.nn.LeakyReLU``\ 와 같음). 유한한 실수면 무엇이든 됩니다. 파이토치와
            같이 음수나 1보다 큰 값도 허용합니다 (예: ``-1``\ 이면 :math:`|x|`).
            원소가 하나인 텐서도 받지만 ``negative_slope``\ 로는 기울기가 흐르지 않습니다.
            파이토치와 같이 ``x``\ 가 float64가 아니면 float32 값으로 반올림해 씁니다.

    Returns:
        torch.Tensor: ``x``\ 와 모양과 dtype이 같은 텐서.

    Raises:
        TypeError: ``x``\ 가 부동소수점 ``torch.Tensor``\ 가 아니거나 ``negative_slope``\ 가
            실수가 아닐 때 (``bool``, 문자열, 원소가 여러 개인 텐서 등).
        ValueError: ``negative_slope``\ 가 NaN이나 ±inf일 때, 또는 ``x``\ 가 float64가 아닌데
            float32로 나타낼 수 없을 만큼 클 때 (파이토치도 거부합니다).

    Shape:
        - Input: :math:`(*)`, 임의의 차원 수
        - Output: :math:`(*)`, same shape as the input

    Examples:
        >>> import torch
        >>> from actfn import leaky_relu
        >>> x = torch.tensor([-2.0, -1.0, 0.0, 1.0, 2.0])
        >>> leaky_relu(x)
        tensor([-0.0200, -0.0100,  0.0000,  1.0000,  2.0000])
        >>> leaky_relu(x, negative_slope=0.1)
        tensor([-0.2000, -0.1000,  0.0000,  1.0000,  2.0000])
    """
    _validation.check_float_tensor(x, "x")
    slope = _validation.check_real(negative_slope, "negative_slope", x.dtype)
    return _autograd.apply("leaky_relu", x, slope)


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    r"""시그모이드: 실수 전체를 0과 1 사이의 열린 구간 (0, 1)로 눌러 담습니다.

    .. math::
        \sigma(x) = \frac{1}{1 + e^{-x}}

    :math:`x < 0`\ 에서는 같은 값인 :math:`e^{x} / (1 + e^{x})`\ 로 계산해 :math:`e^{-x}`\ 가
    넘치지(overflow) 않게 합니다. 역전파는 ``actfn.sigmoid_derivative``
    (:math:`\sigma(x)(1 - \sigma(x))`)를 쓰므로 :math:`x = -10^4`\ 에서도 기울기가 NaN이
    아니라 0입니다.

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
        >>> from actfn import sigmoid
        >>> sigmoid(torch.tensor([-1.0, 0.0, 1.0]))
        tensor([0.2689, 0.5000, 0.7311])

        아주 큰 입력에서도 NaN이나 inf가 나오지 않고, 기울기도 유한합니다.

        >>> x = torch.tensor([-1e4, 1e4], requires_grad=True)
        >>> y = sigmoid(x)
        >>> y
        tensor([0., 1.], grad_fn=<SigmoidFunctionBackward>)
        >>> y.sum().backward()
        >>> x.grad
        tensor([0., 0.])
    """
    _validation.check_float_tensor(x, "x")
    return _autograd.apply("sigmoid", x)


def tanh(x: torch.Tensor) -> torch.Tensor:
    r"""하이퍼볼릭 탄젠트(tanh): 실수 전체를 -1과 1 사이의 열린 구간 (-1, 1)로 눌러 담습니다.

    .. math::
        \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1

    넘침(overflow)과 0 근처의 자릿수 손실을 피하려고
    :math:`\operatorname{sign}(x)\,\frac{1 - e^{-2|x|}}{1 + e^{-2|x|}}` 꼴로 계산합니다
    (:math:`e^{-2|x|} \le 1`). 역전파는 ``actfn.tanh_derivative``
    (:math:`1 - \tanh^2(x)`)를 씁니다.

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
        >>> from actfn import sigmoid, tanh
        >>> x = torch.tensor([-1.0, 0.0, 1.0])
        >>> tanh(x)
        tensor([-0.7616,  0.0000,  0.7616])
        >>> 2 * sigmoid(2 * x) - 1
        tensor([-0.7616,  0.0000,  0.7616])
    """
    _validation.check_float_tensor(x, "x")
    return _autograd.apply("tanh", x)


def softmax(x: torch.Tensor, dim: int) -> torch.Tensor:
    r"""소프트맥스: 차원 ``dim``\ 을 따라 로짓을 합이 1인 확률로 바꿉니다.

    .. math::
        \text{softmax}(x)_i = \frac{e^{x_i}}{\sum_j e^{x_j}}
                            = \frac{e^{x_i - m}}{\sum_j e^{x_j - m}},
        \qquad m = \max_j x_j

    모든 로짓에 같은 상수를 더해도 결과는 같으므로 최댓값 :math:`m`\ 을 빼서 계산합니다.
    그러면 지수가 0 이하라 :math:`e^{x}`\ 가 넘치지 않습니다 (값의 크기를 바꾸는 것에는
    여전히 민감합니다). 역전파는 ``actfn.softmax_vjp``\ 를 씁니다.
    파이토치와 같이 ``+inf``\ 나 NaN이 들어 있거나 모두 ``-inf``\ 인 줄은 전부 NaN이 됩니다.

    Args:
        x (torch.Tensor): 로짓 텐서 (float16, bfloat16, float32, float64).
        dim (int): 소프트맥스를 계산할 차원 (기본값 없음, 반드시 지정). 벡터 하나는
            ``dim=0``, ``(N, C)`` 배치의 클래스 차원은 ``dim=1``\ (또는 ``-1``)입니다.
            음수는 뒤에서부터 셉니다. 0차원 텐서는 ``0``\ 과 ``-1``\ 을 받습니다.

    Returns:
        torch.Tensor: ``x``\ 와 모양과 dtype이 같고, ``dim``\ 을 따라 합이 1인 텐서.

    Raises:
        TypeError: ``x``\ 가 부동소수점 ``torch.Tensor``\ 가 아니거나 ``dim``\ 이 정수가 아닐 때.
        ValueError: ``dim``\ 이 ``x``\ 의 차원 범위를 벗어날 때.

    Shape:
        - Input: :math:`(*)`, 임의의 차원 수
        - Output: :math:`(*)`, same shape as the input

    Examples:
        >>> import torch
        >>> from actfn import softmax
        >>> softmax(torch.tensor([2.0, 1.0, 0.1]), dim=0)
        tensor([0.6590, 0.2424, 0.0986])

        큰 로짓도 최댓값을 빼므로 안전합니다. 공식을 그대로 쓰면 float32에서
        :math:`e^{1000}`\ 이 inf가 되어 NaN이 나옵니다.

        >>> logits = torch.tensor([1000.0, 1001.0, 1002.0])
        >>> torch.exp(logits) / torch.exp(logits).sum()
        tensor([nan, nan, nan])
        >>> softmax(logits, dim=0)
        tensor([0.0900, 0.2447, 0.6652])

        ``(N, C)`` 배치에서는 클래스 차원 ``dim=1``\ 을 따라 각 줄의 합이 1입니다.

        >>> batch = torch.tensor([[2.0, 1.0, 0.1], [0.0, 0.0, 0.0]])
        >>> softmax(batch, dim=1)
        tensor([[0.6590, 0.2424, 0.0986],
                [0.3333, 0.3333, 0.3333]])
    """
    _validation.check_float_tensor(x, "x")
    dim = _validation.check_dim(dim, x.ndim, "dim", "x")
    return _autograd.softmax(x, dim)


# --------------------------------------------------------------------------------------
# 현대의 활성화 함수
# --------------------------------------------------------------------------------------


def gelu(x: torch.Tensor, approximate: str = "none") -> torch.Tensor:
    r"""GELU(Gaussian Error Linear Unit): 입력에 표준 정규분포의 누적 분포 함수 :math:`\Phi(x)`\ 를 곱합니다.

    .. math::
        \text{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \operatorname{erf}\frac{x}{\sqrt{2}}\right)

    ``approximate="tanh"``\ 이면 BERT와 GPT-2가 쓴 하이퍼볼릭 탄젠트 근사식을 씁니다.

    .. math::
        \text{GELU}_{\tanh}(x) = \frac{x}{2}\left(1 + \tanh\!\left(\sqrt{2/\pi}\,
        \bigl(x + 0.044715\,x^{3}\bigr)\right)\right)

    :math:`x \ll 0`\ 에서 :math:`1 + \operatorname{erf}(\cdot)`\ 는 자릿수를 모두 잃으므로 같은 값인
    :math:`\tfrac{1}{2}\operatorname{erfc}(-x/\sqrt{2})`\ 로, 근사식은 :math:`x\,\sigma(2u)`\ 로
    계산합니다. 그래서 파이토치가 0을 내는 음수 꼬리(float32에서 :math:`x < -5.5` 정도)에서도 작은
    값이 정확합니다. 파이토치와 같이 :math:`x = -\infty`\ 에서는 :math:`-\infty \cdot 0`\ 이라 NaN이고,
    :math:`x = +\infty`\ 에서는 :math:`+\infty`\ 입니다 (파이토치 2.13의 ``F.gelu``\ 는 float64가
    아닌 긴 텐서에서 NaN을 냅니다). 역전파는 ``actfn.gelu_derivative``\ 를 씁니다.

    Args:
        x (torch.Tensor): 입력 텐서 (float16, bfloat16, float32, float64).
        approximate (str): ``"none"``\ (정확한 꼴) 또는 ``"tanh"``\ (근사식). 기본값: ``"none"``
            (``torch.nn.GELU``\ 와 같음).

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
        >>> from actfn import gelu
        >>> x = torch.tensor([-3.0, -1.0, 0.0, 1.0, 3.0])
        >>> gelu(x)
        tensor([-0.0040, -0.1587,  0.0000,  0.8413,  2.9960])
        >>> gelu(x, approximate="tanh")
        tensor([-0.0036, -0.1588,  0.0000,  0.8412,  2.9964])

        음수 꼬리에서도 값이 0으로 뭉개지지 않습니다 (파이토치는 :math:`-0`\ 을 냅니다).

        >>> gelu(torch.tensor([-8.0, -6.0]))
        tensor([-4.9768e-15, -5.9195e-09])
        >>> torch.nn.functional.gelu(torch.tensor([-8.0, -6.0]))
        tensor([-0., -0.])
    """
    _validation.check_float_tensor(x, "x")
    approximate = _validation.check_approximate(approximate, "approximate")
    return _autograd.apply("gelu", x, approximate)


def silu(x: torch.Tensor) -> torch.Tensor:
    r"""SiLU(Sigmoid Linear Unit), 스위시(Swish): 입력에 자신의 시그모이드를 곱합니다.

    .. math::
        \text{SiLU}(x) = x\,\sigma(x) = \frac{x}{1 + e^{-x}}

    :math:`\sigma`\ 는 ``actfn.sigmoid``\ 와 같이 넘치지 않는 꼴로 계산합니다. 그래서 :math:`e^{-x}`\ 가
    넘치는 :math:`x < -88.7`\ (float32)에서 파이토치는 :math:`-0`\ 을 내지만 이 함수는
    :math:`x e^{x}`\ 에 가까운 작은 값을 냅니다. 역전파는 ``actfn.silu_derivative``\ 를 씁니다.

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
        >>> from actfn import sigmoid, silu
        >>> x = torch.tensor([-3.0, -1.0, 0.0, 1.0, 3.0])
        >>> silu(x)
        tensor([-0.1423, -0.2689,  0.0000,  0.7311,  2.8577])
        >>> x * sigmoid(x)
        tensor([-0.1423, -0.2689,  0.0000,  0.7311,  2.8577])
        >>> silu(torch.tensor([-95.0])), torch.nn.functional.silu(torch.tensor([-95.0]))
        (tensor([-5.2451e-40]), tensor([-0.]))
    """
    _validation.check_float_tensor(x, "x")
    return _autograd.apply("silu", x)


def elu(x: torch.Tensor, alpha: float = 1.0) -> torch.Tensor:
    r"""ELU(Exponential Linear Unit): 양수는 그대로, 음수는 :math:`-\alpha`\ 를 향해 부드럽게 포화됩니다.

    .. math::
        \text{ELU}(x) =
        \begin{cases}
            x, & x > 0 \\
            \alpha\,(e^{x} - 1), & x \le 0
        \end{cases}

    :math:`e^{x} - 1`\ 은 0 근처에서 자릿수를 잃지 않도록 ``torch.expm1``\ 로 계산합니다.
    역전파는 ``actfn.elu_derivative``\ 를 씁니다. 파이토치와 같이 :math:`x = 0`\ 에서의 기울기는
    :math:`\alpha`\ 입니다.

    Args:
        x (torch.Tensor): 입력 텐서 (float16, bfloat16, float32, float64).
        alpha (float): 음수 쪽이 다가가는 값 :math:`-\alpha`\ 의 크기. 기본값: ``1.0``
            (``torch.nn.ELU``\ 와 같음). 파이토치와 같이 유한한 실수면 무엇이든 받고, ``x``\ 가
            float64가 아니면 float32 값으로 반올림해 씁니다. ``alpha``\ 로는 기울기가 흐르지 않습니다.

    Returns:
        torch.Tensor: ``x``\ 와 모양과 dtype이 같은 텐서.

    Raises:
        TypeError: ``x``\ 가 부동소수점 ``torch.Tensor``\ 가 아니거나 ``alpha``\ 가 실수가 아닐 때.
        ValueError: ``alpha``\ 가 NaN이나 ±inf일 때, 또는 ``x``\ 가 float64가 아닌데 float32로
            나타낼 수 없을 만큼 클 때.

    Shape:
        - Input: :math:`(*)`, 임의의 차원 수
        - Output: :math:`(*)`, same shape as the input

    Examples:
        >>> import torch
        >>> from actfn import elu
        >>> x = torch.tensor([-10.0, -1.0, 0.0, 1.0, 3.0])
        >>> elu(x)
        tensor([-1.0000, -0.6321,  0.0000,  1.0000,  3.0000])
        >>> elu(x, alpha=0.5)
        tensor([-0.5000, -0.3161,  0.0000,  1.0000,  3.0000])
    """
    _validation.check_float_tensor(x, "x")
    alpha = _validation.check_real(alpha, "alpha", x.dtype)
    return _autograd.apply("elu", x, alpha)


def softplus(x: torch.Tensor, beta: float = 1.0, threshold: float = 20.0) -> torch.Tensor:
    r"""소프트플러스(Softplus): 렐루를 매끄럽게 만든 함수로, 출력이 언제나 양수입니다.

    .. math::
        \text{Softplus}(x) = \frac{1}{\beta}\log\bigl(1 + e^{\beta x}\bigr)

    파이토치와 같이 :math:`\beta x > \text{threshold}`\ 이면 :math:`x`\ 를 그대로 냅니다 (그
    구간에서 두 값의 차이는 :math:`e^{-\text{threshold}}/\beta`\ 보다 작습니다). 나머지 구간은
    :math:`z = \beta x`\ 에 대해 :math:`\max(z, 0) + \log(1 + e^{-|z|})`\ 로 계산해 :math:`e^{z}`\ 가
    넘치지 않습니다. 그래서 ``threshold``\ 를 크게 주어도 파이토치처럼 inf가 되지 않습니다.
    역전파는 ``actfn.softplus_derivative``\ (:math:`\sigma(\beta x)`)를 씁니다.

    Args:
        x (torch.Tensor): 입력 텐서 (float16, bfloat16, float32, float64).
        beta (float): 곡선이 꺾이는 날카로움 :math:`\beta`. 기본값: ``1.0``. 클수록 렐루에
            가깝습니다. 0이 아닌 유한한 실수여야 합니다 (파이토치와 같이 음수도 받음).
        threshold (float): 선형으로 바꾸는 경계. 기본값: ``20.0``. NaN이 아닌 실수 (±inf 포함).
            ``beta``\ 와 ``threshold``\ 는 ``x``\ 가 float64가 아니면 float32 값으로 반올림해 씁니다.

    Returns:
        torch.Tensor: ``x``\ 와 모양과 dtype이 같은 텐서.

    Raises:
        TypeError: ``x``\ 가 부동소수점 ``torch.Tensor``\ 가 아니거나 ``beta``/``threshold``\ 가
            실수가 아닐 때.
        ValueError: ``beta``\ 가 0, NaN, ±inf이거나 ``threshold``\ 가 NaN일 때, 또는 ``x``\ 가
            float64가 아닌데 float32로 나타낼 수 없을 만큼 클 때.

    Shape:
        - Input: :math:`(*)`, 임의의 차원 수
        - Output: :math:`(*)`, same shape as the input

    Examples:
        >>> import torch
        >>> from actfn import softplus
        >>> x = torch.tensor([-3.0, -1.0, 0.0, 1.0, 3.0])
        >>> softplus(x)
        tensor([0.0486, 0.3133, 0.6931, 1.3133, 3.0486])
        >>> softplus(x, beta=5.0)
        tensor([6.1180e-08, 1.3431e-03, 1.3863e-01, 1.0013e+00, 3.0000e+00])
    """
    _validation.check_float_tensor(x, "x")
    beta = _validation.check_real(beta, "beta", x.dtype)
    _validation.check_nonzero(_formulas.parameter(beta, x.dtype), "beta")
    threshold = _validation.check_real(threshold, "threshold", x.dtype, allow_infinite=True)
    return _autograd.apply("softplus", x, beta, threshold)


def mish(x: torch.Tensor) -> torch.Tensor:
    r"""미시(Mish): 입력에 소프트플러스의 하이퍼볼릭 탄젠트를 곱합니다 (Misra, 2019).

    .. math::
        \text{Mish}(x) = x \tanh\bigl(\text{Softplus}(x)\bigr) = x \tanh\bigl(\log(1 + e^{x})\bigr)

    :math:`\tanh(\log(1 + e^{x})) = n / (n + 2)`, :math:`n = e^{x}(e^{x} + 2)`\ 로 계산합니다
    (:math:`x > 20`\ 에서는 이미 1로 반올림됨). 역전파는 ``actfn.mish_derivative``\ 를 씁니다.

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
        >>> from actfn import mish, softplus, tanh
        >>> x = torch.tensor([-3.0, -1.0, 0.0, 1.0, 3.0])
        >>> mish(x)
        tensor([-0.1456, -0.3034,  0.0000,  0.8651,  2.9865])
        >>> x * tanh(softplus(x))
        tensor([-0.1456, -0.3034,  0.0000,  0.8651,  2.9865])
    """
    _validation.check_float_tensor(x, "x")
    return _autograd.apply("mish", x)


def hardsigmoid(x: torch.Tensor) -> torch.Tensor:
    r"""하드 시그모이드(Hard Sigmoid): 시그모이드를 세 토막의 직선으로 바꾼 함수 (MobileNetV3).

    .. math::
        \text{HardSigmoid}(x) = \frac{\min(\max(x + 3, 0), 6)}{6} =
        \begin{cases}
            0, & x \le -3 \\
            x/6 + 1/2, & -3 < x < 3 \\
            1, & x \ge 3
        \end{cases}

    지수 함수 없이 덧셈과 자르기만 씁니다. 역전파는 ``actfn.hardsigmoid_derivative``\ 를 씁니다.
    파이토치와 같이 :math:`x = \pm 3`\ 에서의 기울기는 0입니다.

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
        >>> from actfn import hardsigmoid
        >>> hardsigmoid(torch.tensor([-4.0, -3.0, 0.0, 1.5, 3.0, 4.0]))
        tensor([0.0000, 0.0000, 0.5000, 0.7500, 1.0000, 1.0000])
    """
    _validation.check_float_tensor(x, "x")
    return _autograd.apply("hardsigmoid", x)


def hardswish(x: torch.Tensor) -> torch.Tensor:
    r"""하드 스위시(Hard Swish): 스위시 :math:`x\,\sigma(x)`\ 의 시그모이드를 하드 시그모이드로 바꾼 함수.

    .. math::
        \text{HardSwish}(x) = x\,\frac{\min(\max(x + 3, 0), 6)}{6} =
        \begin{cases}
            0, & x \le -3 \\
            x(x + 3)/6, & -3 < x < 3 \\
            x, & x \ge 3
        \end{cases}

    MobileNetV3(Howard 외, 2019)가 휴대폰에서 빠르게 계산하려고 썼습니다. 역전파는
    ``actfn.hardswish_derivative``\ 를 씁니다.

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
        >>> from actfn import hardsigmoid, hardswish
        >>> x = torch.tensor([-4.0, -1.0, 0.0, 1.0, 4.0])
        >>> hardswish(x)
        tensor([-0.0000, -0.3333,  0.0000,  0.6667,  4.0000])
        >>> x * hardsigmoid(x)
        tensor([-0.0000, -0.3333,  0.0000,  0.6667,  4.0000])
    """
    _validation.check_float_tensor(x, "x")
    return _autograd.apply("hardswish", x)


def prelu(x: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    r"""PReLU(Parametric ReLU): 음수 쪽 기울기 :math:`a`\ 를 학습하는 리키 렐루입니다.

    .. math::
        \text{PReLU}(x) =
        \begin{cases}
            x, & x > 0 \\
            a\,x, & x \le 0
        \end{cases}

    ``torch.nn.functional.prelu``\ 와 같이 ``weight``\ 의 원소가 하나면 모든 원소에, 여럿이면
    채널(1번 차원)마다 다른 :math:`a`\ 를 씁니다. 역전파는 입력 쪽으로 ``actfn.prelu_derivative``,
    기울기 :math:`a` 쪽으로 :math:`\partial\,\text{PReLU}/\partial a = \min(0, x)`\ 를 (채널마다
    더해서) 보냅니다. 학습할 수 있는 모듈은 ``actfn.PReLU``\ 입니다.

    Args:
        x (torch.Tensor): 입력 텐서 (float16, bfloat16, float32, float64).
        weight (torch.Tensor): 음수 쪽 기울기 :math:`a`. ``x``\ 와 dtype이 같은 0차원 또는 1차원
            텐서로, 원소가 1개이거나 ``x``\ 의 채널 수 ``x.shape[1]``\ 과 같아야 합니다.

    Returns:
        torch.Tensor: ``x``\ 와 모양과 dtype이 같은 텐서.

    Raises:
        TypeError: ``x``\ 나 ``weight``\ 가 부동소수점 ``torch.Tensor``\ 가 아니거나 둘의 dtype이
            다를 때.
        ValueError: ``weight``\ 가 2차원 이상이거나 원소 수가 맞지 않을 때.

    Shape:
        - Input: :math:`(N, C, *)` 또는 :math:`(*)`, ``weight``\ 는 :math:`(C)`, :math:`(1)`, :math:`()`
        - Output: same shape as the input

    Examples:
        >>> import torch
        >>> from actfn import prelu
        >>> x = torch.tensor([[-2.0, -2.0], [1.0, -1.0]])
        >>> prelu(x, torch.tensor([0.25]))
        tensor([[-0.5000, -0.5000],
                [ 1.0000, -0.2500]])
        >>> prelu(x, torch.tensor([0.25, 0.5]))  # 채널(열)마다 다른 기울기
        tensor([[-0.5000, -1.0000],
                [ 1.0000, -0.5000]])
    """
    _validation.check_float_tensor(x, "x")
    _validation.check_prelu_weight(weight, x, "weight")
    return _autograd.prelu(x, weight)


def _gated(x: torch.Tensor, dim: int, gate: str, approximate: str) -> torch.Tensor:
    _validation.check_float_tensor(x, "x")
    dim = _validation.check_dim(
        dim,
        x.ndim,
        "dim",
        "x",
        hint="절반으로 나눌 차원 번호를 정수로 주세요 (예: 마지막 차원은 dim=-1)",
    )
    _validation.check_halvable(x, dim, "x")
    return _autograd.gated(x, dim, gate, approximate)


def glu(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    r"""게이트 선형 유닛(GLU): 입력을 반으로 나눠 앞쪽 절반에 뒤쪽 절반의 시그모이드를 곱합니다.

    .. math::
        \text{GLU}(a, b) = a \otimes \sigma(b), \qquad [a, b] = x

    ``torch.nn.functional.glu``\ 와 같이 차원 ``dim``\ 을 따라 **앞쪽 절반이** :math:`a`\ (값),
    **뒤쪽 절반이** :math:`b`\ (게이트)입니다. 게이트 :math:`\sigma(b) \in (0, 1)`\ 가 값 :math:`a`\ 를
    원소마다 얼마나 통과시킬지 정합니다. 역전파는 :math:`\partial/\partial a = \sigma(b)`,
    :math:`\partial/\partial b = a\,\sigma'(b)`\ (``actfn.sigmoid_derivative``)를 씁니다.

    Args:
        x (torch.Tensor): 입력 텐서 (float16, bfloat16, float32, float64). 차원 ``dim``\ 의 크기가
            짝수여야 합니다.
        dim (int): 반으로 나눌 차원. 기본값: ``-1``\ (마지막 차원).

    Returns:
        torch.Tensor: ``x``\ 와 dtype이 같고 차원 ``dim``\ 의 크기가 절반인 텐서.

    Raises:
        TypeError: ``x``\ 가 부동소수점 ``torch.Tensor``\ 가 아니거나 ``dim``\ 이 정수가 아닐 때.
        ValueError: ``dim``\ 이 범위를 벗어나거나, 그 차원의 크기가 홀수이거나, ``x``\ 가 0차원일 때.

    Shape:
        - Input: :math:`(*_1, 2N, *_2)`, 차원 ``dim``\ 의 크기가 :math:`2N`
        - Output: :math:`(*_1, N, *_2)`

    Examples:
        >>> import torch
        >>> from actfn import glu, sigmoid
        >>> x = torch.tensor([[1.0, 2.0, 0.0, 2.0], [3.0, -1.0, -1.0, 0.0]])
        >>> glu(x)
        tensor([[ 0.5000,  1.7616],
                [ 0.8068, -0.5000]])
        >>> x[:, :2] * sigmoid(x[:, 2:])  # a = 앞쪽 절반, b = 뒤쪽 절반
        tensor([[ 0.5000,  1.7616],
                [ 0.8068, -0.5000]])
    """
    return _gated(x, dim, "sigmoid", "none")


def geglu(x: torch.Tensor, dim: int = -1, approximate: str = "none") -> torch.Tensor:
    r"""GEGLU: 게이트를 GELU로 바꾼 게이트 선형 유닛 (Shazeer, 2020).

    .. math::
        \text{GEGLU}(a, b) = a \otimes \text{GELU}(b), \qquad [a, b] = x

    ``actfn.glu``\ 와 같이 차원 ``dim``\ 을 따라 앞쪽 절반이 값 :math:`a`, 뒤쪽 절반이 게이트
    :math:`b`\ 입니다. 원 논문의 :math:`\text{GELU}(xW) \otimes xV`\ 에서 :math:`b = xW`,
    :math:`a = xV`\ 에 해당합니다. 역전파는 :math:`\text{GELU}(b)`\ 와 :math:`a\,\text{GELU}'(b)`
    (``actfn.gelu_derivative``)를 씁니다.

    Args:
        x (torch.Tensor): 입력 텐서 (float16, bfloat16, float32, float64). 차원 ``dim``\ 의 크기가
            짝수여야 합니다.
        dim (int): 반으로 나눌 차원. 기본값: ``-1``.
        approximate (str): 게이트 GELU의 ``approximate``\ (``"none"`` 또는 ``"tanh"``).
            기본값: ``"none"``.

    Returns:
        torch.Tensor: ``x``\ 와 dtype이 같고 차원 ``dim``\ 의 크기가 절반인 텐서.

    Raises:
        TypeError: ``x``\ 가 부동소수점 ``torch.Tensor``\ 가 아니거나, ``dim``\ 이 정수가 아니거나,
            ``approximate``\ 가 문자열이 아닐 때.
        ValueError: ``dim``\ 이 범위를 벗어나거나, 그 차원의 크기가 홀수이거나, ``x``\ 가
            0차원이거나, ``approximate``\ 가 ``"none"``/``"tanh"``\ 가 아닐 때.

    Shape:
        - Input: :math:`(*_1, 2N, *_2)`, 차원 ``dim``\ 의 크기가 :math:`2N`
        - Output: :math:`(*_1, N, *_2)`

    Examples:
        >>> import torch
        >>> from actfn import geglu, gelu
        >>> x = torch.tensor([2.0, 2.0, 1.0, -1.0])
        >>> geglu(x)
        tensor([ 1.6827, -0.3173])
        >>> x[:2] * gelu(x[2:])
        tensor([ 1.6827, -0.3173])
    """
    approximate = _validation.check_approximate(approximate, "approximate")
    return _gated(x, dim, "gelu", approximate)


def swiglu(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    r"""SwiGLU: 게이트를 SiLU(스위시)로 바꾼 게이트 선형 유닛 (Shazeer, 2020). LLaMA의 MLP가 씁니다.

    .. math::
        \text{SwiGLU}(a, b) = a \otimes \text{SiLU}(b) = a \otimes b\,\sigma(b),
        \qquad [a, b] = x

    ``actfn.glu``\ 와 같이 차원 ``dim``\ 을 따라 앞쪽 절반이 값 :math:`a`, 뒤쪽 절반이 게이트
    :math:`b`\ 입니다. 원 논문의 :math:`\text{Swish}_1(xW) \otimes xV`\ 에서 :math:`b = xW`,
    :math:`a = xV`\ 에 해당합니다 (:math:`\text{Swish}_1 = \text{SiLU}`). 역전파는
    :math:`\text{SiLU}(b)`\ 와 :math:`a\,\text{SiLU}'(b)`\ (``actfn.silu_derivative``)를 씁니다.

    Args:
        x (torch.Tensor): 입력 텐서 (float16, bfloat16, float32, float64). 차원 ``dim``\ 의 크기가
            짝수여야 합니다.
        dim (int): 반으로 나눌 차원. 기본값: ``-1``.

    Returns:
        torch.Tensor: ``x``\ 와 dtype이 같고 차원 ``dim``\ 의 크기가 절반인 텐서.

    Raises:
        TypeError: ``x``\ 가 부동소수점 ``torch.Tensor``\ 가 아니거나 ``dim``\ 이 정수가 아닐 때.
        ValueError: ``dim``\ 이 범위를 벗어나거나, 그 차원의 크기가 홀수이거나, ``x``\ 가 0차원일 때.

    Shape:
        - Input: :math:`(*_1, 2N, *_2)`, 차원 ``dim``\ 의 크기가 :math:`2N`
        - Output: :math:`(*_1, N, *_2)`

    Examples:
        >>> import torch
        >>> from actfn import silu, swiglu
        >>> x = torch.tensor([2.0, 2.0, 1.0, -1.0])
        >>> swiglu(x)
        tensor([ 1.4621, -0.5379])
        >>> x[:2] * silu(x[2:])
        tensor([ 1.4621, -0.5379])
    """
    return _gated(x, dim, "silu", "none")
