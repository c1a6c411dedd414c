"""책의 모든 그림이 함께 쓰는 모양: 색 목록 하나, 글자 크기 하나, 그림 폭 하나.

**색** (:data:`COLORS`)\\ 은 Okabe–Ito 팔레트(색각 이상에도 구별됨)를 어둡게 다듬은 것으로, 흰 배경에서
3.9:1 이상, 어두운 모드에서 살짝 어둡게 보이는 그림 카드(#ebebeb) 위에서도 3.2:1 이상의 대비를
냅니다(tests/test_plotting.py가 확인). 결정 경계의 옅은 영역 색(:func:`tint`)도 같은 색에서 나옵니다.

**글자 크기와 폭**\\ 은 함께 정합니다. 책의 그림은 SVG라서 화면 폭에 맞춰 통째로 줄어듭니다. 360 px
휴대폰에서 그림이 차지하는 폭은 328 px(어두운 모드에서는 그림 카드의 여백을 빼고 312 px)이므로, 폭
:data:`FIGURE_WIDTH` = 4.8인치(여백을 다듬은 SVG로 약 354 pt)인 그림의 가장 작은 글자(11 pt)는
11 × 312 / 354 ≈ 9.7 CSS px로 보입니다(9 px 이상, tests/test_phone_layout.py가 브라우저에서 잽니다).
데스크톱에서는 그림이 제 크기(약 470 px)로 보여 같은 글자가 14.7 px입니다.

전역 rcParams는 바꾸지 않습니다. 도우미는 글자마다 크기와 글꼴을 직접 넘깁니다.
:func:`rc_params`\\ 는 pyplot으로 직접 그리는 셀이 같은 모양을 쓰고 싶을 때 넘길 값을 돌려줄 뿐입니다.
"""

from __future__ import annotations

from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from actfn.fonts import register_hangul_font

__all__ = [
    "COLORS",
    "FIGURE_HEIGHT",
    "FIGURE_WIDTH",
    "FONT_SIZES",
    "LINESTYLES",
    "MARKERS",
    "font_family",
    "legend",
    "new_figure",
    "rc_params",
    "style_axes",
    "tint",
]

#: 선과 점의 색. 순서대로 씁니다.
COLORS = ("#0072B2", "#D55E00", "#007A5A", "#B8457F", "#9E6A00", "#2B7BB9", "#000000")
#: 색과 함께 쓰는 선 모양(흑백으로 인쇄하거나 색을 구별하기 어려울 때도 선이 구별되도록).
LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (1, 1)), (0, (3, 1, 1, 1, 1, 1)))
#: 산점도의 클래스별 점 모양.
MARKERS = ("o", "^", "s", "D", "v", "P", "X")

#: 글자 크기(pt). 눈금·범례·색 막대는 ``small``, 축 이름·패널 제목은 ``medium``, 그림 제목은 ``large``.
FONT_SIZES = {"small": 11.0, "medium": 12.0, "large": 13.0}
#: 그림의 폭(인치). 휴대폰에서 :data:`FONT_SIZES`\\ 의 ``small``\\ 이 9 CSS px 이상으로 보이는 폭.
FIGURE_WIDTH = 4.8
#: 축 하나짜리 그림의 높이(인치).
FIGURE_HEIGHT = 3.4


def font_family() -> list[str]:
    """한글 글꼴을 등록하고 ``fontfamily=``\\ 에 넘길 글꼴 목록을 돌려줍니다."""
    return list(register_hangul_font())


def new_figure(height: float = FIGURE_HEIGHT, *, width: float = FIGURE_WIDTH) -> Figure:
    """흰 배경, constrained 배치의 새 Figure(pyplot을 거치지 않음)."""
    return Figure(figsize=(width, height), layout="constrained", facecolor="white")


def style_axes(
    ax: Axes,
    *,
    title: str | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
    title_size: str = "large",
    grid: bool = True,
) -> None:
    """축에 책의 모양을 입힙니다: 흰 바탕, 옅은 격자, 눈금·축 이름·제목의 글꼴과 크기."""
    family = font_family()
    ax.set_facecolor("white")
    if grid:
        ax.grid(True, color="#dddddd", linewidth=0.6)
    ax.tick_params(which="both", labelfontfamily=family, labelsize=FONT_SIZES["small"])
    if title:
        ax.set_title(title, fontfamily=family, fontsize=FONT_SIZES[title_size])
    if xlabel is not None:
        ax.set_xlabel(xlabel, fontfamily=family, fontsize=FONT_SIZES["medium"])
    if ylabel is not None:
        ax.set_ylabel(ylabel, fontfamily=family, fontsize=FONT_SIZES["medium"])


def legend(owner: Axes | Figure, **kwargs: Any) -> None:
    """책의 글꼴과 ``small`` 크기로 범례를 답니다(축이나 Figure에)."""
    kwargs.setdefault("framealpha", 0.9)
    owner.legend(prop={"family": font_family(), "size": FONT_SIZES["small"]}, **kwargs)


def tint(color: str, strength: float = 0.15) -> str:
    """``color``\\ 를 흰색과 섞은 옅은 색(결정 경계의 영역 색). ``strength``\\ 는 원래 색의 비율.

    Examples:
        >>> from actfn.plotting.style import tint
        >>> tint("#0072B2")
        '#d9eaf3'
    """
    if not 0 <= strength <= 1:
        raise ValueError(f"strength는 0과 1 사이여야 합니다; 받은 값: {strength!r}")
    channels = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (round(strength * c + (1 - strength) * 255) for c in channels)
    return "#" + "".join(f"{c:02x}" for c in mixed)


def rc_params() -> dict[str, Any]:
    """pyplot으로 직접 그리는 셀을 위한, 도우미와 같은 폭·글자 크기·글꼴의 rcParams 값.

    전역 설정을 바꾸지 않고 값만 돌려줍니다. ``with matplotlib.rc_context(rc_params()):`` 안에서
    그리거나, 노트북의 설정 셀에서 ``matplotlib.rcParams.update(rc_params())``\\ 로 씁니다.

    Examples:
        >>> from actfn.plotting.style import rc_params
        >>> rc_params()["figure.figsize"], rc_params()["xtick.labelsize"]
        ((4.8, 3.4), 11.0)
    """
    small, medium, large = FONT_SIZES["small"], FONT_SIZES["medium"], FONT_SIZES["large"]
    return {
        "figure.figsize": (FIGURE_WIDTH, FIGURE_HEIGHT),
        "font.family": font_family(),
        "font.size": small,
        "axes.titlesize": large,
        "axes.labelsize": medium,
        "xtick.labelsize": small,
        "ytick.labelsize": small,
        "legend.fontsize": small,
        "figure.titlesize": large,
    }
