"""Fixtures and helpers for the Dadly integration suite.

The suite drives the real binary (`DADLY_BIN`, default `<repo>/build/dadly`)
over HTTP.  A single session-wide server is shared by most modules; tests that
need isolation (crash, shutdown, throttling per address) start their own.
"""
import base64
import hashlib
import hmac
import json
import os
import re
import signal
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[2]
DADLY_BIN = os.environ.get("DADLY_BIN") or str(REPO / "build" / "dadly")
API = "/api/v1"

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Every password / token the suite hands to the server; a test checks that
# none of them ever shows up in the server's log output.
SECRETS = set()


def remember_secret(value):
    if isinstance(value, str) and len(value) >= 12:
        SECRETS.add(value)


def unique_email(prefix="user"):
    return f"{prefix}-{uuid.uuid4().hex[:12]}@example.test"


def unique_password():
    pw = f"pw-{uuid.uuid4().hex}"
    remember_secret(pw)
    return pw


# --------------------------------------------------------------------------
# Backend: SQLite in each data dir by default.  With DADLY_TEST_PG_HOST set to
# the socket directory of a cluster made by scripts/pg.sh, each data dir gets
# its own PostgreSQL database instead, cloned from a template that `dadly
# migrate` prepared as the owner role; servers connect as dadly_app, the role
# Row Level Security applies to, and `dadly grant` runs as the owner.
# --------------------------------------------------------------------------
PG_HOST = os.environ.get("DADLY_TEST_PG_HOST")
BACKEND = "postgres" if PG_HOST else "sqlite"
_databases = {}
_pg_lock = threading.Lock()
_template = f"tpl_{uuid.uuid4().hex[:12]}"


def psql_admin(sql, db="postgres"):
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", PG_HOST, "-U", "postgres",
                    "-d", db, "-c", sql], check=True, capture_output=True, text=True, timeout=60)


def pg_url(db, role):
    return f"postgresql://{role}@/{db}?host={PG_HOST}"


def new_database(migrated=True):
    """A new empty database owned by dadly_owner (cloned from the migrated template)."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    if not migrated:
        psql_admin(f"CREATE DATABASE {name} OWNER dadly_owner TEMPLATE template0")
        psql_admin("REVOKE CREATE ON SCHEMA public FROM PUBLIC; "
                   "ALTER SCHEMA public OWNER TO dadly_owner", db=name)
        return name
    with _pg_lock:
        if not _databases.get("__template__"):
            psql_admin(f"CREATE DATABASE {_template} OWNER dadly_owner TEMPLATE template0")
            psql_admin("REVOKE CREATE ON SCHEMA public FROM PUBLIC; "
                       "ALTER SCHEMA public OWNER TO dadly_owner", db=_template)
            res = subprocess.run(
                [DADLY_BIN, "migrate", "--data-dir", "/nonexistent"],
                env=dict(os.environ, DATABASE_URL=pg_url(_template, "dadly_owner")),
                capture_output=True, text=True, timeout=60)
            assert res.returncode == 0, f"migrate failed: {res.stdout} {res.stderr}"
            _databases["__template__"] = _template
        psql_admin(f"CREATE DATABASE {name} TEMPLATE {_template} OWNER dadly_owner")
    return name


def database_env(data_dir, owner=False):
    """Environment naming the database of `data_dir`: nothing on SQLite."""
    if not PG_HOST:
        return {}
    key = str(Path(data_dir).resolve())
    with _pg_lock:
        name = _databases.get(key)
    if name is None:
        name = new_database()
        with _pg_lock:
            _databases[key] = name
    return {"DATABASE_URL": pg_url(name, "dadly_owner" if owner else "dadly_app")}


# --------------------------------------------------------------------------
# Server process
# --------------------------------------------------------------------------
class ServerProcess:
    """One `dadly serve` process; stdout/stderr are drained by threads."""

    def __init__(self, data_dir, env=None):
        self.data_dir = Path(data_dir)
        self.extra_env = dict(env or {})
        self.proc = None
        self.port = None
        self.lines = []          # raw stdout lines (str), across restarts
        self.err_lines = []      # raw stderr lines (str), across restarts
        self._listening = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def _drain(self, stream, sink, listening=None):
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\n")
            sink.append(line)
            if listening is not None and not listening.is_set():
                try:
                    obj = json.loads(line)
                except ValueError:
                    continue
                if isinstance(obj, dict) and obj.get("message") == "listening" and "port" in obj:
                    self.port = int(obj["port"])
                    listening.set()
        stream.close()

    def start(self, timeout=20):
        env = {k: v for k, v in os.environ.items() if not k.startswith("DADLY_")}
        env.update(database_env(self.data_dir))
        env.update(self.extra_env)
        self.port = None
        self._listening = threading.Event()
        if not Path(DADLY_BIN).exists():
            raise RuntimeError(f"server binary not found: {DADLY_BIN} (set DADLY_BIN)")
        self.proc = subprocess.Popen(
            [DADLY_BIN, "serve", "--data-dir", str(self.data_dir), "--port", "0",
             "--host", "127.0.0.1"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        threading.Thread(target=self._drain, args=(self.proc.stdout, self.lines, self._listening),
                         daemon=True).start()
        threading.Thread(target=self._drain, args=(self.proc.stderr, self.err_lines),
                         daemon=True).start()
        deadline = time.monotonic() + timeout
        while not self._listening.wait(0.05):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.proc.kill()
                raise RuntimeError(
                    "server did not log a 'listening' line; stdout tail:\n"
                    + "\n".join(self.lines[-20:]) + "\nstderr tail:\n"
                    + "\n".join(self.err_lines[-20:]))
        return self

    def terminate(self, timeout=10):
        """SIGTERM and wait; returns the exit code, raises if it hangs."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"server did not exit within {timeout}s of SIGTERM")

    def kill(self):
        self.proc.kill()
        self.proc.wait()

    def json_lines(self):
        out = []
        for line in list(self.lines):
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if isinstance(obj, dict):
                out.append(obj)
        return out


