"""The FastAPI peer of Dadly's entry list, timeline and entry create, for the benchmarks.

It reads and writes the SAME SQLite file as Dadly (DADLY_DATA_DIR/dadly.db) with the same SQL,
verifies Dadly's access tokens (HS256 with DADLY_DATA_DIR/secrets/jwt.key; exp, iat, nbf, iss,
aud and sub checked as Dadly does), checks the caller's membership and applies the same
visibility rules, and answers with the same JSON shapes.

Debian 12 packages only: python3-fastapi (0.92), python3-uvicorn, python3-uvloop,
python3-httptools, python3-ujson. Run it in uvicorn's fastest configuration:

    DADLY_DATA_DIR=/path/to/data /usr/bin/python3 -m uvicorn --app-dir bench/peers fastapi_app:app \
        --host 127.0.0.1 --port 8001 --loop uvloop --http httptools --workers 2 \
        --no-access-log --log-level warning

(PEER_MODE=async runs the same endpoints on the event loop instead of the thread pool; see
route(). bench/check_peer.py checks that the answers are the same as Dadly's.)

Idiomatic choices: sync `def` endpoints (FastAPI runs them in its thread pool) with one sqlite3
connection per thread; an async dependency for the token (pure CPU, no I/O); a pydantic model
for the POST body; responses returned directly as UJSONResponse (skips jsonable_encoder).
"""
import base64
import calendar
import datetime as dt
import functools
import hashlib
import hmac
import json
import os
import re
import sqlite3
import threading
import time
import uuid
from typing import Literal, Optional

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import UJSONResponse
from pydantic import BaseModel, Extra, StrictStr, conlist

DATA_DIR = os.environ.get("DADLY_DATA_DIR", "./data")
DB_PATH = os.path.join(DATA_DIR, "dadly.db")
SYNC = os.environ.get("DADLY_SQLITE_SYNC", "full").upper()
PEER_MODE = os.environ.get("PEER_MODE", "threadpool")  # or "async", see route()
with open(os.path.join(DATA_DIR, "secrets", "jwt.key"), "rb") as _f:
    JWT_KEY = _f.read()

UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
ENTRY_COLUMNS = (
    "SELECT e.seq, e.id, e.family_id, e.author_id, e.title, e.body, e.occurred_at, e.visibility, "
    "e.version, e.created_at, e.updated_at, e.deleted_at, "
    "(SELECT group_concat(member_id) FROM entry_members WHERE entry_seq = e.seq), "
    "u.display_name, i.status, i.summary, i.topics, i.emotions, i.language "
    "FROM entries e LEFT JOIN insights i ON i.entry_seq = e.seq "
    "LEFT JOIN users u ON u.id = e.author_id ")
# Dadly's 13 emotions and their Korean labels (src/model/insight.cc), for insight JSON.
EMOTION_LABELS = {"joy": "기쁨", "love": "사랑", "gratitude": "감사", "pride": "자부심",
                  "excitement": "설렘", "calm": "평온", "surprise": "놀람", "worry": "걱정",
                  "sadness": "슬픔", "anger": "화남", "fear": "두려움", "tiredness": "피곤",
                  "longing": "그리움"}

app = FastAPI(default_response_class=UJSONResponse, openapi_url=None, docs_url=None,
              redoc_url=None)
_local = threading.local()


