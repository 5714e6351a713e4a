"""Bad input gets a clear 4xx problem and changes nothing.

Table-driven over every route with a JSON body (ROUTES), crossed with generic
body cases (GENERIC) and per-field cases (each route's `fields`); plus bad
ids in paths and bad query parameters.
"""
import datetime as dt
import json
import socket
import uuid
from collections import namedtuple
from urllib.parse import urlsplit

import pytest
from requests.structures import CaseInsensitiveDict

from conftest import (API, assert_problem, grant, list_all, login, make_entry, make_family,
                      make_member, signup, unique_email, unique_password)

MiB = 1024 * 1024
TOMORROW2 = (dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=2)).isoformat()


# ---------------------------------------------------------------- context
@pytest.fixture(scope="module")
def bi(server, data_dir):
    owner = signup(server)
    target = signup(server)
    holder = signup(server)   # owns the refresh token used by refresh/logout cases
    loginee = signup(server)  # its credentials are the valid login body
    fid = make_family(owner)
    grant(data_dir, fid, target.email, "viewer")
    members = [make_member(owner, fid, f"멤버{i}")["id"] for i in range(51)]
    cid = owner.post(f"/families/{fid}/conversations", json={}).json()["id"]
    c = dict(server=server, owner=owner, target=target, holder=holder, loginee=loginee, fid=fid,
             members=members, mid=members[0], eid=make_entry(owner, fid)["id"],
             refresh=holder.refresh_token, cid=cid)
    return c


def relogin(c):
    c["refresh"] = login(c["server"], c["holder"].email, c["holder"].password).refresh_token


def refresh_still_works(c, body):
    r = c["owner"].post("/auth/refresh", json={"refresh_token": c["refresh"]}, token=None)
    if r.status_code == 200:
        c["refresh"] = r.json()["refresh_token"]
    else:
        relogin(c)
    assert r.status_code == 200, "the refresh token stopped working after a rejected request"


def signup_still_possible(c, body):
    r = c["owner"].post("/auth/signup", json=body, token=None)
    assert r.status_code == 201, f"rejected signup left traces: {r.status_code} {r.text}"


def get_json(path):
    return lambda c, body: c["owner"].get(path(c)).json()


# ---------------------------------------------------------------- routes
Route = namedtuple("Route", "name method path anon ok valid fields required snapshot after")
# value given as a callable(c) is resolved at run time (needs ids)
MEMBERS_51 = lambda c: c["members"]            # noqa: E731
DUP = lambda c: [c["mid"], c["mid"]]           # noqa: E731
UNKNOWN = lambda c: [str(uuid.uuid4())]        # noqa: E731