# --------------------------------------------------------------------------
# HTTP client
# --------------------------------------------------------------------------
_UNSET = object()


class Client:
    """Thin wrapper over requests; paths are relative to /api/v1 unless root=True.

    By default every request uses a new connection, so a test checks its own
    route and not connection reuse; `keep_alive=True` reuses one connection
    (test_operations checks keep-alive on its own).
    """

    def __init__(self, base, token=None, keep_alive=False):
        self.base = base
        self.token = token
        self.session = requests.Session() if keep_alive else None

    def request(self, method, path, json=_UNSET, data=None, headers=None,
                token=_UNSET, root=False, params=None, timeout=15):
        hdrs = {}
        tok = self.token if token is _UNSET else token
        if tok:
            hdrs["Authorization"] = f"Bearer {tok}"
        if json is not _UNSET:
            data = _json_bytes(json)
            hdrs["Content-Type"] = "application/json"
        if headers:
            hdrs.update(headers)
        url = self.base + ("" if root else API) + path
        if self.session is None:
            return requests.request(method, url, data=data, headers=hdrs, params=params,
                                    timeout=timeout)
        return self.session.request(method, url, data=data, headers=hdrs,
                                    params=params, timeout=timeout)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, json=_UNSET, **kw):
        return self.request("POST", path, json=json, **kw)

    def patch(self, path, json=_UNSET, **kw):
        return self.request("PATCH", path, json=json, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)


def _json_bytes(obj):
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


class User(Client):
    """An authenticated client with the account's details."""

    def __init__(self, base, auth_body, email, password):
        super().__init__(base, auth_body["access_token"])
        self.auth = auth_body
        self.id = auth_body["user"]["id"]
        self.email = email
        self.password = password
        self.refresh_token = auth_body["refresh_token"]
        remember_secret(self.token)
        remember_secret(self.refresh_token)


def signup(server, email=None, password=None, display_name="테스트 사용자", locale=None):
    email = email or unique_email()
    password = password or unique_password()
    body = {"email": email, "password": password, "display_name": display_name}
    if locale is not None:
        body["locale"] = locale
    r = Client(server.base).post("/auth/signup", json=body)
    assert r.status_code == 201, f"signup failed: {r.status_code} {r.text}"
    return User(server.base, r.json(), email, password)


def login(server, email, password):
    r = Client(server.base).post("/auth/login", json={"email": email, "password": password})
    assert r.status_code == 200, f"login failed: {r.status_code} {r.text}"
    return User(server.base, r.json(), email, password)


def make_family(owner, name=None):
    r = owner.post("/families", json={"name": name or f"가족 {uuid.uuid4().hex[:6]}"})
    assert r.status_code == 201, f"family create failed: {r.status_code} {r.text}"
    return r.json()["id"]


def make_member(owner, fid, name=None, **fields):
    body = {"name": name or f"아이 {uuid.uuid4().hex[:6]}", **fields}
    r = owner.post(f"/families/{fid}/members", json=body)
    assert r.status_code == 201, f"member create failed: {r.status_code} {r.text}"
    return r.json()


def make_entry(user, fid, body=None, **fields):
    payload = {"body": body or f"기록 {uuid.uuid4().hex[:8]}", **fields}
    r = user.post(f"/families/{fid}/entries", json=payload)
    assert r.status_code == 201, f"entry create failed: {r.status_code} {r.text}"
    return r.json()


def wait_insights(user, fid, ids, status="done", timeout=20):
    """Waits until every entry's insight has `status`, within `timeout` seconds in all (a server
    with a worker makes them in the background); returns the entries as read then."""
    deadline = time.monotonic() + timeout
    out = []
    for eid in ids:
        while True:
            r = user.get(f"/families/{fid}/entries/{eid}")
            assert r.status_code == 200, r.text
            insight = r.json()["insight"]
            if insight and insight["status"] == status:
                out.append(r.json())
                break
            assert time.monotonic() < deadline, f"insight still {insight} after {timeout}s"
            time.sleep(0.05)
    return out


