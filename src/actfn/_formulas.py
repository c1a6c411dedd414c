r"""층 1: 활성화 함수의 공식(순전파)과 dtype 규칙.

패키지는 네 층으로 되어 있고 위층만 아래층을 가져옵니다 (순환 import 없음)::

    _formulas      공식과 dtype 규칙 (이 모듈)
    _derivatives   닫힌 꼴 도함수
    _autograd      역전파를 닫힌 꼴 도함수로 하는 torch.autograd.Function (비공개)
    functions, derivatives, activations   공개 함수와 활성화 함수 기록

여기의 함수는 입력 검사를 하지 않습니다 (공개 함수가 이미 했습니다). 각 공식은 torch 텐서
연산으로 적은 식 그대로이고, 빠르게 계산하려고 세 가지를 지킵니다.

* ``torch.where``\ 는 쓰지 않습니다. 이 CPU에서 곱셈 한 번의 열 배가 넘게 걸립니다. 갈래를 골라야
  하면 :func:`choose`\ 가 비트 마스크로 고르고, 조건을 "어떤 값이 음수"로 적을 수 있으면 그 부호
  비트(:func:`sign_mask`)를 마스크로 씁니다. 값이 같다면 고르기 대신 max/min을 씁니다.
* 중간 결과는 이 함수가 만든 임시 텐서이므로 제자리(in-place)에서 고칩니다 (:func:`add` 등).
  자동 미분이 기록 중일 때(두 번 미분)만 새 텐서를 만듭니다. 큰 텐서를 새로 만드는 일(메모리를
  처음 건드리는 비용)이 덧셈 몇 번과 맞먹으므로, 새 텐서의 수가 곧 속도를 정합니다.
* float16/bfloat16 입력은 float64로 올려 계산하고 마지막에 한 번만 반올림합니다.
"""

from __future__ import annotations

from collections.abc import Callable

import torch

# :math:`1/\sqrt{2}`, :math:`\sqrt{2/\pi}`, GELU 근사식의 세제곱 계수.
SQRT_HALF = 0.7071067811865476
SQRT_2_OVER_PI = 0.7978845608028654
GELU_KAPPA = 0.044715

# e^{x}를 이 값에서 자릅니다 (tanh_softplus, 미시의 도함수): tanh(softplus(20)) = 1 − 8·10⁻¹⁸은
# float64에서도 1로 반올림되므로 값은 그대로이고, e^{x}와 그 자동 미분이 넘치지 않습니다.
TANH_SOFTPLUS_CUT = 20.0

# --------------------------------------------------------------------------------------
# dtype 규칙
# --------------------------------------------------------------------------------------


def compute_dtype(dtype: torch.dtype, device: torch.device) -> torch.dtype:
    """중간 계산에 쓸 dtype.

    float16/bfloat16은 유효 자릿수가 11비트/8비트뿐이라 중간 계산을 float64로 하고 마지막에
    한 번만 반올림합니다. 그러면 결과는 정확한 값을 반올림한 것과 (거의 언제나) 같습니다.
    float64를 지원하지 않는 장치(Apple MPS)에서는 float32를 씁니다.
    """
    if dtype in (torch.float16, torch.bfloat16):
        return torch.float32 if device.type == "mps" else torch.float64
    return dtype


def widen(x: torch.Tensor) -> torch.Tensor:
    """계산용 dtype의 ``x`` (float32/float64면 ``x`` 그대로이니 제자리에서 고치지 말 것)."""
    return x.to(compute_dtype(x.dtype, x.device))


def parameter(value: float, dtype: torch.dtype) -> float:
    """파이토치처럼 float64가 아닌 입력에서는 스칼라 인자(기울기, α, β)를 float32 값으로 씁니다.

    보통은 차이가 없지만, float32로 나타낼 수 없는 값(예: 1e-300은 0이 됨)에서
    ``-inf · 0 = NaN`` 같은 결과가 파이토치와 같아집니다.
    """
    if dtype == torch.float64:
        return value
    return torch.tensor(value, dtype=torch.float32).item()


# --------------------------------------------------------------------------------------
# 임시 텐서를 제자리에서 고치는 연산 (자동 미분이 기록 중이면 새 텐서: 제자리 연산은 자동 미분에
# 필요한 값을 덮어쓸 수 있으므로)
# --------------------------------------------------------------------------------------


