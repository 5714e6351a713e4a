#!/usr/bin/python3
"""Helpers for bench/run.sh (standard library only; Debian's /usr/bin/python3).

    benchtool.py free-port
    benchtool.py port-from-log LOG [TIMEOUT_S]        the port of Dadly's "listening" line
    benchtool.py wait-http URL [TIMEOUT_S]            polls until the URL answers 200
    benchtool.py login BASE_URL DATA_DIR              prints an access token of family 0's owner
    benchtool.py fresh-token BIN DATA_DIR             the same from a short-lived `BIN serve` on DATA_DIR
    benchtool.py json FILE EXPR                       prints a value of bench.json, e.g. families.0.id
    benchtool.py wait-quiet MAX_S [CORES]             waits (at most MAX_S) until the machine is idle
    benchtool.py pids PID                             PID and its descendants
    benchtool.py mem PID                              VmRSS/VmHWM (kB) of PID and its descendants
    benchtool.py mem-record FILE PHASE PID            adds mem(PID) under PHASE to the JSON FILE
    benchtool.py reset-peak PID                       resets VmHWM of PID and its descendants
    benchtool.py wrk NAME OUT_DIR PID -- WRK ARGS     runs wrk, records load, server CPU and RSS
    benchtool.py startup --bin B --data-dir D [--repeat N]   spawn-to-first-200 timings
    benchtool.py access-log LOG OUT_JSON              server-side latency per route from Dadly's log
    benchtool.py summarize OUT_DIR                    prints the summary table, writes results.json

Every wait here is bounded.
"""
import http.client
import json
import os
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_from_log(path, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    if '"listening"' in line:
                        return int(json.loads(line)["port"])
        except (FileNotFoundError, ValueError, KeyError):
            pass
        time.sleep(0.01)
    raise SystemExit(f"benchtool: no listening line in {path} after {timeout} s")


def http_get(url, headers=None, timeout=5.0):
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        conn.request("GET", u.path + ("?" + u.query if u.query else ""), headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def wait_http(url, timeout=30.0, headers=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            status, _ = http_get(url, headers)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.02)
    raise SystemExit(f"benchtool: {url} did not answer 200 within {timeout} s")


def login(base, data_dir):
    bench = json.load(open(os.path.join(data_dir, "bench.json"), encoding="utf-8"))
    owner = bench["families"][0]["owner"]
    u = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    conn.request("POST", "/api/v1/auth/login",
                 body=json.dumps({"email": owner["email"], "password": owner["password"]}),
                 headers={"content-type": "application/json"})
    resp = conn.getresponse()
    data = resp.read()
    if resp.status != 200:
        raise SystemExit(f"benchtool: login -> {resp.status} {data[:200]!r}")
    return json.loads(data)["access_token"]


def fresh_token(binary, data_dir):
    """Logs in through a Dadly started only for that (tokens live 15 minutes; the peer runs
    use one taken just before them)."""
    port = free_port()
    with open(os.path.join(data_dir, "token-dadly.log"), "ab") as log:
        proc = subprocess.Popen([binary, "serve", "--data-dir", data_dir, "--port", str(port)],
                                stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_http(f"http://127.0.0.1:{port}/healthz", 30)
        return login(f"http://127.0.0.1:{port}", data_dir)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def json_value(path, expr):
    v = json.load(open(path, encoding="utf-8"))
    for part in expr.split("."):
        v = v[int(part)] if isinstance(v, list) else v[part]
    return ",".join(v) if isinstance(v, list) else v


# ---- processes ---------------------------------------------------------------------------

def family_pids(pid):
    """PID and all its descendants (uvicorn's workers are children of its master)."""
    out, todo = [], [int(pid)]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for tid in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{tid}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except OSError:
            pass
    return out


def status_kb(pid, field):
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def mem(pid):
    pids = family_pids(pid)
    return {"pids": pids, "rss_kb": sum(status_kb(p, "VmRSS") for p in pids),
            "hwm_kb": sum(status_kb(p, "VmHWM") for p in pids),
            "per_process": {p: {"rss_kb": status_kb(p, "VmRSS"), "hwm_kb": status_kb(p, "VmHWM")}
                            for p in pids}}


def mem_record(path, phase, pid):
    try:
        data = json.load(open(path))
    except FileNotFoundError:
        data = {}
    m = mem(pid)
    m["loadavg"] = loadavg()
    data[phase] = m
    # The figures the summary reports (kB).
    if "idle" in data:
        data["idle_rss_kb"] = data["idle"]["rss_kb"]
    if "preload" in data:
        data["hwm_since_start_kb"] = data["preload"]["hwm_kb"]
    if "load" in data:
        data["load_hwm_kb"] = data["load"]["hwm_kb"]
        data["rss_after_load_kb"] = data["load"]["rss_kb"]
    with open(path, "w") as fh:
        json.dump(data, fh, indent=1)
    print(f"  RSS {phase}: {m['rss_kb'] / 1024:.1f} MiB (VmHWM {m['hwm_kb'] / 1024:.1f} MiB, "
          f"{len(m['pids'])} process(es))", flush=True)


def reset_peak(pid):
    for p in family_pids(pid):
        with open(f"/proc/{p}/clear_refs", "w") as fh:
            fh.write("5")  # "5": reset the peak resident set size (VmHWM) to the current RSS


def cpu_seconds(pids):
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except OSError:
            pass
    return total / CLK_TCK


def busy_cores_ticks():
    """(busy, total) jiffies of all CPUs from /proc/stat (steal counted as busy elsewhere)."""
    with open("/proc/stat") as fh:
        f = [int(x) for x in fh.readline().split()[1:]]
    idle = f[3] + f[4]
    return sum(f[:8]) - idle, f[7]


def wait_quiet(max_s, cores=0.25, window=2.0):
    """Waits until the whole machine used less than `cores` CPU over `window` seconds, at most
    max_s seconds (our own servers are idle between runs, so what is left is other work)."""
    t0 = time.monotonic()
    while True:
        b0, _ = busy_cores_ticks()
        time.sleep(window)
        b1, _ = busy_cores_ticks()
        used = (b1 - b0) / CLK_TCK / window
        waited = time.monotonic() - t0
        if used < cores:
            if waited > window + 0.5:
                print(f"  (waited {waited:.0f} s for other work to finish)", flush=True)
            return
        if waited >= max_s:
            print(f"  WARNING: the machine is still busy ({used:.2f} cores used by other work) after "
                  f"{waited:.0f} s; measuring anyway", flush=True)
            return


def loadavg():
    with open("/proc/loadavg") as fh:
        return " ".join(fh.read().split()[:3])


# ---- wrk ---------------------------------------------------------------------------------

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def to_ms(text):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    return float(m.group(1)) * UNITS[m.group(2)] if m else None


def parse_wrk(text):
    r = {"rps": None, "p50_ms": None, "p75_ms": None, "p90_ms": None, "p99_ms": None,
         "requests": None, "non_2xx": 0, "socket_errors": None}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if m:
        r["rps"] = float(m.group(1))
    for pct in ("50", "75", "90", "99"):
        m = re.search(rf"^\s+{pct}%\s+(\S+)", text, re.M)
        if m:
            r[f"p{pct}_ms"] = to_ms(m.group(1))
    m = re.search(r"(\d+) requests in", text)
    if m:
        r["requests"] = int(m.group(1))
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if m:
        r["non_2xx"] = int(m.group(1))
    m = re.search(r"Socket errors: (.*)", text)
    if m:
        r["socket_errors"] = m.group(1).strip()
    return r


def run_wrk(name, out_dir, pid, wrk_args):
    pids = family_pids(pid)
    before_load = loadavg()
    cpu0 = cpu_seconds(pids)
    per0 = {p: cpu_seconds([p]) for p in pids}
    peak = {"rss_kb": 0}
    stop = threading.Event()

    def sample():
        while not stop.wait(0.1):
            peak["rss_kb"] = max(peak["rss_kb"], sum(status_kb(p, "VmRSS") for p in pids))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    busy0, steal0 = busy_cores_ticks()
    children0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    proc = subprocess.run(["wrk"] + wrk_args, capture_output=True, text=True, timeout=120)
    wall = time.monotonic() - t0
    children1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy1, steal1 = busy_cores_ticks()
    stop.set()
    sampler.join(1)
    cpu1 = cpu_seconds(pids)
    per_pid = {p: round((cpu_seconds([p]) - per0[p]) / wall, 2) for p in pids if wall}
    wrk_cpu = (children1.ru_utime + children1.ru_stime) - (children0.ru_utime + children0.ru_stime)
    busy = (busy1 - busy0) / CLK_TCK
    # CPU used by everything else on the machine while wrk ran (other work, the sampler, steal).
    other = busy - (cpu1 - cpu0) - wrk_cpu
    text = proc.stdout + proc.stderr
    result = parse_wrk(text)
    result.update({"name": name, "loadavg_before": before_load, "loadavg_after": loadavg(),
                   "wall_s": round(wall, 2), "server_cpu_s": round(cpu1 - cpu0, 2),
                   "server_cpu_cores": round((cpu1 - cpu0) / wall, 2) if wall else None,
                   "server_cpu_cores_by_pid": per_pid,
                   "wrk_cpu_cores": round(wrk_cpu / wall, 2) if wall else None,
                   "machine_busy_cores": round(busy / wall, 2) if wall else None,
                   "other_cpu_cores": round(other / wall, 2) if wall else None,
                   "steal_cores": round((steal1 - steal0) / CLK_TCK / wall, 2) if wall else None,
                   "server_rss_peak_sampled_kb": peak["rss_kb"], "wrk_args": wrk_args,
                   "wrk_exit": proc.returncode})
    with open(os.path.join(out_dir, name + ".txt"), "w") as fh:
        fh.write(f"# load average before: {before_load}\n# wrk {' '.join(wrk_args)}\n{text}")
    with open(os.path.join(out_dir, name + ".json"), "w") as fh:
        json.dump(result, fh, indent=1)
    p50 = result["p50_ms"]
    p99 = result["p99_ms"]
    print(f"  {name:<28} {result['rps'] or 0:>9.0f} req/s  p50 {p50 if p50 is not None else float('nan'):7.2f} ms"
          f"  p99 {p99 if p99 is not None else float('nan'):7.2f} ms  non-2xx {result['non_2xx']}"
          f"  CPU cores: server {result['server_cpu_cores']}"
          f"{' (' + '+'.join(str(v) for v in per_pid.values() if v >= 0.05) + ')' if len(pids) > 1 else ''} wrk {result['wrk_cpu_cores']}"
          f" other {result['other_cpu_cores']}  load {before_load}", flush=True)
    if proc.returncode != 0:
        raise SystemExit(f"benchtool: wrk failed: {text[-500:]}")


# ---- start to first 200 --------------------------------------------------------------------

def first_200(argv, url, headers, log_path, deadline_s=20.0):
    """Spawns argv, polls url in a tight loop; returns seconds from spawn to the first 200."""
    u = urllib.parse.urlsplit(url)
    target = u.path + ("?" + u.query if u.query else "")
    with open(log_path, "ab") as log:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)
    try:
        polls = 0
        while time.perf_counter() - t0 < deadline_s:
            polls += 1
            conn = http.client.HTTPConnection(u.hostname, u.port, timeout=5)
            try:
                conn.request("GET", target, headers=headers)
                resp = conn.getresponse()
                resp.read()
                if resp.status == 200:
                    return time.perf_counter() - t0, polls
            except OSError:
                if proc.poll() is not None:
                    raise SystemExit(f"benchtool: the server exited with {proc.returncode}")
            finally:
                conn.close()
        raise SystemExit(f"benchtool: no 200 from {url} within {deadline_s} s")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def startup(binary, data_dir, repeat, out_path):
    bench = json.load(open(os.path.join(data_dir, "bench.json"), encoding="utf-8"))
    fid = bench["families"][0]["id"]
    log_path = os.path.join(os.path.dirname(out_path), "startup-dadly.log")
    # A token first, from a server started once.
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--data-dir", data_dir, "--port", str(port)],
                            stdout=open(log_path, "ab"), stderr=subprocess.STDOUT)
    try:
        wait_http(f"http://127.0.0.1:{port}/healthz", 30)
        token = login(f"http://127.0.0.1:{port}", data_dir)
        auth = {"Authorization": "Bearer " + token}
        timeline = f"/api/v1/families/{fid}/timeline?group=month&limit=20"
        entries = f"/api/v1/families/{fid}/entries?limit=20"
        # Warm single-request latency on this database, for context (sequential, one client).
        serial = {}
        for name, path in (("timeline", timeline), ("entries", entries)):
            times = []
            for _ in range(30):
                t = time.perf_counter()
                status, body = http_get(f"http://127.0.0.1:{port}{path}", auth)
                times.append((time.perf_counter() - t) * 1000)
                if status != 200:
                    raise SystemExit(f"benchtool: {path} -> {status}")
            serial[name] = {"median_ms": round(statistics.median(times), 2),
                            "max_ms": round(max(times), 2), "bytes": len(body)}
        rss_idle = status_kb(proc.pid, "VmRSS")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)

    results = {"entries": bench["entries"], "repeat": repeat, "serial_latency": serial,
               "rss_after_serial_kb": rss_idle, "loadavg_before": loadavg()}
    for name, path, headers in (("healthz", "/healthz", {}), ("timeline", timeline, auth)):
        times = []
        for _ in range(repeat):
            port = free_port()
            argv = [binary, "serve", "--data-dir", data_dir, "--port", str(port)]
            seconds, polls = first_200(argv, f"http://127.0.0.1:{port}{path}", headers, log_path)
            times.append(seconds * 1000)
        results[name] = {"median_ms": round(statistics.median(times), 1),
                         "max_ms": round(max(times), 1), "min_ms": round(min(times), 1),
                         "all_ms": [round(t, 1) for t in times]}
        print(f"  start to first 200, {name:<9} median {results[name]['median_ms']:6.1f} ms"
              f"  max {results[name]['max_ms']:6.1f} ms  ({repeat} runs)", flush=True)
    results["loadavg_after"] = loadavg()
    print(f"  warm serial latency on {bench['entries']} entries: timeline median "
          f"{serial['timeline']['median_ms']} ms, entries median {serial['entries']['median_ms']} ms")
    with open(out_path, "w") as fh:
        json.dump(results, fh, indent=1)


