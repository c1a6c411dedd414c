"""Each check of tests/sitecheck.py fails when its defect is planted on purpose.

A tiny fixture book (one chapter: inline and display math, a printed output, a hidden output, a
figure, a cross-reference, a cell that raises the TypeError its text announces) is built once with
the project's real conf.py. First the clean fixture passes every check, so no check reports
something that is not there. Then each test copies the built site, breaks one thing in the copy
(never in the real book) and asserts that the check meant to catch it names it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bookbuild import make_project_copy
from browser import require
from sitecheck import CHECKS, KNOWN_AXE_VIOLATIONS, KNOWN_VNU_ERRORS, Report, check_site

pytestmark = [pytest.mark.browser, pytest.mark.build]

PAGE = "ch.html"
CONSTRAINTS = "requirements/constraints.txt"

CHAPTER = r"""
시그모이드는 $\sigma(x) = \frac{1}{1 + e^{-x}}$ 입니다. 하이퍼볼릭 탄젠트는 시그모이드로 쓸 수 있습니다.

$$
\tanh(x) = 2\sigma(2x) - 1
$$ (eq-fixture)

식 {eq}`eq-fixture`과 [출력 절](#sec-out)을 보세요.

(sec-out)=
## 출력

```{code-cell} ipython3
print(actfn.relu(torch.tensor([-1.0, 2.0])))
```

```{code-cell} ipython3
:tags: [hide-output]
torch.tensor([1.0, 2.0]) * 3
```

```{code-cell} ipython3
---
mystnb:
  figure:
    caption: 렐루 그래프
    name: fig-fixture-relu
---
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(4, 3))
x = torch.linspace(-3, 3, 61)
ax.plot(x, actfn.relu(x))
ax.set_xlabel("x")
ax.set_ylabel("relu(x)")
plt.show()
```

{numref}`fig-fixture-relu`는 렐루입니다.

`actfn`의 함수에 리스트를 넘기면 `TypeError`가 납니다.

```{code-cell} ipython3
:tags: [raises-exception]
actfn.relu([1.0, -2.0])
```
"""


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture book, built once with the real conf.py (as tests/conftest.py's fixture_book)."""
    book = make_project_copy(tmp_path_factory.mktemp("sitecheck") / "book")
    book.chapter("ch", CHAPTER)
    result = book.build()
    assert result.returncode == 0, f"{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
    return book.root / "_build" / "html"


@pytest.fixture
def browser(browser: object) -> object:
    """The session's Chromium (tests/conftest.py), once axe-core is there too."""
    require("axe-core")
    return browser


@pytest.fixture
def plant(fixture_site: Path, tmp_path: Path) -> Callable[..., Path]:
    """A copy of the fixture site with text replaced: plant(file, (old, new), …) -> site copy."""
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)

    def edit(file: str, *replacements: tuple[str, str], regex: bool = False) -> Path:
        path = site / file
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            if regex:
                text, count = re.subn(old, new, text, count=1, flags=re.S)
            else:
                count = text.count(old)
                text = text.replace(old, new, 1)
            assert count, f"{old!r} is not in {file}: the fixture changed, update the test"
        path.write_text(text, encoding="utf-8")
        return site

    return edit


def run(site: Path, browser: object, check: str, page: str = PAGE) -> list[str]:
    return check_site(site, browser, pages=[page], checks={check}).of(check)


def found(findings: list[str], *words: str) -> bool:
    return any(all(w in f for w in words) for f in findings)


# -- The clean fixture passes every check --------------------------------------------------------------
def test_clean_fixture_passes_every_check(fixture_site: Path, browser: object) -> None:
    require("java", "vnu-jar")
    report: Report = check_site(fixture_site, browser)
    assert PAGE in report.pages
    for check in CHECKS:
        assert not report.of(check), report.summary(check)
    # the theme's and myst-nb's known issues occur here and are tolerated only by their entries
    assert report.tolerated.get(KNOWN_VNU_ERRORS[0][2]), report.tolerated  # <summary><p>
    assert report.tolerated.get(KNOWN_AXE_VIOLATIONS[0][2]), report.tolerated  # search button


