r"""학습할 파라미터가 있는 활성화 함수 모듈: PReLU와 LLaMA식 SwiGLU MLP.

둘 다 ``torch.nn.Module``\ 이라 다른 층처럼 ``nn.Sequential``\ 에 넣고 옵티마이저로 학습합니다.
계산은 ``actfn.prelu``\ 와 ``actfn.swiglu``\ 가 합니다.
"""

from __future__ import annotations

import torch
from torch import nn

from actfn import _validation
from actfn import functions as _functions

__all__ = ["PReLU", "SwiGLUMLP"]


class PReLU(nn.Module):
    r"""PReLU(Parametric ReLU) 모듈: 음수 쪽 기울기 :math:`a`\ 를 학습합니다 (He 외, 2015).

    .. math::
        \text{PReLU}(x) = \max(0, x) + a \min(0, x)

    ``torch.nn.PReLU``\ 와 같이 기울기는 ``weight``\ 라는 파라미터이고, 처음 값은 ``init``\ 입니다.
    ``num_parameters = 1``\ 이면 모든 채널이 :math:`a` 하나를 나누어 쓰고, 입력의 채널 수
    ``x.shape[1]``\ 로 주면 채널마다 따로 학습합니다. 계산은 ``actfn.prelu``\ 가 합니다.

    Args:
        num_parameters (int): 학습할 :math:`a`\ 의 개수 (1 또는 입력의 채널 수). 기본값: ``1``.
        init (float): :math:`a`\ 의 처음 값. 기본값: ``0.25``\ (원 논문과 ``torch.nn.PReLU``\ 와 같음).
        device (torch.device | str | None): ``weight``\ 를 만들 장치. 기본값: ``None``.
        dtype (torch.dtype | None): ``weight``\ 의 dtype (입력과 같아야 합니다). 기본값: ``None``
            (기본 dtype, 보통 float32).

    Attributes:
        weight (torch.nn.Parameter): 모양이 :math:`(\text{num\_parameters})`\ 인 학습할 기울기.

    Raises:
        TypeError: ``num_parameters``\ 가 정수가 아니거나 ``init``\ 이 실수가 아닐 때.
        ValueError: ``num_parameters``\ 가 1보다 작거나 ``init``\ 이 NaN이나 ±inf일 때.

    Shape:
        - Input: :math:`(N, C, *)` 또는 :math:`(*)`
        - Output: same shape as the input

    Examples:
        >>> import torch
        >>> from actfn import PReLU
        >>> act = PReLU()
        >>> act
        PReLU(num_parameters=1)
        >>> x = torch.tensor([-2.0, -1.0, 3.0])
        >>> act(x)
        tensor([-0.5000, -0.2500,  3.0000], grad_fn=<PReLUFunctionBackward>)

        기울기 :math:`a`\ 에 대한 미분은 :math:`\min(0, x)`\ 의 합입니다.

        >>> act(x).sum().backward()
        >>> act.weight.grad
        tensor([-3.])
    """

    def __init__(
        self,
        num_parameters: int = 1,
        init: float = 0.25,
        device: torch.device | str | None = None,
        dtype: torch.dtype | None = None,
    ) -> None:
        super().__init__()
        self.num_parameters = _validation.check_positive_int(num_parameters, "num_parameters")
        self.init = _validation.check_real(init, "init")
        self.weight = nn.Parameter(torch.empty(self.num_parameters, device=device, dtype=dtype))
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """기울기를 처음 값 ``init``\\ 으로 되돌립니다."""
        with torch.no_grad():
            self.weight.fill_(self.init)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``actfn.prelu(x, self.weight)``\\ 를 돌려줍니다."""
        return _functions.prelu(x, self.weight)

    def extra_repr(self) -> str:
        """``print``\\ 에 보일 설정."""
        return f"num_parameters={self.num_parameters}"


class SwiGLUMLP(nn.Module):
    r"""LLaMA식 MLP 블록: 선형층 하나로 값과 게이트를 함께 만들고 SwiGLU를 거쳐 다시 줄입니다.

    .. math::
        \text{MLP}(x) = W_{\text{down}}\bigl((x V) \otimes \text{SiLU}(x W)\bigr)

    ``up``\ 은 ``dim → 2·hidden`` 선형층으로, 출력의 앞쪽 절반이 값 :math:`xV`, 뒤쪽 절반이 게이트
    :math:`xW`\ 입니다 (``actfn.swiglu``\ 의 규칙). LLaMA 코드의 이름으로는 앞쪽 절반이 ``w3``,
    뒤쪽 절반이 ``w1``, ``down``\ 이 ``w2``\ 입니다. 파라미터는 편향 없이
    :math:`3 \cdot \text{dim} \cdot \text{hidden}`\ 개로, 은닉층이 :math:`1.5 \cdot \text{hidden}`\ 인
    보통의 2층 MLP와 같습니다. LLaMA가 은닉 크기를 :math:`\tfrac{2}{3} \cdot 4\,\text{dim}`\ 으로 줄인
    것도 이렇게 파라미터 수를 맞추기 위해서입니다.

    Args:
        dim (int): 입력과 출력의 크기.
        hidden (int): 은닉 크기 (값과 게이트 각각의 크기).
        bias (bool): 선형층에 편향을 둘지. 기본값: ``False``\ (LLaMA와 같음).

    Attributes:
        up (torch.nn.Linear): ``dim → 2·hidden``, 출력이 ``[값, 게이트]``.
        down (torch.nn.Linear): ``hidden → dim``.

    Raises:
        TypeError: ``dim``\ 이나 ``hidden``\ 이 정수가 아닐 때.
        ValueError: ``dim``\ 이나 ``hidden``\ 이 1보다 작을 때.

    Shape:
        - Input: :math:`(*, \text{dim})`
        - Output: :math:`(*, \text{dim})`

    Examples:
        >>> import torch
        >>> from actfn import SwiGLUMLP
        >>> mlp = SwiGLUMLP(dim=8, hidden=16)
        >>> mlp
        SwiGLUMLP(
          (up): Linear(in_features=8, out_features=32, bias=False)
          (down): Linear(in_features=16, out_features=8, bias=False)
        )
        >>> sum(p.numel() for p in mlp.parameters())  # 3 · 8 · 16
        384
        >>> mlp(torch.zeros(5, 8)).shape
        torch.Size([5, 8])
    """

    def __init__(self, dim: int, hidden: int, bias: bool = False) -> None:
        super().__init__()
        dim = _validation.check_positive_int(dim, "dim")
        hidden = _validation.check_positive_int(hidden, "hidden")
        self.up = nn.Linear(dim, 2 * hidden, bias=bias)
        self.down = nn.Linear(hidden, dim, bias=bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``down(swiglu(up(x)))``\\ 를 돌려줍니다."""
        return self.down(_functions.swiglu(self.up(x), dim=-1))