ENTRY_FIELDS = {
    "body": [("number", 5), ("null", None), ("empty", ""), ("whitespace", " \n\t "),
             ("too_long", "가" * 100001)],
    "title": [("number", 5), ("too_long", "가" * 201)],
    "occurred_at": [("number", 20260101), ("bad_day", "2026-02-30"), ("short", "26-1-1"),
                    ("no_pad", "2026-1-01"), ("datetime", "2026-01-01T00:00:00Z"),
                    ("too_old", "1899-12-31"), ("future", TOMORROW2), ("not_leap", "2023-02-29")],
    "member_ids": [("string", "x"), ("numbers", [1]), ("bad_uuid", ["abc"]), ("duplicate", DUP),
                   ("unknown", UNKNOWN), ("too_many_51", MEMBERS_51), ("object", {})],
    "visibility": [("number", 1), ("bad_enum", "public"), ("null", None)],
}
ROUTES = {r.name: r for r in [
    Route("signup", "POST", lambda c: "/auth/signup", True, 201,
          lambda c: {"email": unique_email("bad"), "password": unique_password(),
                     "display_name": "표시", "locale": "ko"},
          {"email": [("number", 5), ("null", None), ("empty", ""),
                     ("too_long", "a" * 242 + "@example.test")],
           "password": [("number", 12345678), ("too_short", "가나다라마바사"), ("too_long", "p" * 129)],
           "display_name": [("array", ["x"]), ("null", None), ("empty", ""), ("too_long", "가" * 101)],
           "locale": [("number", 1), ("bad_enum", "fr")]},
          ["email", "password", "display_name"], None, signup_still_possible),
    Route("login", "POST", lambda c: "/auth/login", True, 200,
          lambda c: {"email": c["loginee"].email, "password": c["loginee"].password},
          {"email": [("number", 5), ("array", [])], "password": [("number", 5), ("object", {})]},
          ["email", "password"], None, None),
    Route("refresh", "POST", lambda c: "/auth/refresh", True, 200,
          lambda c: {"refresh_token": c["refresh"]},
          {"refresh_token": [("number", 5), ("null", None), ("array", ["x"])]},
          ["refresh_token"], None, refresh_still_works),
    Route("logout", "POST", lambda c: "/auth/logout", True, 204,
          lambda c: {"refresh_token": c["refresh"]},
          {"refresh_token": [("number", 5), ("object", {"a": 1})]},
          ["refresh_token"], None, refresh_still_works),
    Route("me_patch", "PATCH", lambda c: "/me", False, 200,
          lambda c: {"display_name": "아빠", "locale": "ko"},
          {"display_name": [("number", 5), ("null", None), ("empty", ""), ("whitespace", "  "),
                            ("too_long", "가" * 101)],
           "locale": [("number", 1), ("null", None), ("bad_enum", "fr")]},
          [], get_json(lambda c: "/me"), None),
    Route("families", "POST", lambda c: "/families", False, 201,
          lambda c: {"name": "가족"},
          {"name": [("number", 5), ("null", None), ("empty", ""), ("too_long", "가" * 101)]},
          ["name"], lambda c, b: len(c["owner"].get("/me").json()["families"]), None),
    Route("member_create", "POST", lambda c: f"/families/{c['fid']}/members", False, 201,
          lambda c: {"name": "이름", "birthdate": "2020-01-01", "relation": "딸"},
          {"name": [("number", 5), ("empty", ""), ("too_long", "가" * 101)],
           "birthdate": [("number", 20200101), ("bad_day", "2026-02-30"), ("short", "26-1-1"),
                         ("future", TOMORROW2), ("too_old", "1899-12-31")],
           "relation": [("number", 5), ("too_long", "가" * 51)]},
          ["name"], lambda c, b: len(c["owner"].get(f"/families/{c['fid']}/members").json()["items"]),
          None),
    Route("member_patch", "PATCH", lambda c: f"/families/{c['fid']}/members/{c['mid']}", False, 200,
          lambda c: {"relation": "아들"},
          {"name": [("number", 5), ("null", None), ("empty", "")],
           "birthdate": [("bool", True), ("bad_day", "2026-02-30"), ("future", TOMORROW2)],
           "relation": [("array", []), ("too_long", "가" * 51)]},
          [], get_json(lambda c: f"/families/{c['fid']}/members/{c['mid']}"), None),
    Route("user_patch", "PATCH", lambda c: f"/families/{c['fid']}/users/{c['target'].id}", False, 200,
          lambda c: {"role": "viewer"},
          {"role": [("number", 1), ("null", None), ("bad_enum", "admin"), ("upper", "OWNER")]},
          ["role"], get_json(lambda c: f"/families/{c['fid']}/users"), None),
    Route("entry_create", "POST", lambda c: f"/families/{c['fid']}/entries", False, 201,
          lambda c: {"body": "본문", "title": "제목", "occurred_at": "2025-01-01",
                     "member_ids": [c["mid"]], "visibility": "family"},
          ENTRY_FIELDS, ["body"],
          lambda c, b: (len(list_all(c["owner"], f"/families/{c['fid']}/entries")),
                        len(list_all(c["owner"], f"/families/{c['fid']}/trash"))), None),
    Route("entry_patch", "PATCH", lambda c: f"/families/{c['fid']}/entries/{c['eid']}", False, 200,
          lambda c: {"title": "새 제목"},
          ENTRY_FIELDS, [], get_json(lambda c: f"/families/{c['fid']}/entries/{c['eid']}"), None),
    Route("search", "POST", lambda c: f"/families/{c['fid']}/search", False, 200,
          lambda c: {"query": "기록", "member_ids": [c["mid"]], "from": "2020-01-01",
                     "to": "2030-12-31", "limit": 5},
          {"query": [("number", 5), ("null", None), ("empty", ""), ("whitespace", "  "),
                     ("too_long", "가" * 501)],
           "member_ids": [("string", "x"), ("numbers", [1]), ("bad_uuid", ["abc"]),
                          ("duplicate", DUP), ("object", {})],
           "from": [("number", 20200101), ("bad_day", "2026-02-30")],
           "to": [("array", []), ("short", "26-1-1")],
           "limit": [("string", "5"), ("zero", 0), ("too_big", 51), ("fraction", 1.5)]},
          ["query"], None, None),
    Route("conversation_create", "POST", lambda c: f"/families/{c['fid']}/conversations", False,
          201, lambda c: {"title": "자전거 이야기"},
          {"title": [("number", 5), ("null", None), ("array", []), ("too_long", "가" * 201)]},
          [], lambda c, b: len(list_all(c["owner"], f"/families/{c['fid']}/conversations")), None),
    Route("message", "POST", lambda c: f"/families/{c['fid']}/conversations/{c['cid']}/messages",
          False, 201, lambda c: {"content": "자전거는 언제 탔지?"},
          {"content": [("number", 5), ("null", None), ("empty", ""), ("whitespace", " \n "),
                       ("too_long", "가" * 2001), ("object", {})]},
          ["content"],
          get_json(lambda c: f"/families/{c['fid']}/conversations/{c['cid']}"), None),
]}

