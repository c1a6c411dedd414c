"""The built site, read as files: self-contained, downloads, metadata (issue 6).

Browser checks (network blocked, math rendered, phones, dark mode) are in test_offline_site.py.
"""

from __future__ import annotations

import json
import re
import tomllib
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bookbuild import ROOT

pytestmark = pytest.mark.build

CONF_BASEURL = "https://activation-functions-book.github.io/actfn/"


def _pages(html: Path) -> list[Path]:
    return sorted(p for p in html.glob("*.html"))


def _chapters(html: Path) -> list[Path]:
    return sorted(html.glob("0*.html"))


def _package() -> tuple[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return project["name"], project["version"]


def _baseurl(html: Path) -> str:
    match = re.search(
        r'<link rel="canonical" href="([^"]+)index.html"', (html / "index.html").read_text()
    )
    assert match, "index.html has no canonical link (html_baseurl unset?)"
    return match.group(1)


# -- self-contained ---------------------------------------------------------------------------------

_EXTERNAL_LOAD = re.compile(
    r'<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc="(?:https?:)?//'
    r'|<link\b[^>]*\brel="(?:stylesheet|preload|modulepreload|icon|manifest)"[^>]*\bhref="(?:https?:)?//'
    r'|<link\b[^>]*\bhref="(?:https?:)?//[^"]*"[^>]*\brel="(?:stylesheet|preload|modulepreload|icon)"'
)


def test_no_page_loads_anything_from_another_host(book_html: Path) -> None:
    offenders = {
        page.name: match.group(0)
        for page in _pages(book_html)
        for match in [_EXTERNAL_LOAD.search(page.read_text())]
        if match
    }
    assert not offenders


def test_no_stylesheet_or_script_pulls_from_another_host(book_html: Path) -> None:
    pattern = re.compile(r"""(?:@import\s+url\(|url\()\s*["']?https?://|@import\s+["']https?://""")
    offenders = [
        str(path.relative_to(book_html))
        for path in (book_html / "_static").rglob("*.css")
        if pattern.search(path.read_text(errors="replace"))
    ]
    assert not offenders


def test_heavy_theme_assets_are_not_loaded(book_html: Path) -> None:
    for page in _pages(book_html):
        text = page.read_text()
        assert "fontawesome" not in text, page.name
        assert "cdn.jsdelivr" not in text, page.name
        scripts = re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', text)
        assert not [src for src in scripts if "mathjax" in src.lower()], page.name
        if page.name != "search.html":
            assert "searchindex.js" not in text, page.name


def test_math_is_mathml(book_html: Path) -> None:
    pages_with_math = [p for p in _pages(book_html) if "<math" in p.read_text()]
    assert pages_with_math, "no page has MathML: is html_math_renderer = 'mathml'?"
    for page in _pages(book_html):
        text = page.read_text()
        # MathJax delimiters left in the page would show as raw LaTeX.
        assert not re.search(r'class="math[^"]*"[^>]*>\s*\\[(\[]', text), page.name


def test_icons_are_drawn_by_css(book_html: Path) -> None:
    css = (book_html / "_static" / "icons.css").read_text()
    used = set()
    for page in _pages(book_html):
        used |= set(re.findall(r"\bfa-([a-z0-9-]+)", page.read_text()))
    used -= {"solid", "regular", "brands", "fw", "lg", "sm", "xs", "2x", "width-fixed"}
    assert used
    missing = sorted(name for name in used if f".fa-{name}{{" not in css)
    assert not missing


# -- pages ------------------------------------------------------------------------------------------


def test_every_page_is_korean(book_html: Path) -> None:
    for page in _pages(book_html):
        assert re.search(r'<html[^>]*\blang="ko"', page.read_text()), page.name


def test_every_figure_has_korean_alt_text(book_html: Path) -> None:
    problems = []
    for page in _pages(book_html):
        for tag in re.findall(r"<img\b[^>]*>", page.read_text()):
            alt = re.search(r'\balt="([^"]*)"', tag)
            src = re.search(r'\bsrc="([^"]*)"', tag)
            if not src or "_images/" not in src.group(1):
                continue  # theme furniture (e.g. the module index's +/- toggles)
            text = alt.group(1) if alt else ""
            if not re.search(r"[가-힣]", text) or "_images/" in text or text.endswith(".svg"):
                problems.append(f"{page.name}: {tag[:160]}")
    assert not problems, "figures without Korean alt text:\n" + "\n".join(problems)


def test_figures_are_vector_or_2x(book_html: Path) -> None:
    images = [p for p in (book_html / "_images").glob("*") if p.is_file()]
    assert images
    for image in images:
        assert image.suffix == ".svg", f"{image.name}: raster figure (use SVG, or a 2x PNG)"


def test_404_page(book_html: Path) -> None:
    text = (book_html / "404.html").read_text()
    assert "페이지를 찾을 수 없습니다" in text
    prefix = urlsplit(_baseurl(book_html)).path
    # Links must be absolute: the 404 page is served for URLs at any depth.
    assert f'href="{prefix}_static/' in text
    assert 'href="_static/' not in text


def test_sitemap(book_html: Path) -> None:
    text = (book_html / "sitemap.xml").read_text()
    base = _baseurl(book_html)
    for chapter in _chapters(book_html):
        assert f"<loc>{base}{chapter.name}</loc>" in text
    assert "search.html" not in text
    assert "404.html" not in text


def test_open_graph(book_html: Path) -> None:
    base = _baseurl(book_html)
    for chapter in _chapters(book_html):
        text = chapter.read_text()
        assert f'<meta property="og:url" content="{base}{chapter.name}"' in text
        assert '<meta property="og:title"' in text
        image = re.search(r'<meta property="og:image" content="([^"]+)"', text)
        assert image, chapter.name
        assert image.group(1).startswith(base)
        assert (book_html / image.group(1)[len(base) :]).is_file()


# -- downloads --------------------------------------------------------------------------------------


def _wheel(book_html: Path) -> Path:
    name, version = _package()
    wheel = book_html / "wheels" / f"{name}-{version}-py3-none-any.whl"
    assert wheel.is_file(), f"no wheel at {wheel}"
    return wheel


def test_the_site_ships_the_package_wheel(book_html: Path) -> None:
    name, version = _package()
    with zipfile.ZipFile(_wheel(book_html)) as wheel:
        names = wheel.namelist()
        assert f"{name}/__init__.py" in names
        assert f"{name}/functions.py" in names
        metadata = wheel.read(f"{name}-{version}.dist-info/METADATA").decode()
    assert f"Name: {name}" in metadata
    assert f"Version: {version}" in metadata


def test_every_page_offers_the_wheel(book_html: Path) -> None:
    name, version = _package()
    for page in [*_chapters(book_html), book_html / "index.html"]:
        assert f'href="wheels/{name}-{version}-py3-none-any.whl"' in page.read_text(), page.name


def _notebook(book_html: Path, chapter: Path) -> dict:
    path = book_html / "_sources" / f"{chapter.stem}.ipynb"
    assert path.is_file(), f"{chapter.name}: no executed notebook at {path}"
    return json.loads(path.read_text())


def test_every_chapter_offers_its_notebook_and_source(book_html: Path) -> None:
    for chapter in _chapters(book_html):
        text = chapter.read_text()
        assert f'href="_sources/{chapter.stem}.ipynb"' in text, chapter.name
        assert f'href="_sources/{chapter.stem}.md"' in text, chapter.name
        assert (book_html / "_sources" / f"{chapter.stem}.md").is_file()
        notebook = _notebook(book_html, chapter)
        assert notebook["nbformat"] == 4
        code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
        assert code, chapter.name
        executed = [c for c in code if c.get("outputs")]
        assert executed, f"{chapter.name}: the downloaded notebook has no outputs"


def _install_cells(notebook: dict) -> list[dict]:
    return [
        cell
        for cell in notebook["cells"]
        if cell["cell_type"] == "code" and "skip-execution" in cell["metadata"].get("tags", [])
    ]


def test_install_cells_point_at_this_sites_wheel(book_html: Path) -> None:
    """Wherever a chapter installs the package, the URL is this build's wheel (page and .ipynb)."""
    name, version = _package()
    url = f"{_baseurl(book_html)}wheels/{name}-{version}-py3-none-any.whl"
    found = 0
    for chapter in _chapters(book_html):
        for cell in _install_cells(_notebook(book_html, chapter)):
            source = "".join(cell["source"])
            for reference in re.findall(rf"{name} @ (\S+?\.whl)", source):
                assert reference == url, f"{chapter.name}: {reference}"
                found += 1
        for reference in re.findall(rf"{name} @ (\S+?\.whl)", chapter.read_text()):
            assert reference == url, f"{chapter.name}: {reference}"
    assert found >= len(_chapters(book_html)), "every chapter needs its package install cell"


def test_a_fork_url_is_rewritten(tmp_path: Path) -> None:
    from book_downloads import rewrite_install

    text = '%pip install "actfn @ https://example.org/old/wheels/actfn-0.0.1-py3-none-any.whl"'
    new = rewrite_install(
        text, "actfn", "https://me.github.io/b/wheels/actfn-0.1.0-py3-none-any.whl"
    )
    assert (
        new == '%pip install "actfn @ https://me.github.io/b/wheels/actfn-0.1.0-py3-none-any.whl"'
    )
    other = '%pip install "other @ https://example.org/other-1.0-py3-none-any.whl"'
    assert rewrite_install(other, "actfn", "https://x/y.whl") == other


# -- the downloaded notebook runs for a reader ------------------------------------------------------


def _imports(source: str) -> set[str]:
    import ast

    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _closure(dist: str) -> set[str]:
    from importlib import metadata

    from packaging.requirements import Requirement

    seen, todo = set(), [dist]
    while todo:
        name = todo.pop().lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for line in requires:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen


def test_notebook_imports_are_installed_by_its_install_cell(book_html: Path) -> None:
    """A reader's fresh Jupyter has only what the install cell installs (and its dependencies)."""
    import sys
    from importlib import metadata

    from packaging.requirements import Requirement

    name, _ = _package()
    provided = metadata.packages_distributions()
    # Jupyter itself provides the kernel, IPython and matplotlib-inline.
    base = _closure("ipykernel")
    for chapter in _chapters(book_html):
        notebook = _notebook(book_html, chapter)
        installs = _install_cells(notebook)
        requested = {name}
        for cell in installs:
            for line in "".join(cell["source"]).splitlines():
                if line.lstrip().startswith("%pip install"):
                    for token in line.split()[2:]:
                        token = token.strip("\"'")
                        if (
                            token
                            and not token.startswith("-")
                            and token != "@"
                            and "://" not in token
                        ):
                            requested.add(Requirement(token).name)
        available = set(base)
        for dist in requested:
            available |= _closure(dist)
        missing = set()
        for cell in notebook["cells"]:
            if cell["cell_type"] != "code" or cell in installs:
                continue
            for module in _imports("".join(cell["source"])):
                if module in sys.stdlib_module_names:
                    continue
                dists = {d.lower().replace("_", "-") for d in provided.get(module, [module])}
                if not dists & available:
                    missing.add(module)
        assert installs, f"{chapter.name} has no install cell for the package"
        assert not missing, (
            f"{chapter.name} imports {sorted(missing)}, which its install cell omits"
        )


CHAPTERS = sorted(path.stem for path in (ROOT / "docs").glob("0*.md"))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_downloaded_notebook_runs_top_to_bottom(book_html: Path, chapter: str) -> None:
    """Run a downloaded notebook as a reader would after installing (skip-execution cells skipped)."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.reads((book_html / "_sources" / f"{chapter}.ipynb").read_text(), 4)
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", skip_cells_with_tag="skip-execution"
    )
    client.execute(cwd=str(ROOT / "_build"))
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
        and "raises-exception" not in cell.metadata.get("tags", [])
    ]
    assert not errors
