"""The structure diagrams of chapter 1 (actfn.diagrams): what they draw, that they draw it legibly."""

from __future__ import annotations

import io
import itertools
import logging
import warnings

import matplotlib as mpl
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch

from actfn.diagrams import draw_network, draw_neuron


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]


def overlapping_texts(fig: Figure) -> list[tuple[str, str]]:
    """Pairs of labels whose drawn boxes intersect."""
    FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()
    fig.draw(renderer)
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in fig.axes[0].texts]
    return [
        (a, b)
        for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2)
        if box_a.overlaps(box_b)
    ]


def render_warnings(fig: Figure) -> list[str]:
    """Warnings and log records raised while rendering the figure as SVG (e.g. a glyph missing:
    text glyphs are reported as warnings, mathtext glyphs through matplotlib's logger)."""
    records: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: records.append(record.getMessage())
    logger = logging.getLogger("matplotlib")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig.savefig(io.BytesIO(), format="svg")
    finally:
        logger.removeHandler(handler)
    return [str(w.message) for w in caught] + records


def test_overlap_check_finds_a_planted_overlap():
    fig = draw_neuron()
    fig.axes[0].text(
        0.9,
        5.75,
        "겹친 글자",
        fontsize=11,  # on top of "입력"
        fontfamily=["DejaVu Sans", "NanumGothic"],
    )
    assert ("입력", "겹친 글자") in overlapping_texts(fig)


def test_glyph_check_finds_a_planted_missing_glyph():
    fig = draw_neuron()
    fig.axes[0].text(1, 1, "편향 $b$")  # mathtext renders Hangul with a font that lacks it
    assert any("glyph" in message for message in render_warnings(fig))


def test_neuron_names_each_part_in_korean():
    labels = texts(draw_neuron())
    for part in ("입력", "가중치", "편향 b", "가중합 a", "활성화 함수", "출력", "y = h(a)"):
        assert part in labels, (part, labels)
    assert {"x₁", "x₂", "x₃", "w₁", "w₂", "w₃"} <= set(labels)


def test_neuron_draws_one_arrow_per_input_plus_bias_and_the_path_to_the_output():
    patches = draw_neuron().axes[0].patches
    assert sum(isinstance(p, FancyArrowPatch) for p in patches) == 3 + 1 + 2
    assert sum(isinstance(p, Circle) for p in patches) == 3


@pytest.mark.parametrize("sizes", [(3, 4, 4, 2), (2, 3, 1), (1, 1)])
def test_network_connects_every_neuron_to_every_neuron_of_the_next_layer(sizes):
    fig = draw_network(sizes)
    patches = fig.axes[0].patches
    assert sum(isinstance(p, Circle) for p in patches) == sum(sizes)
    edges = sum(a * b for a, b in itertools.pairwise(sizes))
    assert sum(isinstance(p, FancyArrowPatch) for p in patches) == edges
    layer_names = [t for t in texts(fig) if t.endswith("층")]
    assert layer_names == ["입력층"] + ["은닉층"] * (len(sizes) - 2) + ["출력층"]
    assert texts(fig).count("h") == sum(sizes[1:-1])  # the activation sits in hidden units only


@pytest.mark.parametrize("make", [draw_neuron, draw_network], ids=["neuron", "network"])
def test_diagrams_render_legibly_without_touching_global_state(make):
    before = dict(mpl.rcParams)
    fig = make()
    assert render_warnings(fig) == []
    assert overlapping_texts(fig) == []
    assert dict(mpl.rcParams) == before
    families = {tuple(t.get_fontfamily()) for t in fig.axes[0].texts}
    assert all("NanumGothic" in family for family in families), families


@pytest.mark.parametrize(
    ("sizes", "error", "message"),
    [
        ("342", TypeError, "sizes"),
        ([3], ValueError, "sizes"),
        ([3, 0, 2], ValueError, r"sizes\[1\]"),
        ([3, 9, 2], ValueError, r"sizes\[1\]"),
        ([3, 2.5, 2], ValueError, r"sizes\[1\]"),
        ([True, 2], ValueError, r"sizes\[0\]"),
    ],
)
def test_network_rejects_bad_sizes_naming_the_argument(sizes, error, message):
    with pytest.raises(error, match=message):
        draw_network(sizes)