def wait_insight(user, fid, eid, status="done", timeout=20):
    """wait_insights for one entry: the entry once its insight has `status`."""
    return wait_insights(user, fid, [eid], status, timeout)[0]


def operator_command(data_dir, *args, env=None):
    """Runs `dadly ARGS --data-dir DATA_DIR` as an operator would (on PostgreSQL, as the schema
    owner); asserts that it succeeded and returns its JSON log lines."""
    res = subprocess.run(
        [DADLY_BIN, *args, "--data-dir", str(data_dir)],
        capture_output=True, text=True, timeout=30,
        env=dict(os.environ, **database_env(data_dir, owner=True), **(env or {})))
    assert res.returncode == 0, f"{args[0]} failed ({res.returncode}): {res.stdout} {res.stderr}"
    return [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]


def grant(data_dir, fid, email, role):
    operator_command(data_dir, "grant", "--family", fid, "--email", email, "--role", role)


def family_with(server, role):
    """A new family of a new owner, with another new account granted `role` in it:
    (owner, that account, family id)."""
    owner, member = signup(server), signup(server)
    fid = make_family(owner)
    grant(server.data_dir, fid, member.email, role)
    return owner, member, fid


def list_all(user, path, limit=100, params=None):
    """Walks every page of a `{items, next_cursor}` list; returns the items."""
    items, cursor = [], None
    for _ in range(1000):
        q = dict(params or {}, limit=limit)
        if cursor:
            q["cursor"] = cursor
        r = user.get(path, params=q)
        assert r.status_code == 200, f"GET {path}: {r.status_code} {r.text}"
        page = r.json()
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("list did not terminate")


# --------------------------------------------------------------------------
# JWT helpers
# --------------------------------------------------------------------------
def b64url(data):
    if isinstance(data, str):
        data = data.encode()
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_jwt(header, payload, key):
    signing_input = f"{b64url(json.dumps(header))}.{b64url(json.dumps(payload))}"
    sig = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64url(sig)}"


def jwt_key(data_dir):
    return (Path(data_dir) / "secrets" / "jwt.key").read_bytes()


def mint_token(data_dir, sub, exp_offset=900, key=None, header=None, **claims):
    """HS256 token signed with the server's key; a claim given as None is left out."""
    now = int(time.time())
    payload = {"sub": sub, "iat": now, "exp": now + exp_offset,
               "iss": "dadly", "aud": "dadly-api"}
    payload.update(claims)
    payload = {k: v for k, v in payload.items() if v is not None}
    token = sign_jwt(header or {"alg": "HS256", "typ": "JWT"}, payload,
                     key if key is not None else jwt_key(data_dir))
    remember_secret(token)
    return token


# --------------------------------------------------------------------------
# Assertions
# --------------------------------------------------------------------------
def assert_problem(resp, status, code, field=None):
    """Checks a problem+json answer; `field` (if given) must be among errors[].field."""
    assert resp.status_code == status, (
        f"expected {status} {code}, got {resp.status_code}: {resp.text[:500]}")
    ctype = resp.headers.get("Content-Type", "")
    assert ctype.split(";")[0].strip() == "application/problem+json", f"Content-Type {ctype!r}"
    body = resp.json()
    for key in ("type", "title", "status", "detail", "code"):
        assert key in body, f"problem body lacks {key!r}: {body}"
    assert body["status"] == status, body
    assert body["code"] == code, body
    assert body["type"] == f"urn:dadly:problem:{code}", body
    assert isinstance(body["title"], str) and body["title"], body
    assert isinstance(body["detail"], str), body
    if status == 401:
        assert resp.headers.get("WWW-Authenticate", "").startswith("Bearer"), resp.headers
    if status == 405:
        assert resp.headers.get("Allow"), "405 without Allow header"
    if status == 429:
        assert resp.headers.get("Retry-After", "").isdigit(), resp.headers
    if code == "validation_failed":
        errors = body.get("errors")
        assert isinstance(errors, list) and errors, f"validation problem without errors: {body}"
        for e in errors:
            assert isinstance(e.get("field"), str) and isinstance(e.get("message"), str), e
        if field is not None:
            fields = [e["field"] for e in errors]
            assert field in fields, f"expected error for field {field!r}, got {fields}"
    return body


def assert_uuid(value):
    assert isinstance(value, str) and UUID_RE.match(value), f"not a lowercase uuid: {value!r}"


def assert_time(value):
    assert isinstance(value, str) and TIME_RE.match(value), f"not RFC 3339 UTC: {value!r}"


# --------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------
@pytest.fixture(scope="session")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("dadly-data")


@pytest.fixture(scope="session")
def server(data_dir):
    # No background workers: entries keep a pending insight, so a test may compare an entry
    # before and after a request. test_insights.py runs servers with workers.
    srv = ServerProcess(data_dir, env={"DADLY_WORKERS": "0"}).start()
    yield srv
    code = srv.terminate(timeout=10)  # raises if it does not exit within 10 s
    assert code == 0, f"server exited with {code} after SIGTERM"


@pytest.fixture(scope="session")
def anon(server):
    return Client(server.base)
