"""Operations: health, metrics, routing errors, OpenAPI document and contract, logs, shutdown."""
import json
import re
import socket
import subprocess
import time
import uuid

import pytest
import yaml

from conftest import (DADLY_BIN, REPO, Client, ServerProcess, assert_problem, login, make_entry,
                      make_family, make_member, signup, wait_insight)


@pytest.fixture(scope="module")
def ops(server):
    owner = signup(server)
    fid = make_family(owner)
    return dict(owner=owner, fid=fid, mid=make_member(owner, fid)["id"],
                eid=make_entry(owner, fid)["id"])


# ---------------------------------------------------------------- health
def test_healthz(anon):
    r = anon.get("/healthz", root=True)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/json")
    assert r.json() == {"status": "ok"}


def test_readyz(anon):
    r = anon.get("/readyz", root=True)
    assert r.status_code == 200
    assert r.json() == {"status": "ready"}


# ---------------------------------------------------------------- metrics
LABEL_RE = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def samples(text, name):
    """[(labels dict, value)] for every sample of metric `name`."""
    out = []
    for line in text.splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            head, _, value = line.rpartition(" ")
            labels = dict(LABEL_RE.findall(head[len(name):]))
            out.append((labels, float(value)))
    return out


def value(text, name, **labels):
    return sum(v for lab, v in samples(text, name) if all(lab.get(k) == x for k, x in labels.items()))


def metrics(anon):
    r = anon.get("/metrics", root=True)
    assert r.status_code == 200
    return r


def test_metrics_format_and_names(anon):
    r = metrics(anon)
    ctype = r.headers["Content-Type"]
    assert ctype.startswith("text/plain") and "version=0.0.4" in ctype, ctype
    text = r.text
    assert re.search(r"^# TYPE dadly_http_requests_total counter$", text, re.M)
    assert re.search(r"^# TYPE dadly_http_request_duration_seconds histogram$", text, re.M)
    assert re.search(r"^# TYPE dadly_process_resident_memory_bytes gauge$", text, re.M)
    assert value(text, "dadly_process_resident_memory_bytes") > 1_000_000
    labels = [lab for lab, _ in samples(text, "dadly_http_requests_total")]
    assert labels and all({"route", "method", "status"} <= set(lab) for lab in labels)
    assert samples(text, "dadly_http_request_duration_seconds_bucket")
    assert any(lab.get("le") == "+Inf" for lab, _ in samples(text, "dadly_http_request_duration_seconds_bucket"))
    assert samples(text, "dadly_http_request_duration_seconds_sum")
    assert samples(text, "dadly_http_request_duration_seconds_count")


def test_metrics_count_requests(anon):
    key = dict(route="/healthz", method="GET", status="200")
    before = value(metrics(anon).text, "dadly_http_requests_total", **key)
    hist_before = value(metrics(anon).text, "dadly_http_request_duration_seconds_count")
    for _ in range(3):
        assert anon.get("/healthz", root=True).status_code == 200
    for _ in range(20):  # the server may record a request just after answering it
        text = metrics(anon).text
        if value(text, "dadly_http_requests_total", **key) >= before + 3:
            break
        time.sleep(0.05)
    assert value(text, "dadly_http_requests_total", **key) == before + 3
    assert value(text, "dadly_http_request_duration_seconds_count") >= hist_before + 3


def test_metrics_use_route_templates(anon, ops):
    ops["owner"].get(f"/families/{ops['fid']}/entries/{ops['eid']}")
    before = value(metrics(anon).text, "dadly_http_requests_total",
                   route="/api/v1/families/{fid}/entries/{eid}", method="GET", status="404")
    ops["owner"].get(f"/families/{ops['fid']}/entries/{uuid.uuid4()}")
    time.sleep(0.1)  # recorded just after the answer
    text = metrics(anon).text
    assert value(text, "dadly_http_requests_total", route="/api/v1/families/{fid}/entries/{eid}",
                 method="GET", status="200") >= 1
    assert value(text, "dadly_http_requests_total", route="/api/v1/families/{fid}/entries/{eid}",
                 method="GET", status="404") == before + 1
    assert ops["fid"] not in text and ops["eid"] not in text, "raw ids leak into metric labels"


