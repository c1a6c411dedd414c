"""Figures: alternative text from captions, and lazy loading.

Every figure gets alternative text: a figure image without ``alt`` takes its caption's text.

Chapters give a figure cell a caption (``mystnb: figure: caption``) and, where the caption alone does
not describe the picture, an explicit description (``mystnb: image: alt``). Without either, Sphinx
would write the image's file name as ``alt``, which a screen reader reads out as a hash; this
transform replaces that with the caption. tests/test_offline_site.py checks that no page is left
with a file name or an empty ``alt``.

Every image loads lazily (``loading="lazy"``): a chapter's SVG figures are most of its weight
(bench/pageweight.py) and parsing them is main-thread work; the browser fetches the ones near the
screen at once and the rest as the reader scrolls.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform


class FigureAltFromCaption(SphinxPostTransform):
    default_priority = 400

    def run(self, **kwargs: object) -> None:
        for image in self.document.findall(nodes.image):
            image.setdefault("loading", "lazy")
            if image.get("alt"):
                continue
            figure = image.parent
            while figure is not None and not isinstance(figure, nodes.figure):
                figure = figure.parent
            if figure is None:
                continue
            for caption in figure.findall(nodes.caption):
                text = " ".join(caption.astext().split())
                if text:
                    image["alt"] = text
                break


def register_hangul_font(app: Sphinx, config: object) -> None:
    """Make NanumGothic known to matplotlib in the Sphinx process (for Open Graph social cards).

    The same registration as the chapters' kernels use: actfn.fonts (the font file shipped in the
    koreanize-matplotlib wheel). It fails the build with a clear message when the font is missing,
    instead of drawing Korean titles as boxes.
    """
    from actfn.fonts import register_hangul_font as register

    register()


def setup(app: Sphinx) -> dict[str, object]:
    app.add_post_transform(FigureAltFromCaption)
    app.connect("config-inited", register_hangul_font)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
