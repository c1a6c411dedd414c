"""The build is strict: each test plants one fault in a small book built with the real conf.py.

A control test first shows the same harness builds a clean book, so a failure below is caused by the
planted fault and nothing else.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap

import pytest
from bookbuild import ROOT, FixtureBook
from bs4 import BeautifulSoup

pytestmark = pytest.mark.build

CLEAN = """
```{code-cell} ipython3
print(actfn.relu(torch.tensor([-1.0, 2.0])))
```
"""


def _log(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


def test_clean_fixture_builds(fixture_book: FixtureBook) -> None:
    fixture_book.chapter("clean", CLEAN)
    result = fixture_book.build()
    assert result.returncode == 0, _log(result)
    assert "tensor([0., 2.])" in fixture_book.html("clean")


def test_kernels_compute_with_one_thread(fixture_book: FixtureBook) -> None:
    """conf.py's execution_kernel_env reaches the notebook kernels: outputs do not depend on the
    core count of the machine that builds the book (torch would otherwise use one thread per core)."""
    fixture_book.chapter(
        "threads",
        "```{code-cell} ipython3\nimport os\n"
        "print('threads:', torch.get_num_threads(), os.environ.get('OMP_NUM_THREADS'))\n```\n",
    )
    result = fixture_book.build()
    assert result.returncode == 0, _log(result)
    assert "threads: 1 1" in fixture_book.html("threads")


def test_failing_cell_fails_the_build(fixture_book: FixtureBook) -> None:
    fixture_book.chapter("broken", "```{code-cell} ipython3\n1 / 0\n```\n")
    result = fixture_book.build()
    assert result.returncode != 0
    assert "ZeroDivisionError" in _log(result)


@pytest.mark.parametrize(
    "code",
    [
        "import sys\nprint('경고: 무언가 이상합니다', file=sys.stderr)",
        "import warnings\nwarnings.warn('deprecated thing', DeprecationWarning, stacklevel=1)",
    ],
    ids=["print-to-stderr", "python-warning"],
)
def test_stderr_from_a_cell_fails_the_build(fixture_book: FixtureBook, code: str) -> None:
    fixture_book.chapter("noisy", f"```{{code-cell}} ipython3\n{code}\n```\n")
    result = fixture_book.build()
    assert result.returncode != 0
    assert "stderr" in _log(result).lower()


def test_wrong_doctest_block_fails_the_doctest_build(fixture_book: FixtureBook) -> None:
    fixture_book.chapter(
        "doctests",
        """
        ```{doctest}
        >>> import torch, actfn
        >>> actfn.relu(torch.tensor([-1.0, 2.0]))
        tensor([0., 3.])
        ```
        """,
        setup=False,
    )
    result = fixture_book.build("doctest", builder="doctest")
    assert result.returncode != 0
    assert "1 failure" in _log(result)


def test_wrong_docstring_example_fails_pytest_doctest(fixture_book: FixtureBook) -> None:
    """Change one printed digit in a real docstring example of the package: pytest must fail."""
    module = fixture_book.root / "src" / "actfn" / "functions.py"
    text = module.read_text()
    assert "0.7311" in text, "the sigmoid docstring should show the seed's example output"
    module.write_text(text.replace("0.7311", "0.7312", 1))
    pkg = fixture_book.root / "src" / "actfn"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--doctest-modules",
            "-p",
            "no:cacheprovider",
            "-q",
            "-c",
            str(ROOT / "pyproject.toml"),
            "--rootdir",
            str(fixture_book.root),
            str(pkg),
        ],
        capture_output=True,
        text=True,
        cwd=fixture_book.root,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(fixture_book.root / "src")},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "0.7312" in result.stdout


def test_editing_src_reexecutes_and_changes_the_output(fixture_book: FixtureBook) -> None:
    """jupyter-cache keys on code cells only; our cache fingerprint must still notice src/ edits."""
    fixture_book.chapter("prints", CLEAN)
    first = fixture_book.build()
    assert first.returncode == 0, _log(first)
    assert "tensor([0., 2.])" in fixture_book.html("prints")

    # The same chapter, unchanged; only the package's relu changes (appended redefinition).
    module = fixture_book.root / "src" / "actfn" / "functions.py"
    module.write_text(
        module.read_text()
        + textwrap.dedent(
            """

        def relu(x):  # planted edit: a different relu
            return x * 0 + 42
        """
        )
    )
    second = fixture_book.build()
    assert second.returncode == 0, _log(second)
    html = fixture_book.html("prints")
    assert "tensor([42., 42.])" in html
    assert "tensor([0., 2.])" not in html


#: A cell whose stdout reaches the build in one chunk or two, depending on timing: the kernel
#: flushes stdout every 0.2 s, so a pause between the prints sends them as two stream messages.
TIMED_PRINTS = """
```{code-cell} ipython3
import os
import time

print("첫째 줄")
time.sleep(float(os.environ.get("ACTFN_TEST_PAUSE", "0")))
print("둘째 줄")
```
"""


def _cell_outputs(html: str) -> list[str]:
    """The rendered markup of every code cell's outputs, in page order."""
    soup = BeautifulSoup(html, "html.parser")
    return [str(output) for output in soup.select("div.cell_output")]


def test_cold_builds_are_byte_identical(fixture_book: FixtureBook) -> None:
    """Two cold builds (separate caches) give identical pages, identical cell-output markup and
    identical figure files, even when the kernel's stdout arrives in differently timed chunks."""
    fixture_book.chapter(
        "repro",
        textwrap.dedent(
            """
        ```{code-cell} ipython3
        torch.manual_seed(0)
        print(torch.randn(3))
        ```

        ```{code-cell} ipython3
        from actfn.plotting import plot_with_derivative
        plot_with_derivative(actfn.sigmoid, actfn.sigmoid_derivative, label="시그모이드")
        ```
        """
        )
        + TIMED_PRINTS,
    )
    builds = []
    for out, pause in (("a", "0"), ("b", "1")):
        cache = fixture_book.root / "_build" / ".jupyter_cache"
        shutil.rmtree(cache, ignore_errors=True)
        result = fixture_book.build(out, env={"ACTFN_TEST_PAUSE": pause})
        assert result.returncode == 0, _log(result)
        builds.append(fixture_book.root / "_build" / out)
    a, b = builds

    def files(root):
        images = root / "_images"
        return sorted(p.relative_to(images) for p in images.rglob("*") if p.is_file())

    images = files(a)
    assert any(p.suffix == ".svg" for p in images), "the figure cell produced no image"
    assert images == files(b)
    for name in images:
        assert (a / "_images" / name).read_bytes() == (b / "_images" / name).read_bytes(), name
    page_a, page_b = (a / "repro.html").read_text(), (b / "repro.html").read_text()
    outputs_a, outputs_b = _cell_outputs(page_a), _cell_outputs(page_b)
    assert len(outputs_a) == 3
    differ = [(x, y) for x, y in zip(outputs_a, outputs_b, strict=True) if x != y]
    assert not differ, "cell outputs rendered differently:\n" + "\n---\n".join(
        f"{x}\n  vs\n{y}" for x, y in differ
    )
    # The two prints are one output box, whichever way they arrived.
    timed = BeautifulSoup(outputs_a[-1], "html.parser")
    assert len(timed.select("pre")) == 1, outputs_a[-1]
    assert page_a == page_b
    assert re.search(r"<svg|\.svg", page_a)
