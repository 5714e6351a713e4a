"""Supabase Auth mode: `dadly serve` with DADLY_AUTH=supabase.

The test plays Supabase: it mints access tokens with the claim layout Supabase documents
(ES256 with a `kid`, or HS256 with the project's JWT secret) and serves the project's JWKS at
`/auth/v1/.well-known/jwks.json` from a local HTTP server, whose keys it rotates.
"""
import concurrent.futures
import hashlib
import hmac
import json
import subprocess
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from conftest import (DADLY_BIN, Client, ServerProcess, assert_problem, assert_uuid, b64url,
                      remember_secret)

JWT_SECRET = "supabase-jwt-secret-" + uuid.uuid4().hex
ANON_KEY = "anon-public-key-" + uuid.uuid4().hex
JWKS_PATH = "/auth/v1/.well-known/jwks.json"
CACHE_SECONDS = 3     # DADLY_JWKS_CACHE_SECONDS for the server under test
REFETCH_SECONDS = 1   # DADLY_JWKS_REFETCH_SECONDS


# ---------------------------------------------------------------- the fake Supabase project
class EcKey:
    """A P-256 key pair as Supabase's asymmetric signing keys are."""

    def __init__(self, kid):
        self.kid = kid
        self.private = ec.generate_private_key(ec.SECP256R1())

    def jwk(self):
        numbers = self.private.public_key().public_numbers()
        return {"kty": "EC", "crv": "P-256", "alg": "ES256", "use": "sig",
                "key_ops": ["verify"], "ext": True, "kid": self.kid,
                "x": b64url(numbers.x.to_bytes(32, "big")),
                "y": b64url(numbers.y.to_bytes(32, "big"))}

    def public_pem(self):
        return self.private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)

    def sign(self, data):
        r, s = decode_dss_signature(self.private.sign(data, ec.ECDSA(hashes.SHA256())))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")


