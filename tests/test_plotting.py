"""Figure helpers: right data, Hangul that renders, no global side effects, reproducible files,
one palette and one font scale that stay readable on a 360 px phone.

References for plotted values are torch.nn.functional and torch autograd, never the package.
"""

from __future__ import annotations

import io
import re
import warnings

import matplotlib as mpl
import pytest
import torch
import torch.nn.functional as F
from matplotlib import font_manager
from matplotlib.figure import Figure

import actfn
from actfn.experiments import History, make_mlp, make_moons
from actfn.fonts import FONT_FAMILIES, hangul_font_files, register_hangul_font
from actfn.plotting import (
    COLORS,
    default_x,
    plot_dead_fraction,
    plot_decision_boundaries,
    plot_functions,
    plot_gradient_norms,
    plot_softmax_scaling,
    plot_training_curves,
    plot_unit_surfaces,
    plot_with_derivative,
)
from actfn.plotting.input_space import MAX_CLASSES
from actfn.plotting.style import FONT_SIZES, rc_params, tint


def _every_helper() -> dict[str, Figure]:
    """One figure from each helper of actfn.plotting, with multi-panel ones at their widest."""
    histories = [History(loss=[0.7, 0.3, 0.1], accuracy=[0.5, 0.8, 0.9])] * 2
    dead = History(loss=[1.0, 1.0], accuracy=[0.5, 0.5], dead_fraction=[[0.5, 1.0], [0.5, 0.5]])
    X, y = make_moons(60)
    torch.manual_seed(0)
    models = {name: make_mlp(actfn.tanh, depth=1, width=4) for name in ("렐루", "tanh", "GELU")}
    w, v = torch.tensor([1.0, 0.5]), torch.tensor([-0.5, 1.0])
    return {
        "plot_with_derivative": plot_with_derivative(
            actfn.tanh, actfn.tanh_derivative, label="하이퍼볼릭 탄젠트(tanh)"
        ),
        "plot_functions": plot_functions({"시그모이드": actfn.sigmoid, "tanh": actfn.tanh}),
        "plot_softmax_scaling": plot_softmax_scaling(torch.tensor([2.0, 1.0, 0.1])),
        "plot_training_curves": plot_training_curves({"렐루": histories, "tanh": histories}),
        "plot_gradient_norms": plot_gradient_norms({"시그모이드": [[1e-6, 1e-3, 1.0]]}),
        "plot_dead_fraction": plot_dead_fraction({"렐루": [dead]}),
        "plot_decision_boundaries": plot_decision_boundaries(models, X, y, ncols=3, steps=20),
        "plot_unit_surfaces": plot_unit_surfaces(
            {
                "보통의 뉴런": lambda x: actfn.silu(x @ w),
                "게이트 유닛": lambda x: (x @ v) * actfn.silu(x @ w),
                "셋째": lambda x: actfn.tanh(x @ v),
            },
            steps=21,
            title="제목",
        ),
    }