def test_fixture_exercises_what_the_checks_look_at(fixture_site: Path) -> None:
    html = (fixture_site / PAGE).read_text(encoding="utf-8")
    for part in (
        "<math",
        'class="cell tag_raises-exception',
        'class="cell tag_hide-output',
        "<figure",
    ):
        assert part in html
    assert (fixture_site / "_sources" / "ch.ipynb").is_file()
    assert re.search(r"<summary[^>]*>\s*<p", html)  # myst-nb's, allow-listed for vnu


# -- load ------------------------------------------------------------------------------------------------
def test_load_reports_console_errors_and_exceptions(plant, browser) -> None:
    site = plant(
        PAGE,
        ("</body>", '<script>console.error("planted console error")</script></body>'),
        ("</body>", '<script>throw new Error("planted exception")</script></body>'),
    )
    findings = run(site, browser, "load")
    assert found(findings, "console error", "planted console error"), findings
    assert found(findings, "uncaught exception", "planted exception"), findings


def test_load_reports_failed_and_external_requests(plant, browser) -> None:
    site = plant(
        PAGE,
        ("</head>", '<link rel="stylesheet" href="_static/planted-missing.css"></head>'),
        ("</head>", '<script src="https://cdn.example.com/planted.js"></script></head>'),
    )
    findings = run(site, browser, "load")
    assert found(findings, "failed request", "planted-missing.css", "404"), findings
    assert found(findings, "blocked", "https://cdn.example.com/planted.js"), findings


# -- images ----------------------------------------------------------------------------------------------
def test_images_reports_missing_alt(plant, browser) -> None:
    site = plant(PAGE, (r'(<figure.*?<img[^>]*?) alt="[^"]*"', r"\1"), regex=True)
    assert found(run(site, browser, "images"), "has no alt text")


def test_images_reports_an_image_that_does_not_load(plant, fixture_site, browser) -> None:
    html = (fixture_site / PAGE).read_text(encoding="utf-8")
    src = re.search(r'<figure.*?<img[^>]*? src="([^"]+)"', html, re.S).group(1)
    site = plant(PAGE)
    (site / src).write_text("<svg not really an image")
    assert found(run(site, browser, "images"), src, "did not load")


# -- math ------------------------------------------------------------------------------------------------
def test_math_reports_raw_tex_and_unconverted_math(plant, browser) -> None:
    site = plant(
        PAGE,
        # A short formula is a bare <math class="math notranslate"> (docs/_ext/mathml.py): either
        # way, the page gets Sphinx's container holding the TeX a renderer did not convert.
        (
            r'(?:<span class="math notranslate">)?<math\b.*?</math>(?:</span>)?',
            r'<span class="math notranslate">\\(\\sigma(x)\\)</span>',
        ),
        regex=True,
    )
    findings = run(site, browser, "math")
    assert found(findings, "raw TeX", r"\(\sigma(x)\)"), findings
    assert found(findings, "not converted to MathML"), findings


def test_math_reports_a_page_without_mathml_whose_source_has_math(plant, fixture_site, browser):
    html = (fixture_site / PAGE).read_text(encoding="utf-8")
    count = html.count("<math")
    site = plant(PAGE, *[(r"<math\b.*?</math>", "x")] * count, regex=True)
    left = (site / PAGE).read_text(encoding="utf-8").count('class="math notranslate"')
    site = plant(PAGE, *[('class="math notranslate"', 'class="formula"')] * left)
    findings = run(site, browser, "math")
    assert found(findings, "the source has math but the page has no <math>"), findings


def test_math_reports_control_characters(plant, browser) -> None:
    # "\approx" typed into a non-raw string becomes BEL + "pprox"
    site = plant(PAGE, (r"(<math[^>]*>)", "\\1<mi>\x07pprox</mi>"), regex=True)
    assert found(run(site, browser, "math"), "U+0007")


def test_math_reports_math_that_is_not_laid_out(plant, browser) -> None:
    site = plant(PAGE, ("</head>", "<style>math { display: inline !important; }</style></head>"))
    assert found(run(site, browser, "math"), "not laid out as MathML")


