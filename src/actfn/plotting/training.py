"""학습하며 잰 것: 학습 곡선, 층별 기울기 크기, 죽은 뉴런의 비율.

:mod:`actfn.plotting.curves`\\ 와 같은 규칙을 따릅니다: pyplot의 전역 상태를 쓰지 않고 새
:class:`~matplotlib.figure.Figure`\\ 를 돌려주며, 색·글자 크기·폭은 :mod:`actfn.plotting.style`\\ 의
것을 씁니다. 여러 시드로 반복한 실험은 평균을 선으로, 가장 작은 값부터 가장 큰 값까지를 옅은 띠로
그립니다.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import torch
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from actfn.experiments import History
from actfn.plotting.style import (
    COLORS,
    FIGURE_HEIGHT,
    FONT_SIZES,
    LINESTYLES,
    font_family,
    legend,
    new_figure,
    style_axes,
)

__all__ = ["plot_dead_fraction", "plot_gradient_norms", "plot_training_curves"]


def _stack(runs: Sequence[Sequence[float]], what: str) -> torch.Tensor:
    if not runs:
        raise ValueError(f"{what}: 실행 결과가 하나 이상 있어야 합니다.")
    lengths = {len(r) for r in runs}
    if len(lengths) != 1 or 0 in lengths:
        raise ValueError(
            f"{what}: 모든 실행의 길이가 같고 0보다 커야 합니다; 길이들: {sorted(lengths)}."
        )
    return torch.tensor([list(r) for r in runs], dtype=torch.float64)


def _band(
    ax: Axes, x: torch.Tensor, values: torch.Tensor, i: int, label: str, *, geometric: bool = False
) -> None:
    """평균(선)과 최솟값~최댓값(띠). ``geometric``\\ 이면 평균을 로그 공간에서 냅니다."""
    color = COLORS[i % len(COLORS)]
    center = values.log().mean(dim=0).exp() if geometric else values.mean(dim=0)
    if values.shape[0] > 1:
        ax.fill_between(
            x, values.amin(dim=0), values.amax(dim=0), color=color, alpha=0.18, linewidth=0
        )
    ax.plot(
        x,
        center,
        color=color,
        linestyle=LINESTYLES[i % len(LINESTYLES)],
        linewidth=2.0,
        label=label,
    )


def _check_runs(runs: Mapping[str, Sequence[object]], what: str) -> None:
    if not runs:
        raise ValueError(f"{what}: 그릴 것이 하나 이상 있어야 합니다.")


def plot_training_curves(
    runs: Mapping[str, Sequence[History]], *, title: str | None = None
) -> Figure:
    """활성화 함수별 학습 손실(위, 로그 눈금)과 정확도(아래)를 단계에 따라 그립니다.

    Args:
        runs: ``{범례 이름: 시드별 History 목록}``. 선은 시드들의 평균, 띠는 최솟값~최댓값입니다.
        title: 그림 전체의 제목(선택).

    Returns:
        축 두 개짜리 새 :class:`~matplotlib.figure.Figure`.

    Examples:
        >>> from actfn.experiments import History
        >>> from actfn.plotting import plot_training_curves
        >>> runs = {"렐루": [History(loss=[0.7, 0.3], accuracy=[0.5, 0.9])] * 2}
        >>> fig = plot_training_curves(runs)
        >>> [ax.get_ylabel() for ax in fig.axes]
        ['학습 손실 (로그 눈금)', '학습 정확도']
    """
    _check_runs(runs, "runs")
    # 위아래로 쌓습니다: 휴대폰의 좁은 화면에서도 글자가 읽히도록.
    fig = new_figure(2 * FIGURE_HEIGHT - 0.4)
    ax_loss, ax_acc = fig.subplots(2, 1, sharex=True)
    for i, (name, histories) in enumerate(runs.items()):
        loss = _stack([h.loss for h in histories], f"runs[{name!r}]")
        accuracy = _stack([h.accuracy for h in histories], f"runs[{name!r}]")
        steps = torch.arange(loss.shape[1])
        _band(ax_loss, steps, loss, i, name, geometric=True)
        _band(ax_acc, steps, accuracy, i, name)
    ax_loss.set_yscale("log")
    style_axes(ax_loss, ylabel="학습 손실 (로그 눈금)")
    style_axes(ax_acc, xlabel="학습 단계", ylabel="학습 정확도")
    ax_acc.set_ylim(0.4, 1.02)
    legend(ax_acc, loc="lower right")
    if title:
        fig.suptitle(title, fontfamily=font_family(), fontsize=FONT_SIZES["large"])
    return fig


def plot_gradient_norms(
    norms: Mapping[str, Sequence[Sequence[float]]],
    *,
    title: str | None = None,
    ylim: tuple[float, float] | None = None,
) -> Figure:
    """층별 가중치 기울기의 크기(로그 눈금)를 입력 쪽 층부터 출력 쪽 층까지 그립니다.

    Args:
        norms: ``{범례 이름: 시드별 [층별 기울기 크기]}``
            (:func:`actfn.experiments.gradient_norms`\\ 의 결과 목록). 선은 기하 평균, 띠는
            최솟값~최댓값입니다.
        title: 그림 제목(선택).
        ylim: 세로축 범위(선택). 두 그림을 같은 눈금으로 비교할 때 씁니다.

    Returns:
        축 하나짜리 새 :class:`~matplotlib.figure.Figure`.

    Examples:
        >>> from actfn.plotting import plot_gradient_norms
        >>> fig = plot_gradient_norms({"시그모이드": [[1e-6, 1e-3, 1.0]]})
        >>> fig.axes[0].get_yscale(), fig.axes[0].get_lines()[0].get_xdata().tolist()
        ('log', [1, 2, 3])
    """
    _check_runs(norms, "norms")
    fig = new_figure()
    ax = fig.add_subplot()
    for i, (name, runs) in enumerate(norms.items()):
        values = _stack(runs, f"norms[{name!r}]")
        if not bool((values > 0).all()):
            raise ValueError(f"norms[{name!r}]: 로그 눈금에 그리려면 모든 값이 양수여야 합니다.")
        layers = torch.arange(1, values.shape[1] + 1)
        _band(ax, layers, values, i, name, geometric=True)
    ax.set_yscale("log")
    if ylim is not None:
        ax.set_ylim(*ylim)
    style_axes(
        ax,
        title=title,
        xlabel="층 번호 (1 = 입력 쪽, 마지막 = 출력층)",
        ylabel="가중치 기울기의 크기",
    )
    ax.xaxis.get_major_locator().set_params(integer=True)
    legend(ax, loc="lower right")
    return fig


def plot_dead_fraction(
    runs: Mapping[str, Sequence[History]], *, title: str | None = None
) -> Figure:
    """학습하는 동안 죽은 뉴런의 비율(모든 은닉층을 합친 값)을 그립니다.

    Args:
        runs: ``{범례 이름: 시드별 History 목록}`` (``train(..., track_dead=True)``\\ 로 기록).
        title: 그림 제목(선택).

    Returns:
        축 하나짜리 새 :class:`~matplotlib.figure.Figure`.

    Examples:
        >>> from actfn.experiments import History
        >>> from actfn.plotting import plot_dead_fraction
        >>> h = History(loss=[1.0, 1.0], accuracy=[0.5, 0.5], dead_fraction=[[0.5, 1.0], [0.5, 0.5]])
        >>> fig = plot_dead_fraction({"렐루": [h]})
        >>> fig.axes[0].get_lines()[0].get_ydata().tolist()
        [0.75, 0.5]
    """
    _check_runs(runs, "runs")
    fig = new_figure(FIGURE_HEIGHT + 0.4)
    ax = fig.add_subplot()
    for i, (name, histories) in enumerate(runs.items()):
        if any(not h.dead_fraction for h in histories):
            raise ValueError(
                f"runs[{name!r}]: train(..., track_dead=True)로 기록한 History가 아닙니다."
            )
        values = _stack([h.dead_overall() for h in histories], f"runs[{name!r}]")
        _band(ax, torch.arange(values.shape[1]), values, i, name)
    ax.set_ylim(-0.02, 1.02)
    style_axes(ax, title=title, xlabel="학습 단계", ylabel="죽은 뉴런의 비율")
    # 범례는 축 아래에 둡니다: 선이 그림의 어느 높이든 지나갈 수 있어서 안에 두면 가립니다.
    legend(fig, loc="outside lower center", ncols=2, frameon=False)
    return fig
