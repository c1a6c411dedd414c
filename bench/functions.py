"""Speed and memory of actfn's activation functions against torch's built-ins.

    python bench/functions.py                       # the whole benchmark (nox -s bench)
    python bench/functions.py --runs 15 --threads 1 # quicker, noisier
    python bench/functions.py --output bench/functions.md
    python bench/functions.py --profile silu        # where the time goes, op by op

For each activation: forward + backward on 10⁶ float32 elements (softmax: 1000 rows of 1000 along
dim=-1; PReLU with one learnable slope), actfn's function and torch's built-in timed alternately in
one loop (so drift in the machine's speed hits both), the median of --runs runs after warm-up, at
each --threads setting. The ratio is actfn's median over torch's. "saved" is the number of bytes the
autograd graph keeps for backward (each distinct tensor storage packed by
``torch.autograd.graph.saved_tensors_hooks``, counted once), for actfn and for torch.

The targets (issue 18): ratio ≤ 2 for the smooth functions, ≤ 3 for the piecewise ones (whose torch
kernels are single fused passes), and no more saved bytes than torch's own op.

--profile NAME prints torch.profiler's op-by-op table (self CPU time per call) for actfn's and
torch's forward + backward of one function instead, at the first --threads setting: an operator
that allocates a fresh 4 MB tensor pays for the memory's first touch on top of its arithmetic,
which shows up there as a slow ``aten::abs`` or ``aten::sign``.

Writes a markdown table (--output). If the output file already has a section starting with
``## Before``, it is kept below the new results (the numbers before the rewrite, for comparison).
A benchmark: it asserts nothing, and no test runs it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F

import actfn

ROOT = Path(__file__).resolve().parents[1]
N = 1_000_000

Fn = Callable[..., torch.Tensor]


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # "smooth" (target ratio ≤ 2) or "piecewise" (≤ 3)
    ours: str  # the attribute of actfn (may not exist yet: then the row says so)
    torch_fn: Fn
    kwargs: dict[str, object]
    shape: tuple[int, ...] = (N,)
    weight: bool = False  # PReLU: a learnable slope as second argument


CASES = [
    Case("relu", "piecewise", "relu", F.relu, {}),
    Case("leaky_relu", "piecewise", "leaky_relu", F.leaky_relu, {}),
    Case("prelu", "piecewise", "prelu", F.prelu, {}, weight=True),
    Case("hardsigmoid", "piecewise", "hardsigmoid", F.hardsigmoid, {}),
    Case("hardswish", "piecewise", "hardswish", F.hardswish, {}),
    Case("sigmoid", "smooth", "sigmoid", torch.sigmoid, {}),
    Case("tanh", "smooth", "tanh", torch.tanh, {}),
    Case("softmax", "smooth", "softmax", F.softmax, {"dim": -1}, shape=(1000, 1000)),
    Case("gelu", "smooth", "gelu", F.gelu, {}),
    Case("silu", "smooth", "silu", F.silu, {}),
    Case("elu", "smooth", "elu", F.elu, {}),
    Case("softplus", "smooth", "softplus", F.softplus, {}),
    Case("mish", "smooth", "mish", F.mish, {}),
]
TARGET = {"smooth": 2.0, "piecewise": 3.0}


def make_inputs(case: Case) -> tuple[list[torch.Tensor], torch.Tensor]:
    gen = torch.Generator().manual_seed(0)
    x = (3 * torch.randn(case.shape, generator=gen)).requires_grad_(True)
    inputs = [x]
    if case.weight:
        inputs.append(torch.tensor([0.25], requires_grad=True))
    grad = torch.randn(case.shape, generator=gen)
    return inputs, grad


def run_once(fn: Fn, inputs: list[torch.Tensor], grad: torch.Tensor, kwargs: dict) -> float:
    start = time.perf_counter()
    y = fn(*inputs, **kwargs)
    y.backward(grad)
    elapsed = time.perf_counter() - start
    for t in inputs:
        t.grad = None
    return elapsed


def saved_bytes(fn: Fn, inputs: list[torch.Tensor], grad: torch.Tensor, kwargs: dict) -> int:
    """Bytes of the distinct storages autograd saves for backward during one forward."""
    storages: dict[int, int] = {}

    def pack(t: torch.Tensor) -> torch.Tensor:
        storage = t.untyped_storage()
        storages[storage.data_ptr()] = storage.nbytes()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        y = fn(*inputs, **kwargs)
    y.backward(grad)
    for t in inputs:
        t.grad = None
    return sum(storages.values())


@dataclass
class Row:
    case: Case
    threads: int
    ours_ms: float | None
    torch_ms: float
    ours_saved: int | None
    torch_saved: int


def measure(case: Case, threads: int, runs: int, warmup: int) -> Row:
    torch.set_num_threads(threads)
    ours: Fn | None = getattr(actfn, case.ours, None)
    inputs, grad = make_inputs(case)
    pairs: list[tuple[str, Fn]] = [("torch", case.torch_fn)]
    if ours is not None:
        pairs.insert(0, ("ours", ours))
    times: dict[str, list[float]] = {label: [] for label, _ in pairs}
    for i in range(warmup + runs):
        # alternate which side goes first, so neither always runs on a warmer cache
        for label, fn in pairs if i % 2 == 0 else pairs[::-1]:
            elapsed = run_once(fn, inputs, grad, case.kwargs)
            if i >= warmup:
                times[label].append(elapsed)
    ours_ms = statistics.median(times["ours"]) * 1e3 if ours is not None else None
    torch_ms = statistics.median(times["torch"]) * 1e3
    ours_saved = saved_bytes(ours, inputs, grad, case.kwargs) if ours is not None else None
    torch_saved = saved_bytes(case.torch_fn, inputs, grad, case.kwargs)
    return Row(case, threads, ours_ms, torch_ms, ours_saved, torch_saved)


def mib(n: int | None) -> str:
    return "—" if n is None else f"{n / 2**20:.2f}"


def table(rows: list[Row]) -> str:
    head = (
        "| function | kind | threads | actfn ms | torch ms | ratio | target | "
        "actfn saved MiB | torch saved MiB | met |\n"
        "|---|---|--:|--:|--:|--:|--:|--:|--:|:-:|\n"
    )
    lines = []
    for r in rows:
        target = TARGET[r.case.kind]
        if r.ours_ms is None:
            lines.append(
                f"| {r.case.name} | {r.case.kind} | {r.threads} | — | {r.torch_ms:.2f} | — | "
                f"≤ {target:g} | — | {mib(r.torch_saved)} | not in actfn |"
            )
            continue
        ratio = r.ours_ms / r.torch_ms
        met = ratio <= target and r.ours_saved is not None and r.ours_saved <= r.torch_saved
        lines.append(
            f"| {r.case.name} | {r.case.kind} | {r.threads} | {r.ours_ms:.2f} | {r.torch_ms:.2f} | "
            f"{ratio:.2f} | ≤ {target:g} | {mib(r.ours_saved)} | {mib(r.torch_saved)} | "
            f"{'yes' if met else '**no**'} |"
        )
    return head + "\n".join(lines) + "\n"


def profile(case: Case, threads: int, runs: int) -> None:
    """Print the profiler's op table for actfn's and torch's forward + backward of ``case``."""
    from torch.profiler import ProfilerActivity
    from torch.profiler import profile as torch_profile

    torch.set_num_threads(threads)
    inputs, grad = make_inputs(case)
    for label, fn in (("actfn", getattr(actfn, case.ours)), ("torch", case.torch_fn)):
        for _ in range(3):  # warm-up
            run_once(fn, inputs, grad, case.kwargs)
        with torch_profile(activities=[ProfilerActivity.CPU]) as prof:
            for _ in range(runs):
                run_once(fn, inputs, grad, case.kwargs)
        print(f"## {label} {case.name}, {threads} thread(s), {runs} runs (self CPU per call: avg)")
        print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=20))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=41, help="timed runs per function and side")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--only", nargs="*", help="function names to run (default: all)")
    parser.add_argument("--output", type=Path, help="markdown file to write")
    parser.add_argument("--profile", metavar="NAME", help="op-by-op profile of one function")
    args = parser.parse_args()

    if args.profile:
        (case,) = [c for c in CASES if c.name == args.profile]
        profile(case, args.threads[0], args.runs)
        return

    cases = [c for c in CASES if not args.only or c.name in args.only]
    load_before = os.getloadavg()[0]
    rows = []
    for threads in args.threads:
        for case in cases:
            row = measure(case, threads, args.runs, args.warmup)
            rows.append(row)
            ratio = "—" if row.ours_ms is None else f"{row.ours_ms / row.torch_ms:.2f}"
            print(f"{case.name:12s} threads={threads} ratio={ratio}", flush=True)

    report = (
        "# actfn vs torch built-ins: forward + backward on 10⁶ float32\n\n"
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC with torch "
        f"{torch.__version__} on {platform.machine()} ({platform.processor() or 'cpu'}); "
        f"median of {args.runs} interleaved runs after {args.warmup} warm-up runs; "
        f"1-minute load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after "
        f"({os.cpu_count()} CPUs: a loaded machine makes every number noisy). "
        "Written by `python bench/functions.py` (`nox -s bench`). Ratio = actfn / torch. "
        "Saved = bytes autograd keeps for backward (distinct storages, "
        "`torch.autograd.graph.saved_tensors_hooks`).\n\n" + table(rows)
    )
    print(report)
    if args.output:
        kept = ""
        if args.output.exists():
            old = args.output.read_text()
            at = old.find("\n## Before")
            if at >= 0:
                kept = "\n" + old[at + 1 :]
        args.output.write_text(report + kept)


if __name__ == "__main__":
    main()