# -- cells -----------------------------------------------------------------------------------------------
def test_cells_reports_a_missing_output(plant, browser) -> None:
    site = plant(
        PAGE,
        (r'(<div class="cell docutils container">.*?)<div class="cell_output.*?</pre></div>\s*</div>\s*</div>',
         r"\1"),
        regex=True,
    )  # fmt: skip
    findings = run(site, browser, "cells")
    assert found(findings, "cell 2", "the notebook has output, the page shows none"), findings


def test_cells_reports_an_output_hidden_by_css(plant, browser) -> None:
    site = plant(PAGE, ("</head>", "<style>.cell_output { display: none; }</style></head>"))
    findings = run(site, browser, "cells")
    assert found(findings, "cell 2", "not visible"), findings
    assert found(findings, "cell 3", "not visible"), findings  # hidden output, opened by the check


def test_cells_reports_an_output_that_differs_from_the_notebook(plant, browser) -> None:
    site = plant(PAGE, ("tensor([0., 2.])", "tensor([9., 9.])"))
    assert found(run(site, browser, "cells"), "tensor([0., 2.])", "is not shown")


# -- cell_errors -------------------------------------------------------------------------------------------
_STDERR = (
    '<div class="output stderr highlight-myst-ansi notranslate"><div class="highlight"><pre>'
    "UserWarning: planted warning</pre></div></div>"
)


def test_cell_errors_reports_stderr(plant, browser) -> None:
    site = plant(PAGE, (r'(<div class="cell_output docutils container">)', rf"\1{_STDERR}"),
                 regex=True)  # fmt: skip
    assert found(run(site, browser, "cell_errors"), "shows stderr", "planted warning")


def test_cell_errors_reports_a_traceback_in_an_untagged_cell(plant, browser) -> None:
    site = plant(PAGE, ("cell tag_raises-exception", "cell"))
    assert found(run(site, browser, "cell_errors"), "TypeError", "not tagged raises-exception")


def test_cell_errors_reports_the_wrong_exception(plant, browser) -> None:
    site = plant(PAGE, (r"(<span class=\"ne\">)?TypeError(</span>)?: (?=[^<]*\n*</pre>)", "NameError: "),
                 regex=True)  # fmt: skip
    findings = run(site, browser, "cell_errors")
    assert found(findings, "shows 'NameError", "names ['TypeError']"), findings


def test_cell_errors_reports_an_exception_the_text_does_not_announce(plant, browser) -> None:
    # Inline code is one <code> holding its text (docs/_ext/light_code.py: no span per word).
    site = plant(PAGE, ('<code class="docutils literal notranslate">TypeError</code>가', "오류가"))
    assert found(run(site, browser, "cell_errors"), "names no exception type")


# -- links -----------------------------------------------------------------------------------------------
def test_links_reports_missing_targets_and_fragments(plant, browser) -> None:
    site = plant(
        PAGE,
        ('href="#sec-out"', 'href="#planted-nowhere"'),
        ("</article>", '<a href="planted-missing.html">x</a><img src="_images/planted.png" alt="x">'
         '<a href="index.html#planted-no-id">y</a><a href="https://example.org/planted">z</a>'
         "</article>"),
    )  # fmt: skip
    report = check_site(site, None, pages=[PAGE], checks={"links"})
    findings = report.of("links")
    assert found(findings, "#planted-nowhere", "no id 'planted-nowhere'"), findings
    assert found(findings, "planted-missing.html", "does not exist"), findings
    assert found(findings, "_images/planted.png", "does not exist"), findings
    assert found(findings, "index.html#planted-no-id"), findings
    assert "https://example.org/planted" in report.external_links  # listed, not a finding
    assert not found(findings, "example.org")


# -- overflow --------------------------------------------------------------------------------------------
def test_overflow_reports_an_element_wider_than_a_phone(plant, browser) -> None:
    site = plant(
        PAGE, ("</article>", '<div id="planted-wide" style="width: 900px">넓다</div></article>')
    )
    findings = run(site, browser, "overflow")
    assert found(findings, "div#planted-wide", "at 360 px"), findings