STRING_FIELD = {"signup": "display_name", "me_patch": "display_name", "login": "email", "refresh": "refresh_token",
                "logout": "refresh_token", "families": "name", "member_create": "name",
                "member_patch": "name", "user_patch": "role", "entry_create": "body",
                "entry_patch": "title", "search": "query", "conversation_create": "title",
                "message": "content"}


# ---------------------------------------------------------------- raw HTTP for big bodies
class RawResponse:
    def __init__(self, status, headers, content):
        self.status_code, self.headers, self.content = status, headers, content
        self.text = content.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.content)


def raw_request(base, method, path, headers, body):
    """Sends a request over a plain socket; tolerates the server closing early."""
    host, port = urlsplit(base).hostname, urlsplit(base).port
    head = [f"{method} {API}{path} HTTP/1.1", f"Host: {host}:{port}",
            f"Content-Length: {len(body)}", "Connection: close"]
    head += [f"{k}: {v}" for k, v in headers.items()]
    with socket.create_connection((host, port), timeout=15) as s:
        s.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        try:
            for i in range(0, len(body), 65536):
                s.sendall(body[i:i + 65536])
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer before reading everything
        data = b""
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        except ConnectionResetError:
            pass
    assert data, "no response at all (connection closed without an answer)"
    head_raw, _, content = data.partition(b"\r\n\r\n")
    lines = head_raw.decode("latin-1").split("\r\n")
    hdrs = CaseInsensitiveDict()
    for line in lines[1:]:
        k, _, v = line.partition(":")
        hdrs[k.strip()] = v.strip()
    if "Content-Length" in hdrs:
        content = content[:int(hdrs["Content-Length"])]
    return RawResponse(int(lines[0].split()[1]), hdrs, content)


def sized_body(field, size):
    prefix, suffix = f'{{"{field}":"'.encode(), b'"}'
    return prefix + b"a" * (size - len(prefix) - len(suffix)) + suffix


# ---------------------------------------------------------------- generic body cases
def nested(depth):
    v = "x"
    for _ in range(depth - 1):
        v = [v]
    return v


def with_marker(body, field, raw):
    data = json.dumps(dict(body, **{field: "@@MARK@@"}), ensure_ascii=False).encode()
    return data.replace(b"@@MARK@@", raw)


