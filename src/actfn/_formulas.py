r"""층 1: 활성화 함수의 공식(순전파)과 dtype 규칙.

패키지는 네 층으로 되어 있고 위층만 아래층을 가져옵니다 (순환 import 없음)::

    _formulas      공식과 dtype 규칙 (이 모듈)
    _derivatives   닫힌 꼴 도함수
    _autograd      역전파를 닫힌 꼴 도함수로 하는 torch.autograd.Function (비공개)
    functions, derivatives, activations   공개 함수와 활성화 함수 기록

여기의 함수는 입력 검사를 하지 않습니다 (공개 함수가 이미 했습니다). 각 공식은 torch 텐서
연산으로 적은 식 그대로이고, 빠르게 계산하려고 세 가지를 지킵니다.

* ``torch.where``\ 는 쓰지 않습니다. 이 CPU에서 곱셈 한 번의 열 배가 넘게 걸립니다. 갈래를 골라야
  하면 :func:`choose`\ 가 비트 마스크로 고릅니다.
* 중간 결과는 이 함수가 만든 임시 텐서이므로 제자리(in-place)에서 고칩니다 (:func:`add` 등).
  자동 미분이 기록 중일 때(두 번 미분)만 새 텐서를 만듭니다.
* float16/bfloat16 입력은 float64로 올려 계산하고 마지막에 한 번만 반올림합니다.
"""

from __future__ import annotations

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


def reciprocal(t: torch.Tensor) -> torch.Tensor:
    """1/t."""
    return t.reciprocal() if recording(t) else t.reciprocal_()


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


def copysign(t: torch.Tensor, sign: torch.Tensor) -> torch.Tensor:
    """|t| with the sign of ``sign``."""
    return t.copysign(sign) if recording(t, sign) else t.copysign_(sign)


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


def choose(
    condition: torch.Tensor, if_true: torch.Tensor | None, if_false: torch.Tensor | None
) -> torch.Tensor:
    """``condition ? if_true : if_false`` 원소별로. ``None``\\ 은 0입니다.

    곱셈이 아니라 고르기입니다: 고르지 않은 쪽이 inf나 NaN이어도 결과에 섞이지 않습니다
    (``0 · inf = NaN``\\ 이 되는 ``mask * g``\\ 와 다름). ``torch.where``\\ 가 느린 CPU에서 같은 일을
    비트 연산으로 합니다: 조건을 모든 비트가 1이거나 0인 정수 마스크로 바꿔 두 값의 비트를
    섞습니다. 자동 미분이 기록 중이면(두 번 미분) 미분할 수 있는 ``torch.where``\\ 를 씁니다.
    """
    if recording(condition, if_true, if_false):
        zero = torch.zeros((), dtype=(if_true if if_true is not None else if_false).dtype)
        return torch.where(
            condition,
            if_true if if_true is not None else zero,
            if_false if if_false is not None else zero,
        )
    if if_false is None:  # t & m: m은 condition인 곳에서 모든 비트가 1
        assert if_true is not None
        bits = _BITS[if_true.dtype]
        return condition.to(bits).neg_().bitwise_and_(if_true.view(bits)).view(if_true.dtype)
    if if_true is None:  # f & m: m은 condition이 아닌 곳에서 모든 비트가 1
        bits = _BITS[if_false.dtype]
        return condition.to(bits).sub_(1).bitwise_and_(if_false.view(bits)).view(if_false.dtype)
    bits = _BITS[if_true.dtype]
    t, f = if_true.view(bits), if_false.view(bits)  # f ^ ((t ^ f) & m): t where m, f elsewhere
    return condition.to(bits).neg_().bitwise_and_(t ^ f).bitwise_xor_(f).view(if_true.dtype)


