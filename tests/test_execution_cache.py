"""The execution cache's fingerprint and its race-free creation (docs/_ext/execution_cache.py)."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import time
from pathlib import Path

import execution_cache
import pytest


def _project(tmp_path: Path) -> Path:
    (tmp_path / "src" / "pkg").mkdir(parents=True)
    (tmp_path / "src" / "pkg" / "f.py").write_text("def f(x):\n    return x\n")
    (tmp_path / "constraints.txt").write_text("torch==2.13.0\n")
    return tmp_path


def _fp(root: Path) -> str:
    return execution_cache.fingerprint(root, ["src", "constraints.txt"], ["torch", "numpy"])


def test_fingerprint_is_stable_and_ignores_bytecode(tmp_path: Path) -> None:
    root = _project(tmp_path)
    first = _fp(root)
    (root / "src" / "pkg" / "__pycache__").mkdir()
    (root / "src" / "pkg" / "__pycache__" / "f.cpython-311.pyc").write_bytes(b"\0junk")
    assert _fp(root) == first


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / "src" / "pkg" / "f.py").write_text("def f(x):\n    return 2 * x\n"),
        lambda root: (root / "src" / "pkg" / "g.py").write_text(""),
        lambda root: (root / "constraints.txt").write_text("torch==2.14.0\n"),
        lambda root: (root / "src" / "pkg" / "f.py").rename(root / "src" / "pkg" / "h.py"),
    ],
    ids=["edit-function", "new-module", "new-pin", "rename"],
)
def test_fingerprint_changes_with_any_input(tmp_path: Path, change) -> None:
    root = _project(tmp_path)
    before = _fp(root)
    change(root)
    assert _fp(root) != before


def test_fingerprint_includes_the_kernel_environment(tmp_path: Path) -> None:
    root = _project(tmp_path)
    one = execution_cache.fingerprint(root, ["src"], [], {"OMP_NUM_THREADS": "1"})
    assert one != execution_cache.fingerprint(root, ["src"], [], {"OMP_NUM_THREADS": "2"})
    assert one != execution_cache.fingerprint(root, ["src"], [])
    assert execution_cache.fingerprint(root, ["src"], [], {}) == execution_cache.fingerprint(
        root, ["src"], []
    )


def test_fingerprint_includes_installed_versions(tmp_path: Path) -> None:
    root = _project(tmp_path)
    with_torch = execution_cache.fingerprint(root, ["src"], ["torch"])
    without = execution_cache.fingerprint(root, ["src"], [])
    assert with_torch != without


def test_missing_input_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nope"):
        execution_cache.fingerprint(tmp_path, ["nope"], [])


def _create(path: str, barrier) -> None:
    barrier.wait()  # every process calls ensure_cache at the same moment
    execution_cache.ensure_cache(Path(path))


@pytest.mark.parametrize("round_", range(5))
def test_many_processes_create_one_cache_at_once(tmp_path: Path, round_: int) -> None:
    """Eight processes create the same empty cache at once (as -j workers and concurrent builds
    would); none fails with 'table … already exists', and the database is usable.

    Without the lock (plain ``get_cache(path).db`` in each process) this setup failed in 3 of 20
    rounds when measured, so five rounds catch a regression most of the time."""
    path = tmp_path / "cache" / "key"
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(8)
    processes = [context.Process(target=_create, args=(str(path), barrier)) for _ in range(8)]
    for p in processes:
        p.start()
    for p in processes:
        p.join(60)
    assert [p.exitcode for p in processes] == [0] * 8
    tables = sqlite3.connect(path / "global.db").execute(
        "select name from sqlite_master where type='table'"
    )
    assert "nbcache" in {name for (name,) in tables}


def _cache_folder(root: Path, name: str, age_seconds: float) -> Path:
    folder = root / name
    execution_cache.ensure_cache(folder)
    stamp = time.time() - age_seconds
    os.utime(folder, (stamp, stamp))
    return folder


def test_prune_keeps_the_most_recently_used_and_the_recent(tmp_path: Path) -> None:
    days = [_cache_folder(tmp_path, f"old{i}", age_seconds=(i + 1) * 86400) for i in range(5)]
    recent = _cache_folder(tmp_path, "recent", age_seconds=600)  # maybe another build's
    (tmp_path / "not-a-cache").mkdir()  # no global.db: never touched
    removed = execution_cache.prune(tmp_path, keep=2)
    # kept: "recent" and old0 (the two most recently used) and nothing else older than an hour
    assert sorted(p.name for p in removed) == ["old1", "old2", "old3", "old4"]
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "not-a-cache",
        "old0",
        "recent",
    ]
    assert recent.is_dir()
    assert days[0].is_dir()


def test_prune_never_deletes_folders_used_within_the_hour(tmp_path: Path) -> None:
    for i in range(4):
        _cache_folder(tmp_path, f"busy{i}", age_seconds=60 * (i + 1))
    assert execution_cache.prune(tmp_path, keep=1) == []
    assert len([p for p in tmp_path.iterdir() if p.is_dir()]) == 4


def test_selecting_a_cache_marks_it_used_so_it_survives_pruning(tmp_path: Path) -> None:
    old = _cache_folder(tmp_path, "old", age_seconds=7 * 86400)
    newer = [_cache_folder(tmp_path, f"n{i}", age_seconds=86400 + i) for i in range(3)]
    # building with the old state again: it becomes the most recently used and stays
    removed = execution_cache.ensure_cache(old, keep=3)
    assert old.is_dir()
    assert removed == [newer[2]]  # the least recently used of the others
