"""Colour arithmetic (WCAG): luminance, contrast, and how much of a screenshot is legible."""

from __future__ import annotations

import io
from collections.abc import Iterable

#: Figures in dark mode keep at least this share of the light mode's legible marks.
DARK_LEGIBLE_SHARE = 0.7
#: A mark is legible when its contrast with the figure's background is at least this (WCAG 1.4.11).
MARK_CONTRAST = 3.0


# -- Colour arithmetic (WCAG) ---------------------------------------------------------------------
def _channel(c: float) -> float:
    c = c / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: Iterable[float]) -> float:
    r, g, b = (_channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(l1: float, l2: float) -> float:
    hi, lo = max(l1, l2), min(l1, l2)
    return (hi + 0.05) / (lo + 0.05)


def legible_share(png: bytes) -> float:
    """Share of a screenshot's pixels that contrast >= MARK_CONTRAST with its dominant colour."""
    import numpy as np
    from PIL import Image

    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.float64) / 255
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    lum = lin @ np.array([0.2126, 0.7152, 0.0722])
    values, counts = np.unique(np.round(lum, 3), return_counts=True)
    background = values[np.argmax(counts)]
    ratio = (np.maximum(lum, background) + 0.05) / (np.minimum(lum, background) + 0.05)
    return float((ratio >= MARK_CONTRAST).mean())
