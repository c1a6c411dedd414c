"""2차원 입력 공간의 지도: 모델이 고르는 클래스(결정 경계), 뉴런 하나의 출력(등고선).

:mod:`actfn.plotting.curves`\\ 와 같은 규칙을 따릅니다: pyplot의 전역 상태를 쓰지 않고 새
:class:`~matplotlib.figure.Figure`\\ 를 돌려주며, 색·글자 크기·폭은 :mod:`actfn.plotting.style`\\ 의
것을 씁니다. 패널은 그림의 폭(:data:`~actfn.plotting.style.FIGURE_WIDTH`)을 나눠 가지므로, 패널이
많아도 휴대폰에서 글자가 작아지지 않습니다.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import torch
from matplotlib.figure import Figure
from torch import nn

from actfn.experiments import decision_grid
from actfn.plotting.style import (
    COLORS,
    FIGURE_WIDTH,
    FONT_SIZES,
    MARKERS,
    font_family,
    new_figure,
    style_axes,
    tint,
)

__all__ = ["MAX_CLASSES", "plot_decision_boundaries", "plot_unit_surfaces"]

Unit = Callable[[torch.Tensor], torch.Tensor]

#: 결정 경계 그림이 칠할 수 있는 클래스의 수. 점이 어느 클래스의 영역 위에 있어도 대비비가 3 이상
#: 나는 색은 :data:`~actfn.plotting.style.COLORS`\\ 의 앞 6개입니다(검정의 옅은 색은 회색이라 제외).
MAX_CLASSES = 6


def plot_decision_boundaries(
    models: Mapping[str, nn.Module],
    X: torch.Tensor,
    y: torch.Tensor,
    *,
    ncols: int = 2,
    steps: int = 150,
) -> Figure:
    """모델마다 2차원 입력 공간을 고른 클래스로 칠하고 데이터 점을 겹쳐 그립니다.

    점은 :data:`~actfn.plotting.style.COLORS`\\ 의 진한 색, 영역은 같은 색을 옅게 한 색
    (:func:`~actfn.plotting.style.tint`)입니다.

    Args:
        models: ``{패널 제목: 학습된 모델}``.
        X: 데이터 ``(N, 2)``.
        y: 정수 레이블 ``(N,)`` (클래스 6개까지, :data:`MAX_CLASSES`).
        ncols: 한 줄의 패널 수.
        steps: 축마다 격자점의 수 (:func:`actfn.experiments.decision_grid`).

    Returns:
        패널이 ``len(models)``\\ 개인 새 :class:`~matplotlib.figure.Figure`.

    Examples:
        >>> import actfn
        >>> from actfn.experiments import make_mlp, make_moons
        >>> from actfn.plotting import plot_decision_boundaries
        >>> X, y = make_moons(60)
        >>> models = {"렐루": make_mlp(actfn.relu, depth=1, width=4), "tanh": make_mlp(actfn.tanh, depth=1, width=4)}
        >>> fig = plot_decision_boundaries(models, X, y, steps=20)
        >>> [ax.get_title() for ax in fig.axes]
        ['렐루', 'tanh']
    """
    if not models:
        raise ValueError("models: 그릴 것이 하나 이상 있어야 합니다.")
    classes = int(y.max().item()) + 1
    if classes > MAX_CLASSES:
        raise ValueError(f"y: 클래스는 {MAX_CLASSES}개까지 그릴 수 있습니다; 받은 수: {classes}.")
    ncols = max(1, min(ncols, len(models)))
    nrows = -(-len(models) // ncols)
    span = X.amax(dim=0) - X.amin(dim=0)  # panels keep the data's aspect (equal axes)
    panel_height = FIGURE_WIDTH / ncols * float(span[1] / span[0].clamp_min(1e-12))
    fig = new_figure(nrows * (panel_height + 0.3))
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
    for ax, (name, model) in zip(axes, models.items(), strict=False):
        grid = decision_grid(model, X, steps=steps)
        ax.contourf(
            grid.xx,
            grid.yy,
            grid.label.to(torch.float64),
            levels=[k - 0.5 for k in range(classes + 1)],
            colors=[tint(c) for c in COLORS[:classes]],
        )
        for k in range(classes):
            points = X[y == k]
            ax.scatter(
                points[:, 0],
                points[:, 1],
                s=9,
                marker=MARKERS[k],
                color=COLORS[k],
                edgecolors="white",
                linewidths=0.3,
                label=f"클래스 {k}",
            )
        style_axes(ax, title=name, title_size="medium", grid=False)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
    for ax in axes[len(models) :]:
        ax.set_visible(False)
    return fig


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
    패널마다 출력을 그 패널의 최대 절댓값으로 나눠 칠하므로, 아래의 색 막대 하나가 모든 패널에
    맞습니다(색은 부호와 상대적인 크기를 나타냄). 굵은 선이 출력 0입니다.

    Args:
        units: ``{패널 제목: 함수}``. 함수는 ``(N, 2)`` 입력을 받아 ``(N,)`` 출력을 돌려줍니다.
        extent: 두 축의 범위 ``[-extent, extent]``. 기본값: ``3.0``.
        steps: 축마다 점의 수. 기본값: ``121``.
        title: 그림 전체의 제목(선택).

    Returns:
        패널이 ``len(units)``\\ 개(와 색 막대)인 새 :class:`~matplotlib.figure.Figure`.

    Raises:
        ValueError: ``units``\\ 가 비었거나 ``extent``\\ 가 양수가 아니거나 ``steps``\\ 가 2보다 작을 때.

    Examples:
        >>> import torch, actfn
        >>> from actfn.plotting import plot_unit_surfaces
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
    family = font_family()
    axis = torch.linspace(-extent, extent, steps)
    x1, x2 = torch.meshgrid(axis, axis, indexing="xy")
    grid = torch.stack([x1.reshape(-1), x2.reshape(-1)], dim=1)
    n = len(units)
    fig = new_figure(FIGURE_WIDTH / n + 1.3)
    axes = fig.subplots(1, n, squeeze=False)[0]
    levels = torch.linspace(-1.0, 1.0, 17).tolist()
    filled = None
    for i, (ax, (name, unit)) in enumerate(zip(axes, units.items(), strict=True)):
        with torch.no_grad():
            z = unit(grid).detach().to(torch.float64).reshape(steps, steps)
        z = z / max(float(z.abs().max()), 1e-12)
        filled = ax.contourf(x1, x2, z, levels=levels, cmap="RdBu_r")
        ax.contour(x1, x2, z, levels=levels, colors="#333333", linewidths=0.4)
        ax.contour(x1, x2, z, levels=[0.0], colors="black", linewidths=1.2)
        ax.set_aspect("equal")
        style_axes(
            ax,
            title=name,
            title_size="medium",
            xlabel="입력 x₁",
            ylabel="입력 x₂" if i == 0 else None,
            grid=False,
        )
    colorbar = fig.colorbar(
        filled, ax=list(axes), orientation="horizontal", shrink=0.6, aspect=30, ticks=[-1, 0, 1]
    )
    colorbar.ax.set_xticklabels(["음수", "0", "양수"], fontfamily=family)
    colorbar.ax.tick_params(labelsize=FONT_SIZES["small"])
    if title:
        fig.suptitle(title, fontfamily=family, fontsize=FONT_SIZES["large"])
    return fig