def test_overflow_reports_content_cut_off_by_a_clipping_box(plant, browser) -> None:
    # The page does not widen, but the reader never sees the end of the line: what the theme's
    # span.math { overflow: hidden } does to a long inline formula on a phone.
    site = plant(
        PAGE,
        ("</article>", '<div style="overflow: hidden"><span id="planted-cut" style="display: '
         'inline-block; width: 700px">잘린 줄</span></div></article>'),
    )  # fmt: skip
    findings = run(site, browser, "overflow")
    assert found(findings, "content cut off", "span#planted-cut"), findings


# -- lang ------------------------------------------------------------------------------------------------
def test_lang_reports_a_page_not_in_korean(plant, browser) -> None:
    site = plant(PAGE, ('lang="ko"', 'lang="en"'))
    findings = run(site, browser, "lang")
    assert found(findings, '<html lang="en">'), findings  # the file
    assert found(findings, "document language is 'en'"), findings  # the page in the browser


# -- dark mode -------------------------------------------------------------------------------------------
def test_dark_mode_reports_a_switch_that_does_not_switch(plant, browser) -> None:
    site = plant(
        PAGE,
        (
            "</body>",
            """<script>
      new MutationObserver(() => {
        if (document.documentElement.dataset.theme !== "light")
          document.documentElement.dataset.theme = "light";
      }).observe(document.documentElement, {attributes: true});</script></body>""",
        ),
    )
    assert found(run(site, browser, "dark_mode"), 'never set data-theme="dark"')


def test_dark_mode_reports_a_page_that_stays_light(plant, browser) -> None:
    site = plant(PAGE, ("</head>", "<style>html[data-theme=dark] .bd-article, html[data-theme=dark] "
                        "body { background: #fff !important; }</style></head>"))  # fmt: skip
    assert found(run(site, browser, "dark_mode"), "keeps a light page background")


def test_dark_mode_reports_a_figure_that_vanishes_on_a_dark_page(plant, fixture_site, browser):
    # A transparent figure (black text and axes) without the theme's light card behind it.
    html = (fixture_site / PAGE).read_text(encoding="utf-8")
    src = re.search(r'<figure.*?<img[^>]*? src="([^"]+)"', html, re.S).group(1)
    site = plant(PAGE, ("</head>", "<style>html[data-theme=dark] .bd-content img { background: "
                        "transparent !important; padding: 0 !important; }</style></head>"))  # fmt: skip
    svg = site / src
    svg.write_text(re.sub(r"fill: ?#ffffff", "fill: none", svg.read_text()))
    findings = run(site, browser, "dark_mode")
    assert found(findings, src, "loses its marks in dark mode"), findings


# -- axe -------------------------------------------------------------------------------------------------
def test_axe_reports_serious_and_critical_violations(plant, browser) -> None:
    site = plant(PAGE, ("</article>", '<button class="planted"></button>'
                        '<p style="color: #ddd">흐린 글씨</p></article>'))  # fmt: skip
    findings = run(site, browser, "axe")
    assert found(findings, "critical button-name", ".planted"), findings
    assert found(findings, "serious color-contrast"), findings


def test_axe_checks_contrast_in_dark_mode_too(plant, browser) -> None:
    site = plant(PAGE, ("</article>", '<p class="planted-dim">어두운 곳의 어두운 글씨</p></article>'),
                 ("</head>", "<style>html[data-theme=dark] .planted-dim { color: #333; }</style></head>"))  # fmt: skip
    findings = run(site, browser, "axe")
    assert found(findings, "[dark]", "color-contrast", ".planted-dim"), findings
    assert not found(findings, "[light]", ".planted-dim"), findings


# -- html_valid ------------------------------------------------------------------------------------------
def test_html_valid_reports_invalid_html_and_css(plant) -> None:
    require("java", "vnu-jar")
    site = plant(PAGE, ("</article>", '<p id="planted-twice">a</p><p id="planted-twice">b</p>'
                        "<ul><div>planted</div></ul></article>"))  # fmt: skip
    site = plant("_static/book.css", ("/*", ".planted { color: not-a-colour; }\n/*"))
    findings = check_site(site, None, pages=[PAGE], checks={"html_valid"}).of("html_valid")
    assert found(findings, PAGE, "Duplicate ID “planted-twice”"), findings
    assert found(findings, PAGE, "“div” not allowed as child of element “ul”"), findings
    assert found(findings, "_static/book.css", "not-a-colour"), findings