def recording(*tensors: object) -> bool:
    """제자리 연산을 피해야 하는지: 자동 미분이 이 텐서들의 연산을 기록하는 중이거나(두 번 미분할
    때의 역전파 등) ``torch.func`` 변환(vmap, jacrev, jvp) 안일 때."""
    if torch._C._are_functorch_transforms_active():
        return True
    return torch.is_grad_enabled() and any(
        isinstance(t, torch.Tensor) and t.requires_grad for t in tensors
    )


def add(t: torch.Tensor, other: torch.Tensor | float, alpha: float = 1) -> torch.Tensor:
    """t + alpha·other."""
    return t.add(other, alpha=alpha) if recording(t, other) else t.add_(other, alpha=alpha)


def mul(t: torch.Tensor, other: torch.Tensor | float) -> torch.Tensor:
    """t · other."""
    return t.mul(other) if recording(t, other) else t.mul_(other)


def div(t: torch.Tensor, other: torch.Tensor | float) -> torch.Tensor:
    """t / other."""
    return t.div(other) if recording(t, other) else t.div_(other)


def rsub(t: torch.Tensor, other: float) -> torch.Tensor:
    """other − t."""
    return other - t if recording(t) else t.neg_().add_(other)


def exp(t: torch.Tensor) -> torch.Tensor:
    """e^t."""
    return t.exp() if recording(t) else t.exp_()


def expm1(t: torch.Tensor) -> torch.Tensor:
    """e^t − 1."""
    return t.expm1() if recording(t) else t.expm1_()


def log1p(t: torch.Tensor) -> torch.Tensor:
    """log(1 + t)."""
    return t.log1p() if recording(t) else t.log1p_()


def erfc(t: torch.Tensor) -> torch.Tensor:
    """1 − erf(t)."""
    return torch.special.erfc(t) if recording(t) else t.erfc_()


def maximum(t: torch.Tensor, other: torch.Tensor) -> torch.Tensor:
    """max(t, other) 원소별로 (NaN은 전파)."""
    return torch.maximum(t, other) if recording(t, other) else torch.maximum(t, other, out=t)


def minimum(t: torch.Tensor, other: torch.Tensor) -> torch.Tensor:
    """min(t, other) 원소별로 (NaN은 전파)."""
    return torch.minimum(t, other) if recording(t, other) else torch.minimum(t, other, out=t)


def copysign(t: torch.Tensor, sign: torch.Tensor) -> torch.Tensor:
    """|t| with the sign of ``sign``."""
    return t.copysign(sign) if recording(t, sign) else t.copysign_(sign)


def clamp(t: torch.Tensor, low: float, high: float) -> torch.Tensor:
    """min(max(t, low), high) (NaN은 전파)."""
    return torch.clamp(t, low, high) if recording(t) else t.clamp_(low, high)


def negative_part(x: torch.Tensor) -> torch.Tensor:
    """min(x, 0) (새 텐서). 자동 미분이 기록 중이면 x = 0에서 도함수가 0인 꼴로 (ELU″(0) = 0)."""
    if recording(x):
        return torch.where(x < 0, x, 0.0)
    return torch.clamp(x, max=0)


_BITS = {
    torch.float16: torch.int16,
    torch.bfloat16: torch.int16,
    torch.float32: torch.int32,
    torch.float64: torch.int64,
}


def bits_dtype(dtype: torch.dtype) -> torch.dtype:
    """``dtype``\\ 과 너비가 같은 정수 dtype (비트를 다룰 때의 view용)."""
    return _BITS[dtype]


Compare = Callable[..., torch.Tensor]  # torch.gt, torch.le, … (out= 인자를 받는 비교)


def bit_mask(compare: Compare, a: torch.Tensor, b: float) -> torch.Tensor:
    """``compare(a, b)``\\ 인 곳은 모든 비트가 1(정수 −1), 아닌 곳은 0인 정수 텐서 (a와 같은 너비).

    비교하고 정수로 바꾸느라 새 텐서를 둘 만듭니다. 조건을 "어떤 값이 음수"로 적을 수 있으면
    :func:`sign_mask`\\ 가 더 빠릅니다.
    """
    return compare(a, b).to(_BITS[a.dtype]).neg_()