class Project:
    """The JWKS endpoint of a Supabase project, on 127.0.0.1."""

    def __init__(self):
        self.keys = []
        self.fetches = 0
        self.lock = threading.Lock()
        project = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path != JWKS_PATH:
                    self.send_error(404)
                    return
                with project.lock:
                    project.fetches += 1
                    body = json.dumps({"keys": [k.jwk() for k in project.keys]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def publish(self, *keys):
        with self.lock:
            self.keys = list(keys)

    def fetch_count(self):
        with self.lock:
            return self.fetches

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def claims(project_url, sub, exp_offset=3600, **extra):
    """The payload of a Supabase access token for a signed-in email user."""
    now = int(time.time())
    payload = {
        "iss": f"{project_url}/auth/v1", "sub": sub, "aud": "authenticated",
        "exp": now + exp_offset, "iat": now, "email": f"Dad.{sub[:8]}@Example.com", "phone": "",
        "app_metadata": {"provider": "email", "providers": ["email"]},
        "user_metadata": {"full_name": "수파 아빠", "email_verified": True},
        "role": "authenticated", "aal": "aal1",
        "amr": [{"method": "password", "timestamp": now}],
        "session_id": str(uuid.uuid4()), "is_anonymous": False,
    }
    payload.update(extra)
    return {k: v for k, v in payload.items() if v is not None}


def jws(header, payload, sign):
    signing_input = f"{b64url(json.dumps(header))}.{b64url(json.dumps(payload))}"
    token = f"{signing_input}.{b64url(sign(signing_input.encode()))}"
    remember_secret(token)
    return token


def es256(key, payload, kid=None):
    return jws({"alg": "ES256", "typ": "JWT", "kid": kid or key.kid}, payload, key.sign)


def hs256(secret, payload, header=None):
    if isinstance(secret, str):
        secret = secret.encode()
    return jws(header or {"alg": "HS256", "typ": "JWT"}, payload,
               lambda data: hmac.new(secret, data, hashlib.sha256).digest())


# ---------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def project():
    p = Project()
    p.key = EcKey("key-" + uuid.uuid4().hex[:8])
    p.publish(p.key)
    yield p
    p.close()


@pytest.fixture(scope="module")
def supa(project, tmp_path_factory):
    srv = ServerProcess(tmp_path_factory.mktemp("dadly-supabase"), env={
        "DADLY_AUTH": "supabase",
        "SUPABASE_URL": project.url + "/",   # a trailing slash is tolerated
        "SUPABASE_ANON_KEY": ANON_KEY,
        "SUPABASE_JWT_SECRET": JWT_SECRET,
        "DADLY_JWKS_CACHE_SECONDS": str(CACHE_SECONDS),
        "DADLY_JWKS_REFETCH_SECONDS": str(REFETCH_SECONDS),
    }).start()
    yield srv
    assert srv.terminate(timeout=10) == 0
    log = "\n".join(srv.lines + srv.err_lines)
    assert JWT_SECRET not in log, "the Supabase JWT secret was logged"


def token_for(project, sub=None, **extra):
    return es256(project.key, claims(project.url, sub or str(uuid.uuid4()), **extra))


# ---------------------------------------------------------------- client config and routes
def test_client_config_has_the_anon_key_and_never_the_secret(supa, project):
    r = Client(supa.base).get("/client-config")
    assert r.status_code == 200, r.text
    assert r.json() == {"auth": "supabase", "supabase_url": project.url,
                        "supabase_anon_key": ANON_KEY}
    assert JWT_SECRET not in r.text


def test_web_app_may_connect_to_the_project(supa, project):
    r = requests.get(supa.base + "/", timeout=10)
    if not r.headers.get("Content-Type", "").startswith("text/html"):
        pytest.skip("the web app is not built into this binary")
    connect_src = [d for d in r.headers["Content-Security-Policy"].split(";")
                   if d.strip().startswith("connect-src")]
    assert connect_src and project.url in connect_src[0].split(), connect_src


@pytest.mark.parametrize("route", ["signup", "login", "refresh", "logout"])
def test_builtin_sign_in_routes_are_refused(supa, route):
    body = {"email": "dad@example.com", "password": "a long password", "display_name": "아빠",
            "refresh_token": "x" * 43}
    if route in ("refresh", "logout"):
        body = {"refresh_token": "x" * 43}
    r = Client(supa.base).post(f"/auth/{route}", json=body)
    problem = assert_problem(r, 404, "not_found")
    assert "Supabase" in problem["detail"]


# ---------------------------------------------------------------- tokens that work
def test_es256_token_creates_the_user_on_first_sight(supa, project):
    sub = str(uuid.uuid4())
    token = token_for(project, sub)
    me = Client(supa.base, token).get("/me")
    assert me.status_code == 200, me.text
    user = me.json()["user"]
    assert_uuid(user["id"])
    assert user["id"] == sub
    assert user["email"] == f"dad.{sub[:8]}@example.com"
    assert user["display_name"] == "수파 아빠"
    assert me.json()["families"] == []

    # The same user with a new token (another session) is the same row.
    again = Client(supa.base, token_for(project, sub)).get("/me")
    assert again.status_code == 200 and again.json()["user"] == user


def test_supabase_user_creates_and_reads_a_family(supa, project):
    dad = Client(supa.base, token_for(project))
    r = dad.post("/families", json={"name": "수파 가족"})
    assert r.status_code == 201, r.text
    fid = r.json()["id"]
    assert dad.get(f"/families/{fid}").status_code == 200
    assert [f["role"] for f in dad.get("/me").json()["families"]] == ["owner"]
    # Another Supabase user is a stranger to it.
    stranger = Client(supa.base, token_for(project))
    assert_problem(stranger.get(f"/families/{fid}"), 404, "not_found")


def test_hs256_token_with_the_project_secret_works(supa, project):
    sub = str(uuid.uuid4())
    r = Client(supa.base, hs256(JWT_SECRET, claims(project.url, sub))).get("/me")
    assert r.status_code == 200, r.text
    assert r.json()["user"]["id"] == sub


def test_first_sight_from_many_requests_at_once(supa, project):
    sub = str(uuid.uuid4())
    tokens = [token_for(project, sub) for _ in range(8)]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda t: Client(supa.base, t).get("/me"), tokens))
    assert [a.status_code for a in answers] == [200] * 8, [a.text for a in answers]
    assert {a.json()["user"]["id"] for a in answers} == {sub}


# ---------------------------------------------------------------- tokens that do not
def bad_tokens(project):
    url, key = project.url, project.key
    sub = str(uuid.uuid4())
    good = token_for(project, sub)
    head, payload, sig = good.split(".")
    forged = b64url(json.dumps(claims(url, str(uuid.uuid4()))))
    flipped = sig[:-6] + ("AAAAAA" if not sig.endswith("AAAAAA") else "BBBBBB")
    unsigned = f"{b64url(json.dumps({'alg': 'none', 'typ': 'JWT'}))}." \
               f"{b64url(json.dumps(claims(url, sub)))}."
    return {
        "tampered payload": f"{head}.{forged}.{sig}",
        "tampered signature": f"{head}.{payload}.{flipped}",
        "expired": es256(key, claims(url, sub, exp_offset=-5)),
        "wrong audience": es256(key, claims(url, sub, aud="anon")),
        "wrong issuer": es256(key, claims("https://other.supabase.co", sub)),
        "anon role": es256(key, claims(url, sub, role="anon")),
        "service_role": es256(key, claims(url, sub, role="service_role")),
        "anonymous user": es256(key, claims(url, sub, is_anonymous=True)),
        "not-before in the future": es256(key, claims(url, sub, nbf=int(time.time()) + 600)),
        "alg none": unsigned,
        "HS256 with the public key as secret": hs256(
            key.public_pem(), claims(url, sub), {"alg": "HS256", "typ": "JWT", "kid": key.kid}),
        "HS256 with another secret": hs256("not-the-secret", claims(url, sub)),
        "RS256 header on the EC key": jws({"alg": "RS256", "kid": key.kid}, claims(url, sub),
                                          key.sign),
        "unknown kid": es256(EcKey("stranger"), claims(url, sub)),
    }


