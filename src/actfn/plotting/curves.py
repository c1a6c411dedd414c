"""함수의 곡선: 활성화 함수와 도함수, 여러 함수의 비교, 소프트맥스의 배율(온도).

모든 함수는 pyplot의 전역 상태를 쓰지 않고 새 :class:`~matplotlib.figure.Figure`\\ 를 만들어 돌려줍니다.
노트북에서는 셀의 마지막 식으로 두면 그림이 표시되고, 파일로는 ``fig.savefig(...)``\\ 로 저장합니다.
색·글자 크기·폭은 :mod:`actfn.plotting.style`\\ 의 것을 씁니다.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import torch
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from actfn.plotting.style import COLORS, legend, new_figure, style_axes

__all__ = ["default_x", "plot_functions", "plot_softmax_scaling", "plot_with_derivative"]

Activation = Callable[[torch.Tensor], torch.Tensor]


def default_x(start: float = -6.0, end: float = 6.0, steps: int = 601) -> torch.Tensor:
    """그래프의 x 값: ``start``\\ 부터 ``end``\\ 까지 ``steps``\\ 개(기본 간격 0.02)의 float32 텐서."""
    return torch.linspace(start, end, steps)


def _new_axes() -> tuple[Figure, Axes]:
    fig = new_figure()
    ax = fig.add_subplot()
    ax.axhline(0, color="#888888", linewidth=0.8, zorder=0)
    ax.axvline(0, color="#888888", linewidth=0.8, zorder=0)
    return fig, ax


def _finish(ax: Axes, title: str | None, xlabel: str, ylabel: str) -> None:
    style_axes(ax, title=title, xlabel=xlabel, ylabel=ylabel)
    legend(ax)


def _values(fn: Activation, x: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        return fn(x).detach().to(torch.float64).cpu()


def plot_with_derivative(
    fn: Activation,
    derivative: Activation,
    *,
    label: str,
    x: torch.Tensor | None = None,
    title: str | None = None,
) -> Figure:
    """활성화 함수(실선)와 그 도함수(점선)를 같은 축에 그립니다.

    Args:
        fn: 활성화 함수. 텐서를 받아 같은 모양의 텐서를 돌려줍니다.
        derivative: ``fn``\\ 의 도함수(닫힌 형태).
        label: 범례에 쓸 함수 이름, 예: ``"렐루(ReLU)"``. 도함수는 ``"<label>의 도함수"``.
        x: x 값. 기본값은 :func:`default_x` (−6부터 6까지).
        title: 그림 제목. 기본값은 ``"<label>와 도함수"``.

    Returns:
        축 하나짜리 새 :class:`~matplotlib.figure.Figure`.

    Examples:
        >>> import actfn
        >>> from actfn.plotting import plot_with_derivative
        >>> fig = plot_with_derivative(actfn.sigmoid, actfn.sigmoid_derivative, label="시그모이드")
        >>> [line.get_label() for line in fig.axes[0].get_lines()[2:]]
        ['시그모이드', '시그모이드의 도함수']
    """
    x = default_x() if x is None else x
    fig, ax = _new_axes()
    xs = x.detach().to(torch.float64).cpu()
    ax.plot(xs, _values(fn, x), color=COLORS[0], linewidth=2.2, label=label)
    ax.plot(
        xs,
        _values(derivative, x),
        color=COLORS[1],
        linewidth=2.0,
        linestyle="--",
        label=f"{label}의 도함수",
    )
    _finish(ax, title if title is not None else f"{label}와 도함수", "입력 x", "출력")
    return fig


def plot_functions(
    funcs: Mapping[str, Activation],
    *,
    x: torch.Tensor | None = None,
    title: str | None = None,
) -> Figure:
    """여러 함수를 한 축에 겹쳐 그립니다(비교용).

    Args:
        funcs: ``{범례 이름: 함수}``. 넣은 순서대로 그립니다.
        x: x 값. 기본값은 :func:`default_x`.
        title: 그림 제목(선택).

    Returns:
        축 하나짜리 새 :class:`~matplotlib.figure.Figure`.

    Examples:
        >>> import actfn
        >>> from actfn.plotting import plot_functions
        >>> fig = plot_functions({"시그모이드": actfn.sigmoid, "tanh": actfn.tanh})
        >>> len(fig.axes[0].get_lines())  # 두 함수 + 0을 지나는 기준선 두 개
        4
    """
    if not funcs:
        raise ValueError("funcs에는 그릴 함수가 하나 이상 있어야 합니다.")
    x = default_x() if x is None else x
    fig, ax = _new_axes()
    xs = x.detach().to(torch.float64).cpu()
    for i, (name, fn) in enumerate(funcs.items()):
        ax.plot(xs, _values(fn, x), color=COLORS[i % len(COLORS)], linewidth=2.0, label=name)
    _finish(ax, title, "입력 x", "출력")
    return fig


def plot_softmax_scaling(
    logits: torch.Tensor,
    *,
    scales: Sequence[float] = (0.25, 0.5, 1.0, 2.0, 4.0),
    title: str | None = None,
) -> Figure:
    """로짓에 배율 ``c``\\ 를 곱할 때 소프트맥스 확률이 어떻게 바뀌는지 그립니다.

    ``softmax(c · z)``: ``c``\\ 가 커지면(온도 ``T = 1/c``\\ 가 낮아지면) 가장 큰 로짓의 확률이 1에,
    ``c``\\ 가 작아지면 모든 확률이 ``1/K``\\ 에 가까워집니다.

    Args:
        logits: 1차원 로짓 텐서 ``(K,)``.
        scales: 곱할 배율들(양수). 가로축은 로그 눈금입니다.
        title: 그림 제목(선택).

    Returns:
        축 하나짜리 새 :class:`~matplotlib.figure.Figure`.

    Examples:
        >>> import torch
        >>> from actfn.plotting import plot_softmax_scaling
        >>> fig = plot_softmax_scaling(torch.tensor([2.0, 1.0, 0.1]))
        >>> [line.get_label() for line in fig.axes[0].get_lines()[2:]]
        ['클래스 0 (로짓 2.0)', '클래스 1 (로짓 1.0)', '클래스 2 (로짓 0.1)']
    """
    from actfn.functions import softmax

    if not isinstance(logits, torch.Tensor) or logits.ndim != 1:
        raise ValueError("logits는 1차원 torch.Tensor (K,)여야 합니다.")
    if not scales or any(not s > 0 for s in scales):
        raise ValueError("scales는 양수들의 비어 있지 않은 목록이어야 합니다.")
    c = torch.tensor(sorted(scales), dtype=torch.float64)
    probs = softmax(c[:, None] * logits.detach().to(torch.float64)[None, :], dim=1)
    fig, ax = _new_axes()
    for k in range(logits.shape[0]):
        ax.plot(
            c,
            probs[:, k],
            marker="o",
            color=COLORS[k % len(COLORS)],
            linewidth=2.0,
            label=f"클래스 {k} (로짓 {float(logits[k]):.1f})",
        )
    ax.set_xscale("log", base=2)
    ax.set_ylim(-0.02, 1.02)
    _finish(ax, title, "로짓에 곱한 배율 c (= 1/온도)", "소프트맥스 확률")
    return fig
