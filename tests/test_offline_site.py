"""The built site in headless Chromium with every non-localhost request blocked (issue 6).

Every page loads with no failed or blocked request, math is rendered as MathML (checked in the DOM
and by layout), figures load, icons are drawn, nothing scrolls sideways on a 360 px phone, the
explorer works, copy buttons copy code only, and figure text keeps its contrast in dark mode.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import serve

pytestmark = [pytest.mark.build, pytest.mark.browser]


@pytest.fixture(scope="module")
def site(book_html: Path) -> Iterator[str]:
    """The site served at the path it is published under (html_baseurl), as on GitHub Pages.

    The 404 page links to its assets by absolute path, so serving the site at the root would break
    exactly the page that must work for any URL.
    """
    canonical = re.search(
        r'<link rel="canonical" href="https?://[^/"]+(/[^"]*)index.html"',
        (book_html / "index.html").read_text(),
    )
    prefix = canonical.group(1) if canonical else "/"
    with serve(book_html, prefix) as url:
        yield url.rstrip("/")


class Visit:
    """One page in a fresh context: external requests blocked and recorded, failures recorded."""

    def __init__(self, browser, site: str, **context_args) -> None:
        self.site = site
        self.context = browser.new_context(**context_args)
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        self.page.on(
            "response",
            lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def _route(self, route) -> None:
        url = route.request.url
        origin = "/".join(self.site.split("/")[:3])
        if url.startswith(origin + "/") or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, name: str) -> Visit:
        self.page.goto(f"{self.site}/{name}", wait_until="networkidle")
        return self

    def close(self) -> None:
        self.context.close()


def _pages(book_html: Path) -> list[str]:
    return sorted(p.name for p in book_html.glob("*.html"))


def _chapters(book_html: Path) -> list[str]:
    return sorted(p.name for p in book_html.glob("0*.html"))


def test_every_page_loads_offline(browser, site: str, book_html: Path) -> None:
    problems = {}
    for name in _pages(book_html):
        visit = Visit(browser, site, viewport={"width": 1280, "height": 900}).open(name)
        # The theme logs this when no default mode is stored; it is not an error of ours.
        errors = [e for e in visit.errors if "invalid theme mode" not in e]
        if visit.blocked or visit.failed or errors:
            problems[name] = {"blocked": visit.blocked, "failed": visit.failed, "errors": errors}
        fonts = [u for u in visit.requests if "fontawesome" in u or u.endswith((".woff2", ".woff"))]
        if fonts:
            problems.setdefault(name, {})["fonts"] = fonts
        visit.close()
    assert not problems


def test_math_renders_as_mathml(browser, site: str, book_html: Path) -> None:
    checked = 0
    for name in _pages(book_html):
        if "<math" not in (book_html / name).read_text():
            continue
        visit = Visit(browser, site, viewport={"width": 1280, "height": 900}).open(name)
        result = visit.page.evaluate(
            """() => {
              const maths = [...document.querySelectorAll("article math")];
              const display = maths.map(m => getComputedStyle(m).display);
              const empty = maths.filter(m => {
                const r = m.getBoundingClientRect();
                return m.checkVisibility() && (r.width === 0 || r.height === 0);
              }).length;
              // MathML layout, not text: a fraction is taller than its numerator alone.
              const fracs = [...document.querySelectorAll("article mfrac")].filter(f => f.checkVisibility());
              const stacked = fracs.filter(f =>
                f.getBoundingClientRect().height > 1.5 * f.firstElementChild.getBoundingClientRect().height
              ).length;
              const text = document.querySelector("article").innerText;
              return {n: maths.length, display, empty, fracs: fracs.length, stacked,
                      raw: /\\\\(frac|sigma|begin|mathrm)|\\$\\$/.test(text)};
            }"""
        )
        visit.close()
        assert result["n"] > 0, name
        assert set(result["display"]) <= {"math", "block math", "inline math", "none"}, name
        assert result["empty"] == 0, name
        assert result["stacked"] == result["fracs"], name
        assert not result["raw"], f"{name} shows raw LaTeX"
        checked += 1
    assert checked


def test_figures_load(browser, site: str, book_html: Path) -> None:
    for name in _chapters(book_html):
        visit = Visit(browser, site, viewport={"width": 1280, "height": 900}).open(name)
        images = visit.page.evaluate(
            """async () => {
              const imgs = [...document.querySelectorAll("article img")];
              for (const img of imgs) { img.loading = "eager"; img.scrollIntoView(); await img.decode().catch(() => {}); }
              return imgs.map(i => ({src: i.currentSrc, ok: i.complete && i.naturalWidth > 0, alt: i.alt}));
            }"""
        )
        visit.close()
        assert images, name
        assert all(image["ok"] for image in images), [i for i in images if not i["ok"]]


def test_icons_are_drawn(browser, site: str) -> None:
    visit = Visit(browser, site, viewport={"width": 1280, "height": 900}).open("index.html")
    icons = visit.page.evaluate(
        """() => [...document.querySelectorAll("i.fa-solid, i.fas")].filter(i => i.checkVisibility())
              .map(i => { const s = getComputedStyle(i, "::before");
                          return {cls: i.className, mask: s.maskImage || s.webkitMaskImage,
                                  w: parseFloat(s.width), h: parseFloat(s.height)}; })"""
    )
    visit.close()
    assert icons
    for icon in icons:
        assert icon["mask"].startswith('url("data:image/svg+xml'), icon
        assert icon["w"] > 4, icon
        assert icon["h"] > 4, icon


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_horizontal_scrolling_on_a_phone(browser, site: str, book_html: Path, scheme) -> None:
    wide = {}
    for name in _pages(book_html):
        visit = Visit(
            browser, site, viewport={"width": 360, "height": 740}, color_scheme=scheme
        ).open(name)
        width = visit.page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[name] = width
        visit.close()
    assert not wide


def test_search_works_from_a_chapter(browser, site: str, book_html: Path) -> None:
    """Chapter pages no longer load the search index; the search dialog still finds pages."""
    chapter = _chapters(book_html)[0]
    visit = Visit(browser, site, viewport={"width": 1280, "height": 900}).open(chapter)
    visit.page.keyboard.press("Control+k")
    visit.page.locator("#pst-search-dialog input[name=q]").fill("시그모이드")
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_url("**/search.html?q=*")
    visit.page.wait_for_selector("#search-results li", timeout=15000)
    assert visit.page.locator("#search-results li").count() > 0
    visit.close()


def test_copy_button_copies_code_only(browser, site: str, book_html: Path) -> None:
    visit = Visit(
        browser,
        site,
        viewport={"width": 1280, "height": 900},
        permissions=["clipboard-read", "clipboard-write"],
    ).open("api.html")
    page = visit.page
    # Doctest examples: prompts and printed results stay behind.
    block = page.locator("div.highlight-pycon, div.doctest").filter(has_text=">>>").first
    block.hover()
    block.locator("button.copybtn").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip()
    assert ">>>" not in copied
    assert "tensor(" not in copied.split("\n")[-1] or "=" in copied.split("\n")[-1]
    lines = block.inner_text().splitlines()
    outputs = [line for line in lines if line.strip() and not line.startswith((">>>", "..."))]
    assert not any(out.strip() and out.strip() in copied.splitlines() for out in outputs)
    visit.close()
    # Notebook cells: the input has a copy button, the output has none.
    chapter = _chapters(book_html)[0]
    visit = Visit(browser, site, viewport={"width": 1280, "height": 900}).open(chapter)
    counts = visit.page.evaluate(
        """() => ({inputs: document.querySelectorAll(".cell_input button.copybtn").length,
                   outputs: document.querySelectorAll(".cell_output button.copybtn").length})"""
    )
    visit.close()
    assert counts["inputs"] > 0
    assert counts["outputs"] == 0


def test_explorer_updates_with_the_sliders(browser, site: str, book_html: Path) -> None:
    pages = [p.name for p in book_html.glob("*.html") if "actfn-explorer" in p.read_text()]
    pages = [p for p in pages if 'class="actfn-explorer"' in (book_html / p).read_text()]
    if not pages:
        pytest.fail("no page uses {activation-explorer} (docs/explorer.md should)")
    visit = Visit(browser, site, viewport={"width": 1280, "height": 900}).open(pages[0])
    page = visit.page
    functions = page.locator('.actfn-explorer[data-kind="functions"]').first
    rows = functions.locator("tbody tr")
    assert rows.count() >= 2

    def value(row: int, col: int) -> str:
        return rows.nth(row).locator("td").nth(col).inner_text()

    x = functions.locator('input[type="range"]').first
    x.fill("-2")
    x.dispatch_event("input")
    assert value(0, 0) == "0.0000"  # ReLU(-2)
    assert value(0, 1) == "0.0000"
    x.fill("1.5")
    x.dispatch_event("input")
    assert value(0, 0) == "1.5000"
    assert value(0, 1) == "1.0000"
    softmax = page.locator('.actfn-explorer[data-kind="softmax"]').first
    before = softmax.locator(".value").first.inner_text()
    temperature = softmax.locator('input[type="range"]').last
    temperature.fill("0.1")
    temperature.dispatch_event("input")
    after = softmax.locator(".value").first.inner_text()
    assert before != after
    assert after == "1.0000"  # T → 0 puts everything on the largest logit
    visit.close()


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def figure_contrast(png: bytes) -> dict[str, float]:
    """Contrast of a figure's text (its darkest ink) against its background (the commonest colour)."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 24)
    background = max(colours)[1]
    ink = min((c for _, c in colours), key=_luminance)
    return {"text": contrast(ink, background), "background": background, "ink": ink}