# ---------------------------------------------------------------- routing errors
@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/v1/families/{fid}/nope",
                                  "/api/v1/families/{fid}/entries/{eid}/nope", "/api/v2/me"])
def test_unknown_route_404(ops, path):
    r = ops["owner"].get(path.format(**ops), root=True)
    assert_problem(r, 404, "not_found")


@pytest.mark.parametrize("method,path,allowed", [
    ("DELETE", "/healthz", {"GET"}),
    ("POST", "/metrics", {"GET"}),
    ("GET", "/api/v1/auth/login", {"POST"}),
    ("POST", "/api/v1/me", {"GET", "PATCH"}),
    ("GET", "/api/v1/families", {"POST"}),
    ("DELETE", "/api/v1/families/{fid}", {"GET"}),
    ("PUT", "/api/v1/families/{fid}/members", {"GET", "POST"}),
    ("POST", "/api/v1/families/{fid}/members/{mid}", {"GET", "PATCH", "DELETE"}),
    ("POST", "/api/v1/families/{fid}/users", {"GET"}),
    ("DELETE", "/api/v1/families/{fid}/entries", {"GET", "POST"}),
    ("PUT", "/api/v1/families/{fid}/entries/{eid}", {"GET", "PATCH", "DELETE"}),
    ("GET", "/api/v1/families/{fid}/entries/{eid}/restore", {"POST"}),
    ("POST", "/api/v1/families/{fid}/timeline", {"GET"}),
])
def test_wrong_method_405(ops, method, path, allowed):
    r = ops["owner"].request(method, path.format(**ops), root=True)
    assert_problem(r, 405, "method_not_allowed")
    got = {m.strip().upper() for m in r.headers["Allow"].split(",")} - {"HEAD", "OPTIONS"}
    assert got == allowed


# ---------------------------------------------------------------- OpenAPI and docs
METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def operations(doc):
    return {(m.upper(), path) for path, item in doc["paths"].items() for m in item if m in METHODS}