def choose(
    compare: Compare,
    a: torch.Tensor,
    b: float,
    if_true: torch.Tensor | None,
    if_false: torch.Tensor | None,
) -> torch.Tensor:
    """``compare(a, b) ? if_true : if_false`` 원소별로 (예: ``choose(torch.gt, x, 0, x, y)``).
    ``None``\\ 은 0입니다.

    곱셈이 아니라 고르기입니다: 고르지 않은 쪽이 inf나 NaN이어도 결과에 섞이지 않습니다
    (``0 · inf = NaN``\\ 이 되는 ``mask * g``\\ 와 다름). ``torch.where``\\ 가 느린 CPU에서 같은 일을
    비트 연산으로 합니다: 조건을 모든 비트가 1이거나 0인 정수 마스크(:func:`bit_mask`)로 바꿔 두
    값의 비트를 섞습니다. 자동 미분이 기록 중이면(두 번 미분) 미분할 수 있는 ``torch.where``\\ 를 씁니다.
    """
    if recording(a, if_true, if_false):
        zero = torch.zeros((), dtype=(if_true if if_true is not None else if_false).dtype)
        return torch.where(
            compare(a, b),
            if_true if if_true is not None else zero,
            if_false if if_false is not None else zero,
        )
    m = bit_mask(compare, a, b)  # compare(a, b)인 곳에서 모든 비트가 1
    if if_false is None:  # t & m
        assert if_true is not None
        return m.bitwise_and_(if_true.view(m.dtype)).view(if_true.dtype)
    if if_true is None:  # f & ~m
        return m.bitwise_not_().bitwise_and_(if_false.view(m.dtype)).view(if_false.dtype)
    return mix(m, if_true.view(m.dtype), if_false.view(m.dtype)).view(if_true.dtype)


def mix(mask: torch.Tensor, if_true: torch.Tensor, if_false: torch.Tensor) -> torch.Tensor:
    """``mask ? if_true : if_false``\\ 를 정수 비트로: if_false ^ ((if_true ^ if_false) & mask).
    결과는 ``mask``\\ (부르는 쪽의 임시 텐서)에 씁니다."""
    return mask.bitwise_and_(if_true ^ if_false).bitwise_xor_(if_false)


def sign_mask(t: torch.Tensor) -> torch.Tensor:
    """임시 텐서 ``t``\\ 를 제자리에서 정수 마스크로 바꿉니다: 부호 비트가 1인 곳(음수, −0, 부호가
    음인 NaN)은 모든 비트가 1(정수 −1), 나머지는 0.

    부호 비트를 산술 오른쪽 시프트로 모든 비트에 퍼뜨리는 한 번의 연산이라, 비교해서 bool을 만들고
    정수로 바꾸는 것(새 텐서 둘)보다 훨씬 빠릅니다. 부르는 쪽이 t를 x − 3처럼 "조건이 참이면
    음수"가 되게 만들고, 0과 NaN이 어느 쪽으로 가는지 따져 둡니다.
    """
    bits = t.view(_BITS[t.dtype])
    return bits.bitwise_right_shift_(8 * bits.element_size() - 1)


def at_most_zero(xc: torch.Tensor) -> torch.Tensor:
    """x ≤ 0(NaN 포함)인 곳에서 모든 비트가 1인 정수 마스크 (새 텐서).

    sign(x) − 1/2는 x > 0에서만 양수이므로(torch.sign(NaN) = 0) 그 부호 비트가 곧 마스크입니다.
    """
    return sign_mask(torch.sign(xc).sub_(0.5))


def blend(mask: torch.Tensor, if_true: torch.Tensor, if_false: float) -> torch.Tensor:
    """``mask ? if_true : if_false``\\ 를 비트로: if_false ^ ((if_true ^ if_false) & mask).
    ``if_true``\\ 는 부르는 쪽의 임시 텐서라 제자리에서 고쳐 돌려줍니다."""
    bits = if_true.view(mask.dtype)
    other = torch.tensor(if_false, dtype=if_true.dtype).view(mask.dtype)
    return bits.bitwise_xor_(other).bitwise_and_(mask).bitwise_xor_(other).view(if_true.dtype)


def slope(xc: torch.Tensor, negative: float | torch.Tensor) -> torch.Tensor:
    """``x > 0 ? 1 : negative`` (NaN에서는 negative): 리키 렐루와 PReLU가 x에 곱하는 수이자 그
    도함수 (xc의 dtype인 새 텐서). ``negative``\\ 는 수이거나 xc에 맞게 늘어놓은 텐서(PReLU의 기울기).

    고르기는 비트로 합니다 (:func:`at_most_zero`\\ 의 마스크로 두 값의 비트를 섞음).
    """
    dtype = xc.dtype
    one = torch.ones((), dtype=dtype)
    if recording(xc, negative):
        return torch.where(xc > 0, one, torch.as_tensor(negative, dtype=dtype))
    bits = _BITS[dtype]
    negative_bits = torch.as_tensor(negative, dtype=dtype).view(bits)
    return mix(at_most_zero(xc), negative_bits, one.view(bits)).view(dtype)


