"""Keep myst-nb's execution cache honest, and safe for parallel builds.

jupyter-cache keys a notebook on its code cells only (MyST-NB issue #299): editing ``src/`` or
upgrading torch would otherwise serve stale outputs. This extension points ``nb_execution_cache_path``
at a folder named after a fingerprint of everything else an output depends on:

* the files listed in ``execution_cache_inputs`` (the package sources, the pinned dependency set);
* the installed versions of the distributions in ``execution_cache_distributions``;
* the environment variables in ``execution_kernel_env``, which are also set for the notebook kernels
  (the book uses ``OMP_NUM_THREADS=1``: see conf.py).

A change to any of them selects a new, empty cache, so every chapter re-executes. Because the config
value changes, Sphinx also re-reads every document.

It also creates the cache database under a file lock, in the main process, before parallel (``-j``)
workers start: otherwise two processes can race to create it (``table nbcache already exists``).

Every src/ edit makes a new folder, so old ones are pruned: the ``execution_cache_keep`` most recently
used folders stay (switching back to a recent state re-executes nothing), and so does any folder used
within the last hour (another build may be reading it); the rest are deleted.

With ``-j N`` (N > 1), the notebooks that are about to be read and are not cached yet are executed
first, N at a time and the longest first, into the cache (myst-nb's own reader and cache client, so
the cache keys are identical); Sphinx's parallel readers then only read cached outputs. Sphinx hands each reader a
contiguous slice of the sorted pages, so without this one slice holds all the chapters and a heavy
chapter serialises the build. A notebook that fails here is simply left uncached: the normal read
executes it again and reports the failure as usual.

Kernels talk to the build over IPC transport (Unix sockets) instead of TCP ports on localhost: no
port another local user could connect to, and no ``Kernel is running over TCP without encryption``
warning per notebook in the build log, so that a WARNING line in a strict build always means
something. myst-nb passes no kernel-manager settings through, so both its executor and the
pre-execution above get :class:`IPCKernelManager` as nbclient's ``kernel_manager_class`` (the
keyword arguments of jupyter-cache's ``single_nb_execution`` go to nbclient's ``NotebookClient``).
The sockets and connection files live in a short private folder in the system's temporary
directory (a socket path has a limit of about 100 bytes), removed when the build finishes.

Configuration (conf.py), paths relative to the configuration directory::

    execution_cache_root = "_build/.jupyter_cache"
    execution_cache_inputs = ["src", "requirements/constraints.txt"]
    execution_cache_distributions = ["torch", "numpy", "matplotlib"]
    execution_cache_keep = 3
    execution_kernel_env = {"OMP_NUM_THREADS": "1"}
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import Any

import myst_nb.core.execute.cache
import myst_nb.core.execute.direct
from jupyter_cache import get_cache
from jupyter_client import AsyncKernelManager
from myst_nb.core.execute import create_client
from myst_nb.core.read import create_nb_reader
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from traitlets import default

logger = logging.getLogger(__name__)

_IGNORED_PARTS = {"__pycache__", ".pytest_cache", ".ipynb_checkpoints"}


def fingerprint(
    root: Path,
    inputs: list[str],
    distributions: list[str],
    kernel_env: dict[str, str] | None = None,
) -> str:
    """A short hex digest of the input files (path + bytes), installed distribution versions and
    the environment variables given to the notebook kernels."""
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
    for name, value in sorted((kernel_env or {}).items()):
        digest.update(f"env {name}={value}\0".encode())
    return digest.hexdigest()[:16]


def ensure_cache(path: Path, keep: int | None = None) -> list[Path]:
    """Create the jupyter-cache folder and database once, even if several builds start together;
    mark it as just used and, if ``keep`` is given, prune old sibling folders (:func:`prune`).
    Returns the folders that were deleted."""
    path.mkdir(parents=True, exist_ok=True)
    with (path.parent / ".create.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            get_cache(str(path)).db  # noqa: B018 - the property creates the tables
            os.utime(path)  # "last used": what pruning goes by
            return [] if keep is None else prune(path.parent, keep)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def prune(root: Path, keep: int, *, in_use_seconds: float = 3600.0) -> list[Path]:
    """Delete the cache folders under ``root`` except the ``keep`` most recently used ones and any
    used within the last ``in_use_seconds`` (a build that started then may still read it)."""
    folders = [p for p in root.iterdir() if p.is_dir() and (p / "global.db").is_file()]
    folders.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    now = time.time()
    removed = []
    for folder in folders[max(keep, 1) :]:
        if now - folder.stat().st_mtime >= in_use_seconds:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _select_cache(app: Sphinx, config: Config) -> None:
    root = Path(app.confdir)
    # Kernels are started by this process later and inherit its environment.
    os.environ.update(config.execution_kernel_env)
    key = fingerprint(
        root,
        config.execution_cache_inputs,
        config.execution_cache_distributions,
        config.execution_kernel_env,
    )
    path = (root / config.execution_cache_root / key).resolve()
    removed = ensure_cache(path, keep=config.execution_cache_keep)
    config.nb_execution_cache_path = str(path)
    logger.info("execution cache: %s", path)
    if removed:
        logger.info("execution cache: removed %d old folder(s)", len(removed))


class _QuietLogger:
    """myst-nb's client logs through this during pre-execution: nothing reaches -W from here."""

    def _log(self, msg: object, *args: object, **kwargs: object) -> None:
        logger.verbose("pre-execution: %s", msg)

    debug = info = warning = error = critical = _log