def repo_openapi():
    with open(REPO / "api" / "openapi.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def test_openapi_served_and_parseable(anon):
    r = anon.get("/api/v1/openapi.yaml", root=True)
    assert r.status_code == 200
    assert r.headers["Content-Type"].split(";")[0].strip() == "application/yaml"
    doc = yaml.safe_load(r.content.decode("utf-8"))
    assert str(doc["openapi"]).startswith("3.1"), doc.get("openapi")
    assert doc["info"]["title"]
    assert doc == repo_openapi(), "served document differs from api/openapi.yaml (stale build?)"


def test_docs_page(anon):
    r = anon.get("/docs", root=True)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/html")
    assert "<html" in r.text.lower()
    assert "openapi.yaml" in r.text


def cli_routes():
    res = subprocess.run([DADLY_BIN, "routes"], capture_output=True, text=True, timeout=30)
    assert res.returncode == 0, res.stderr
    out = set()
    for line in res.stdout.splitlines():
        if line.strip():
            method, path = line.split()
            out.add((method.upper(), path))
    return out


SPEC_ROUTES = {
    ("GET", "/healthz"), ("GET", "/readyz"), ("GET", "/metrics"), ("GET", "/api/v1/openapi.yaml"),
    ("GET", "/docs"), ("POST", "/api/v1/auth/signup"), ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/refresh"), ("POST", "/api/v1/auth/logout"), ("GET", "/api/v1/me"),
    ("POST", "/api/v1/families"), ("GET", "/api/v1/families/{fid}"),
    ("GET", "/api/v1/families/{fid}/members"), ("POST", "/api/v1/families/{fid}/members"),
    ("GET", "/api/v1/families/{fid}/members/{mid}"), ("PATCH", "/api/v1/families/{fid}/members/{mid}"),
    ("DELETE", "/api/v1/families/{fid}/members/{mid}"), ("GET", "/api/v1/families/{fid}/users"),
    ("PATCH", "/api/v1/families/{fid}/users/{uid}"), ("DELETE", "/api/v1/families/{fid}/users/{uid}"),
    ("GET", "/api/v1/families/{fid}/entries"), ("POST", "/api/v1/families/{fid}/entries"),
    ("GET", "/api/v1/families/{fid}/entries/{eid}"), ("PATCH", "/api/v1/families/{fid}/entries/{eid}"),
    ("DELETE", "/api/v1/families/{fid}/entries/{eid}"),
    ("POST", "/api/v1/families/{fid}/entries/{eid}/restore"),
    ("GET", "/api/v1/families/{fid}/trash"), ("GET", "/api/v1/families/{fid}/timeline"),
}


def test_routes_match_openapi_contract():
    routes, documented = cli_routes(), operations(repo_openapi())
    undocumented = sorted(routes - documented)
    unimplemented = sorted(documented - routes)
    assert not undocumented and not unimplemented, (
        f"served but not in api/openapi.yaml: {undocumented}\n"
        f"in api/openapi.yaml but not served: {unimplemented}")


def test_routes_cover_the_spec():
    missing = sorted(SPEC_ROUTES - cli_routes())
    assert not missing, f"routes of the spec the server does not know: {missing}"


# ---------------------------------------------------------------- logs
SEVERITIES = {"DEFAULT", "DEBUG", "INFO", "NOTICE", "WARNING", "ERROR", "CRITICAL", "ALERT",
              "EMERGENCY"}
REQ_ID = re.compile(r"(?i)^(request[_-]?id|requestid|logging\.googleapis\.com/trace|trace[_-]?id)$")


def request_id(line):
    for scope in (line, line.get("httpRequest", {})):
        for k, v in scope.items():
            if REQ_ID.match(k) and isinstance(v, str) and v:
                return v
    return None


def test_log_lines_are_structured(server, ops):
    ops["owner"].get("/me")
    ops["owner"].get(f"/families/{uuid.uuid4()}")
    # Bytes that are not UTF-8 in the path and the user agent must not break the log's JSON.
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(b"GET /api/v1/\xff\xfe HTTP/1.1\r\nHost: x\r\nUser-Agent: ua\xff\r\n"
                     b"Connection: close\r\n\r\n")
        assert b" 404 " in sock.recv(4096).split(b"\r\n")[0]
    time.sleep(0.3)
    lines = [ln for ln in server.lines if ln.strip()]
    assert lines
    parsed = server.json_lines()
    bad = [ln for ln in lines if not ln.lstrip().startswith("{")]
    assert len(parsed) == len(lines) and not bad, f"non-JSON log lines, e.g. {bad[:2]}"
    # The harness decodes with errors="replace": a U+FFFD means raw invalid bytes reached the log.
    assert not [ln for ln in lines if "\ufffd" in ln], "a log line is not valid UTF-8"
    assert any(o.get("httpRequest", {}).get("userAgent") == "(invalid UTF-8)" for o in parsed)
    for obj in parsed:
        assert obj.get("severity") in SEVERITIES, obj
        assert isinstance(obj.get("message"), str), obj
    reqs = [o for o in parsed if "httpRequest" in o]
    assert len(reqs) >= 3, "request log lines missing"
    ids = []
    for o in reqs:
        h = o["httpRequest"]
        assert h.get("requestMethod") in {"GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS"}, o
        assert isinstance(h.get("status"), int), o
        rid = request_id(o)
        assert rid, f"request log line without a request id: {o}"
        ids.append(rid)
    assert len(set(ids)) == len(ids), "request ids are not unique"
    assert any(o["httpRequest"]["status"] == 404 for o in reqs)
    assert any(o["httpRequest"]["status"] >= 400 and o["severity"] in SEVERITIES for o in reqs)


# ---------------------------------------------------------------- connections
def keepalive_posts(server, token, path, body, count, gap):
    """`count` POSTs on one raw connection, headers and body written separately
    (`gap` seconds apart, as many HTTP clients do); returns how many got no answer."""
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    dropped, sock = 0, None
    for _ in range(count):
        if sock is None:
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            reader = sock.makefile("rb")
        try:
            sock.sendall(head)
            time.sleep(gap)
            sock.sendall(body)
            status = reader.readline()
            if not status:
                raise ConnectionError("closed without an answer")
            assert status.split()[1] in (b"201", b"400"), status
            length = 0
            while (line := reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            reader.read(length)
        except OSError:
            dropped += 1
            sock.close()
            sock = None
    if sock is not None:
        sock.close()
    return dropped


@pytest.mark.parametrize("gap", [0, 0.0001])
def test_keepalive_connection_answers_every_request(server, ops, gap):
    count = 1500
    dropped = keepalive_posts(server, ops["owner"].token, f"/api/v1/families/{ops['fid']}/entries",
                              b'{"body":"keep-alive"}', count, gap)
    assert dropped == 0, (f"{dropped} of {count} POSTs on a reused connection were dropped "
                          f"without an answer (headers and body sent {gap}s apart)")


def read_responses(reader, count):
    """`count` HTTP/1.1 responses with Content-Length bodies: [(status, body)]."""
    out = []
    for _ in range(count):
        status = int(reader.readline().split()[1])
        length = 0
        while (line := reader.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        out.append((status, reader.read(length)))
    return out


def test_pipelined_requests_see_the_writes_sent_before_them(server, ops):
    """A connection's requests take effect in the order sent: a GET pipelined behind its own
    POSTs reads them, and two pipelined POSTs are written in the order sent."""
    path = f"/api/v1/families/{ops['fid']}/entries"
    auth = f"Authorization: Bearer {ops['owner'].token}\r\nHost: 127.0.0.1\r\n"

    def post(body):
        return (f"POST {path} HTTP/1.1\r\n{auth}Content-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n{body}")

    for attempt in range(20):
        marks = [f"pipelined {attempt} {n} {uuid.uuid4()}" for n in range(2)]
        wire = "".join(post(json.dumps({"body": m, "occurred_at": "2026-11-20"})) for m in marks)
        wire += f"GET {path}?from=2026-11-20&to=2026-11-20&limit=100 HTTP/1.1\r\n{auth}\r\n"
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            sock.sendall(wire.encode())
            answers = read_responses(sock.makefile("rb"), 3)
        assert [status for status, _ in answers] == [201, 201, 200], answers
        listed = [e["body"] for e in json.loads(answers[2][1])["items"]]
        assert marks[0] in listed and marks[1] in listed, \
            f"attempt {attempt}: the GET did not see the POSTs sent before it on its connection"
        # Newest first: the POST sent second was written second.
        assert listed.index(marks[1]) < listed.index(marks[0]), listed


def test_keepalive_get_requests(server, ops):
    client = Client(server.base, ops["owner"].token, keep_alive=True)
    for _ in range(500):
        assert client.get(f"/families/{ops['fid']}").status_code == 200


# ---------------------------------------------------------------- shutdown
def test_sigterm_graceful_with_idle_keepalive(tmp_path):
    srv = ServerProcess(tmp_path / "term").start()
    client = Client(srv.base, keep_alive=True)
    assert client.get("/healthz", root=True).status_code == 200  # keep-alive connection stays open
    started = time.monotonic()
    code = srv.terminate(timeout=10)
    assert code == 0, f"exit code {code} after SIGTERM"
    assert time.monotonic() - started < 10


# ---------------------------------------------------------------- operators
def test_operators_are_named_by_account_id(tmp_path):
    srv = ServerProcess(tmp_path).start()
    operator, parent = signup(srv), signup(srv)
    fid = make_family(parent)
    eid = make_entry(parent, fid, "아무도 읽으면 안 되는 일기")["id"]
    wait_insight(parent, fid, eid)
    assert srv.terminate() == 0

    srv = ServerProcess(tmp_path, env={"DADLY_ADMIN_USER_IDS": operator.id.upper()}).start()
    operator = login(srv, operator.email, operator.password)
    parent = login(srv, parent.email, parent.password)
    r = operator.get("/admin/jobs", params={"state": "done"})
    assert r.status_code == 200, r.text
    assert [(j["family_id"], j["entry_id"], j["state"]) for j in r.json()["items"]] == [
        (fid, eid, "done")]
    assert "일기" not in r.text
    assert_problem(parent.get("/admin/jobs"), 403, "forbidden")
    assert srv.terminate() == 0

    # An email names no operator: anyone may have signed up first with it.
    res = subprocess.run([DADLY_BIN, "config", "--data-dir", str(tmp_path)], capture_output=True,
                         text=True, timeout=30,
                         env={"PATH": "/usr/bin:/bin", "DADLY_ADMIN_EMAILS": operator.email})
    assert res.returncode == 1 and "DADLY_ADMIN_USER_IDS" in res.stdout, res.stdout
