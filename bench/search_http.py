#!/usr/bin/python3
"""Search through the HTTP API, end to end: what a parent waits for after pressing 찾기.

    /usr/bin/python3 bench/search_http.py --bin build/dadly [--sizes 1000,10000]

For each size: a fresh `dadly serve` (SQLite, two workers) in a temporary data directory; one
family whose entries are the labelled journal (bench/eval/journal.json) repeated with shifted
dates until there are that many, written through POST .../entries; a wait until every insight
is done (the ai-usage sums count the analyses). Then, one request at a time on a kept-alive
connection, the 72 evaluation queries round-robin for 300 searches: p50, p95 and max of the
answer time. This includes what the in-memory benchmark leaves out: HTTP, the Store's change
mark for the reader's entries, and the first search after a write rebuilding the index (also
reported on its own). Then 100 chat turns in one conversation (POST .../messages without
streaming: retrieval with the previous question, the local provider's reply, and the exchange
stored in one fsynced transaction): p50 and p95. Last, 20 times: write one entry, wait for its
insight, and time the next search, which brings the cached index up to date from the Store's
search log. Standard library only.
"""
import argparse
import datetime as dt
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Api:
    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.token = None

    def call(self, method, path, body=None):
        headers = {"content-type": "application/json"}
        if self.token:
            headers["authorization"] = "Bearer " + self.token
        self.conn.request(method, "/api/v1" + path,
                          body=json.dumps(body).encode() if body is not None else None,
                          headers=headers)
        r = self.conn.getresponse()
        data = r.read()
        if r.status >= 300:
            raise SystemExit(f"{method} {path} -> {r.status} {data[:200]!r}")
        return json.loads(data) if data else None


def start(binary, data_dir):
    log = open(os.path.join(data_dir, "server.log"), "wb")
    proc = subprocess.Popen([binary, "serve", "--data-dir", data_dir, "--port", "0"],
                            stdout=subprocess.PIPE, stderr=log,
                            env=dict(os.environ, DADLY_WORKERS="2"))
    for line in proc.stdout:
        msg = json.loads(line)
        if msg.get("message") == "listening":
            # Keep draining the access log so the server never blocks on it.
            subprocess.Popen(["cat"], stdin=proc.stdout, stdout=log)
            return proc, msg["port"]
    raise SystemExit("the server did not start")


def percentile(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p))]


def measure(binary, size, journal, queries):
    data_dir = tempfile.mkdtemp(prefix="dadly-search-http-")
    proc, port = start(binary, data_dir)
    try:
        api = Api(port)
        api.token = api.call("POST", "/auth/signup", {
            "email": "bench@example.test", "password": "bench password 1234",
            "display_name": "아빠"})["access_token"]
        fid = api.call("POST", "/families", {"name": "벤치 가족"})["id"]
        started = time.monotonic()
        for i in range(size):
            e = journal[i % len(journal)]
            shift = dt.timedelta(days=-(i // len(journal)))
            day = (dt.date.fromisoformat(e["occurred_at"]) + shift).isoformat()
            body = {"body": e["body"], "occurred_at": max(day, "1900-01-01")}
            if e.get("title"):
                body["title"] = e["title"]
            api.call("POST", f"/families/{fid}/entries", body)
        written = time.monotonic() - started
        while True:
            usage = api.call("GET", f"/families/{fid}/ai-usage")["items"]
            done = sum(u["calls"] for u in usage if u["operation"] == "analyse")
            if done >= size:
                break
            time.sleep(0.2)
        analysed = time.monotonic() - started
        first = time.monotonic()
        api.call("POST", f"/families/{fid}/search", {"query": queries[0]["query"]})
        first_ms = (time.monotonic() - first) * 1000
        times = []
        for i in range(300):
            q = queries[i % len(queries)]
            t = time.monotonic()
            api.call("POST", f"/families/{fid}/search", {"query": q["query"]})
            times.append((time.monotonic() - t) * 1000)
        times.sort()
        cid = api.call("POST", f"/families/{fid}/conversations", {})["id"]
        turns = []
        for i in range(100):
            q = queries[i % len(queries)]
            t = time.monotonic()
            api.call("POST", f"/families/{fid}/conversations/{cid}/messages",
                     {"content": q["query"]})
            turns.append((time.monotonic() - t) * 1000)
        turns.sort()
        after_write = []
        for i in range(20):
            e = api.call("POST", f"/families/{fid}/entries",
                         {"body": f"새로 쓴 기록 {i}: 오늘은 공원에서 자전거를 탔다."})
            while api.call("GET", f"/families/{fid}/entries/{e['id']}")["insight"]["status"] != "done":
                time.sleep(0.02)
            t = time.monotonic()
            api.call("POST", f"/families/{fid}/search", {"query": "자전거"})
            after_write.append((time.monotonic() - t) * 1000)
        after_write.sort()
        print(f"| {size:,} | {written:.1f} s | {analysed:.1f} s | {first_ms:.0f} ms | "
              f"{percentile(times, 0.5):.2f} ms | {percentile(times, 0.95):.2f} ms | "
              f"{times[-1]:.2f} ms | {percentile(turns, 0.5):.2f} ms | "
              f"{percentile(turns, 0.95):.2f} ms | {percentile(after_write, 0.5):.2f} ms |",
              flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        shutil.rmtree(data_dir, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "dadly"))
    ap.add_argument("--sizes", default="1000,10000")
    args = ap.parse_args()
    journal = json.load(open(os.path.join(ROOT, "bench", "eval", "journal.json")))["entries"]
    queries = json.load(open(os.path.join(ROOT, "bench", "eval", "queries.json")))["queries"]
    print("| entries | written | all analysed | first search (builds the index) | "
          "search p50 | p95 | max | chat turn p50 | p95 | search after a write p50 |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in (int(s) for s in args.sizes.split(",")):
        measure(args.bin, size, journal, queries)


if __name__ == "__main__":
    sys.exit(main())