JSON = {"Content-Type": "application/json"}
# name -> (build(route, valid) -> (bytes, headers), status, code, field)
GENERIC = {
    "malformed": (lambda r, v: (b'{"name": ', JSON), 400, "validation_failed", ""),
    "trailing_garbage": (lambda r, v: (json.dumps(v).encode() + b"}", JSON), 400, "validation_failed", ""),
    "empty_body": (lambda r, v: (b"", JSON), 400, "validation_failed", None),
    "array": (lambda r, v: (b"[]", JSON), 400, "validation_failed", None),
    "array_of_object": (lambda r, v: (json.dumps([v]).encode(), JSON), 400, "validation_failed", None),
    "string": (lambda r, v: (b'"hello"', JSON), 400, "validation_failed", None),
    "null": (lambda r, v: (b"null", JSON), 400, "validation_failed", None),
    "unknown_field": (lambda r, v: (json.dumps(dict(v, zz_unknown=1)).encode(), JSON),
                      400, "validation_failed", "zz_unknown"),
    "invalid_utf8": (lambda r, v: (with_marker(v, STRING_FIELD[r.name], b"ab\xff\xfecd"), JSON),
                     400, "validation_failed", ""),
    "overlong_utf8": (lambda r, v: (with_marker(v, STRING_FIELD[r.name], b"\xc0\xaf"), JSON),
                      400, "validation_failed", ""),
    "depth_20": (lambda r, v: (json.dumps(dict(v, **{STRING_FIELD[r.name]: nested(20)})).encode(), JSON),
                 400, "validation_failed", ""),
    "depth_100000": (lambda r, v: (b"[" * 100000, JSON), 400, "validation_failed", ""),
    "text_plain": (lambda r, v: (json.dumps(v).encode(), {"Content-Type": "text/plain"}),
                   415, "unsupported_media_type", None),
    "no_content_type": (lambda r, v: (json.dumps(v).encode(), {}), 415, "unsupported_media_type", None),
    "form": (lambda r, v: (b"name=x", {"Content-Type": "application/x-www-form-urlencoded"}),
             415, "unsupported_media_type", None),
}


def cases():
    out = []
    for name, r in ROUTES.items():
        out += [pytest.param(name, ("generic", g), id=f"{name}-{g}") for g in GENERIC]
        out.append(pytest.param(name, ("too_large", None), id=f"{name}-1MiB+1"))
        for field, bad in r.fields.items():
            out += [pytest.param(name, ("field", (field, label, value)), id=f"{name}-{field}-{label}")
                    for label, value in bad]
        out += [pytest.param(name, ("missing", f), id=f"{name}-missing-{f}") for f in r.required]
        if not r.required and r.method == "PATCH":  # a change that changes nothing
            out.append(pytest.param(name, ("empty_object", None), id=f"{name}-empty-object"))
    return out


@pytest.mark.parametrize("route_name,case", cases())
def test_bad_body(bi, route_name, case):
    r = ROUTES[route_name]
    kind, arg = case
    valid = r.valid(bi)
    token = None if r.anon else bi["owner"].token
    before = r.snapshot(bi, valid) if r.snapshot else None
    field = None
    if kind == "too_large":
        headers = dict(JSON, **({"Authorization": f"Bearer {token}"} if token else {}))
        resp = raw_request(bi["server"].base, r.method, r.path(bi), headers,
                           sized_body(STRING_FIELD[route_name], MiB + 1))
        status, code = 413, "payload_too_large"
    else:
        status, code = 400, "validation_failed"
        if kind == "generic":
            build, status, code, field = GENERIC[arg]
            data, headers = build(r, valid)
        else:
            body = dict(valid)
            if kind == "field":
                field, _, value = arg
                body[field] = value(bi) if callable(value) else value
            elif kind == "missing":
                field = arg
                del body[arg]
            else:  # empty object
                body = {}
            data, headers = json.dumps(body, ensure_ascii=False).encode(), JSON
        resp = bi["owner"].request(r.method, r.path(bi), data=data, headers=headers, token=token)
    assert_problem(resp, status, code, field=field)
    assert bi["owner"].get("/healthz", root=True).status_code == 200, "server died"
    if r.snapshot:
        assert r.snapshot(bi, valid) == before, "a rejected request changed state"
    if r.after:
        r.after(bi, valid)


@pytest.mark.parametrize("route_name", list(ROUTES))
def test_charset_utf8_accepted(bi, route_name):
    r = ROUTES[route_name]
    token = None if r.anon else bi["owner"].token
    resp = bi["owner"].request(r.method, r.path(bi), data=json.dumps(r.valid(bi)).encode(),
                               headers={"Content-Type": "application/json; charset=utf-8"},
                               token=token)
    assert resp.status_code == r.ok, resp.text
    if route_name == "refresh":
        bi["refresh"] = resp.json()["refresh_token"]
    elif route_name == "logout":
        relogin(bi)


