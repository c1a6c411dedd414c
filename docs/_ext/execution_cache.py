"""Keep myst-nb's execution cache honest, and safe for parallel builds.

jupyter-cache keys a notebook on its code cells only (MyST-NB issue #299): editing ``src/`` or
upgrading torch would otherwise serve stale outputs. This extension points ``nb_execution_cache_path``
at a folder named after a fingerprint of everything else an output depends on:

* the files listed in ``execution_cache_inputs`` (the package sources, the pinned dependency set);
* the installed versions of the distributions in ``execution_cache_distributions``.

A change to any of them selects a new, empty cache, so every chapter re-executes. Because the config
value changes, Sphinx also re-reads every document.

It also creates the cache database in the main process before parallel (``-j``) workers start:
otherwise two workers can race to create it (``table nbcache already exists``).

Configuration (conf.py), paths relative to the configuration directory::

    execution_cache_root = "_build/.jupyter_cache"
    execution_cache_inputs = ["src", "requirements/constraints.txt"]
    execution_cache_distributions = ["torch", "numpy", "matplotlib"]
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from jupyter_cache import get_cache
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

logger = logging.getLogger(__name__)

_IGNORED_PARTS = {"__pycache__", ".pytest_cache", ".ipynb_checkpoints"}


def fingerprint(root: Path, inputs: list[str], distributions: list[str]) -> str:
    """A short hex digest of the input files (path + bytes) and installed distribution versions."""
    digest = hashlib.sha256()
    for entry in sorted(inputs):
        path = root / entry
        if not path.exists():
            raise FileNotFoundError(f"execution_cache_inputs: {path} does not exist")
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            if _IGNORED_PARTS.intersection(file.parts) or file.suffix in {".pyc", ".pyo"}:
                continue
            digest.update(file.relative_to(root).as_posix().encode())
            digest.update(b"\0")
            digest.update(file.read_bytes())
            digest.update(b"\0")
    for name in sorted(distributions):
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{name}=={version}\0".encode())
    return digest.hexdigest()[:16]


def _select_cache(app: Sphinx, config: Config) -> None:
    root = Path(app.confdir)
    key = fingerprint(root, config.execution_cache_inputs, config.execution_cache_distributions)
    path = (root / config.execution_cache_root / key).resolve()
    path.mkdir(parents=True, exist_ok=True)
    get_cache(str(path)).db  # noqa: B018 - creates the database now, before any -j worker
    config.nb_execution_cache_path = str(path)
    logger.info("execution cache: %s", path)


def setup(app: Sphinx) -> dict[str, object]:
    app.add_config_value("execution_cache_root", "_build/.jupyter_cache", "env", types=[str])
    app.add_config_value("execution_cache_inputs", [], "env", types=[list])
    app.add_config_value("execution_cache_distributions", [], "env", types=[list])
    # Priority below the default (500) so it runs before myst-nb reads the config at builder-inited.
    app.connect("config-inited", _select_cache, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