def _execute(env: BuildEnvironment, docname: str) -> None:
    path = env.doc2path(docname)
    text = Path(path).read_text(encoding="utf-8")
    reader = create_nb_reader(str(path), env.myst_config, env.mystnb_config, text)
    if reader is None:
        return
    notebook = reader.read(text)
    if env.mystnb_config.metadata_key in notebook.metadata:
        return  # per-notebook overrides: leave it to the normal read
    try:
        with create_client(notebook, str(path), env.mystnb_config, _QuietLogger(), reader.read_fmt):
            pass  # entering the client executes the notebook into the cache, or finds it there
    except Exception as error:  # the normal read re-executes it and reports the failure
        logger.verbose("pre-execution of %s failed: %s", docname, error)


def _longest_first(env: BuildEnvironment, docnames: list[str]) -> list[str]:
    """Order notebooks by expected execution time, longest first (so the heaviest chapter does not
    start last and finish alone). The estimate is the time recorded for the same notebook in any
    earlier cache folder; a notebook never executed before is estimated from its size, at the
    seconds per byte of the ones that were."""
    root = Path(env.mystnb_config.execution_cache_path).parent
    recorded: dict[str, float] = {}
    for folder in sorted(root.glob("*/"), key=lambda p: p.stat().st_mtime):  # newest wins
        if (folder / "global.db").is_file():
            for record in get_cache(str(folder)).list_cache_records():
                if seconds := record.data.get("execution_seconds"):
                    recorded[record.uri] = seconds
    paths = {name: str(env.doc2path(name)) for name in docnames}
    sizes = {name: Path(path).stat().st_size for name, path in paths.items()}
    known = [name for name in docnames if paths[name] in recorded]
    per_byte = (
        sum(recorded[paths[n]] for n in known) / sum(sizes[n] for n in known) if known else 1.0
    )

    def estimate(name: str) -> float:
        return recorded.get(paths[name], sizes[name] * per_byte)

    return sorted(docnames, key=lambda name: (-estimate(name), name))


def _pre_execute(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if app.parallel <= 1 or env.mystnb_config.execution_mode != "cache":
        return
    order = _longest_first(env, docnames)
    with ThreadPoolExecutor(max_workers=app.parallel) as pool:
        list(pool.map(lambda docname: _execute(env, docname), order))


# -- Kernels over IPC transport ------------------------------------------------------------------
#: Longest socket folder path used as is; a Unix socket path holds about 100 bytes in all.
_SHORT_ENOUGH = 60
_sockets: dict[str, Path] = {}  # "dir": the folder of this build (set by _open_socket_dir)


class IPCKernelManager(AsyncKernelManager):
    """nbclient's default kernel manager, with the kernel on Unix sockets in the build's socket
    folder: ``<folder>/k1a2b3c4d.json`` (the connection file) and ``<folder>/k1a2b3c4d-ipc-<n>``."""

    @default("transport")
    def _default_transport(self) -> str:
        return "ipc"

    @default("connection_file")
    def _default_connection_file(self) -> str:
        # The sockets are named after the connection file (jupyter_client's default ip for ipc).
        return str(_sockets["dir"] / f"k{uuid.uuid4().hex[:8]}.json")


def _with_ipc_kernels(execute: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(execute)
    def run(*args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("kernel_manager_class", IPCKernelManager)
        return execute(*args, **kwargs)

    run.ipc_kernels = True  # type: ignore[attr-defined]
    return run


def _open_socket_dir(app: Sphinx, config: Config) -> None:
    """Make the socket folder and route myst-nb's executions (cache and direct modes, which the
    pre-execution shares) through :class:`IPCKernelManager`."""
    temp = tempfile.gettempdir()
    _sockets["dir"] = Path(
        tempfile.mkdtemp(prefix="actfn-k", dir=temp if len(temp) <= _SHORT_ENOUGH else "/tmp")
    )
    for module in (myst_nb.core.execute.cache, myst_nb.core.execute.direct):
        if not getattr(module.single_nb_execution, "ipc_kernels", False):
            module.single_nb_execution = _with_ipc_kernels(module.single_nb_execution)


def _close_socket_dir(app: Sphinx, exception: Exception | None) -> None:
    """Remove the socket folder: each kernel's manager already removed its sockets and file."""
    if folder := _sockets.pop("dir", None):
        shutil.rmtree(folder, ignore_errors=True)


def setup(app: Sphinx) -> dict[str, object]:
    app.add_config_value("execution_cache_root", "_build/.jupyter_cache", "env", types=[str])
    app.add_config_value("execution_cache_inputs", [], "env", types=[list])
    app.add_config_value("execution_cache_distributions", [], "env", types=[list])
    app.add_config_value("execution_cache_keep", 3, "", types=[int])
    app.add_config_value("execution_kernel_env", {}, "env", types=[dict])
    # Priority below the default (500) so it runs before myst-nb reads the config at builder-inited.
    app.connect("config-inited", _select_cache, priority=400)
    app.connect("config-inited", _open_socket_dir)
    app.connect("env-before-read-docs", _pre_execute)
    app.connect("build-finished", _close_socket_dir)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
