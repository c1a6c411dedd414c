"""Fixture books with the real conf.py: install cells, downloads, the explorer directive, MathML."""

from __future__ import annotations

import json
import tomllib

import pytest
from bookbuild import ROOT

pytestmark = pytest.mark.build

CANONICAL = "https://activation-functions-book.github.io/actfn/wheels/actfn-0.0.9-py3-none-any.whl"
INSTALL_CELL = f"""
```{{code-cell}} ipython3
:tags: [skip-execution]
%pip install "actfn @ {CANONICAL}"
```
"""


def _wheel_name() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return f"{project['name']}-{project['version']}-py3-none-any.whl"


def test_install_cell_points_at_this_builds_wheel(fixture_book, monkeypatch) -> None:
    monkeypatch.setenv("ACTFN_BASEURL", "https://fork.example.org/book/")
    fixture_book.chapter(
        "01-install",
        INSTALL_CELL
        + """
설치한 뒤에는 이렇게 씁니다: $\\sigma(x) = \\frac{1}{1 + e^{-x}}$.

```{code-cell} ipython3
print(1 + 1)
```

```{activation-explorer}
:kind: softmax
:logits: 1, 2, 3
```
""",
        setup=False,
    )
    result = fixture_book.build()
    assert result.returncode == 0, result.stderr[-4000:]
    out = fixture_book.root / "_build" / "html"
    expected = f"actfn @ https://fork.example.org/book/wheels/{_wheel_name()}"
    page = (out / "01-install.html").read_text()
    assert expected in page
    assert CANONICAL not in page
    assert (out / "wheels" / _wheel_name()).is_file()
    notebook = json.loads((out / "_sources" / "01-install.ipynb").read_text())
    sources = ["".join(cell["source"]) for cell in notebook["cells"]]
    assert any(expected in source for source in sources)
    assert any(cell.get("outputs") for cell in notebook["cells"] if cell["cell_type"] == "code")
    assert expected in (out / "_sources" / "01-install.md").read_text()
    # MathML, not MathJax; the explorer's script only where the explorer is.
    assert "<math" in page
    assert "<mfrac>" in page
    assert 'data-kind="softmax"' in page
    assert 'data-logits="1.0,2.0,3.0"' in page
    assert "actfn-explorer.js" in page
    assert "actfn-explorer.js" not in (out / "index.html").read_text()


def test_explorer_rejects_an_unknown_function(fixture_book) -> None:
    fixture_book.chapter(
        "01-bad",
        """
```{activation-explorer}
:functions: relu, swish
```
""",
        setup=False,
    )
    result = fixture_book.build()
    assert result.returncode != 0
    assert "swish" in result.stderr