def test_figure_text_contrast(browser, site: str, book_html: Path) -> None:
    """Figure text stays readable against what surrounds it, on the light and the dark page."""
    chapter = next(n for n in _chapters(book_html) if "<img" in (book_html / n).read_text())
    results = {}
    for scheme in ("light", "dark"):
        visit = Visit(
            browser, site, viewport={"width": 1280, "height": 900}, color_scheme=scheme
        ).open(chapter)
        image = visit.page.locator("article img").first
        image.scroll_into_view_if_needed()
        # Figures are lazy-loaded: scrolling starts the load, the screenshot must wait for the pixels.
        image.evaluate(
            "img => (img.complete ? Promise.resolve() : new Promise(done =>"
            " img.addEventListener('load', done, {once: true}))).then(() => img.decode())"
        )
        page_background = visit.page.evaluate(
            "getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number)"
        )
        shot = figure_contrast(image.screenshot())
        shot["card_vs_page"] = contrast(tuple(shot["background"]), tuple(page_background))
        results[scheme] = shot
        visit.close()
    for scheme, shot in results.items():
        assert shot["text"] >= 7, (scheme, shot)  # WCAG AAA for text
    # In dark mode the figure is a light card: it must stand out from the dark page.
    assert results["dark"]["card_vs_page"] >= 3, results