# --------------------------------------------------------------------------------------
# 공식 (순전파). 결과는 입력의 dtype입니다.
# --------------------------------------------------------------------------------------


def step(x: torch.Tensor) -> torch.Tensor:
    # h(x) = [x > 0]. NaN과의 비교는 거짓이므로 NaN은 0 (torch.heaviside와 같음).
    return (x > 0).to(x.dtype)


def relu(x: torch.Tensor) -> torch.Tensor:
    # ReLU(x) = max(0, x). clamp는 NaN을 그대로 전파합니다.
    return torch.clamp(x, min=0)


def leaky_relu(x: torch.Tensor, negative_slope: float) -> torch.Tensor:
    # LeakyReLU(x) = x (x > 0), negative_slope·x (x ≤ 0)  =  x · (x > 0 ? 1 : negative_slope).
    # 곱하는 수가 1이거나 기울기라 결과는 x나 negative_slope·x 그대로이고, NaN은 NaN·기울기 = NaN.
    # 기울기 s가 0 < s < 1이면 고를 필요 없이 max(x, s·x)가 같은 값이고(x > 0이면 s·x < x,
    # x < 0이면 s·x > x), s ≥ 1이면 min(x, s·x)입니다. 그 밖의 s(0이면 x = +inf에서 0·inf = NaN,
    # 음수면 x = ±0에서 0과 −0 중 어느 쪽인지)는 고릅니다.
    s = parameter(negative_slope, x.dtype)
    xc = widen(x)
    if 0 < s < 1:
        return maximum(xc * s, xc).to(x.dtype)
    if s >= 1:
        return minimum(xc * s, xc).to(x.dtype)
    return mul(slope(xc, s), xc).to(x.dtype)