def _svg(fig: Figure) -> str:
    """The figure as the book's chapters save it (tight bounding box)."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    return buffer.getvalue()


def _curves(fig: Figure) -> dict[str, tuple[torch.Tensor, torch.Tensor]]:
    """Labelled lines of the (single) axes as {label: (x, y)}; the unlabelled axis lines drop out."""
    (ax,) = fig.axes
    return {
        line.get_label(): (torch.as_tensor(line.get_xdata()), torch.as_tensor(line.get_ydata()))
        for line in ax.get_lines()
        if not line.get_label().startswith("_")
    }


def _autograd_derivative(fn, x: torch.Tensor) -> torch.Tensor:
    x = x.detach().clone().requires_grad_(True)
    fn(x).sum().backward()
    return x.grad


def test_font_file_comes_from_the_installed_wheel() -> None:
    files = hangul_font_files()
    assert any(f.name == "NanumGothic.ttf" for f in files)
    assert all(f.stat().st_size > 100_000 for f in files)


def test_registered_font_is_found_by_matplotlib() -> None:
    assert register_hangul_font() == FONT_FAMILIES
    path = font_manager.findfont(
        font_manager.FontProperties(family="NanumGothic"), fallback_to_default=False
    )
    assert path.endswith("NanumGothic.ttf")


@pytest.mark.parametrize(
    ("fn", "derivative", "reference"),
    [
        (actfn.relu, actfn.relu_derivative, F.relu),
        (actfn.sigmoid, actfn.sigmoid_derivative, torch.sigmoid),
        (actfn.tanh, actfn.tanh_derivative, torch.tanh),
        (actfn.leaky_relu, actfn.leaky_relu_derivative, F.leaky_relu),
    ],
    ids=["relu", "sigmoid", "tanh", "leaky_relu"],
)
def test_plot_with_derivative_draws_the_function_and_its_derivative(fn, derivative, reference):
    fig = plot_with_derivative(fn, derivative, label="함수")
    curves = _curves(fig)
    assert list(curves) == ["함수", "함수의 도함수"]
    x, y = curves["함수"]
    _, dy = curves["함수의 도함수"]
    grid = default_x()
    # The helper evaluates in the input's dtype (float32): compare at float32 tolerance.
    torch.testing.assert_close(x.float(), grid)
    torch.testing.assert_close(y.float(), reference(grid))
    torch.testing.assert_close(dy.float(), _autograd_derivative(reference, grid))


def test_helpers_change_no_rcparams() -> None:
    before = dict(mpl.rcParams)
    for fig in _every_helper().values():
        fig.savefig(io.BytesIO(), format="svg")
        fig.savefig(io.BytesIO(), format="png")
    assert rc_params()["xtick.labelsize"] == FONT_SIZES["small"]  # only returns values
    assert dict(mpl.rcParams) == before


#: At 360 px a figure is 328 px wide, 312 px inside the dark mode's figure card (book.css). It
#: scales as a whole, so its smallest text must be at least 9 CSS px after scaling.
PHONE_FIGURE_PX = 312


@pytest.mark.parametrize("name", sorted(_every_helper()))
def test_figure_text_is_9_css_px_on_a_phone_and_on_the_font_scale(name: str) -> None:
    """Reads the SVG as a browser gets it: glyph groups scale(s -s) with s × 100 = points; the
    viewBox width is the figure's width in points. (tests/test_phone_layout.py measures the
    rendered width in Chromium.)"""
    svg = _svg(_every_helper()[name])
    width = float(re.search(r'viewBox="0 0 ([0-9.]+) ', svg).group(1))
    sizes = {round(float(a) * 100, 3) for a, b in re.findall(r"scale\(([0-9.]+) -([0-9.]+)\)", svg)}
    assert sizes, "no text found in the SVG"
    assert sizes <= set(FONT_SIZES.values()), f"sizes off the font scale: {sorted(sizes)}"
    smallest = min(sizes) * PHONE_FIGURE_PX / width
    assert smallest >= 9.0, f"{name}: {min(sizes)} pt in {width:.0f} pt -> {smallest:.2f} CSS px"


def test_every_helper_draws_with_the_one_palette() -> None:
    """Lines and points come from COLORS; filled regions from their tints (or, for signed
    surfaces, a diverging colour map); nothing else is coloured."""
    from matplotlib.colors import to_hex

    allowed = {c.lower() for c in COLORS} | {tint(c) for c in COLORS}
    neutral = {"#000000", "#ffffff", "#888888", "#333333", "#dddddd"}
    for name, fig in _every_helper().items():
        for ax in fig.axes:
            colours = {to_hex(line.get_color()) for line in ax.get_lines()}
            for collection in ax.collections:
                if collection.get_array() is None:  # a colour-mapped surface has an array
                    colours |= {to_hex(c) for c in collection.get_facecolors()}
            off = colours - allowed - neutral
            assert not off, f"{name}: colours outside the palette {sorted(off)}"


def test_hangul_and_minus_render_without_missing_glyph_warnings() -> None:
    fig = plot_with_derivative(actfn.tanh, actfn.tanh_derivative, label="하이퍼볼릭 탄젠트(tanh)")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" is a UserWarning
        fig.savefig(io.BytesIO(), format="png")
    (ax,) = fig.axes
    assert ax.get_title() == "하이퍼볼릭 탄젠트(tanh)와 도함수"
    assert any("\u2212" in t.get_text() for t in ax.get_xticklabels()), "real minus sign expected"
    used = font_manager.fontManager._find_fonts_by_props(ax.title.get_fontproperties())
    assert any(f.endswith("NanumGothic.ttf") for f in used)


def test_svg_output_is_byte_reproducible() -> None:
    def render() -> bytes:
        buf = io.BytesIO()
        fig = plot_with_derivative(actfn.sigmoid, actfn.sigmoid_derivative, label="시그모이드")
        with mpl.rc_context({"svg.hashsalt": "actfn"}):
            fig.savefig(buf, format="svg", metadata={"Date": None})
        return buf.getvalue()

    first, second = render(), render()
    assert first == second
    assert b"<dc:date>" not in first


def test_plot_functions_draws_each_function_in_order() -> None:
    fig = plot_functions({"시그모이드": actfn.sigmoid, "tanh": actfn.tanh}, title="비교")
    curves = _curves(fig)
    assert list(curves) == ["시그모이드", "tanh"]
    torch.testing.assert_close(curves["tanh"][1].float(), torch.tanh(default_x()))
    assert fig.axes[0].get_title() == "비교"


def test_softmax_scaling_plots_probabilities() -> None:
    logits = torch.tensor([2.0, 1.0, 0.1])
    scales = (0.25, 1.0, 4.0)
    curves = _curves(plot_softmax_scaling(logits, scales=scales))
    assert len(curves) == 3
    probs = torch.stack([y for _, y in curves.values()], dim=1)  # (len(scales), classes)
    for row, c in zip(probs, scales, strict=True):
        torch.testing.assert_close(row, F.softmax(c * logits.double(), dim=0))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: plot_functions({}), "funcs"),
        (lambda: plot_softmax_scaling(torch.zeros(2, 3)), "logits"),
        (lambda: plot_softmax_scaling([1.0, 2.0]), "logits"),
        (lambda: plot_softmax_scaling(torch.ones(3), scales=(1.0, -1.0)), "scales"),
    ],
)
def test_bad_arguments_are_named(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def _relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour like '#0072B2'."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("background", ["#ffffff", "#ebebeb"], ids=["light", "dark-mode-card"])
def test_line_colours_keep_3_to_1_contrast(background: str) -> None:
    """WCAG non-text contrast (3:1) for every plot line, on white and on the figure card as the
    dark theme shows it (dimmed to brightness 0.92: #ebebeb)."""
    bg = _relative_luminance(background)
    for colour in COLORS:
        fg = _relative_luminance(colour)
        ratio = (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05)
        assert ratio >= 3.0, f"{colour} on {background}: {ratio:.2f}:1"


@pytest.mark.parametrize("dimming", [1.0, 0.92], ids=["light", "dark-mode-card"])
def test_class_points_keep_3_to_1_contrast_on_every_region(dimming: float) -> None:
    """Decision-boundary points (COLORS) on any class's region (their tints): a misclassified point
    sits on another class's colour. The dark theme dims the whole figure (brightness 0.92)."""

    def dimmed(colour: str) -> str:
        channels = [round(int(colour[i : i + 2], 16) * dimming) for i in (1, 3, 5)]
        return "#" + "".join(f"{c:02x}" for c in channels)

    for point in COLORS[:MAX_CLASSES]:
        for region in (tint(c) for c in COLORS[:MAX_CLASSES]):
            fg, bg = _relative_luminance(dimmed(point)), _relative_luminance(dimmed(region))
            ratio = (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05)
            assert ratio >= 3.0, f"{point} on {region} (x{dimming}): {ratio:.2f}:1"
