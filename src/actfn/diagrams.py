"""신경망의 구조를 보여 주는 그림: 뉴런 하나와 작은 신경망.

「활성화 함수란」 장이 책을 만들 때 그리는 그림입니다. 그래프가 아니라 도식이므로 좌표축 없이
원(뉴런)과 화살표(연결)와 한국어 이름표로 그립니다. :mod:`actfn.plotting`\\ 처럼 pyplot의 전역 상태와
rcParams를 건드리지 않고 새 :class:`~matplotlib.figure.Figure`\\ 를 돌려줍니다.
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from actfn.fonts import register_hangul_font
from actfn.plotting import COLORS

__all__ = ["draw_network", "draw_neuron"]

INK = "#222222"
EDGE = "#666666"
FILL = "#ffffff"
LABEL_SIZE = 14
SUB = {1: "₁", 2: "₂", 3: "₃"}


def _canvas(width: float, height: float, xlim: tuple[float, float], ylim: tuple[float, float]):
    fig = Figure(figsize=(width, height), layout="constrained", facecolor="white")
    ax = fig.add_subplot()
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, ax


def _text(ax: Axes, x: float, y: float, text: str, **kwargs) -> None:
    kwargs.setdefault("ha", "center")
    kwargs.setdefault("va", "center")
    kwargs.setdefault("fontsize", LABEL_SIZE)
    kwargs.setdefault("color", INK)
    ax.text(x, y, text, fontfamily=list(register_hangul_font()), **kwargs)


def _arrow(
    ax: Axes,
    start: tuple[float, float],
    end: tuple[float, float],
    *,
    color: str = EDGE,
    width: float = 1.2,
) -> None:
    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=11,
            color=color,
            linewidth=width,
            shrinkA=0,
            shrinkB=0,
        )
    )


def draw_neuron() -> Figure:
    """뉴런 하나: 입력 세 개에 가중치를 곱해 더하고 편향을 더한 가중합 :math:`a`\\ 를 활성화 함수
    :math:`h`\\ 에 넣어 출력 :math:`y = h(a)`\\ 를 냅니다(식 :math:`a = \\sum_i w_i x_i + b`).

    Returns:
        그림 하나. 입력 세 개에서 가중합 상자로 가는 화살표 세 개, 편향 화살표, 가중합 상자에서 활성화
        함수 상자로, 활성화 함수 상자에서 출력으로 가는 화살표가 있습니다.

    Examples:
        >>> from actfn.diagrams import draw_neuron
        >>> fig = draw_neuron()
        >>> hangul = [t.get_text() for t in fig.axes[0].texts if any("가" <= c <= "힣" for c in t.get_text())]
        >>> sorted(hangul)
        ['가중치', '가중합 a', '입력', '출력', '편향 b', '활성화 함수']
    """
    fig, ax = _canvas(4.8, 3.0, (0.0, 9.6), (0.0, 6.0))
    inputs_y = (4.9, 3.2, 1.5)
    sum_box, act_box = (4.3, 3.2), (6.6, 3.2)
    for i, y in enumerate(inputs_y, start=1):
        ax.add_patch(Circle((0.9, y), 0.5, facecolor=FILL, edgecolor=INK, linewidth=1.2))
        _text(ax, 0.9, y, f"x{SUB[i]}", fontstyle="italic")
        _arrow(ax, (1.4, y), (sum_box[0] - 0.75, sum_box[1] + (y - 3.2) * 0.25), color=COLORS[0])
        _text(
            ax,
            2.45,
            y + (3.2 - y) * 0.38 + 0.28,
            f"w{SUB[i]}",
            color=COLORS[0],
            fontsize=13,
            fontstyle="italic",
        )
    _text(ax, 0.9, 5.75, "입력")
    _text(ax, 2.45, 5.75, "가중치", color=COLORS[0])
    # 편향: 아래에서 가중합으로
    _arrow(ax, (sum_box[0], 0.9), (sum_box[0], sum_box[1] - 0.75), color=COLORS[1])
    _text(ax, sum_box[0], 0.5, "편향 b", color=COLORS[1])
    for (cx, cy), label, color in [(sum_box, "Σ", COLORS[0]), (act_box, "h", COLORS[2])]:
        ax.add_patch(
            FancyBboxPatch(
                (cx - 0.7, cy - 0.7),
                1.4,
                1.4,
                boxstyle="round,pad=0.05",
                facecolor=FILL,
                edgecolor=color,
                linewidth=1.6,
            )
        )
        _text(ax, cx, cy, label, fontsize=18, color=color)
    _text(ax, sum_box[0], sum_box[1] + 1.15, "가중합 a", color=COLORS[0])
    _text(ax, act_box[0], act_box[1] + 1.15, "활성화 함수", color=COLORS[2])
    _arrow(ax, (sum_box[0] + 0.75, sum_box[1]), (act_box[0] - 0.75, act_box[1]), color=INK)
    _arrow(ax, (act_box[0] + 0.75, act_box[1]), (8.9, act_box[1]), color=INK)
    _text(ax, 9.3, act_box[1] + 0.6, "출력", ha="right")
    _text(ax, 9.3, act_box[1] - 0.8, "y = h(a)", ha="right", fontsize=13)
    return fig


def _check_sizes(sizes: object) -> list[int]:
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence):
        raise TypeError(f"sizes: 층마다 뉴런 수를 담은 목록이어야 합니다; 받은 값: {sizes!r}.")
    checked = []
    for i, size in enumerate(sizes):
        if isinstance(size, bool) or not isinstance(size, numbers.Integral) or not 1 <= size <= 8:
            raise ValueError(f"sizes[{i}]: 1 이상 8 이하의 정수여야 합니다; 받은 값: {size!r}.")
        checked.append(int(size))
    if len(checked) < 2:
        raise ValueError(
            f"sizes: 입력층과 출력층, 적어도 두 층이 있어야 합니다; 받은 값: {sizes!r}."
        )
    return checked


def draw_network(sizes: Sequence[int] = (3, 4, 4, 2)) -> Figure:
    """층마다 뉴런을 세로로 늘어놓고, 이웃한 층의 모든 뉴런 쌍을 화살표로 이은 다층 퍼셉트론.

    첫 층은 입력층, 마지막 층은 출력층, 그 사이는 은닉층으로 이름을 붙입니다. 은닉층 뉴런에는 활성화
    함수 :math:`h`\\ 를 적어 둡니다.

    Args:
        sizes: 층마다의 뉴런 수, 입력층부터 (2층 이상, 층마다 1~8개). 기본값은 입력 3개, 은닉층 두 개
            (뉴런 4개씩), 출력 2개입니다.

    Returns:
        그림 하나. 화살표는 ``sum(a * b for a, b in zip(sizes, sizes[1:]))``\\ 개입니다.

    Raises:
        TypeError: ``sizes``\\ 가 목록이 아닐 때.
        ValueError: 층이 두 개보다 적거나 뉴런 수가 1~8이 아닐 때.

    Examples:
        >>> from actfn.diagrams import draw_network
        >>> fig = draw_network((2, 3, 1))
        >>> sum(type(p).__name__ == "FancyArrowPatch" for p in fig.axes[0].patches)
        9
    """
    sizes = _check_sizes(sizes)
    gap_x, gap_y, radius = 2.4, 1.1, 0.36
    tallest = max(sizes)
    width = gap_x * (len(sizes) - 1)
    fig, ax = _canvas(
        4.8,
        1.1 + 0.62 * tallest,
        (-0.9, width + 0.9),
        (-gap_y * tallest / 2 + 0.1, gap_y * tallest / 2 + 1.1),
    )
    centres = [
        [(gap_x * layer, gap_y * ((n - 1) / 2 - k)) for k in range(n)]
        for layer, n in enumerate(sizes)
    ]
    for left, right in itertools.pairwise(centres):
        for x0, y0 in left:
            for x1, y1 in right:
                length = math.hypot(x1 - x0, y1 - y0)
                ux, uy = (x1 - x0) / length, (y1 - y0) / length  # 원의 가장자리에서 시작하고 끝남
                _arrow(
                    ax,
                    (x0 + radius * ux, y0 + radius * uy),
                    (x1 - radius * ux, y1 - radius * uy),
                    color="#999999",
                    width=0.7,
                )
    last = len(sizes) - 1
    for layer, column in enumerate(centres):
        hidden = 0 < layer < last
        color = COLORS[2] if hidden else (COLORS[0] if layer == 0 else COLORS[1])
        for x, y in column:
            ax.add_patch(
                Circle((x, y), radius, facecolor=FILL, edgecolor=color, linewidth=1.6, zorder=3)
            )
            if hidden:
                _text(ax, x, y, "h", color=color, fontsize=13, zorder=4)
        name = "입력층" if layer == 0 else "출력층" if layer == last else "은닉층"
        _text(ax, gap_x * layer, gap_y * tallest / 2 + 0.55, name, color=color)
    return fig