def choose_slope(
    condition: torch.Tensor, if_true: float, if_false: float | torch.Tensor, dtype: torch.dtype
) -> torch.Tensor:
    """``condition ? if_true : if_false`` as a new ``dtype`` tensor of condition's shape, where
    ``if_false`` may be a tensor that broadcasts (PReLU's slopes). Bits, like :func:`choose`."""
    if recording(if_false):
        return torch.where(
            condition, torch.tensor(if_true, dtype=dtype), torch.as_tensor(if_false, dtype=dtype)
        )
    bits = _BITS[dtype]
    t = torch.tensor(if_true, dtype=dtype).view(bits)
    f = torch.as_tensor(if_false, dtype=dtype).view(bits)
    return condition.to(bits).neg_().bitwise_and_(t ^ f).bitwise_xor_(f).view(dtype)


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
    slope = parameter(negative_slope, x.dtype)
    xc = widen(x)
    return mul(choose_slope(xc > 0, 1.0, slope, xc.dtype), xc).to(x.dtype)


def prelu(x: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    # PReLU(x) = x · (x > 0 ? 1 : a), a는 채널(1번 차원)마다의 기울기.
    xc = widen(x)
    a = prelu_weight_view(weight, x.ndim).to(xc.dtype)
    return mul(choose_slope(xc > 0, 1.0, a, xc.dtype), xc).to(x.dtype)


def prelu_weight_view(weight: torch.Tensor, ndim: int) -> torch.Tensor:
    """PReLU의 기울기를 입력에 맞게 늘어놓습니다: 원소 하나면 스칼라, 아니면 1번 차원(채널)을 따라."""
    if weight.numel() == 1:
        return weight.reshape(())
    return weight.reshape([1, -1] + [1] * (ndim - 2))


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    # σ(x) = 1/(1 + e^{−x}) = e^{x}/(1 + e^{x}). z = e^{−|x|} ∈ (0, 1]로 쓰면 넘치는 것이 없습니다:
    #   x ≥ 0:  σ(x) = 1/(1 + z),    x < 0:  σ(x) = z/(1 + z).
    # x < 0에서도 작은 값이 상대 오차 몇 ulp로 남고, 로짓 두 개의 소프트맥스가 그 차이의 σ와 비트까지 같습니다.
    xc = widen(x)
    z = exp(mul(torch.abs(xc), -1))
    denominator = z + 1
    negative = div(z, denominator)  # z/(1 + z)
    return choose(xc >= 0, reciprocal(denominator), negative).to(x.dtype)


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
    a = parameter(alpha, x.dtype)
    xc = widen(x)
    negative = mul(expm1(torch.clamp(xc, max=0)), a)
    return add(negative, torch.clamp(xc, min=0)).to(x.dtype)


def softplus(x: torch.Tensor, beta: float, threshold: float) -> torch.Tensor:
    # Softplus(x) = (1/β)·log(1 + e^{βx}). z = βx라 하면 log(1 + e^{z}) = max(z, 0) + log(1 + e^{−|z|})이고
    # e^{−|z|} ∈ (0, 1]이라 넘치지 않습니다. 파이토치와 같이 z > threshold이면 x를 그대로 냅니다.
    b = parameter(beta, x.dtype)
    t = parameter(threshold, x.dtype)
    xc = widen(x)
    z = xc * b
    smooth = div(add(log1p(exp(mul(torch.abs(z), -1))), torch.clamp(z, min=0)), b)
    return choose(z > t, xc, smooth).to(x.dtype)


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
    return div(torch.clamp(widen(x) + 3, 0, 6), 6).to(x.dtype)


def hardswish(x: torch.Tensor) -> torch.Tensor:
    # HardSwish(x) = x·min(max(x + 3, 0), 6)/6 = x·HardSigmoid(x). 6으로 먼저 나누므로 x가 커도
    # x·6이 넘치지 않습니다 (파이토치는 float32 최댓값의 1/6보다 큰 x에서 inf).
    xc = widen(x)
    return mul(div(torch.clamp(xc + 3, 0, 6), 6), xc).to(x.dtype)


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
