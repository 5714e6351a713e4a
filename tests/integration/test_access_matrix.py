"""The access matrix: every route x every kind of caller, one test per cell.

Family A has an owner, an editor and a viewer; `other` owns family B and is a
stranger to A; `anon` sends no token; `expired` and `tampered` send broken
tokens for A's owner.  Routes that destroy or change something get fresh
resources for every cell, and a refused request must leave things unchanged.
"""
import subprocess
from collections import namedtuple

import pytest

from conftest import (DADLY_BIN, Client, assert_problem, b64url, b64url_decode, grant, login, make_entry,
                      make_family, make_member, mint_token, signup, unique_email,
                      unique_password)

ACTORS = ["owner", "editor", "viewer", "other", "anon", "expired", "tampered"]
CODES = {401: "unauthenticated", 403: "forbidden", 404: "not_found"}

F = "/api/v1/families/{fid}"
PUBLIC = lambda s: (s,) * 7                      # noqa: E731  same answer for everyone
AUTH = lambda o, e, v, x: (o, e, v, x, 401, 401, 401)  # noqa: E731

Row = namedtuple("Row", "name method path body expect setup probe")


def row(method, path, expect, body=None, setup=None, probe=None, variant=""):
    name = f"{method} {path}" + (f" [{variant}]" if variant else "")
    return Row(name, method, path, body, expect, setup, probe)


# ---------------------------------------------------------------- per-cell setup
def fresh_member(c):
    return {"mid": make_member(c["owner"], c["fid"], "새 멤버")["id"]}


def fresh_entry(author, visibility="family", trashed=False):
    def setup(c):
        e = make_entry(c[author], c["fid"], visibility=visibility)
        if trashed:
            assert c[author].delete(f"/families/{c['fid']}/entries/{e['id']}").status_code == 204
        return {"eid": e["id"]}
    return setup


def fresh_conversation(user):
    def setup(c):
        r = c[user].post(f"/families/{c['fid']}/conversations", json={})
        assert r.status_code == 201, r.text
        return {"cid": r.json()["id"]}
    return setup


def regrant_spare(c):
    grant(c["data_dir"], c["fid"], c["spare"].email, "viewer")
    return {"uid": c["spare"].id}


def signup_body(c, p):
    return {"email": unique_email("matrix"), "password": unique_password(), "display_name": "m"}


def login_body(c, p):
    return {"email": c["loginee"].email, "password": c["loginee"].password}


def fresh_refresh_body(c, p):
    return {"refresh_token": login(c["server"], c["loginee"].email, c["loginee"].password).refresh_token}


ENTRY = F + "/entries/{eid}"
MEMBER = F + "/members/{mid}"
USER = F + "/users/{uid}"
CONV = F + "/conversations/{cid}"

TABLE = [
    # public routes
    row("GET", "/healthz", PUBLIC(200)),
    row("GET", "/readyz", PUBLIC(200)),
    row("GET", "/metrics", PUBLIC(200)),
    row("GET", "/api/v1/openapi.yaml", PUBLIC(200)),
    row("GET", "/api/v1/openapi.json", PUBLIC(200)),
    row("GET", "/docs", PUBLIC(200)),
    row("GET", "/api/v1/client-config", PUBLIC(200)),
    row("POST", "/api/v1/auth/signup", PUBLIC(201), body=signup_body),
    row("POST", "/api/v1/auth/login", PUBLIC(200), body=login_body),
    row("POST", "/api/v1/auth/refresh", PUBLIC(200), body=fresh_refresh_body),
    row("POST", "/api/v1/auth/logout", PUBLIC(204), body=fresh_refresh_body),
    # me and families
    row("GET", "/api/v1/me", AUTH(200, 200, 200, 200)),
    row("PATCH", "/api/v1/me", AUTH(200, 200, 200, 200), body={"locale": "ko"}),
    row("POST", "/api/v1/families", AUTH(201, 201, 201, 201), body={"name": "새 가족"}),
    row("GET", F, AUTH(200, 200, 200, 404)),
    # members
    row("GET", F + "/members", AUTH(200, 200, 200, 404)),
    row("POST", F + "/members", AUTH(201, 403, 403, 404), body={"name": "새 아이"},
        probe=F + "/members"),
    row("GET", MEMBER, AUTH(200, 200, 200, 404)),
    row("PATCH", MEMBER, AUTH(200, 403, 403, 404), body={"name": "바뀐 이름"},
        setup=fresh_member, probe=MEMBER),
    row("DELETE", MEMBER, AUTH(204, 403, 403, 404), setup=fresh_member, probe=MEMBER),
    # users
    row("GET", F + "/users", AUTH(200, 403, 403, 404)),
    row("PATCH", USER, AUTH(200, 403, 403, 404), body={"role": "editor"},
        setup=regrant_spare, probe=F + "/users"),
    row("DELETE", USER, AUTH(204, 403, 403, 404), setup=regrant_spare, probe=F + "/users"),
    # entries
    row("GET", F + "/entries", AUTH(200, 200, 200, 404)),
    row("POST", F + "/entries", AUTH(201, 201, 403, 404), body={"body": "오늘의 기록"},
        probe=F + "/entries?limit=100"),
    row("GET", ENTRY, AUTH(200, 200, 200, 404), setup=fresh_entry("owner")),
    row("GET", ENTRY, AUTH(200, 404, 404, 404), setup=fresh_entry("owner", "private"),
        variant="owner's private"),
    row("PATCH", ENTRY, AUTH(200, 403, 403, 404), body={"title": "제목"},
        setup=fresh_entry("owner"), probe=ENTRY, variant="owner's"),
    row("PATCH", ENTRY, AUTH(200, 200, 403, 404), body={"title": "제목"},
        setup=fresh_entry("editor"), probe=ENTRY, variant="editor's"),
    row("PATCH", ENTRY, AUTH(404, 200, 404, 404), body={"title": "제목"},
        setup=fresh_entry("editor", "private"), probe=None, variant="editor's private"),
    row("DELETE", ENTRY, AUTH(204, 403, 403, 404), setup=fresh_entry("owner"), probe=ENTRY,
        variant="owner's"),
    row("DELETE", ENTRY, AUTH(204, 204, 403, 404), setup=fresh_entry("editor"), probe=ENTRY,
        variant="editor's"),
    row("POST", ENTRY + "/restore", AUTH(200, 200, 403, 404),
        setup=fresh_entry("editor", trashed=True), probe=F + "/trash", variant="editor's"),
    row("GET", F + "/trash", AUTH(200, 200, 200, 404)),
    row("GET", F + "/timeline", AUTH(200, 200, 200, 404)),
    row("GET", F + "/timeline?group=year", AUTH(200, 200, 200, 404), variant="year"),
    row("POST", F + "/search", AUTH(200, 200, 200, 404), body={"query": "오늘의 기록"}),
    row("GET", F + "/emotions", AUTH(200, 200, 200, 404)),
    row("GET", F + "/ai-usage", AUTH(200, 403, 403, 404)),
    # chat: a conversation is its user's alone, whatever their role
    row("POST", F + "/conversations", AUTH(201, 201, 201, 404), body={}),
    row("GET", F + "/conversations", AUTH(200, 200, 200, 404)),
    row("GET", CONV, AUTH(200, 404, 404, 404), setup=fresh_conversation("owner")),
    row("GET", CONV, AUTH(404, 200, 404, 404), setup=fresh_conversation("editor"),
        variant="editor's"),
    row("POST", CONV + "/messages", AUTH(201, 404, 404, 404), body={"content": "오늘의 기록"},
        setup=fresh_conversation("owner"), probe=CONV),
    row("POST", CONV + "/messages", AUTH(404, 404, 201, 404), body={"content": "오늘의 기록"},
        setup=fresh_conversation("viewer"), variant="viewer's"),
    row("DELETE", CONV, AUTH(204, 404, 404, 404), setup=fresh_conversation("owner"), probe=CONV),
    # operators only (DADLY_ADMIN_USER_IDS names none of these accounts)
    row("GET", "/api/v1/admin/jobs", AUTH(403, 403, 403, 403)),
]