BAD_CASES = [
    "tampered payload", "tampered signature", "expired", "wrong audience", "wrong issuer",
    "anon role", "service_role", "anonymous user", "not-before in the future", "alg none",
    "HS256 with the public key as secret", "HS256 with another secret",
    "RS256 header on the EC key", "unknown kid"]


def test_every_bad_case_is_run(project):
    assert sorted(BAD_CASES) == sorted(bad_tokens(project))


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_token_is_401(supa, project, case):
    token = bad_tokens(project)[case]
    r = Client(supa.base, token).get("/me")
    assert_problem(r, 401, "unauthenticated")


def test_made_up_kids_do_not_hammer_the_jwks(supa, project):
    time.sleep(REFETCH_SECONDS + 0.1)
    before = project.fetch_count()
    started = time.monotonic()
    for i in range(30):
        stranger = EcKey(f"made-up-{i}")
        r = Client(supa.base, es256(stranger, claims(project.url, str(uuid.uuid4())))).get("/me")
        assert r.status_code == 401
    elapsed = time.monotonic() - started
    # At most one fetch per REFETCH_SECONDS (whole seconds on the server's clock), plus one.
    allowed = int(elapsed / REFETCH_SECONDS) + 2
    assert project.fetch_count() - before <= allowed, (project.fetch_count() - before, elapsed)


# ---------------------------------------------------------------- key rotation
def test_key_rotation_is_picked_up(supa, project):
    old, new = project.key, EcKey("key-" + uuid.uuid4().hex[:8])
    me = Client(supa.base, token_for(project)).get("/me")
    assert me.status_code == 200, me.text  # the JWKS is cached now
    try:
        # Supabase publishes the new key, then starts signing with it.
        project.publish(old, new)
        time.sleep(REFETCH_SECONDS + 0.1)
        sub = str(uuid.uuid4())
        r = Client(supa.base, es256(new, claims(project.url, sub))).get("/me")
        assert r.status_code == 200, r.text
        assert r.json()["user"]["id"] == sub

        # Then the old key is revoked: refused once the cached set has expired.
        project.publish(new)
        time.sleep(CACHE_SECONDS + 1.1)
        assert_problem(Client(supa.base, es256(old, claims(project.url, sub))).get("/me"),
                       401, "unauthenticated")
        assert Client(supa.base, es256(new, claims(project.url, sub))).get("/me").status_code == 200
    finally:
        project.publish(old)
        time.sleep(REFETCH_SECONDS + 0.1)


# ---------------------------------------------------------------- no JWKS, no secret
def test_unreachable_jwks_without_secret_is_401_and_logged(tmp_path):
    # A port nothing listens on: bind one, then close it.
    probe = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    dead_url = f"http://127.0.0.1:{probe.server_address[1]}"
    probe.server_close()
    srv = ServerProcess(tmp_path, env={
        "DADLY_AUTH": "supabase", "SUPABASE_URL": dead_url, "SUPABASE_ANON_KEY": ANON_KEY,
    }).start()
    try:
        key = EcKey("somewhere")
        sub = str(uuid.uuid4())
        for token in (es256(key, claims(dead_url, sub)), hs256("guess", claims(dead_url, sub))):
            assert_problem(Client(srv.base, token).get("/me"), 401, "unauthenticated")
        assert Client(srv.base).get("/readyz", root=True).status_code == 200
        assert Client(srv.base).get("/client-config").json()["auth"] == "supabase"
        assert srv.proc.poll() is None
        failures = [line for line in srv.json_lines() if line.get("message") == "jwks fetch failed"]
        assert failures and failures[0]["severity"] == "ERROR", srv.lines[-10:]
    finally:
        assert srv.terminate(timeout=10) == 0


def test_supabase_mode_needs_a_project_url():
    res = subprocess.run([DADLY_BIN, "config"], capture_output=True, text=True, timeout=30,
                         env={"DADLY_AUTH": "supabase", "PATH": "/usr/bin:/bin"})
    assert res.returncode != 0
    assert "SUPABASE_URL" in res.stdout + res.stderr


def test_config_redacts_the_jwt_secret(project):
    res = subprocess.run([DADLY_BIN, "config"], capture_output=True, text=True, timeout=30,
                         env={"DADLY_AUTH": "supabase", "SUPABASE_URL": project.url,
                              "SUPABASE_ANON_KEY": ANON_KEY, "SUPABASE_JWT_SECRET": JWT_SECRET,
                              "PATH": "/usr/bin:/bin"})
    assert res.returncode == 0, res.stderr
    assert JWT_SECRET not in res.stdout
    assert "SUPABASE_JWT_SECRET = (set, redacted)" in res.stdout
    assert "auth = supabase" in res.stdout
