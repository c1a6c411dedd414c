r"""층 2: 닫힌 꼴 도함수 (검사 없이, 계산용 dtype으로).

각 함수는 도함수 공식 하나를 텐서 연산으로 적은 것입니다. 순전파의 출력으로 도함수를 쓸 수
있으면(:math:`\sigma' = \sigma(1 - \sigma)`, :math:`\tanh' = 1 - \tanh^2`) 출력을 받습니다. 그러면
역전파가 입력 대신 출력만 저장하면 되고, 시그모이드를 다시 계산하지 않습니다.

결과는 반올림하지 않은 계산용 dtype(16비트 입력이면 float64)입니다. 역전파는 이 값을 기울기에 곱한
뒤 한 번만 반올림합니다 (:func:`times`). 고르는 도함수(렐루, 하드 시그모이드, 하드 스위시)는
곱하지 않고 기울기를 고르는 ``*_vjp``\ 를 함께 둡니다: 위에서 inf나 NaN 기울기가 와도 도함수가 0인
곳은 0입니다 (``0 · inf = NaN``\ 이 아님).
"""

from __future__ import annotations

from collections.abc import Callable

import torch

from actfn import _formulas as f
from actfn._formulas import add, choose, mul, parameter, rsub, widen

INV_SQRT_2PI = 0.3989422804014327  # 1/√(2π): 표준 정규분포 밀도 φ(0)
_SQUARE_CUT = 1e30  # 근사식 GELU′의 x²를 여기서 자릅니다 (그보다 크면 σ(2u)(1 − σ(2u)) = 0)


def times(grad: torch.Tensor, derivative: torch.Tensor) -> torch.Tensor:
    """연쇄 법칙: 기울기 × 도함수. 계산용 dtype에서 곱하고 한 번만 반올림합니다.

    ``derivative``\\ 는 호출한 쪽이 만든 임시 텐서라 제자리에서 곱합니다.
    """
    return mul(derivative, grad.to(derivative.dtype)).to(grad.dtype)


def positive(x: torch.Tensor) -> torch.Tensor:
    """[x > 0]을 0과 1로 (NaN은 0). 비교 후 변환보다 빠른 clamp(sign(x), 0): torch.sign(NaN) = 0."""
    k = torch.sign(x)
    return torch.clamp(k, min=0) if f.recording(k) else k.clamp_(min=0)


# --------------------------------------------------------------------------------------
# 도함수
# --------------------------------------------------------------------------------------


def step(x: torch.Tensor) -> torch.Tensor:
    # h'(x) = 0 (x ≠ 0). x = 0에서는 정의되지 않지만 파이토치가 계단 모양 함수에 하듯 0.
    return torch.zeros_like(x)


def relu(x: torch.Tensor) -> torch.Tensor:
    # ReLU'(x) = 1 (x > 0), 0 (x ≤ 0). 파이토치처럼 "x ≤ 0인 곳만 0"이라 NaN에서는 1.
    return (~(x <= 0)).to(x.dtype)


