"""A clean build log: with a strict book, any WARNING line in the log must mean something.

Jupyter kernels started over TCP print ``[IPKernelApp] WARNING | Kernel is running over TCP without
encryption`` once per executed notebook. The build starts its kernels over IPC transport instead
(docs/_ext/execution_cache.py): Unix sockets in a private temporary folder, removed after the build.
The kernel's log level is untouched and nothing filters the log.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from bookbuild import FixtureBook

pytestmark = pytest.mark.build

TRANSPORT = """
```{code-cell} ipython3
from ipykernel.kernelapp import IPKernelApp

kernel = IPKernelApp.instance()
print("transport:", kernel.transport, "connection file:", kernel.abs_connection_file)
```
"""


def _warnings(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in (result.stdout + result.stderr).splitlines() if "WARNING" in line]


@pytest.mark.parametrize("parallel", [[], ["-j", "2"]], ids=["serial", "j2"])
def test_build_log_has_no_warning_and_kernels_use_ipc(
    fixture_book: FixtureBook, parallel: list[str]
) -> None:
    fixture_book.chapter("one", TRANSPORT)
    fixture_book.chapter("two", TRANSPORT)
    # A short temporary directory (socket paths are limited to about 100 bytes; tmp_path is long).
    with tempfile.TemporaryDirectory(prefix="ipc") as temp:
        result = fixture_book.build(extra=parallel, env={"TMPDIR": temp})
        assert result.returncode == 0, result.stdout + result.stderr
        assert _warnings(result) == []
        for page in ("one", "two"):
            match = re.search(r"transport: ipc connection file: (\S+)", fixture_book.html(page))
            assert match, page
            assert match.group(1).startswith(temp + "/actfn-k"), match.group(1)
        # The sockets' folder is gone, and with it the sockets and connection files.
        assert list(Path(temp).iterdir()) == []
