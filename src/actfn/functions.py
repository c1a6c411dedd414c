r"""활성화 함수: 렐루, 리키 렐루, 시그모이드, 하이퍼볼릭 탄젠트, 소프트맥스.

각 함수는 공식을 그대로 torch 텐서 연산(``torch.exp``, ``torch.where``, …)으로
옮긴 것입니다. ``torch.relu``, ``torch.sigmoid``, ``F.softmax`` 같은 완성된 함수는 부르지 않습니다.

역전파는 ``actfn.derivatives``\ 의 닫힌 꼴 도함수를 쓰는 ``torch.autograd.Function``\ 을
거칩니다. 그래서 책의 도함수 공식이 곧 역전파가 계산하는 값이고, 순진한 공식
``1/(1+exp(-x))``\ 를 자동 미분하면 NaN이 나오는 곳(예: :math:`x = -10^4`)에서도
기울기가 유한합니다.

float16과 bfloat16 입력은 float64로 올려 계산한 뒤 원래 dtype으로 한 번만 반올림합니다.
"""

from __future__ import annotations

import torch

# derivatives는 이 모듈의 공식을 쓰고, 이 모듈의 공개 함수는 derivatives의
# autograd.Function을 씁니다. 서로를 모듈 객체로만 가져오고 속성은 호출할 때 찾으므로
# 어느 쪽을 먼저 import해도 순환 import 문제가 없습니다.
from actfn import _validation
from actfn import derivatives as _derivatives

__all__ = ["leaky_relu", "relu", "sigmoid", "softmax", "tanh"]


def _compute_dtype(dtype: torch.dtype, device: torch.device) -> torch.dtype:
    """중간 계산에 쓸 dtype.

    float16/bfloat16은 유효 자릿수가 11비트/8비트뿐이라 중간 계산을 float64로 하고 마지막에
    한 번만 반올림합니다. 그러면 결과는 정확한 값을 반올림한 것과 (거의 언제나) 같습니다.
    float64를 지원하지 않는 장치(Apple MPS)에서는 float32를 씁니다.
    """
    if dtype in (torch.float16, torch.bfloat16):
        return torch.float32 if device.type == "mps" else torch.float64
    return dtype


# --------------------------------------------------------------------------------------
# 공식 (forward). autograd.Function의 forward와 도함수가 이 함수들을 부릅니다.
# 입력 검사는 공개 함수에서 이미 끝났다고 가정합니다.
# --------------------------------------------------------------------------------------


def _relu_formula(x: torch.Tensor) -> torch.Tensor:
    # max(0, x). clamp는 NaN을 그대로 전파합니다 (torch.where(x > 0, x, 0)이면 NaN이 0이 됨).
    return torch.clamp(x, min=0)


def _slope_for(dtype: torch.dtype, negative_slope: float) -> float:
    """파이토치처럼 float64가 아닌 입력에서는 기울기를 float32 값으로 씁니다.

    보통은 차이가 없지만, float32로 나타낼 수 없는 기울기(예: 1e-300은 0이 됨)에서
    ``-inf · 0 = NaN`` 같은 결과가 파이토치와 같아집니다.
    """
    if dtype == torch.float64:
        return negative_slope
    return torch.tensor(negative_slope, dtype=torch.float32).item()


def _leaky_relu_formula(x: torch.Tensor, negative_slope: float) -> torch.Tensor:
    # x > 0이면 x, 아니면 negative_slope·x. NaN은 x > 0이 거짓이라 NaN·slope = NaN.
    slope = _slope_for(x.dtype, negative_slope)
    xc = x.to(_compute_dtype(x.dtype, x.device))
    return torch.where(xc > 0, xc, xc * slope).to(x.dtype)


def _sigmoid_formula(x: torch.Tensor) -> torch.Tensor:
    # σ(x) = 1/(1+e^{-x}). x < 0에서 e^{-x}가 넘치지 않도록 z = e^{-|x|} ∈ (0, 1]을 쓰면
    #   x ≥ 0:  σ(x) = 1/(1+z),    x < 0:  σ(x) = e^{x}/(1+e^{x}) = z/(1+z).
    xc = x.to(_compute_dtype(x.dtype, x.device))
    z = torch.exp(-torch.abs(xc))
    return torch.where(xc >= 0, 1 / (1 + z), z / (1 + z)).to(x.dtype)


def _tanh_formula(x: torch.Tensor) -> torch.Tensor:
    # tanh(x) = (e^x − e^{−x})/(e^x + e^{−x}) = sign(x)·(1 − e^{−2|x|})/(1 + e^{−2|x|}).
    # e^{−2|x|} ∈ (0, 1]이라 넘치지 않습니다. 0 근처에서 1 − e^{−2|x|}의 자릿수 손실을 막으려고
    # m = e^{−2|x|} − 1 = expm1(−2|x|)로 쓰면  tanh(|x|) = −m/(2 + m).
    xc = x.to(_compute_dtype(x.dtype, x.device))
    m = torch.expm1(-2 * torch.abs(xc))
    return torch.copysign(-m / (2 + m), xc).to(x.dtype)


def _softmax_formula(x: torch.Tensor, dim: int) -> torch.Tensor:
    # softmax(x)_i = e^{x_i − m} / Σ_j e^{x_j − m},  m = max_j x_j.
    # 상수를 빼도 값은 같고(분자·분모에 e^{−m}이 약분됨), 지수가 0 이하라 넘치지 않습니다.
    if x.numel() == 0:
        # 빈 텐서: 계산할 것이 없습니다 (amax는 크기 0인 차원을 줄일 수 없음).
        return torch.empty_like(x)
    xc = x.to(_compute_dtype(x.dtype, x.device))
    shifted = xc - torch.amax(xc, dim=dim, keepdim=True)
    e = torch.exp(shifted)
    return (e / torch.sum(e, dim=dim, keepdim=True)).to(x.dtype)


# --------------------------------------------------------------------------------------
# 공개 함수
# --------------------------------------------------------------------------------------


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
    return _derivatives.ReLUFunction.apply(x)


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
    slope = _validation.check_negative_slope(negative_slope, "negative_slope", x.dtype)
    return _derivatives.LeakyReLUFunction.apply(x, slope)


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
    return _derivatives.SigmoidFunction.apply(x)


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
    return _derivatives.TanhFunction.apply(x)


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
    return _derivatives.SoftmaxFunction.apply(x, dim)
