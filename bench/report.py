"""How the benchmarks report: medians with their spread, sizes, the machine, and the load average
with a warning when other work competed for the CPU."""

from __future__ import annotations

import datetime
import os
import platform
import statistics
import sys
from pathlib import Path

from devsupport import SETTINGS


def median(values):
    return statistics.median(values) if values else float("nan")


def ms(value: float) -> str:
    return f"{value:,.0f} ms"


def figure(values, unit: str = "ms", digits: int = 0) -> str:
    """The median and, in brackets, the spread (min–max)."""
    if not values:
        return "–"
    return f"{median(values):,.{digits}f} {unit} ({min(values):,.{digits}f}–{max(values):,.{digits}f})"


def size(n: float) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


def ok(met: bool) -> str:
    return "**yes**" if met else "no"


def machine(browser, networks: str) -> str:
    """The machine, the browser and its flags, and the ``networks`` measured on, in a sentence."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"on {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs "
            f"(nproc {len(os.sched_getaffinity(0))}), {cpu}; Chromium {browser.version}, headless, "
            f"flags {' '.join(SETTINGS['browser']['args'])}; networks: {networks}.")


def now() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")


def load_warnings(before: tuple[float, ...], after: tuple[float, ...]) -> list[str]:
    """A warning for each moment (before, after the run) the 1-minute load exceeded the cores."""
    cores = os.cpu_count() or 1
    return [f"the 1-minute load average {when} the run was {load[0]:.1f}, more than the {cores} cores: "
            "other work competed for the CPU, expect wider spreads" for when, load in
            (("before", before), ("after", after)) if load[0] > cores]


def warn_if_busy() -> tuple[float, ...]:
    """The load average now, warned about on stderr when the machine is already busy."""
    load = os.getloadavg()
    for warning in load_warnings(load, load)[:1]:
        print(f"warning: {warning}", file=sys.stderr, flush=True)
    return load


def load_lines(before: tuple[float, ...]) -> list[str]:
    """The load average before the run and now, and the warnings it calls for."""
    after = os.getloadavg()
    return ([f"Load average (1, 5, 15 min) before: {', '.join(f'{v:.1f}' for v in before)}; "
             f"after: {', '.join(f'{v:.1f}' for v in after)}."]
            + [f"**Warning:** {warning}" for warning in load_warnings(before, after)])


def figure_table(rows: list[dict]) -> str:
    """Figures as the benchmarks' ``measure`` functions give them (dicts with name, value, goal,
    met: True, False or None for a figure only reported, spread, note) in a table beside their goals."""
    lines = ["| figure | measured | spread | goal | met | note |", "|---|---|---|---|---|---|"]
    for row in rows:
        value = "not measured" if row["value"] is None else (
            f"{row['value']:,}" if isinstance(row["value"], (int, float)) else str(row["value"]))
        met = "–" if row["met"] is None else ok(row["met"])
        lines.append(f"| {row['name']} | {value} | {row.get('spread') or '–'} | {row['goal']} | {met} "
                     f"| {row.get('note') or ''} |")
    return "\n".join(lines)
