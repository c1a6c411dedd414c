"""Sphinx configuration for 「활성화 함수」.

Build: ``sphinx-build -n -W --keep-going -b html -c . docs _build/html`` (or ``nox -s docs``).
The configuration lives at the repository root; the sources live in ``docs/``.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "docs" / "_ext"))  # project-local extensions

# -- Project ---------------------------------------------------------------------------------------
project = "활성화 함수"
author = "활성화 함수 책 팀"
copyright = "2026, 활성화 함수 책 팀"
language = "ko"
root_doc = "index"

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
]

exclude_patterns = ["_build", "_ext", "_static", "**.ipynb_checkpoints", "_notes*"]
templates_path = ["docs/_templates"]

# -- Strictness ------------------------------------------------------------------------------------
# Builds run with -n -W --keep-going. Nothing is suppressed; the only tolerated unresolved references
# are types from libraries whose inventories we cannot fetch offline (no intersphinx: no network).
nitpick_ignore_regex = [
    ("py:class", r"(torch|matplotlib|collections\.abc|pathlib)\..*"),
    ("py:class", r"Activation"),
]

# -- MyST and notebook execution -------------------------------------------------------------------
myst_enable_extensions = ["amsmath", "colon_fence", "deflist", "dollarmath"]
myst_heading_anchors = 3

nb_execution_mode = "cache"
nb_execution_raise_on_error = True  # a failing cell fails the build
nb_execution_show_tb = True
nb_execution_timeout = 300
nb_output_stderr = "warn"  # text on stderr becomes a warning, which -W turns into a failure
nb_merge_streams = False

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

# -- Figures, tables, numbering ---------------------------------------------------------------------
numfig = True
numfig_format = {"figure": "그림 %s", "table": "표 %s", "code-block": "코드 %s", "section": "%s절"}

# -- API documentation -----------------------------------------------------------------------------
autodoc_typehints = "description"
autodoc_member_order = "bysource"
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# -- Bibliography ----------------------------------------------------------------------------------
bibtex_bibfiles = ["docs/references.bib"]  # relative to this file
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

# -- HTML ------------------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "활성화 함수"
html_static_path = ["docs/_static"]
html_last_updated_fmt = None  # no build timestamps: two builds of one commit are identical
html_copy_source = True
html_theme_options = {
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_source_button": False,
    "home_page_in_toc": True,
}