@pytest.fixture(scope="module")
def ctx(server, data_dir):
    owner = signup(server, display_name="주인")
    editor = signup(server, display_name="편집자")
    viewer = signup(server, display_name="구경꾼")
    other = signup(server, display_name="남의 집")
    spare = signup(server, display_name="예비")
    loginee = signup(server, display_name="로그인")
    fid = make_family(owner)
    grant(data_dir, fid, editor.email, "editor")
    grant(data_dir, fid, viewer.email, "viewer")
    make_family(other)
    h, p, s = owner.token.split(".")
    payload = b64url_decode(p).decode().replace(owner.id, other.id)
    tokens = {
        "owner": owner.token, "editor": editor.token, "viewer": viewer.token,
        "other": other.token, "anon": None,
        "expired": mint_token(data_dir, owner.id, exp_offset=-3600),
        "tampered": f"{h}.{b64url(payload)}.{s}",
    }
    return dict(server=server, data_dir=data_dir, owner=owner, editor=editor, viewer=viewer,
                other=other, spare=spare, loginee=loginee, fid=fid, tokens=tokens,
                mid=make_member(owner, fid, "기본 멤버")["id"],
                eid=make_entry(owner, fid)["id"], uid=spare.id)


def snapshot(c, template, params):
    if template is None:
        return None
    r = c["owner"].get(template.format(**params), root=True)
    return r.status_code, r.json() if r.content else None


CELLS = [pytest.param(r, i, id=f"{r.name} :: {a}") for r in TABLE for i, a in enumerate(ACTORS)]


@pytest.mark.parametrize("r,actor_idx", CELLS)
def test_access(ctx, r, actor_idx):
    actor = ACTORS[actor_idx]
    params = {"fid": ctx["fid"], "mid": ctx["mid"], "eid": ctx["eid"], "uid": ctx["uid"]}
    if r.setup:
        params.update(r.setup(ctx))
    expected = r.expect[actor_idx]
    body = r.body(ctx, params) if callable(r.body) else r.body
    before = snapshot(ctx, r.probe, params)

    client = Client(ctx["server"].base, ctx["tokens"][actor])
    kwargs = {"json": body} if body is not None else {}
    resp = client.request(r.method, r.path.format(**params), root=True, **kwargs)

    if expected >= 400:
        assert_problem(resp, expected, CODES[expected])
        after = snapshot(ctx, r.probe, params)
        assert after == before, "a refused request changed something"
    else:
        assert resp.status_code == expected, f"{resp.status_code}: {resp.text[:300]}"
        if expected == 204:
            assert resp.content == b""
        elif r.path.startswith("/api/v1/") and "openapi" not in r.path:
            assert resp.headers["Content-Type"].startswith("application/json")
            assert isinstance(resp.json(), dict)


def test_table_covers_every_route():
    """Every route the server answers (as `dadly routes` lists them) has at least one row, so
    a new route cannot be added without its access checks."""
    out = subprocess.run([DADLY_BIN, "routes"], capture_output=True, text=True, check=True).stdout
    routes = {line.strip() for line in out.splitlines() if line.strip()}
    assert len(routes) > 25
    covered = {f"{r.method} {r.path.split('?')[0]}" for r in TABLE}
    assert routes - covered == set(), f"routes without a row: {sorted(routes - covered)}"