def relu_vjp(grad: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """g·ReLU'(x)를 곱하지 않고 고릅니다. ``y = relu(x)``: y ≤ 0 ⇔ x ≤ 0."""
    return choose(torch.le, y, 0, None, grad)


def leaky_relu(x: torch.Tensor, negative_slope: float) -> torch.Tensor:
    # LeakyReLU'(x) = 1 (x > 0), negative_slope (x ≤ 0, NaN 포함).
    xc = widen(x)
    return f.slope(xc, parameter(negative_slope, x.dtype))


def prelu(x: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    # ∂PReLU/∂x = 1 (x > 0), a (x ≤ 0, NaN 포함).
    xc = widen(x)
    a = f.prelu_weight_view(weight, x.ndim).to(xc.dtype)
    return f.slope(xc, a)


def prelu_weight_grad(x: torch.Tensor, grad: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    """∂L/∂a = Σ g·min(0, x): x > 0인 곳은 곱하지 않고 0으로 고릅니다 (파이토치와 같이)."""
    xc = widen(x)
    per_element = choose(torch.gt, xc, 0, None, xc * grad.to(xc.dtype))
    if weight.numel() == 1 or x.ndim < 2:
        total = per_element.sum()
    else:
        total = per_element.sum(dim=[d for d in range(x.ndim) if d != 1])
    return total.reshape(weight.shape).to(weight.dtype)


def sigmoid(s: torch.Tensor) -> torch.Tensor:
    # σ'(x) = σ(x)(1 − σ(x)), s = σ(x) (순전파의 출력).
    sc = widen(s)
    return mul(1 - sc, sc)


def tanh(t: torch.Tensor) -> torch.Tensor:
    # tanh'(x) = 1 − tanh²(x), t = tanh(x) (순전파의 출력).
    tc = widen(t)
    return rsub(tc * tc, 1)


def softmax_vjp(s: torch.Tensor, grad: torch.Tensor, dim: int) -> torch.Tensor:
    """gᵀJ = s ⊙ (g − Σ_j g_j s_j), J = diag(s) − s sᵀ (대칭이라 J g와도 같음)."""
    out_dtype = torch.promote_types(s.dtype, grad.dtype)
    compute = f.compute_dtype(out_dtype, s.device)
    sc, gc = s.to(compute), grad.to(compute)
    product = gc * sc
    inner = torch.sum(product, dim=dim, keepdim=True)
    if f.recording(product, inner):
        return mul(gc - inner, sc).to(out_dtype)
    return torch.sub(gc, inner, out=product).mul_(sc).to(out_dtype)  # g·s의 텐서를 다시 씀


# SiLU, GELU 근사식, 소프트플러스의 도함수는 σ를 씁니다. 기본은 꼬리까지 정확한 f.sigmoid이고,
# 역전파를 다시 미분할 때(create_graph)는 _autograd가 닫힌 꼴로 미분되는 σ를 넘깁니다.
Sigmoid = Callable[[torch.Tensor], torch.Tensor]


def gelu(x: torch.Tensor, approximate: str, sigmoid: Sigmoid = f.sigmoid) -> torch.Tensor:
    # 정확한 꼴: GELU'(x) = Φ(x) + x·φ(x),  φ(x) = e^{−x²/2}/√(2π).
    # tanh 근사 x·σ(2u): GELU'(x) = σ(2u) + 2x·σ(2u)σ(−2u)·u',  u' = √(2/π)(1 + 3·0.044715x²).
    xc = widen(x)
    if approximate == "tanh":
        two_u = f.gelu_tanh_2u(xc)
        if sigmoid is f.sigmoid and not f.recording(two_u):
            s, s_neg, _ = f.sigmoid_pair(two_u)
        else:
            s, s_neg = sigmoid(two_u), sigmoid(-two_u)
        bump = mul(s_neg, s)  # σ(2u)(1 − σ(2u)), 뺄셈 없이
        # x²를 자르면 u'가 넘치지 않아 bump = 0인 곳(|u|가 큼)에서 둘째 항이 0·inf = NaN 대신 0입니다.
        # x = ±∞에서만 2x·0 = NaN이 되어 정확한 꼴 및 파이토치와 같습니다.
        du = mul(
            add(mul(torch.clamp(xc * xc, max=_SQUARE_CUT), 3 * f.GELU_KAPPA), 1), f.SQRT_2_OVER_PI
        )
        return add(mul(mul(mul(bump, xc), du), 2), s)  # x·bump 먼저: 2x가 넘쳐도 0·inf가 없음
    cdf = mul(f.erfc(xc * -f.SQRT_HALF), 0.5)
    pdf = mul(f.exp(mul(xc * xc, -0.5)), INV_SQRT_2PI)
    return add(mul(pdf, xc), cdf)


def silu(x: torch.Tensor, sigmoid: Sigmoid = f.sigmoid) -> torch.Tensor:
    # SiLU'(x) = σ(x) + x·σ(x)(1 − σ(x)); 1 − σ(x)는 뺄셈 없이 σ(−x)로.
    # σ(x)와 σ(−x)는 같은 e^{−|x|}로 한 번에 구합니다 (f.sigmoid_pair).
    xc = widen(x)
    if sigmoid is not f.sigmoid or f.recording(xc):  # 두 번 미분할 때 (닫힌 꼴로 미분되는 σ)
        s = sigmoid(xc)
        return add(mul(xc * s, sigmoid(-xc)), s)
    s, s_neg, spare = f.sigmoid_pair(xc)
    return mul(torch.mul(xc, s, out=spare), s_neg).add_(s)


def elu(x: torch.Tensor, alpha: float) -> torch.Tensor:
    # ELU'(x) = 1 (x > 0), α·e^{x} (x ≤ 0). e^{x}는 min(x, 0)에만 쓰므로 x ≫ 0에서 넘치지 않습니다.
    # NaN에서는 e^{NaN} = NaN이라 NaN. 두 갈래는 비트로 고르고(f.blend), 두 번 미분할 때는 미분되는
    # 꼴 k + α·e^{min(x, 0)}·(1 − k), k = [x > 0]으로 (값은 같음).
    # α = 1이면 두 갈래가 한 식 e^{min(x, 0)}입니다 (x > 0이면 e^{0} = 1): 고를 것이 없습니다.
    a = parameter(alpha, x.dtype)
    xc = widen(x)
    if a == 1 and not f.recording(xc):
        return torch.clamp(xc, max=0).exp_()
    negative = mul(f.exp(f.negative_part(xc)), a)
    if f.recording(negative):
        k = positive(xc)
        return add(mul(negative, 1 - k), k)
    return f.blend(f.at_most_zero(xc), negative, 1.0)


def softplus(
    x: torch.Tensor, beta: float, threshold: float, sigmoid: Sigmoid = f.sigmoid
) -> torch.Tensor:
    # Softplus'(x) = σ(βx) (βx ≤ threshold), 1 (βx > threshold, 선형 구간).
    b = parameter(beta, x.dtype)
    t = parameter(threshold, x.dtype)
    xc = widen(x)
    z = xc if b == 1 else xc * b
    if not f.above(z, t):
        return sigmoid(z)
    return choose(torch.gt, z, t, torch.ones((), dtype=z.dtype).expand_as(z), sigmoid(z))


def mish(x: torch.Tensor) -> torch.Tensor:
    # Mish'(x) = tanh(sp) + x·σ(x)·(1 − tanh²(sp)),  sp = softplus(x) = log(1 + e^{x}).
    # tanh(sp) = n/(n + 2), n = e^{x}(e^{x} + 2)이면 1 − tanh²(sp) = 4(n + 1)/(n + 2)²: 뺄셈이 없습니다.
    # σ(x) = e^{x}/(1 + e^{x})도 같은 e^{x}로. x > 20에서는 x를 20으로 잘라도 둘째 항이 반올림 아래로
    # 작아 값이 같고, 잘린 x가 x·(작은 수)로 커지지 않습니다. x·(x·0)을 더해 ±inf와 NaN에서 NaN
    # (파이토치와 같이 inf·0; 이 항의 도함수도 ±inf에서 NaN).
    xc = widen(x)
    xm = torch.clamp(xc, max=f.TANH_SOFTPLUS_CUT)
    e = torch.exp(xm)
    n = mul(e + 2, e)
    denominator = n + 2
    tsp = n / denominator
    sech2 = f.div(f.div(mul(add(n, 1), 4), denominator), denominator)
    sigma = f.div(e, e + 1)
    return add(add(mul(mul(sech2, sigma), xm), tsp), xc * (xc * 0))


def hardsigmoid_vjp(grad: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """g·HardSigmoid'(x): −3 < x < 3이면 g/6, 아니면 0 (곱하지 않고 고름, NaN에서도 0)."""
    # g를 고른 뒤 1/6을 곱해도 값은 같습니다 (고르지 않은 0은 0/6 = 0). 마스크는 |x| − 3의 부호
    # 비트(|x| < 3이면 음수; |NaN| − 3은 부호가 양인 NaN이라 0을 고름)이고, 그 임시 텐서 하나에 결과를 씁니다.
    xc = widen(x)
    gc = grad.to(xc.dtype)
    if f.recording(xc, gc):
        return choose(torch.lt, torch.abs(xc), 3, gc * (1 / 6), None).to(grad.dtype)
    inside = f.sign_mask(torch.abs(xc).sub_(3))
    return inside.bitwise_and_(gc.view(inside.dtype)).view(xc.dtype).mul_(1 / 6).to(grad.dtype)


def hardsigmoid(x: torch.Tensor) -> torch.Tensor:
    # HardSigmoid'(x) = 1/6 (−3 < x < 3), 0 (그 밖, NaN 포함).
    return hardsigmoid_vjp(torch.ones_like(widen(x)), x)


def hardswish_vjp(grad: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """g·HardSwish'(x): x ≤ −3이면 0 (고름), −3 < x < 3이면 g·(x/3 + 1/2), x ≥ 3이면 g. NaN에서는 NaN."""
    xc = widen(x)
    gc = grad.to(xc.dtype)
    middle = add(xc / 3, 0.5)
    if f.recording(middle, gc):
        chosen = choose(torch.ge, xc, 3, gc, mul(middle, gc))
        return choose(torch.le, xc, -3, None, chosen).to(grad.dtype)
    # 같은 고르기를 비교 없이 부호 비트로 (f.sign_mask), 새 텐서는 middle과 t 둘뿐:
    #   x − 3 < 0 ⇔ x < 3이면 x/3 + 1/2, 아니면 1 (비트를 섞음);  g를 곱한 뒤
    #   −x − 3 < 0 ⇔ x > −3인 곳만 남김 (x ≤ −3은 g가 inf여도 0).
    # 부호가 양인 NaN은 마스크에서 x ≥ 3, x ≤ −3 쪽으로 가므로 끝에서 clamp(x, −1, 1)·0(NaN에서만
    # NaN, 그 밖에서는 ±0)을 더해 NaN으로 만듭니다.
    t = xc - 3
    result = f.blend(f.sign_mask(t), middle, 1.0).mul_(gc)  # (x < 3 ? middle : 1)·g
    bits = result.view(f.bits_dtype(result.dtype))
    bits.bitwise_and_(f.sign_mask(torch.mul(xc, -1, out=t).sub_(3)))  # x > −3인 곳만
    return result.add_(torch.clamp(xc, -1, 1, out=t).mul_(0)).to(grad.dtype)


def hardswish(x: torch.Tensor) -> torch.Tensor:
    # HardSwish'(x) = 0 (x ≤ −3), x/3 + 1/2 (−3 < x < 3), 1 (x ≥ 3), NaN (x = NaN).
    return hardswish_vjp(torch.ones_like(widen(x)), x)


# --------------------------------------------------------------------------------------
# 게이트 선형 유닛
# --------------------------------------------------------------------------------------


def gate(
    b: torch.Tensor, name: str, approximate: str, act: torch.Tensor, sigma: Sigmoid = f.sigmoid
) -> torch.Tensor:
    """게이트의 도함수 act'(b). 시그모이드는 게이트 값 act = σ(b)로 σ(1 − σ)."""
    if name == "sigmoid":
        return sigmoid(act)
    if name == "gelu":
        return gelu(b, approximate, sigma)
    return silu(b, sigma)
