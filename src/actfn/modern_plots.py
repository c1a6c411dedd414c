"""「현대의 활성화 함수」 장의 그림 도우미.

:mod:`actfn.plotting`\\ 과 같은 규칙을 따릅니다: pyplot의 전역 상태를 쓰지 않고 새
:class:`~matplotlib.figure.Figure`\\ 를 돌려주며, 전역 rcParams를 바꾸지 않고 글자마다 한글 글꼴을
직접 넘깁니다.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import torch
from matplotlib.figure import Figure

from actfn.fonts import register_hangul_font

__all__ = ["plot_unit_surfaces"]

Unit = Callable[[torch.Tensor], torch.Tensor]


def plot_unit_surfaces(
    units: Mapping[str, Unit],
    *,
    extent: float = 3.0,
    steps: int = 121,
    title: str | None = None,
) -> Figure:
    """입력이 2차원인 뉴런 하나의 출력을 등고선 그림으로 나란히 그립니다.

    보통의 뉴런 :math:`f(w \\cdot x)`\\ 는 한 방향 :math:`w`\\ 로만 변하므로 등고선이 모두 평행한
    직선입니다. 게이트 유닛 :math:`(v \\cdot x)\\,f(w \\cdot x)`\\ 는 두 방향의 곱이라 등고선이 휘어집니다.

    Args:
        units: ``{패널 제목: 함수}``. 함수는 ``(N, 2)`` 입력을 받아 ``(N,)`` 출력을 돌려줍니다.
        extent: 두 축의 범위 ``[-extent, extent]``. 기본값: ``3.0``.
        steps: 축마다 점의 수. 기본값: ``121``.
        title: 그림 전체의 제목(선택).

    Returns:
        패널이 ``len(units)``\\ 개인 새 :class:`~matplotlib.figure.Figure`.

    Raises:
        ValueError: ``units``\\ 가 비었거나 ``extent``\\ 가 양수가 아니거나 ``steps``\\ 가 2보다 작을 때.

    Examples:
        >>> import torch, actfn
        >>> from actfn.modern_plots import plot_unit_surfaces
        >>> w, v = torch.tensor([1.0, 0.5]), torch.tensor([-0.5, 1.0])
        >>> fig = plot_unit_surfaces({
        ...     "보통의 뉴런": lambda x: actfn.silu(x @ w),
        ...     "게이트 유닛": lambda x: (x @ v) * actfn.silu(x @ w),
        ... })
        >>> [ax.get_title() for ax in fig.axes[:2]]
        ['보통의 뉴런', '게이트 유닛']
    """
    if not units:
        raise ValueError("units에는 그릴 함수가 하나 이상 있어야 합니다.")
    if not extent > 0:
        raise ValueError(f"extent는 양수여야 합니다; 받은 값: {extent!r}")
    if steps < 2:
        raise ValueError(f"steps는 2 이상이어야 합니다; 받은 값: {steps!r}")
    family = list(register_hangul_font())
    axis = torch.linspace(-extent, extent, steps)
    x1, x2 = torch.meshgrid(axis, axis, indexing="xy")
    grid = torch.stack([x1.reshape(-1), x2.reshape(-1)], dim=1)
    n = len(units)
    fig = Figure(figsize=(3.3 * n, 3.6), layout="constrained", facecolor="white")
    axes = fig.subplots(1, n, squeeze=False)[0]
    for ax, (name, unit) in zip(axes, units.items(), strict=True):
        with torch.no_grad():
            z = unit(grid).detach().to(torch.float64).reshape(steps, steps)
        bound = max(float(z.abs().max()), 1e-12)
        levels = torch.linspace(-bound, bound, 17).tolist()
        filled = ax.contourf(x1, x2, z, levels=levels, cmap="RdBu_r")
        ax.contour(x1, x2, z, levels=levels, colors="#333333", linewidths=0.4)
        ax.contour(x1, x2, z, levels=[0.0], colors="black", linewidths=1.2)
        ax.set_aspect("equal")
        ax.set_facecolor("white")
        ax.set_title(name, fontfamily=family, fontsize=12)
        ax.set_xlabel("입력 x₁", fontfamily=family, fontsize=10)
        ax.set_ylabel("입력 x₂", fontfamily=family, fontsize=10)
        ax.tick_params(labelfontfamily=family, labelsize=9)
        colorbar = fig.colorbar(filled, ax=ax, shrink=0.8, ticks=[-bound, 0.0, bound])
        colorbar.ax.set_yticklabels(["음수", "0", "양수"], fontfamily=family, fontsize=9)
    if title:
        fig.suptitle(title, fontfamily=family, fontsize=13)
    return fig
