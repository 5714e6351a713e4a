#!/usr/bin/python3
"""Prints the table of bench/run_pg.sh from its results directory (wrk and pgbench output)."""
import json
import os
import re
import sys

RUNS = [("sqlite", "SQLite"), ("pg", "PostgreSQL, RLS on"), ("pg-norls", "PostgreSQL, RLS off")]
ENDPOINTS = [("timeline", "GET timeline (month, 20)"), ("entries", "GET entries (20)"),
             ("create", "POST entries")]


def load(out, name):
    try:
        with open(os.path.join(out, name + ".json")) as fh:
            return json.load(fh)
    except FileNotFoundError:
        return None


def pgbench(out, name):
    try:
        text = open(os.path.join(out, name + ".txt")).read()
    except FileNotFoundError:
        return None
    tps = re.search(r"^tps = ([\d.]+)", text, re.M)
    lat = re.search(r"^latency average = ([\d.]+) ms", text, re.M)
    return (float(tps.group(1)), float(lat.group(1))) if tps and lat else None


def main():
    out = sys.argv[1]
    lines = ["", "| endpoint | store | req/s | p50 | p99 | non-2xx | Dadly CPU (cores) | "
             "other CPU incl. PostgreSQL (cores) |", "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for ep, label in ENDPOINTS:
        for prefix, store in RUNS:
            r = load(out, f"{prefix}-{ep}")
            if r:
                lines.append(f"| {label} | {store} | {r['rps']:.0f} | {r['p50_ms']:.2f} ms | "
                             f"{r['p99_ms']:.2f} ms | {r['non_2xx']} | {r['server_cpu_cores']} | "
                             f"{r['other_cpu_cores']} |")
    for prefix, store in RUNS:
        m = load(out, prefix + "-mem")
        if m:
            lines.append(f"\n{store}: Dadly RSS idle {m['idle_rss_kb'] / 1024:.1f} MiB, peak under "
                         f"load {m['load_hwm_kb'] / 1024:.1f} MiB")
    on, off = pgbench(out, "pgbench-rls"), pgbench(out, "pgbench-norls")
    if on and off:
        lines.append(f"\npgbench, list query in a transaction as dadly_app: RLS on {on[0]:.0f} tps "
                     f"({on[1]:.3f} ms average), RLS off {off[0]:.0f} tps ({off[1]:.3f} ms); "
                     f"the policies cost {100 * (off[0] - on[0]) / off[0]:.1f}% of throughput")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