def test_exactly_one_mib_is_not_too_large(bi):
    """1048576 bytes is within the limit: the body is parsed (and its field rejected)."""
    before = len(list_all(bi["owner"], f"/families/{bi['fid']}/entries"))
    resp = raw_request(bi["server"].base, "POST", f"/families/{bi['fid']}/entries",
                       dict(JSON, Authorization=f"Bearer {bi['owner'].token}"),
                       sized_body("body", MiB))
    assert_problem(resp, 400, "validation_failed", field="body")
    assert len(list_all(bi["owner"], f"/families/{bi['fid']}/entries")) == before


def test_boundaries_accepted(bi):
    e = make_entry(bi["owner"], bi["fid"], body="가" * 100000, title="나" * 200,
                   member_ids=bi["members"][:50], occurred_at="2024-02-29")
    assert len(e["body"]) == 100000 and len(e["title"]) == 200 and len(e["member_ids"]) == 50


# ---------------------------------------------------------------- ids in paths
BAD_IDS = ["not-a-uuid", "123", "00000000-0000-0000-0000-00000000000g",
           "%27%3B%20DROP%20TABLE%20entries%3B--", "RANDOM"]
PATHS = [
    ("GET", "/families/{x}", None), ("GET", "/families/{x}/entries", None),
    ("GET", "/families/{fid}/members/{x}", None),
    ("PATCH", "/families/{fid}/members/{x}", {"name": "x"}),
    ("DELETE", "/families/{fid}/members/{x}", None),
    ("PATCH", "/families/{fid}/users/{x}", {"role": "viewer"}),
    ("DELETE", "/families/{fid}/users/{x}", None),
    ("GET", "/families/{fid}/entries/{x}", None),
    ("PATCH", "/families/{fid}/entries/{x}", {"title": "x"}),
    ("DELETE", "/families/{fid}/entries/{x}", None),
    ("POST", "/families/{fid}/entries/{x}/restore", None),
    ("GET", "/families/{fid}/conversations/{x}", None),
    ("DELETE", "/families/{fid}/conversations/{x}", None),
    ("POST", "/families/{fid}/conversations/{x}/messages", {"content": "x"}),
]


@pytest.mark.parametrize("method,template,body", PATHS, ids=[f"{m} {p}" for m, p, _ in PATHS])
@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_bad_id_in_path_is_404(bi, method, template, body, bad_id):
    x = str(uuid.uuid4()) if bad_id == "RANDOM" else bad_id
    state = lambda: (len(list_all(bi["owner"], f"/families/{bi['fid']}/entries")),  # noqa: E731
                     bi["owner"].get(f"/families/{bi['fid']}/members").json(),
                     bi["owner"].get(f"/families/{bi['fid']}/users").json())
    before = state()
    kw = {"json": body} if body is not None else {}
    resp = bi["owner"].request(method, template.format(fid=bi["fid"], x=x), **kw)
    assert_problem(resp, 404, "not_found")
    assert state() == before


# ---------------------------------------------------------------- query parameters
LISTS = {"entries": "/families/{fid}/entries", "trash": "/families/{fid}/trash",
         "timeline": "/families/{fid}/timeline", "conversations": "/families/{fid}/conversations"}
BAD_QUERY = [("limit", "0"), ("limit", "101"), ("limit", "abc"), ("limit", "-1"), ("limit", "1.5"),
             ("limit", "20abc"), ("cursor", "garbage"), ("cursor", "eyJhIjoxfQ"),
             ("from", "2026-13-01"), ("to", "2026-02-30"), ("from", "yesterday"),
             ("member_id", "not-a-uuid")]
QUERY_CASES = [pytest.param(lst, p, v, id=f"{lst}-{p}={v}") for lst in LISTS for p, v in BAD_QUERY
               if lst not in ("trash", "conversations") or p in ("limit", "cursor")]


@pytest.mark.parametrize("lst,param,value", QUERY_CASES)
def test_bad_query_param(bi, lst, param, value):
    resp = bi["owner"].get(LISTS[lst].format(fid=bi["fid"]), params={param: value})
    assert_problem(resp, 400, "validation_failed", field=param)


@pytest.mark.parametrize("lst", list(LISTS))
@pytest.mark.parametrize("limit", ["1", "100"])
def test_limit_bounds_accepted(bi, lst, limit):
    resp = bi["owner"].get(LISTS[lst].format(fid=bi["fid"]), params={"limit": limit})
    assert resp.status_code == 200, resp.text
