"""Sphinx configuration for 「활성화 함수」.

Build: ``sphinx-build -n -W --keep-going -b html -c . docs _build/html`` (or ``nox -s docs``).
The configuration lives at the repository root; the sources live in ``docs/``.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "docs" / "_ext"))  # project-local extensions

# -- Project ---------------------------------------------------------------------------------------
project = "활성화 함수"
author = "활성화 함수 책 팀"
copyright = "2026, 활성화 함수 책 팀"
language = "ko"

# -- Extensions ------------------------------------------------------------------------------------
extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx_copybutton",
    "sphinx_exercise",
    "sphinx_togglebutton",  # collapsible exercise solutions (:class: dropdown)
    "sphinxcontrib.bibtex",
    "execution_cache",  # docs/_ext/execution_cache.py
    "ko_search",  # docs/_ext/ko_search.py: Korean search language
    # Reader experience (issue 6): offline, light pages, downloads, explorer. docs/_ext/*.py
    "mathml",  # math as MathML at build time: no MathJax, no CDN
    "site_icons",  # the theme's icons as CSS masks instead of fontawesome.js
    "site_assets",  # head scripts load with defer: they no longer block the first paint
    "light_code",  # code blocks without a <span> for tokens drawn in the plain text colour
    "book_downloads",  # .ipynb download, the package's wheel, install cells pointing at it
    "book_provenance",  # "torch X로 실행해 얻은 출력 · date" under each chapter title
    "book_figures",  # figure alt text from captions
    "book_tables",  # column names on table cells: rows become cards on phones
    "activation_explorer",  # {activation-explorer} in-page widget
    "ko_typography",  # particles after numbers, doubled labels, e-notation, bold + particle
    "book_pdf",  # -b singlehtml: the whole book on one page, print style (nox -s pdf)
    "notfound.extension",  # 404.html
    "site_sitemap",  # sitemap.xml of every page (sphinx-sitemap forgets unchanged pages)
    "sphinxext.opengraph",  # Open Graph meta tags
]

exclude_patterns = ["_build", "_ext", "_static", "**.ipynb_checkpoints", "_notes*"]
templates_path = ["docs/_templates"]

# -- Strictness ------------------------------------------------------------------------------------
# Builds run with -n -W --keep-going. Nothing is suppressed; the only tolerated unresolved references
# are types from libraries whose inventories we cannot fetch offline (no intersphinx: no network).
nitpick_ignore_regex = [
    ("py:class", r"(torch|matplotlib|collections\.abc|pathlib)\..*"),
    ("py:class", r"(Activation|ActivationLike|Init)"),  # type aliases in signatures
]

# -- MyST and notebook execution -------------------------------------------------------------------
myst_enable_extensions = ["amsmath", "colon_fence", "deflist", "dollarmath"]
myst_heading_anchors = 3

nb_execution_mode = "cache"
nb_execution_raise_on_error = True  # a failing cell fails the build
nb_execution_show_tb = True
nb_execution_timeout = 300
nb_output_stderr = "warn"  # text on stderr becomes a warning, which -W turns into a failure
# The kernel sends stdout in chunks whose boundaries depend on timing: merged, a cell's prints are
# one output box in every build (tests/test_build_strictness.py builds twice to check).
nb_merge_streams = True
nb_code_prompt_show = "펼쳐 보기"  # hidden code or outputs (the default is English)
nb_code_prompt_hide = "접기"

# Outputs depend on more than the code cells: execution_cache.py folds these into the cache path.
execution_cache_root = "_build/.jupyter_cache"
execution_cache_inputs = ["src", "requirements/constraints.txt", "pyproject.toml"]
execution_cache_distributions = [
    "torch",
    "numpy",
    "matplotlib",
    "ipykernel",
    "koreanize-matplotlib",
]
execution_cache_keep = 3  # the most recently used cache folders kept; older ones are deleted
# Notebook kernels compute with one thread: outputs do not depend on the core count of the machine
# that builds the book, and the two kernels of a -j 2 build do not oversubscribe two cores.
execution_kernel_env = {"OMP_NUM_THREADS": "1"}

# -- Figures, tables, numbering ---------------------------------------------------------------------
numfig = True
numfig_format = {"figure": "그림 %s", "table": "표 %s", "code-block": "코드 %s", "section": "%s절"}

# -- API documentation -----------------------------------------------------------------------------
autodoc_typehints = "description"
autodoc_member_order = "bysource"
napoleon_numpy_docstring = False  # Google style only
napoleon_custom_sections = ["Shape"]  # PyTorch-style "Shape:" section

# -- Bibliography ----------------------------------------------------------------------------------
bibtex_bibfiles = ["docs/references.bib"]  # relative to this file
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

# -- HTML ------------------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "활성화 함수"
html_static_path = ["docs/_static"]
html_domain_indices = False  # no py-modindex.html: the API pages list the modules (docs/api.md)
html_theme_options = {
    # The navigation lists pages, not their sub-pages: api.md's own contents lists the API pages, and
    # the theme's expand toggle for sub-pages is an unlabelled <summary> (axe: summary-name).
    "max_navbar_depth": 1,
    "show_toc_level": 2,
    # The download button (on by default) offers .ipynb (book_downloads), .md, .pdf and the wheel.
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    # The theme's author line reads "By <author>", which Sphinx's Korean catalogue renders as
    # "으로 <author>"; the copyright line already names the team.
    "footer_content_items": ["copyright.html", "extra-footer.html"],
}
# Colour mode follows the reader's system until they pick one. Unset, the theme's first-visit script
# logs "Got invalid theme mode" as a console error on every page (tests/test_site_browser.py).
html_context = {"default_mode": "auto"}

# -- Reader experience: self-contained, light, offline (issue 6) -----------------------------------
# Where the site is published. Sitemap, Open Graph, the 404 page's links and the install cells'
# wheel URL derive from it. Override for a fork or a preview: ACTFN_BASEURL=https://…/ nox -s docs
html_baseurl = os.environ.get("ACTFN_BASEURL", "https://activation-functions-book.github.io/actfn/")
html_math_renderer = "mathml"  # docs/_ext/mathml.py; bench/pageweight.py measured the alternative
html_css_files = ["book.css"]  # system Korean fonts, keep-all line breaking, phones, dark figures
# The reader's controls (colour mode, menus, search, sidebars, contents highlight) without the
# theme's bootstrap.js and pydata-sphinx-theme.js, whose start-up forced layouts of the whole page
# (issue 14; docs/_templates/layout.html no longer loads them).
html_css_files += ["book-ui.css"]
html_js_files = ["book-ui.js"]
html_favicon = "docs/_static/favicon.svg"
html_sourcelink_suffix = ""  # _sources/<page>.md, not .md.txt
html_permalinks_icon = "#"
# docs/_templates/layout.html drops fontawesome.js and the search scripts from ordinary pages;
# site_icons draws these icons (a build warning names any icon a page uses that is missing here).
site_icons = [
    "magnifying-glass", "bars", "list", "outdent", "arrow-up", "angle-left", "angle-right",
    "sun", "moon", "circle-half-stroke", "download", "file", "file-pdf", "code", "box-archive",
    "expand", "compress", "xmark", "chevron-down",
]  # fmt: skip

# Copy buttons copy the code only: no ">>> " / "... " / "$ " prompts, no doctest output lines, and
# cell outputs get no button at all.
copybutton_selector = "div.highlight pre:not(.cell_output pre)"
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_exclude = ".linenos, .gp, .go"
# The copy icon: an empty <svg> named in Korean (copybutton has no Korean), drawn by book.css as a
# CSS mask of tabler's copy icon. sphinx-copybutton's own draws a bounding path, a rect and a path:
# every element is paid per code block on every page (issue 14).
copybutton_image_svg = (
    '<svg xmlns="http://www.w3.org/2000/svg" class="icon icon-tabler icon-tabler-copy" '
    'role="img" aria-label="클립보드에 복사"></svg>'
)

# 404 page with absolute links (GitHub Pages serves it for any missing path under the site).
notfound_urls_prefix = urlsplit(html_baseurl).path or "/"
notfound_context = {
    "title": "페이지를 찾을 수 없습니다",
    "body": (
        "<h1>페이지를 찾을 수 없습니다</h1>\n"
        "<p>주소가 바뀌었거나 없는 페이지입니다. 왼쪽 목차나 검색으로 찾아 보세요.</p>"
    ),
}

# Open Graph. The generated social cards draw the title with matplotlib: give them a Hangul font
# (NanumGothic, shipped by koreanize-matplotlib; book_figures registers it with matplotlib) so Korean
# titles are not boxes.
ogp_site_url = html_baseurl
ogp_site_name = project
ogp_type = "book"
ogp_social_cards = {"enable": True, "font": "NanumGothic"}
