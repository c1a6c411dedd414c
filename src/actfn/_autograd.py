r"""층 3: 공식으로 순전파하고 닫힌 꼴 도함수로 역전파하는 ``torch.autograd.Function`` (비공개).

원소별 활성화 함수는 모두 같은 모양이라 클래스 하나(:func:`_elementwise`)가 만듭니다: 순전파는
``_formulas``\ 의 공식, 역전파는 ``기울기 × 도함수``\ (``_derivatives``)이고, 도함수가 출력의
함수이면 입력 대신 출력을 저장합니다. 순전파 모드 미분(jvp)은 같은 도함수에 접선을 곱합니다.
두 번 미분할 때는 역전파의 연산이 그대로 자동 미분됩니다 (저장한 출력은 이 연산의 결과라
그 기울기도 닫힌 꼴을 거칩니다). 소프트맥스, PReLU, 게이트 선형 유닛은 모양이 달라 따로 둡니다.

grad_fn의 이름은 ``<SigmoidFunctionBackward>``\ 처럼 활성화 함수마다 다릅니다. 이 모듈의 클래스는
모두 내부용입니다 (모듈 이름이 ``_``\ 로 시작하고, 어느 ``__all__``\ 에도 없고, API 페이지에 나오지 않음).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch

from actfn import _derivatives as d
from actfn import _formulas as f

Tensor = torch.Tensor
# vjp(기울기, 저장한 텐서, *인자) → 입력에 대한 기울기
Vjp = Callable[..., Tensor]


def _sigmoid_function() -> Callable[[Tensor], Tensor]:
    """닫힌 꼴로 미분되는 σ (아래 ELEMENTWISE의 SigmoidFunction)."""
    return ELEMENTWISE["sigmoid"].apply


def _multiply(derivative: Callable[..., Tensor], uses_sigmoid: bool = False) -> Vjp:
    """도함수로 vjp를 만듭니다: 기울기 × 도함수 (계산용 dtype에서 곱하고 한 번 반올림).

    ``uses_sigmoid``: 도함수가 σ를 쓰면, 역전파를 다시 미분할 때(create_graph) σ를 닫힌 꼴로
    미분되는 SigmoidFunction으로 넘깁니다 (그래야 이계도함수도 NaN 없이 파이토치와 같습니다).
    """

    def vjp(grad: Tensor, saved: Tensor, *params: Any) -> Tensor:
        if uses_sigmoid and f.recording(saved, grad):
            return d.times(grad, derivative(saved, *params, sigmoid=_sigmoid_function()))
        return d.times(grad, derivative(saved, *params))

    return vjp


def _elementwise(name: str, forward: Callable[..., Tensor], saves: str, vjp: Vjp) -> type:
    """원소별 활성화 함수의 autograd.Function. ``saves``\\ 는 ``"input"``\\ 이나 ``"output"``."""

    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: Tensor) -> None:
        x, *params = inputs
        saved = output if saves == "output" else x
        ctx.save_for_backward(saved)
        ctx.save_for_forward(saved)
        ctx.params = params

    def backward(ctx: Any, grad_output: Tensor) -> tuple[Tensor | None, ...]:
        (saved,) = ctx.saved_tensors
        return (vjp(grad_output, saved, *ctx.params), *(None,) * len(ctx.params))

    def jvp(ctx: Any, x_t: Tensor, *_param_t: Any) -> Tensor:
        (saved,) = ctx.saved_tensors
        return vjp(x_t, saved, *ctx.params)

    return type(
        name,
        (torch.autograd.Function,),
        {
            "__doc__": f"``actfn``\\ 의 {name}: 순전파는 공식, 역전파는 닫힌 꼴 도함수.",
            "__module__": __name__,
            "generate_vmap_rule": True,
            "forward": staticmethod(forward),
            "setup_context": staticmethod(setup_context),
            "backward": staticmethod(backward),
            "jvp": staticmethod(jvp),
        },
    )


def _step_vjp(grad: Tensor, saved: Tensor) -> Tensor:
    # 도함수가 0이라 곱하지 않고 0 (torch.sign처럼 inf나 NaN 기울기에서도 0).
    return torch.zeros_like(grad)


# 이름 → Function. forward 인자의 순서는 공개 함수와 같습니다.
ELEMENTWISE: dict[str, type] = {
    "step": _elementwise("StepFunction", f.step, "input", _step_vjp),
    "relu": _elementwise("ReLUFunction", f.relu, "output", d.relu_vjp),
    "leaky_relu": _elementwise("LeakyReLUFunction", f.leaky_relu, "input", _multiply(d.leaky_relu)),
    "sigmoid": _elementwise("SigmoidFunction", f.sigmoid, "output", _multiply(d.sigmoid)),
    "tanh": _elementwise("TanhFunction", f.tanh, "output", _multiply(d.tanh)),
    "gelu": _elementwise("GELUFunction", f.gelu, "input", _multiply(d.gelu, uses_sigmoid=True)),
    "silu": _elementwise("SiLUFunction", f.silu, "input", _multiply(d.silu, uses_sigmoid=True)),
    "elu": _elementwise("ELUFunction", f.elu, "input", _multiply(d.elu)),
    "softplus": _elementwise(
        "SoftplusFunction", f.softplus, "input", _multiply(d.softplus, uses_sigmoid=True)
    ),
    "mish": _elementwise("MishFunction", f.mish, "input", _multiply(d.mish)),
    "hardsigmoid": _elementwise("HardsigmoidFunction", f.hardsigmoid, "input", d.hardsigmoid_vjp),
    "hardswish": _elementwise("HardswishFunction", f.hardswish, "input", d.hardswish_vjp),
}


class SoftmaxFunction(torch.autograd.Function):
    """``actfn.softmax``: 출력 s를 저장하고 역전파는 벡터-야코비 곱 s ⊙ (g − Σ g s)."""

    generate_vmap_rule = True

    @staticmethod
    def forward(x: Tensor, dim: int) -> Tensor:
        return f.softmax(x, dim)

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: Tensor) -> None:
        ctx.save_for_backward(output)
        ctx.save_for_forward(output)
        ctx.dim = inputs[1]

    @staticmethod
    def backward(ctx: Any, grad_output: Tensor) -> tuple[Tensor, None]:
        (s,) = ctx.saved_tensors
        return d.softmax_vjp(s, grad_output, ctx.dim), None

    @staticmethod
    def jvp(ctx: Any, x_t: Tensor, _dim_t: object) -> Tensor:
        (s,) = ctx.saved_tensors
        return d.softmax_vjp(s, x_t, ctx.dim)


class PReLUFunction(torch.autograd.Function):
    """``actfn.prelu``: 입력 쪽은 PReLU′, 기울기 a 쪽은 채널마다 더한 g·min(0, x)."""

    generate_vmap_rule = True

    @staticmethod
    def forward(x: Tensor, weight: Tensor) -> Tensor:
        return f.prelu(x, weight)

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: Tensor) -> None:
        x, weight = inputs
        ctx.save_for_backward(x, weight)
        ctx.save_for_forward(x, weight)

    @staticmethod
    def backward(ctx: Any, grad_output: Tensor) -> tuple[Tensor | None, Tensor | None]:
        x, weight = ctx.saved_tensors
        grad_x = grad_w = None
        if ctx.needs_input_grad[0]:
            grad_x = d.times(grad_output, d.prelu(x, weight))
        if ctx.needs_input_grad[1]:
            grad_w = d.prelu_weight_grad(x, grad_output, weight)
        return grad_x, grad_w

    @staticmethod
    def jvp(ctx: Any, x_t: Tensor | None, w_t: Tensor | None) -> Tensor:
        """ẋ·∂ₓ + ȧ·min(0, x) (x > 0인 곳은 고르기로 0)."""
        x, weight = ctx.saved_tensors
        xc = f.widen(x)
        out = torch.zeros_like(xc)
        if x_t is not None:
            out = out + x_t.to(xc.dtype) * d.prelu(x, weight)
        if w_t is not None:
            slope_t = f.prelu_weight_view(w_t, x.ndim).to(xc.dtype)
            out = out + torch.where(xc > 0, torch.zeros_like(xc), xc * slope_t)
        return out.to(x.dtype)


class GatedFunction(torch.autograd.Function):
    """``actfn.glu``/``geglu``/``swiglu``: a ⊗ act(b); ∂/∂a = act(b), ∂/∂b = a·act′(b)."""

    generate_vmap_rule = True

    @staticmethod
    def forward(x: Tensor, dim: int, gate: str, approximate: str) -> Tensor:
        return f.gated(x, dim, gate, approximate)

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: Tensor) -> None:
        x, dim, gate, approximate = inputs
        ctx.save_for_backward(x)
        ctx.save_for_forward(x)
        ctx.dim, ctx.gate, ctx.approximate = dim, gate, approximate

    @staticmethod
    def _parts(ctx: Any, x: Tensor) -> tuple[Tensor, Tensor, Tensor]:
        a, b = f.halves(f.widen(x), ctx.dim)
        # 두 번 미분할 때도 닫힌 꼴을 거치도록 act(b)는 이 모듈의 Function으로 계산합니다.
        act = gate(b, ctx.gate, ctx.approximate)
        sigma = _sigmoid_function() if f.recording(b) else f.sigmoid
        return a, act, d.gate(b, ctx.gate, ctx.approximate, act, sigma)

    @staticmethod
    def backward(ctx: Any, grad_output: Tensor) -> tuple[Tensor, None, None, None]:
        (x,) = ctx.saved_tensors
        a, act, d_act = GatedFunction._parts(ctx, x)
        g = grad_output.to(act.dtype)
        # a·act'(b)를 먼저 곱합니다 (파이토치와 같은 순서: g·a가 넘쳐도 act'(b)가 작으면 유한).
        grad = torch.cat([g * act, g * (a * d_act)], dim=ctx.dim)
        return grad.to(grad_output.dtype), None, None, None

    @staticmethod
    def jvp(
        ctx: Any, x_t: Tensor, _dim_t: object, _gate_t: object, _approximate_t: object
    ) -> Tensor:
        (x,) = ctx.saved_tensors
        a, act, d_act = GatedFunction._parts(ctx, x)
        a_t, b_t = f.halves(x_t.to(act.dtype), ctx.dim)
        return (a_t * act + a * d_act * b_t).to(x_t.dtype)


def gate(b: Tensor, name: str, approximate: str) -> Tensor:
    """미분할 수 있는 게이트 act(b) (이 모듈의 Function으로)."""
    if name == "gelu":
        return ELEMENTWISE["gelu"].apply(b, approximate)
    return ELEMENTWISE[name].apply(b)


def apply(name: str, x: Tensor, *params: Any) -> Tensor:
    """원소별 활성화 함수 ``name``\\ 을 자동 미분과 함께 계산합니다."""
    return ELEMENTWISE[name].apply(x, *params)


def softmax(x: Tensor, dim: int) -> Tensor:
    return SoftmaxFunction.apply(x, dim)


def prelu(x: Tensor, weight: Tensor) -> Tensor:
    return PReLUFunction.apply(x, weight)


def gated(x: Tensor, dim: int, gate_name: str, approximate: str) -> Tensor:
    return GatedFunction.apply(x, dim, gate_name, approximate)
