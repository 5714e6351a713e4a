"""Crash durability: every entry answered 201 survives `kill -9` at any moment.

Several writers at once, so that creates share commits (SQLite's Pool::SharedWrite) when the
server is killed: an answered create must survive whichever batch it was in."""
import random
import subprocess
import threading
import time

import requests

from conftest import (BACKEND, ServerProcess, list_all, login, make_family, signup, unique_email,
                      unique_password)

RUN_SECONDS = 15
WRITERS = 6


def test_acknowledged_entries_survive_sigkill(tmp_path):
    seed = random.randrange(1 << 30)
    rnd = random.Random(seed)
    data = tmp_path / "crash"
    srv = ServerProcess(data).start()
    email, password = unique_email("crash"), unique_password()
    user = signup(srv, email=email, password=password)
    fid = make_family(user)

    lock = threading.Lock()
    current = {"client": user}
    acked, unexpected = [], []
    stop = threading.Event()

    def writer(w):
        n = 0
        while not stop.is_set():
            with lock:
                client = current["client"]
            n += 1
            try:
                r = client.post(f"/families/{fid}/entries",
                                json={"body": f"crash entry {w}#{n}"}, timeout=5)
            except requests.RequestException:
                time.sleep(0.01)  # the server is down or restarting
                continue
            if r.status_code == 201:
                with lock:
                    acked.append(r.json()["id"])
            else:
                unexpected.append((r.status_code, r.text[:200]))

    writers = [threading.Thread(target=writer, args=(w,), daemon=True) for w in range(WRITERS)]
    for t in writers:
        t.start()
    at_risk, kills = [], 0
    deadline = time.monotonic() + RUN_SECONDS
    try:
        while time.monotonic() < deadline:
            time.sleep(rnd.uniform(0.3, 1.5))
            srv.kill()  # SIGKILL
            kills += 1
            with lock:
                at_risk += acked[-2 * WRITERS:]  # acknowledged just before the kill
            srv.start()  # same data dir, new port
            fresh = login(srv, email, password)
            with lock:
                current["client"] = fresh
    finally:
        stop.set()
        for t in writers:
            t.join(timeout=10)

    msg = f"(seed {seed}, {kills} kills, {len(acked)} acknowledged)"
    assert kills >= 5, msg
    assert len(acked) >= 50, f"too few entries written to prove anything {msg}"
    assert not unexpected, f"unexpected answers while writing: {unexpected[:5]} {msg}"

    client = current["client"]
    stored = {e["id"] for e in list_all(client, f"/families/{fid}/entries")}
    lost = [i for i in acked if i not in stored]
    assert not lost, f"{len(lost)} acknowledged entries lost, e.g. {lost[:3]} {msg}"
    for eid in at_risk:
        r = client.get(f"/families/{fid}/entries/{eid}")
        assert r.status_code == 200, f"GET {eid}: {r.status_code} {msg}"

    code = srv.terminate(timeout=10)
    assert code == 0, f"exit code {code} after SIGTERM"
    if BACKEND != "sqlite":
        return  # the database file below is SQLite's; PostgreSQL keeps its own files
    res = subprocess.run(["sqlite3", str(data / "dadly.db"), "PRAGMA integrity_check"],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "ok", res.stdout[:500]