def access_log(path, out_path):
    """Percentiles of the handler latency Dadly logs per request (from the handler's start to
    the response handed to the socket; time queued before a worker thread took the request is
    not in it). Warm-up requests are included."""
    lat = {}
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if '"request"' not in line:
                continue
            try:
                d = json.loads(line)
                h = d["httpRequest"]
                ms = float(h["latency"].rstrip("s")) * 1000
            except (ValueError, KeyError):
                continue
            lat.setdefault(f"{h['requestMethod']} {d.get('route')}", []).append(ms)
    out = {}
    for route, v in lat.items():
        v.sort()
        n = len(v)
        out[route] = {"requests": n, "p50_ms": round(v[n // 2], 2), "p90_ms": round(v[int(n * 0.9)], 2),
                      "p99_ms": round(v[min(n - 1, int(n * 0.99))], 2)}
        print(f"  handler latency {route:<42} n={n:<7} p50 {out[route]['p50_ms']:6.2f} ms  "
              f"p99 {out[route]['p99_ms']:6.2f} ms")
    with open(out_path, "w") as fh:
        json.dump(out, fh, indent=1)


# ---- summary -------------------------------------------------------------------------------

def summarize(out_dir):
    def load(name):
        try:
            return json.load(open(os.path.join(out_dir, name + ".json")))
        except FileNotFoundError:
            return None

    rows = []
    try:
        binary = open(os.path.join(out_dir, "binary.txt")).read().strip()
    except FileNotFoundError:
        binary = "?"
    first = load("dadly-timeline") or {"wrk_args": []}
    warm = load("dadly-timeline-warmup") or {"wrk_args": []}

    def arg(args, flag):
        return args[args.index(flag) + 1] if flag in args else "?"

    lines = ["", "Dadly: " + binary,
             f"wrk: {arg(first['wrk_args'], '-c')} connections, {arg(first['wrk_args'], '-t')} threads, "
             f"{arg(first['wrk_args'], '-d')} measured after a {arg(warm['wrk_args'], '-d')} warm-up; "
             "FastAPI = the idiomatic peer (thread pool), FastAPI-async = PEER_MODE=async", "",
             "| endpoint | server | req/s | p50 | p99 | Dadly/this req/s | non-2xx | server CPU (cores) | load before |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for ep, label in (("timeline", "GET timeline (month, 20)"), ("entries", "GET entries (20)"),
                      ("create", "POST entries")):
        d = load("dadly-" + ep)
        if not d:
            continue
        row = {"endpoint": ep, "dadly": d}
        for prefix, name in (("dadly", "Dadly"), ("fastapi", "FastAPI"), ("fastapi-async", "FastAPI-async")):
            r = load(f"{prefix}-{ep}")
            if not r:
                continue
            ratio = d["rps"] / r["rps"] if d["rps"] and r["rps"] else float("nan")
            if prefix != "dadly":
                row[prefix] = r
                row["ratio_vs_" + prefix] = round(ratio, 2)
            lines.append(f"| {label} | {name} | {r['rps']:.0f} | {r['p50_ms']:.2f} ms | {r['p99_ms']:.2f} ms | "
                         f"{'' if prefix == 'dadly' else f'{ratio:.1f}x'} | {r['non_2xx']} | "
                         f"{r['server_cpu_cores']} | {r['loadavg_before']} |")
        rows.append(row)
    mem_d, mem_f, st = load("dadly-mem"), load("fastapi-mem"), load("startup")
    mem_fa = load("fastapi-async-mem")
    lines.append("")
    if mem_d:
        lines.append(f"Dadly RSS: idle after start {mem_d['idle_rss_kb'] / 1024:.1f} MiB; peak under load "
                     f"{mem_d['load_hwm_kb'] / 1024:.1f} MiB (VmHWM reset before load), VmHWM since start "
                     f"{mem_d['hwm_since_start_kb'] / 1024:.1f} MiB")
    if mem_f:
        lines.append(f"FastAPI RSS (master + 2 workers, summed): idle {mem_f['idle_rss_kb'] / 1024:.1f} MiB; "
                     f"peak under load {mem_f['load_hwm_kb'] / 1024:.1f} MiB (VmHWM reset before load)")
    if mem_fa:
        lines.append(f"FastAPI-async RSS (summed): idle {mem_fa['idle_rss_kb'] / 1024:.1f} MiB; "
                     f"peak under load {mem_fa['load_hwm_kb'] / 1024:.1f} MiB")
    handler = load("dadly-handler-latency")
    if handler:
        lines.append("Dadly handler latency from its access log (no queueing before a worker thread; "
                     "warm-ups included): " + "; ".join(
                         f"{r} p50 {v['p50_ms']} ms p99 {v['p99_ms']} ms" for r, v in handler.items()
                         if "/families/{fid}/" in r))
    if st:
        lines.append(f"Start to first 200 on {st['entries']} entries ({st['repeat']} runs): /healthz median "
                     f"{st['healthz']['median_ms']} ms, max {st['healthz']['max_ms']} ms; timeline median "
                     f"{st['timeline']['median_ms']} ms, max {st['timeline']['max_ms']} ms")
    print("\n".join(lines))
    with open(os.path.join(out_dir, "results.json"), "w") as fh:
        json.dump({"rows": rows, "dadly_mem": mem_d, "fastapi_mem": mem_f,
                   "fastapi_async_mem": mem_fa, "startup": st}, fh, indent=1)


def main():
    a = sys.argv[1:]
    if not a:
        raise SystemExit(__doc__)
    cmd = a[0]
    if cmd == "free-port":
        print(free_port())
    elif cmd == "port-from-log":
        print(port_from_log(a[1], float(a[2]) if len(a) > 2 else 30.0))
    elif cmd == "wait-http":
        wait_http(a[1], float(a[2]) if len(a) > 2 else 30.0)
    elif cmd == "login":
        print(login(a[1], a[2]))
    elif cmd == "fresh-token":
        print(fresh_token(os.path.abspath(a[1]), os.path.abspath(a[2])))
    elif cmd == "json":
        print(json_value(a[1], a[2]))
    elif cmd == "wait-quiet":
        wait_quiet(float(a[1]), float(a[2]) if len(a) > 2 else 0.25)
    elif cmd == "pids":
        print(" ".join(map(str, family_pids(a[1]))))
    elif cmd == "mem":
        print(json.dumps(mem(a[1])))
    elif cmd == "mem-record":
        mem_record(a[1], a[2], a[3])
    elif cmd == "reset-peak":
        reset_peak(a[1])
    elif cmd == "wrk":
        sep = a.index("--")
        run_wrk(a[1], a[2], a[3], a[sep + 1:])
    elif cmd == "startup":
        import argparse
        ap = argparse.ArgumentParser()
        ap.add_argument("--bin", required=True)
        ap.add_argument("--data-dir", required=True)
        ap.add_argument("--repeat", type=int, default=10)
        ap.add_argument("--out", required=True)
        o = ap.parse_args(a[1:])
        startup(os.path.abspath(o.bin), os.path.abspath(o.data_dir), o.repeat, o.out)
    elif cmd == "access-log":
        access_log(a[1], a[2])
    elif cmd == "summarize":
        summarize(a[1])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
