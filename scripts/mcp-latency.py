#!/usr/bin/env python3
"""Latency of `alpha mcp` over stdio, measured from outside like an MCP client sees it (raw JSON-RPC lines).

Usage: scripts/mcp-latency.py [ALPHA_DLL] [N]
Prints: start-up to the initialize answer, and the median / p90 of tools/list, search and
analyze_incident (examples/incidents/disk-full-logs.yaml, deterministic agents) over N calls each.
"""
import json, os, statistics, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
dll = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "src/Alpha.Cli/bin/Release/net10.0/alpha.dll")
n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
env = {k: v for k, v in os.environ.items() if not k.startswith(("ALPHA_", "OPENROUTER_"))}
with tempfile.TemporaryDirectory() as tmp:
    t0 = time.perf_counter()
    p = subprocess.Popen(["dotnet", dll, "mcp", "--db", os.path.join(tmp, "l.db")], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=tmp)
    ids = iter(range(1, 10**6))

    def call(method, params=None):
        i = next(ids)
        p.stdin.write(json.dumps({"jsonrpc": "2.0", "id": i, "method": method, "params": params or {}}) + "\n")
        p.stdin.flush()
        while True:
            m = json.loads(p.stdout.readline())
            if m.get("id") == i:
                if "error" in m or m.get("result", {}).get("isError"):
                    raise SystemExit(f"{method} failed: {m}")
                return m

    call("initialize", {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "latency", "version": "1"}})
    startup = time.perf_counter() - t0
    p.stdin.write(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}) + "\n")
    incident = os.path.join(root, "examples/incidents/disk-full-logs.yaml")
    cases = {
        "tools/list": ("tools/list", None),
        "search": ("tools/call", {"name": "search", "arguments": {"query": "kill a run"}}),
        "analyze_incident": ("tools/call", {"name": "analyze_incident", "arguments": {"path": incident}}),
    }
    print(f"start-up to initialize answer: {startup * 1000:.0f} ms")
    for name, (method, params) in cases.items():
        call(method, params)  # warm-up
        times = []
        for _ in range(n):
            t = time.perf_counter()
            call(method, params)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        print(f"{name}: median {statistics.median(times):.1f} ms, p90 {times[int(0.9 * (len(times) - 1))]:.1f} ms (n={n})")
    p.stdin.close()
    p.wait(timeout=60)
