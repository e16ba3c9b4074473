#!/usr/bin/env python3
"""Writes a big incident (JSON) deterministically: by default 2.6 M plain log lines (~200 MB).

Usage: generate.py OUT.json [--lines N]

The incident is an ordinary Alpha incident: a deployment id, detected_at, plain log lines from six
services over two hours (a dozen INFO/DEBUG templates with varying numbers, ids and durations), an
ERROR burst from one service after detected_at, a few metric series, one commit and a config change.
Same arguments, same bytes (a fixed-seed linear congruential generator, no clock, no randomness).
"""
import argparse
import datetime as dt
import json
import sys

SERVICES = ["api", "orders", "payments", "ingest", "search", "auth"]
TEMPLATES = [
    "INFO [{svc}] GET /v1/items/{n} done in {ms} ms",
    "INFO [{svc}] batch {n} committed ({m} events)",
    "DEBUG [{svc}] cache key=user:{n} hit={hit}",
    "INFO [{svc}] user {n} logged in from 10.{p}.{m}.{q}",
    "DEBUG [{svc}] job {rid} on worker-{p} depth {m}",
    "INFO [{svc}] health ok latency={ms}ms",
    "WARN [{svc}] slow query orders_{p} {ms} ms",
    "INFO [{svc}] event order.{state} id={rid}",
]
ERRORS = [
    "ERROR [payments] connection pool exhausted: timeout after {ms} ms waiting for a connection (active={m}, max=10)",
    "ERROR [payments] request {rid} POST /v1/charge failed: upstream database unavailable",
]
STATES = ["created", "paid", "shipped", "cancelled"]


class Lcg:
    """Numerical Recipes' 32-bit LCG: deterministic across Python versions and platforms."""

    def __init__(self, seed: int) -> None:
        self.state = seed & 0xFFFFFFFF

    def next(self, bound: int) -> int:
        self.state = (1664525 * self.state + 1013904223) & 0xFFFFFFFF
        return (self.state >> 8) % bound


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--lines", type=int, default=2_600_000)
    args = parser.parse_args()

    rng = Lcg(20261201)
    start = dt.datetime(2026, 8, 12, 1, 0, 0, tzinfo=dt.timezone.utc)
    span_ms = 2 * 3600 * 1000
    detected = start + dt.timedelta(milliseconds=span_ms * 3 // 4)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("{\n")
        f.write(f'  "deployment_id": "big-incident-{args.lines}",\n')
        f.write(f'  "detected_at": "{detected.strftime("%Y-%m-%dT%H:%M:%SZ")}",\n')
        f.write('  "logs": [\n')
        for i in range(args.lines):
            at = start + dt.timedelta(milliseconds=span_ms * i // args.lines)
            after = at >= detected
            values = dict(
                svc=SERVICES[rng.next(len(SERVICES))], rid=f"{rng.next(1 << 30):08x}", n=rng.next(1_000_000),
                m=rng.next(500), p=rng.next(64), q=rng.next(256), ms=rng.next(2000), hit=("true", "false")[rng.next(2)],
                state=STATES[rng.next(len(STATES))])
            if after and rng.next(10) < 3:
                text = ERRORS[rng.next(len(ERRORS))].format(**values)
            else:
                text = TEMPLATES[rng.next(len(TEMPLATES))].format(**values)
            stamp = at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"
            f.write("    " + json.dumps(f"{stamp} {text}") + (",\n" if i + 1 < args.lines else "\n"))
        f.write("  ],\n")
        minutes = 120
        metrics = {
            "payments.error_rate": [0.01] * 90 + [0.35] * 30,
            "payments.latency_p99_ms": [120.0] * 90 + [2400.0] * 30,
            "api.cpu": [0.4 + 0.01 * (k % 5) for k in range(minutes)],
        }
        f.write('  "metrics_start": "' + start.strftime("%Y-%m-%dT%H:%M:%SZ") + '",\n')
        f.write('  "metrics_step_seconds": 60,\n')
        f.write('  "metrics": ' + json.dumps(metrics) + ",\n")
        commits = [{"sha": "b1g1nc1", "author": "dev", "timestamp": (detected - dt.timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "message": "payments: lower db pool size to 10", "service": "payments"}]
        f.write('  "recent_commits": ' + json.dumps(commits) + ",\n")
        f.write('  "config_snapshot": ' + json.dumps({"previous": {"payments": {"db_pool_size": 50}}, "current": {"payments": {"db_pool_size": 10}}}) + "\n")
        f.write("}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
