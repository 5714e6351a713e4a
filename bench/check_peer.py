#!/usr/bin/python3
"""Checks that the FastAPI peer answers like Dadly on the benchmarked routes, on a COPY of a
generated data dir (it writes two entries):

    /usr/bin/python3 bench/check_peer.py --bin build/dadly --data-dir /tmp/copy-of-data

Both servers run on the same SQLite file; the same GETs (owner and editor, who see different
private entries; list, timeline by month, year and age; filters; a cursor page; bad input)
must give the same status and the same JSON, and a POST must give the same shape.
Exits 1 on any difference. Standard library only.
"""
import argparse
import http.client
import json
import os
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchtool  # noqa: E402


def call(port, method, path, body=None, token=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {}
    if token:
        headers["authorization"] = "Bearer " + token
    if body is not None:
        headers["content-type"] = "application/json"
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, json.loads(data) if data else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--data-dir", required=True)
    a = ap.parse_args()
    data_dir = os.path.abspath(a.data_dir)
    bench = json.load(open(os.path.join(data_dir, "bench.json"), encoding="utf-8"))
    fam = bench["families"][0]
    fid, mids = fam["id"], fam["member_ids"]
    dport, fport = benchtool.free_port(), benchtool.free_port()
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(data_dir, "check-dadly.log"), "ab") as dlog, \
            open(os.path.join(data_dir, "check-fastapi.log"), "ab") as flog:
        dadly = subprocess.Popen([os.path.abspath(a.bin), "serve", "--data-dir", data_dir,
                                  "--port", str(dport)], stdout=dlog, stderr=subprocess.STDOUT)
        peer = subprocess.Popen(
            ["/usr/bin/python3", "-m", "uvicorn", "--app-dir", os.path.join(here, "peers"),
             "fastapi_app:app", "--host", "127.0.0.1", "--port", str(fport), "--workers", "1",
             "--no-access-log", "--log-level", "warning"],
            stdout=flog, stderr=subprocess.STDOUT, env=dict(os.environ, DADLY_DATA_DIR=data_dir))
    failures = 0
    try:
        benchtool.wait_http(f"http://127.0.0.1:{dport}/healthz", 30)
        benchtool.wait_http(f"http://127.0.0.1:{fport}/healthz", 30)
        tokens = {}
        for who in ("owner", "editor"):
            s, r = call(dport, "POST", "/api/v1/auth/login",
                        {"email": fam[who]["email"], "password": fam[who]["password"]})
            tokens[who] = r["access_token"]
        base = f"/api/v1/families/{fid}"
        paths = [f"{base}/entries?limit=20", f"{base}/timeline?group=month&limit=20",
                 f"{base}/timeline?group=year&limit=50",
                 f"{base}/timeline?group=age&member_id={mids[-1]}&limit=30",
                 f"{base}/entries?limit=7&member_id={mids[0]}&from=2020-01-01&to=2023-06-30",
                 f"{base}/entries?limit=0", f"{base}/timeline?group=week",
                 f"{base}/timeline?group=age&member_id=00000000-0000-4000-8000-000000000000",
                 "/api/v1/families/00000000-0000-4000-8000-000000000000/entries"]
        for who, token in tokens.items():
            first = call(dport, "GET", paths[0], token=token)[1]
            paths_who = paths + [paths[0] + "&cursor=" + first["next_cursor"]]
            for path in paths_who:
                d, f = call(dport, "GET", path, token=token), call(fport, "GET", path, token=token)
                same = d == f
                failures += not same
                print(f"  {'same' if same else 'DIFFERENT'}  {d[0]}/{f[0]}  {who:<6} {path[len(base):] or path}")
        for path in (paths[0],):
            d, f = call(dport, "GET", path), call(fport, "GET", path)
            failures += d[0] != f[0] or d[0] != 401
            print(f"  {'same' if d[0] == f[0] else 'DIFFERENT'}  {d[0]}/{f[0]}  no token")
        body = {"body": "서윤이가 처음으로 두발자전거를 탔다!", "occurred_at": "2026-05-05",
                "member_ids": mids[:2], "title": "자전거"}
        d = call(dport, "POST", base + "/entries", body, token=tokens["owner"])
        f = call(fport, "POST", base + "/entries", body, token=tokens["owner"])
        volatile = ("id", "created_at", "updated_at")
        same = d[0] == f[0] == 201 and {k: v for k, v in d[1].items() if k not in volatile} == \
            {k: v for k, v in f[1].items() if k not in volatile}
        failures += not same
        print(f"  {'same' if same else 'DIFFERENT'}  {d[0]}/{f[0]}  POST entries (ids and times aside)")
        bad = {"body": " ", "zzz": 1}
        d = call(dport, "POST", base + "/entries", bad, token=tokens["owner"])
        f = call(fport, "POST", base + "/entries", bad, token=tokens["owner"])
        print(f"  {'same' if d[0] == f[0] else 'DIFFERENT'} status {d[0]}/{f[0]}  POST with an unknown field")
        failures += d[0] != f[0]
    finally:
        for p in (dadly, peer):
            p.send_signal(signal.SIGTERM)
        for p in (dadly, peer):
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=5)
    print(f"check_peer: {'OK' if not failures else f'{failures} difference(s)'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
