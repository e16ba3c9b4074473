#!/usr/bin/env python3
"""Writes a big incident (JSON) from REAL log lines: by default 2.6 M lines (~200 MB).

Usage: generate_real.py OUT.json [--lines N] [--data DIR]

The lines are the messages of the public loghub 2k sets (DIR, default /work/shared/data: loghub-2k's seven
corrected sets and loghub-v1-2k's Android and Windows; 18,000 real lines), cycled in a fixed shuffled order, each
written as one plain log line `ISO-TIME LEVEL [system] message` with the system's own level word (INFO when it
has none), spread evenly over two hours. After `detected_at` (three quarters in), 30 % of the lines are the
Hadoop set's own ERROR/FATAL lines (an error burst of one service). A few metric series (the burst's service's
error rate and latency step up at the onset), one commit and one config change complete the incident. Same
arguments, same bytes (a fixed-seed generator, no clock). Nothing is written into the repository: give a path
under /tmp.
"""
import argparse
import csv
import datetime as dt
import json
import os
import sys

SETS = [
    ("loghub-2k/Apache/Apache_2k.log_structured_corrected.csv", "apache"),
    ("loghub-2k/BGL/BGL_2k.log_structured_corrected.csv", "bgl"),
    ("loghub-2k/HDFS/HDFS_2k.log_structured_corrected.csv", "hdfs"),
    ("loghub-2k/HPC/HPC_2k.log_structured_corrected.csv", "hpc"),
    ("loghub-2k/Hadoop/Hadoop_2k.log_structured_corrected.csv", "hadoop"),
    ("loghub-2k/Linux/Linux_2k.log_structured_corrected.csv", "linux"),
    ("loghub-2k/OpenSSH/OpenSSH_2k.log_structured_corrected.csv", "openssh"),
    ("loghub-v1-2k/Android/Android_2k.log_structured.csv", "android"),
    ("loghub-v1-2k/Windows/Windows_2k.log_structured.csv", "windows"),
]
LEVELS = {"info": "INFO", "notice": "INFO", "i": "INFO", "d": "DEBUG", "v": "DEBUG", "debug": "DEBUG", "warn": "WARN",
          "warning": "WARN", "w": "WARN", "error": "ERROR", "e": "ERROR", "severe": "ERROR", "fatal": "FATAL"}
BURST = "hadoop"


class Lcg:
    """Numerical Recipes' 32-bit LCG: deterministic across Python versions and platforms."""

    def __init__(self, seed: int) -> None:
        self.state = seed & 0xFFFFFFFF

    def next(self, bound: int) -> int:
        self.state = (1664525 * self.state + 1013904223) & 0xFFFFFFFF
        return (self.state >> 8) % bound


def load(data: str) -> tuple[list[str], list[str]]:
    """(every line as `LEVEL [system] message`, the burst service's error lines)."""
    lines, errors = [], []
    for path, system in SETS:
        with open(os.path.join(data, path), encoding="utf-8", errors="replace", newline="") as f:
            for row in csv.DictReader(f):
                level = LEVELS.get((row.get("Level") or "").strip().lower(), "INFO")
                content = (row.get("Content") or "").strip()
                if not content:
                    continue
                text = f"{level} [{system}] {content}"
                if system == BURST and level in ("ERROR", "FATAL"):
                    errors.append(text)
                else:
                    lines.append(text)
    return lines, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--lines", type=int, default=2_600_000)
    parser.add_argument("--data", default=os.environ.get("ALPHA_DATA", "/work/shared/data"))
    args = parser.parse_args()

    lines, errors = load(args.data)
    rng = Lcg(20261202)
    for i in range(len(lines) - 1, 0, -1):  # Fisher-Yates with the fixed generator
        j = rng.next(i + 1)
        lines[i], lines[j] = lines[j], lines[i]

    start = dt.datetime(2026, 8, 12, 1, 0, 0, tzinfo=dt.timezone.utc)
    span_ms = 2 * 3600 * 1000
    detected = start + dt.timedelta(milliseconds=span_ms * 3 // 4)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("{\n")
        f.write(f'  "deployment_id": "big-real-incident-{args.lines}",\n')
        f.write(f'  "detected_at": "{detected.strftime("%Y-%m-%dT%H:%M:%SZ")}",\n')
        f.write('  "logs": [\n')
        k = 0
        for i in range(args.lines):
            at = start + dt.timedelta(milliseconds=span_ms * i // args.lines)
            if at >= detected and rng.next(10) < 3:
                text = errors[rng.next(len(errors))]
            else:
                text = lines[k % len(lines)]
                k += 1
            stamp = at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"
            f.write("    " + json.dumps(f"{stamp} {text}") + (",\n" if i + 1 < args.lines else "\n"))
        f.write("  ],\n")
        metrics = {
            f"{BURST}.error_rate": [0.01] * 90 + [0.35] * 30,
            f"{BURST}.latency_p99_ms": [120.0] * 90 + [2400.0] * 30,
            "hdfs.cpu": [0.4 + 0.01 * (k % 5) for k in range(120)],
        }
        f.write('  "metrics_start": "' + start.strftime("%Y-%m-%dT%H:%M:%SZ") + '",\n')
        f.write('  "metrics_step_seconds": 60,\n')
        f.write('  "metrics": ' + json.dumps(metrics) + ",\n")
        commits = [{"sha": "4ea1b16", "author": "dev", "timestamp": (detected - dt.timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "message": f"{BURST}: lower the container memory limit", "service": BURST}]
        f.write('  "recent_commits": ' + json.dumps(commits) + ",\n")
        f.write('  "config_snapshot": ' + json.dumps({"previous": {BURST: {"container_memory_mb": 4096}}, "current": {BURST: {"container_memory_mb": 1024}}}) + "\n")
        f.write("}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
