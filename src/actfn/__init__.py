"""actfn: 「활성화 함수」 책의 활성화 함수와 도함수.

각 함수는 공식 그대로 torch 텐서 연산으로 구현되어 있고, 역전파는 닫힌 꼴 도함수를 씁니다.
값과 기울기는 ``torch.nn.functional``\\ 과 자동 미분을 기준으로 테스트합니다.
"""

from __future__ import annotations

from actfn.derivatives import (
    elu_derivative,
    gelu_derivative,
    hardsigmoid_derivative,
    hardswish_derivative,
    leaky_relu_derivative,
    mish_derivative,
    prelu_derivative,
    relu_derivative,
    sigmoid_derivative,
    silu_derivative,
    softmax_jacobian,
    softmax_vjp,
    softplus_derivative,
    step_derivative,
    tanh_derivative,
)
from actfn.functions import (
    elu,
    geglu,
    gelu,
    glu,
    hardsigmoid,
    hardswish,
    leaky_relu,
    mish,
    prelu,
    relu,
    sigmoid,
    silu,
    softmax,
    softplus,
    step,
    swiglu,
    tanh,
)
from actfn.modules import PReLU, SwiGLUMLP

__all__ = [
    "PReLU",
    "SwiGLUMLP",
    "elu",
    "elu_derivative",
    "geglu",
    "gelu",
    "gelu_derivative",
    "glu",
    "hardsigmoid",
    "hardsigmoid_derivative",
    "hardswish",
    "hardswish_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
    "mish",
    "mish_derivative",
    "prelu",
    "prelu_derivative",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "silu",
    "silu_derivative",
    "softmax",
    "softmax_jacobian",
    "softmax_vjp",
    "softplus",
    "softplus_derivative",
    "step",
    "step_derivative",
    "swiglu",
    "tanh",
    "tanh_derivative",
]