def db() -> sqlite3.Connection:
    """One connection per thread of FastAPI's thread pool, opened like Dadly opens its own."""
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(DB_PATH, timeout=5.0, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute(f"PRAGMA synchronous = {SYNC}")
        conn.execute("PRAGMA temp_store = MEMORY")
        _local.conn = conn
    return conn


# ---- errors: application/problem+json like Dadly's -------------------------------------------

class Problem(Exception):
    KINDS = {400: ("validation_failed", "The request is not valid"),
             401: ("unauthenticated", "Sign-in is required"), 403: ("forbidden", "Not allowed"),
             404: ("not_found", "Not found")}

    def __init__(self, status, detail, errors=None):
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors


def invalid(field, message):
    return Problem(400, "the request is not valid", [{"field": field, "message": message}])


def problem_response(p: Problem):
    code, title = Problem.KINDS[p.status]
    body = {"type": "urn:dadly:problem:" + code, "title": title, "status": p.status,
            "detail": p.detail, "code": code}
    if p.errors is not None:
        body["errors"] = p.errors
    headers = {"WWW-Authenticate": "Bearer"} if p.status == 401 else None
    return UJSONResponse(body, status_code=p.status, headers=headers,
                         media_type="application/problem+json")


@app.exception_handler(Problem)
async def _problem(_request, exc: Problem):
    return problem_response(exc)


@app.exception_handler(RequestValidationError)
async def _validation(_request, exc: RequestValidationError):
    errors = []
    for e in exc.errors():
        loc = [str(x) for x in e["loc"] if x != "body"]
        errors.append({"field": loc[0] if loc else "", "message": e["msg"]})
    return problem_response(Problem(400, "the request is not valid", errors))


# ---- access tokens: HS256, checked as Dadly checks them ------------------------------------

def _b64url(part: str) -> bytes:
    if "=" in part:
        raise ValueError("padding")
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def verify_token(token: str, now: int) -> str:
    bad = Problem(401, "the access token is not valid")
    if len(token) > 4096 or token.count(".") != 2:
        raise bad
    h, p, s = token.split(".")
    try:
        header, payload, sig = json.loads(_b64url(h)), json.loads(_b64url(p)), _b64url(s)
    except ValueError:
        raise bad from None
    if not isinstance(header, dict) or header.get("alg") != "HS256":
        raise bad
    expected = hmac.new(JWT_KEY, (h + "." + p).encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(sig, expected) or not isinstance(payload, dict):
        raise bad
    exp, iat = payload.get("exp"), payload.get("iat")
    if not _is_int(exp) or exp <= now or not _is_int(iat):
        raise bad
    if "nbf" in payload and (not _is_int(payload["nbf"]) or payload["nbf"] > now):
        raise bad
    aud = payload.get("aud")
    if payload.get("iss") != "dadly" or not (aud == "dadly-api" or (isinstance(aud, list) and "dadly-api" in aud)):
        raise bad
    sub = payload.get("sub")
    if not isinstance(sub, str) or not UUID_RE.match(sub):
        raise bad
    return sub


async def current_user(request: Request) -> str:
    value = request.headers.get("authorization")
    if not value or len(value) <= 7 or value[:7].lower() != "bearer ":
        raise Problem(401, "sign in first")
    return verify_token(value[7:], int(time.time()))


# ---- shared rules --------------------------------------------------------------------------

def membership_role(conn, family_id, user_id):
    if not UUID_RE.match(family_id):
        raise Problem(404, "family not found")
    row = conn.execute("SELECT role FROM memberships WHERE family_id = ?1 AND user_id = ?2",
                       (family_id, user_id)).fetchone()
    if row is None:
        raise Problem(404, "family not found")
    return row[0]


def parse_day(text):
    if not isinstance(text, str) or not DATE_RE.match(text):
        return None
    try:
        d = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return d if d.year >= 1 else None


def stamp(ts):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def insight_json(status, summary, topics, emotions, language):
    """Dadly's WriteInsight: null before any analysis, the content only when done."""
    if status is None:
        return None
    done = status == "done"
    scores = []
    for pair in (emotions or "").split(",") if done else []:
        name, _, score = pair.partition(":")
        if name in EMOTION_LABELS and score:
            scores.append({"id": name, "label": EMOTION_LABELS[name],
                           "score": int(float(score) * 100 + 0.5) / 100})
    return {"status": status, "summary": summary if done else None,
            "topics": [t for t in (topics or "").split(",") if t] if done else [],
            "emotions": scores, "language": language if done else None}


def entry_json(r):
    tags = sorted(r[12].split(",")) if r[12] else []
    e = {"id": r[1], "family_id": r[2], "author_id": r[3], "author_name": r[13],
         "title": r[4], "body": r[5],
         "occurred_at": r[6], "member_ids": tags, "visibility": r[7], "version": r[8],
         "created_at": stamp(r[9]), "updated_at": stamp(r[10]), "deleted_at": None,
         "insight": insight_json(*r[14:19])}
    return e


def encode_cursor(day, seq):
    return base64.urlsafe_b64encode(f"{day}|{seq}".encode()).decode().rstrip("=")


def live_where(family_id, user_id, role, member_id, from_, to):
    """The WHERE clause of Dadly's LiveEntriesWhere, with its parameters."""
    sql, args = ["e.family_id = ?", "e.deleted_at IS NULL"], [family_id]
    if role == "child":
        sql += ["e.visibility = 'family'",
                "EXISTS (SELECT 1 FROM entry_members em JOIN members m ON m.id = em.member_id "
                "WHERE em.entry_seq = e.seq AND m.user_id = ?)"]
        args.append(user_id)
    else:
        sql.append("(e.visibility = 'family' OR e.author_id = ?)")
        args.append(user_id)
    if member_id is not None:
        sql.append("EXISTS (SELECT 1 FROM entry_members em WHERE em.entry_seq = e.seq "
                   "AND em.member_id = ?)")
        args.append(member_id)
    if from_ is not None:
        sql.append("e.occurred_at >= ?")
        args.append(from_)
    if to is not None:
        sql.append("e.occurred_at <= ?")
        args.append(to)
    return sql, args


def page_params(q):
    """Validates list parameters like Dadly's PageQuery; returns (filters, limit, after)."""
    errors = []
    member_id, from_, to = q.get("member_id"), q.get("from"), q.get("to")
    if member_id is not None and not UUID_RE.match(member_id):
        errors.append({"field": "member_id", "message": "must be a member id"})
    for name, v in (("from", from_), ("to", to)):
        if v is not None and parse_day(v) is None:
            errors.append({"field": name, "message": "must be a date written YYYY-MM-DD"})
    limit = 20
    if "limit" in q:
        try:
            limit = int(q["limit"]) if q["limit"].lstrip("-").isdigit() else 0
        except ValueError:
            limit = 0
        if not 1 <= limit <= 100:
            errors.append({"field": "limit", "message": "must be a whole number from 1 to 100"})
    after = None
    if "cursor" in q:
        try:
            raw = _b64url(q["cursor"]).decode() if len(q["cursor"]) <= 200 else ""
            day, seq = raw.split("|", 1)
            after = (day, int(seq))
            if parse_day(day) is None:
                raise ValueError
        except (ValueError, UnicodeDecodeError):
            errors.append({"field": "cursor", "message": "is not a cursor this list gave out"})
    if errors:
        raise Problem(400, "the request is not valid", errors)
    return (member_id, from_, to), limit, after


def fetch_page(conn, where, args, limit, after):
    sql, params = list(where), list(args)
    if after is not None:
        sql.append("(e.occurred_at < ? OR (e.occurred_at = ? AND e.seq < ?))")
        params += [after[0], after[0], after[1]]
    rows = conn.execute(ENTRY_COLUMNS + "WHERE " + " AND ".join(sql) +
                        " ORDER BY e.occurred_at DESC, e.seq DESC LIMIT ?",
                        params + [limit + 1]).fetchall()
    cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        cursor = encode_cursor(rows[-1][6], rows[-1][0])
    return rows, cursor


def months_between(a, b):
    m = (b.year - a.year) * 12 + (b.month - a.month)
    if m > 0 and b.day < a.day:
        m -= 1
    if m < 0 and b.day > a.day:
        m += 1
    return m


def bucket_key(group, day_text, birth):
    if group == "year":
        return day_text[:4]
    if group == "month":
        return day_text[:7]
    day = dt.date.fromisoformat(day_text)
    if day < birth:
        return "prenatal"
    months = months_between(birth, day)
    return f"m{months}" if months < 24 else f"y{months // 12}"


def first_day_at_months(birth, months):
    index = birth.year * 12 + (birth.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    days = calendar.monthrange(year, month)[1]
    if birth.day <= days:
        return dt.date(year, month, birth.day)
    return dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)


def bucket_days(group, key, birth):
    """First and last day (YYYY-MM-DD) of a bucket: the inverse of bucket_key."""
    if group == "year":
        return f"{key}-01-01", f"{key}-12-31"
    if group == "month":
        first = dt.date.fromisoformat(key + "-01")
        return first.isoformat(), (first_day_at_months(first, 1) - dt.timedelta(days=1)).isoformat()
    if key == "prenatal":
        return "0001-01-01", (birth - dt.timedelta(days=1)).isoformat()
    n = int(key[1:])
    lo, hi = (n, n + 1) if key[0] == "m" else (n * 12, (n + 1) * 12)
    return (first_day_at_months(birth, lo).isoformat(),
            (first_day_at_months(birth, hi) - dt.timedelta(days=1)).isoformat())


def bucket_label(group, key, locale):
    ko = locale != "en"
    if group == "year":
        return key + "년" if ko else key
    if group == "month":
        month = int(key[5:7])
        return f"{key[:4]}년 {month}월" if ko else f"{MONTHS[month - 1]} {key[:4]}"
    if key == "prenatal":
        return "태어나기 전" if ko else "before birth"
    n = key[1:]
    if key[0] == "m":
        return f"생후 {n}개월" if ko else n + (" month" if n == "1" else " months")
    return f"{n}살" if ko else "age " + n


# ---- routes --------------------------------------------------------------------------------

def route(decorator):
    """Registers a sync endpoint. PEER_MODE=async registers it as `async def` instead, so the
    SQLite calls run on the event loop (no thread pool, no GIL hand-offs): a variant to show how
    much the thread pool costs, not the idiomatic default."""
    def register(fn):
        if PEER_MODE == "async":
            @functools.wraps(fn)
            async def on_loop(*args, **kwargs):
                return fn(*args, **kwargs)
            decorator(on_loop)
        else:
            decorator(fn)
        return fn
    return register


@route(app.get("/api/v1/families/{fid}/entries"))
def list_entries(fid: str, request: Request, user: str = Depends(current_user)):
    conn = db()
    role = membership_role(conn, fid, user)
    (member_id, from_, to), limit, after = page_params(request.query_params)
    where, args = live_where(fid, user, role, member_id, from_, to)
    rows, cursor = fetch_page(conn, where, args, limit, after)
    return UJSONResponse({"items": [entry_json(r) for r in rows], "next_cursor": cursor})


@route(app.get("/api/v1/families/{fid}/timeline"))
def timeline(fid: str, request: Request, user: str = Depends(current_user)):
    conn = db()
    q = request.query_params
    role = membership_role(conn, fid, user)
    group = q.get("group", "month")
    if group not in ("year", "month", "age"):
        raise invalid("group", "must be year, month or age")
    (member_id, from_, to), limit, after = page_params(q)
    birth = None
    if group == "age":
        if member_id is None:
            raise invalid("member_id", "is required to group by age")
        row = conn.execute("SELECT birthdate FROM members WHERE id = ?1 AND family_id = ?2",
                           (member_id, fid)).fetchone()
        if row is None:
            raise invalid("member_id", "must be a member of this family")
        if row[0] is None:
            raise invalid("member_id", "this member has no birthdate")
        birth = dt.date.fromisoformat(row[0])
    row = conn.execute("SELECT locale FROM users WHERE id = ?1", (user,)).fetchone()
    if row is None:
        raise Problem(404, "user not found")
    locale = row[0]
    where, args = live_where(fid, user, role, member_id, from_, to)
    rows, cursor = fetch_page(conn, where, args, limit, after)
    buckets = []
    for r in rows:
        key = bucket_key(group, r[6], birth) if parse_day(r[6]) else r[6]
        if not buckets or buckets[-1]["key"] != key:
            buckets.append({"key": key, "label": bucket_label(group, key, locale),
                            "count": 0, "entries": []})
        buckets[-1]["entries"].append(entry_json(r))
    # As Dadly does: count each bucket of the page within its own days (index range scans).
    for b in buckets:
        first, last = bucket_days(group, b["key"], birth)
        lo = max(first, from_) if from_ else first
        hi = min(last, to) if to else last
        b["count"] = conn.execute("SELECT count(*) FROM entries e WHERE " + " AND ".join(where) +
                                  " AND e.occurred_at >= ? AND e.occurred_at <= ?",
                                  [*args, lo, hi]).fetchone()[0]
    return UJSONResponse({"group": group, "buckets": buckets, "next_cursor": cursor})


class EntryIn(BaseModel):
    body: StrictStr
    title: Optional[StrictStr] = None
    occurred_at: Optional[StrictStr] = None
    member_ids: Optional[conlist(StrictStr, max_items=50)] = None
    visibility: Optional[Literal["family", "private"]] = None

    class Config:
        extra = Extra.forbid


@route(app.post("/api/v1/families/{fid}/entries", status_code=201))
def create_entry(fid: str, draft: EntryIn, user: str = Depends(current_user)):
    conn = db()
    role = membership_role(conn, fid, user)
    if role not in ("owner", "editor"):
        raise Problem(403, "this role may not write entries")
    errors = []
    if not draft.body.strip() or len(draft.body) < 1:
        errors.append({"field": "body", "message": "must not be empty"})
    elif len(draft.body) > 100000:
        errors.append({"field": "body", "message": "must be at most 100000 characters"})
    if draft.title is not None and len(draft.title) > 200:
        errors.append({"field": "title", "message": "must be at most 200 characters"})
    now = int(time.time())
    today = dt.datetime.fromtimestamp(now, dt.timezone.utc).date()
    occurred = today.isoformat()
    if draft.occurred_at is not None:
        d = parse_day(draft.occurred_at)
        if d is None:
            errors.append({"field": "occurred_at", "message": "must be a date written YYYY-MM-DD"})
        elif not dt.date(1900, 1, 1) <= d <= today + dt.timedelta(days=1):
            errors.append({"field": "occurred_at", "message": "must be between 1900-01-01 and tomorrow"})
        else:
            occurred = draft.occurred_at
    mids = draft.member_ids or []
    if any(not UUID_RE.match(m) for m in mids):
        errors.append({"field": "member_ids", "message": "must hold ids"})
    elif len(set(mids)) != len(mids):
        errors.append({"field": "member_ids", "message": "must not repeat an id"})
    if not errors and mids:
        (found,) = conn.execute(
            f"SELECT count(*) FROM members WHERE family_id = ? AND id IN ({','.join('?' * len(mids))})",
            [fid] + mids).fetchone()
        if found != len(mids):
            errors.append({"field": "member_ids", "message": "must name members of this family"})
    if errors:
        raise Problem(400, "the request is not valid", errors)

    entry_id = str(uuid.uuid4())
    visibility = draft.visibility or "family"
    conn.execute("BEGIN IMMEDIATE")
    try:
        cur = conn.execute(
            "INSERT INTO entries (id, family_id, author_id, title, body, occurred_at, visibility, "
            "version, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?8)",
            (entry_id, fid, user, draft.title, draft.body, occurred, visibility, now))
        seq = cur.lastrowid
        conn.executemany("INSERT OR IGNORE INTO entry_members (member_id, entry_seq) VALUES (?, ?)",
                         [(m, seq) for m in mids])
        # As Dadly does: queue the entry's analysis and mark its insight pending, in the same
        # transaction (the peer has no worker to run it).
        conn.execute(
            "INSERT INTO jobs (kind, family_id, entry_seq, version, acting_for, state, run_after, "
            "created_at, updated_at) VALUES ('insight', ?1, ?2, 1, ?3, 'queued', ?4, ?4, ?4)",
            (fid, seq, user, now))
        conn.execute("INSERT INTO insights (entry_seq, version, status, updated_at) "
                     "VALUES (?1, 1, 'pending', ?2)", (seq, now))
        # As Dadly does: answer with the entry as stored, read back in the same transaction.
        body = entry_json(conn.execute(ENTRY_COLUMNS + "WHERE e.seq = ?", (seq,)).fetchone())
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return UJSONResponse(body, status_code=201, headers={
        "ETag": '"1"', "Location": f"/api/v1/families/{fid}/entries/{entry_id}"})


@app.get("/healthz")
async def healthz():
    return UJSONResponse({"status": "ok"})