def prelu(x: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    # PReLU(x) = x · (x > 0 ? 1 : a), a는 채널(1번 차원)마다의 기울기.
    xc = widen(x)
    a = prelu_weight_view(weight, x.ndim).to(xc.dtype)
    return mul(slope(xc, a), xc).to(x.dtype)


def prelu_weight_view(weight: torch.Tensor, ndim: int) -> torch.Tensor:
    """PReLU의 기울기를 입력에 맞게 늘어놓습니다: 원소 하나면 스칼라, 아니면 1번 차원(채널)을 따라."""
    if weight.numel() == 1:
        return weight.reshape(())
    return weight.reshape([1, -1] + [1] * (ndim - 2))


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    # σ(x) = 1/(1 + e^{−x}) = e^{x}/(1 + e^{x}). z = e^{−|x|} ∈ (0, 1]로 쓰면 넘치는 것이 없습니다:
    #   x ≥ 0:  σ(x) = 1/(1 + z),    x < 0:  σ(x) = z/(1 + z).
    # x < 0에서도 작은 값이 상대 오차 몇 ulp로 남고, 로짓 두 개의 소프트맥스가 그 차이의 σ와 비트까지 같습니다.
    # 분자(1 또는 z)는 고르지 않고 max(z, sign(x))로 얻습니다: x > 0이면 sign(x) = 1 ≥ z,
    # x < 0이면 sign(x) = −1 < z, x = ±0이면 z = 1이라 max는 언제나 그 분자 그대로입니다 (NaN은 NaN).
    xc = widen(x)
    z = exp(mul(torch.abs(xc), -1))
    numerator = maximum(torch.sign(xc), z)
    return div(numerator, add(z, 1)).to(x.dtype)


def sigmoid_pair(xc: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """σ(x)와 σ(−x) = 1 − σ(x)를 e^{−|x|} 하나로 (계산용 dtype의 x를 받아 새 텐서로).

    :func:`sigmoid`\\ 와 같은 식이라 비트까지 같습니다: σ(−x)의 분자는 max(z, sign(−x))이고 분모는 같은
    1 + z입니다. 뺄셈 1 − σ(x)와 달리 x ≫ 0에서도 작은 σ(−x)가 그대로 남습니다. 셋째 값은 다 쓴
    분모 텐서로, 부르는 쪽이 새 텐서를 만드는 대신 ``out=``\\ 으로 씁니다 (큰 텐서를 새로 만드는
    비용이 덧셈 몇 번과 맞먹음).
    """
    z = exp(mul(torch.abs(xc), -1))
    k = torch.sign(xc)
    positive = torch.maximum(k, z)
    negative = maximum(mul(k, -1), z)
    denominator = add(z, 1)
    return div(positive, denominator), div(negative, denominator), denominator


def tanh(x: torch.Tensor) -> torch.Tensor:
    # tanh(x) = (e^{x} − e^{−x})/(e^{x} + e^{−x}) = sign(x)·(1 − e^{−2|x|})/(1 + e^{−2|x|}).
    # e^{−2|x|} ≤ 1이라 넘치지 않고, 0 근처의 자릿수 손실을 막으려고 m = e^{−2|x|} − 1 = expm1(−2|x|)로
    # 쓰면 tanh(|x|) = −m/(2 + m).
    xc = widen(x)
    m = expm1(mul(torch.abs(xc), -2))
    denominator = m + 2
    return copysign(div(mul(m, -1), denominator), xc).to(x.dtype)


def softmax(x: torch.Tensor, dim: int) -> torch.Tensor:
    # softmax(x)_i = e^{x_i − m} / Σ_j e^{x_j − m},  m = max_j x_j.
    # 상수를 빼도 값은 같고(분자·분모에 e^{−m}이 약분됨), 지수가 0 이하라 넘치지 않습니다.
    if x.numel() == 0:
        # 빈 텐서: 계산할 것이 없습니다 (amax는 크기 0인 차원을 줄일 수 없음).
        return torch.empty_like(x)
    xc = widen(x)
    e = exp(xc - torch.amax(xc, dim=dim, keepdim=True))
    return div(e, torch.sum(e, dim=dim, keepdim=True)).to(x.dtype)


def gelu(x: torch.Tensor, approximate: str) -> torch.Tensor:
    # 정확한 꼴: GELU(x) = x·Φ(x), Φ(x) = ½(1 + erf(x/√2)) = ½·erfc(−x/√2).
    # 1 + erf(…)는 x ≪ 0에서 1과 −1에 가까운 수의 뺄셈이라 자릿수를 모두 잃지만(파이토치는 이 꼴로
    # 계산해 x < −5.5쯤부터 float32에서 0을 냅니다), erfc는 그 꼬리를 상대 오차 몇 ulp로 계산합니다.
    # tanh 근사: ½x(1 + tanh u), u = √(2/π)(x + 0.044715x³). 1 + tanh u = 2σ(2u)이므로 x·σ(2u)로
    # 계산하면 같은 뺄셈을 피합니다.
    xc = widen(x)
    if approximate == "tanh":
        return mul(sigmoid(gelu_tanh_2u(xc)), xc).to(x.dtype)
    return mul(mul(erfc(xc * -SQRT_HALF), 0.5), xc).to(x.dtype)


def gelu_tanh_2u(xc: torch.Tensor) -> torch.Tensor:
    """GELU 근사식의 2u = 2√(2/π)(x + 0.044715x³) (새 텐서)."""
    cube = mul(xc * xc, xc)
    return mul(add(mul(cube, GELU_KAPPA), xc), 2 * SQRT_2_OVER_PI)


def silu(x: torch.Tensor) -> torch.Tensor:
    # SiLU(x) = x·σ(x). σ를 꼬리까지 정확한 꼴(sigmoid)로 구하므로 x ≪ 0에서도 x·e^{x}에 가까운 작은
    # 값이 그대로 나옵니다 (x/(1 + e^{−x})는 e^{−x}가 넘치면 −0이 됩니다).
    xc = widen(x)
    return mul(sigmoid(xc), xc).to(x.dtype)


def elu(x: torch.Tensor, alpha: float) -> torch.Tensor:
    # ELU(x) = x (x > 0), α(e^{x} − 1) (x ≤ 0)  =  max(x, 0) + α·expm1(min(x, 0)).
    # 한쪽 항은 언제나 0이고(expm1(0) = 0), e^{x} − 1은 0 근처의 자릿수 손실이 없는 expm1로.
    # α = 1이면 더하는 대신 max(x, expm1(min(x, 0)))로 같은 값을 얻습니다 (새 텐서 하나): x > 0이면
    # expm1(0) = 0 < x, x ≤ 0이면 e^{x} − 1 ≥ x. 부호 있는 0도 같습니다 (x = −0이면 둘 다 −0).
    a = parameter(alpha, x.dtype)
    xc = widen(x)
    if a == 1:
        return maximum(expm1(torch.clamp(xc, max=0)), xc).to(x.dtype)
    negative = mul(expm1(torch.clamp(xc, max=0)), a)
    return add(negative, torch.clamp(xc, min=0)).to(x.dtype)


def softplus(x: torch.Tensor, beta: float, threshold: float) -> torch.Tensor:
    # Softplus(x) = (1/β)·log(1 + e^{βx}). z = βx라 하면 log(1 + e^{z}) = max(z, 0) + log(1 + e^{−|z|})이고
    # e^{−|z|} ∈ (0, 1]이라 넘치지 않습니다. 파이토치와 같이 z > threshold이면 x를 그대로 냅니다.
    b = parameter(beta, x.dtype)
    t = parameter(threshold, x.dtype)
    xc = widen(x)
    z = xc if b == 1 else xc * b
    smooth = add(log1p(exp(mul(torch.abs(z), -1))), torch.clamp(z, min=0))
    if b != 1:
        smooth = div(smooth, b)
    if not above(z, t):
        return smooth.to(x.dtype)
    return choose(torch.gt, z, t, xc, smooth).to(x.dtype)


def above(z: torch.Tensor, threshold: float) -> bool:
    """z에 threshold보다 큰 원소(또는 NaN)가 있을 수 있는지: 없으면 고르기를 건너뜁니다 (최댓값 한 번이
    비교와 고르기보다 훨씬 쌈)."""
    if z.numel() == 0 or recording(z):
        return True
    return not bool(torch.amax(z) <= threshold)


def mish(x: torch.Tensor) -> torch.Tensor:
    # Mish(x) = x·tanh(softplus(x)) = x·tanh(log(1 + e^{x})).
    xc = widen(x)
    return mul(tanh_softplus(xc), xc).to(x.dtype)


def tanh_softplus(xc: torch.Tensor) -> torch.Tensor:
    """tanh(log(1 + e^{x})) = ((1 + e^{x})² − 1)/((1 + e^{x})² + 1) = n/(n + 2), n = e^{x}(e^{x} + 2).

    e^{x}는 x = 20에서 자릅니다 (그 위에서는 값이 이미 1로 반올림됨). x ≪ 0에서는 n ≈ 2e^{x}라 작은
    값이 상대 오차 몇 ulp로 남습니다 (새 텐서).
    """
    e = torch.exp(torch.clamp(xc, max=TANH_SOFTPLUS_CUT))
    n = mul(e + 2, e)
    return div(n, n + 2)


def hardsigmoid(x: torch.Tensor) -> torch.Tensor:
    # HardSigmoid(x) = min(max(x + 3, 0), 6)/6: −3 아래는 0, 3 위는 1, 그 사이는 직선 x/6 + 1/2.
    return div(clamp(widen(x) + 3, 0, 6), 6).to(x.dtype)


def hardswish(x: torch.Tensor) -> torch.Tensor:
    # HardSwish(x) = x·min(max(x + 3, 0), 6)/6 = x·HardSigmoid(x). 6으로 먼저 나누므로 x가 커도
    # x·6이 넘치지 않습니다 (파이토치는 float32 최댓값의 1/6보다 큰 x에서 inf).
    xc = widen(x)
    return mul(div(clamp(xc + 3, 0, 6), 6), xc).to(x.dtype)


def halves(x: torch.Tensor, dim: int) -> tuple[torch.Tensor, torch.Tensor]:
    """차원 ``dim``\\ 을 따라 앞쪽 절반 a와 뒤쪽 절반 b (둘 다 뷰)."""
    half = x.shape[dim] // 2
    return x.narrow(dim, 0, half), x.narrow(dim, half, half)


#: 게이트 선형 유닛의 게이트에 쓰는 활성화 함수.
GATES = ("sigmoid", "gelu", "silu")


def gate(b: torch.Tensor, name: str, approximate: str) -> torch.Tensor:
    """게이트 act(b) (계산용 dtype의 b를 받아 같은 dtype으로)."""
    if name == "sigmoid":
        return sigmoid(b)
    if name == "gelu":
        return gelu(b, approximate)
    return silu(b)


def gated(x: torch.Tensor, dim: int, name: str, approximate: str) -> torch.Tensor:
    # [a, b] = x (dim을 따라 반씩)  →  a ⊗ act(b). 곱까지 계산용 dtype에서 하고 한 번만 반올림합니다.
    a, b = halves(widen(x), dim)
    return mul(gate(b, name, approximate), a).to(x.dtype)
