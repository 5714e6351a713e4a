"""Auth: signup, login, refresh rotation, logout, /me, throttling, JWT attacks."""
import json
import time
import uuid

import pytest

from conftest import (Client, ServerProcess, SECRETS, assert_problem, assert_time,
                      assert_uuid, b64url, b64url_decode, login, make_family, mint_token,
                      remember_secret, sign_jwt, signup, unique_email, unique_password)


def check_auth_body(body, email):
    assert set(body) >= {"user", "access_token", "refresh_token", "expires_in", "token_type"}
    assert body["expires_in"] == 900
    assert body["token_type"] == "Bearer"
    assert isinstance(body["access_token"], str) and body["access_token"].count(".") == 2
    assert isinstance(body["refresh_token"], str) and len(body["refresh_token"]) >= 16
    user = body["user"]
    assert set(user) >= {"id", "email", "display_name", "locale", "created_at"}
    assert_uuid(user["id"])
    assert_time(user["created_at"])
    assert user["email"] == email


@pytest.fixture(scope="module")
def alice(server):
    return signup(server, display_name="앨리스")


# ---------------------------------------------------------------- signup/login
def test_signup_returns_user_and_tokens(anon):
    email, pw = unique_email(), unique_password()
    r = anon.post("/auth/signup", json={"email": email, "password": pw, "display_name": "아빠"})
    assert r.status_code == 201, r.text
    body = r.json()
    check_auth_body(body, email)
    assert body["user"]["display_name"] == "아빠"
    assert body["user"]["locale"] == "ko"  # default
    remember_secret(body["access_token"])
    remember_secret(body["refresh_token"])
    assert "password" not in json.dumps(body)


def test_signup_trims_and_lowercases_email(server, anon):
    local = f"MiXeD.{uuid.uuid4().hex[:8]}"
    pw = unique_password()
    r = anon.post("/auth/signup", json={"email": f"  {local}@Example.TEST ",
                                        "password": pw, "display_name": "x", "locale": "en"})
    assert r.status_code == 201, r.text
    normalized = f"{local.lower()}@example.test"
    assert r.json()["user"]["email"] == normalized
    assert r.json()["user"]["locale"] == "en"
    # the normalized and the original spelling both log in
    assert login(server, normalized, pw).id == r.json()["user"]["id"]
    assert login(server, f"{local}@EXAMPLE.test", pw).id == r.json()["user"]["id"]


def test_duplicate_email_conflict(anon, alice):
    for email in (alice.email, alice.email.upper()):
        r = anon.post("/auth/signup", json={"email": email, "password": unique_password(),
                                            "display_name": "dup"})
        assert_problem(r, 409, "conflict")


@pytest.mark.parametrize("length,ok", [(7, False), (8, True), (128, True), (129, False)])
def test_password_length_counts_characters(server, anon, length, ok):
    # Hangul syllables are 3 bytes each in UTF-8: 7 chars = 21 bytes, 128 chars = 384 bytes.
    pw = ("가나다라마바사아자차카타파하" * 10)[:length]
    email = unique_email("pwlen")
    r = anon.post("/auth/signup", json={"email": email, "password": pw, "display_name": "p"})
    if ok:
        assert r.status_code == 201, r.text
        assert login(server, email, pw).email == email
    else:
        assert_problem(r, 400, "validation_failed", field="password")
        # nothing was created: the same email can still sign up
        assert signup(server, email=email).email == email


def test_login_returns_same_shape(server, alice):
    r = Client(server.base).post("/auth/login", json={"email": alice.email,
                                                      "password": alice.password})
    assert r.status_code == 200, r.text
    check_auth_body(r.json(), alice.email)
    assert r.json()["user"]["id"] == alice.id
    remember_secret(r.json()["access_token"])
    remember_secret(r.json()["refresh_token"])


def test_unknown_email_and_wrong_password_look_identical(anon, alice):
    wrong = anon.post("/auth/login", json={"email": alice.email, "password": "wrong-password-1"})
    unknown = anon.post("/auth/login", json={"email": unique_email("ghost"),
                                             "password": "wrong-password-1"})
    assert_problem(wrong, 401, "unauthenticated")
    assert_problem(unknown, 401, "unauthenticated")
    assert wrong.json() == unknown.json()
    assert wrong.headers.get("WWW-Authenticate") == unknown.headers.get("WWW-Authenticate")


def test_login_throttled_after_five_failures(server, anon):
    victim = signup(server)
    bystander = signup(server)
    for i in range(5):
        r = anon.post("/auth/login", json={"email": victim.email, "password": f"nope-{i}-xxxx"})
        assert_problem(r, 401, "unauthenticated")
    r = anon.post("/auth/login", json={"email": victim.email, "password": "nope-6-xxxx"})
    assert_problem(r, 429, "rate_limited")
    assert 0 < int(r.headers["Retry-After"]) <= 15 * 60
    # the right password does not get through while throttled
    r = anon.post("/auth/login", json={"email": victim.email, "password": victim.password})
    assert_problem(r, 429, "rate_limited")
    # another account is not affected; the victim's existing token still works
    assert login(server, bystander.email, bystander.password).id == bystander.id
    assert victim.get("/me").status_code == 200


def test_login_throttled_per_address(tmp_path):
    """20 failures from one address (different accounts) -> 429 for the address."""
    srv = ServerProcess(tmp_path / "throttle").start()
    try:
        anon = Client(srv.base)
        for i in range(20):
            r = anon.post("/auth/login", json={"email": unique_email(f"addr{i}"),
                                               "password": "nope-nope-nope"})
            assert_problem(r, 401, "unauthenticated")
        r = anon.post("/auth/login", json={"email": unique_email("addr-last"),
                                           "password": "nope-nope-nope"})
        assert_problem(r, 429, "rate_limited")
    finally:
        assert srv.terminate() == 0


# ---------------------------------------------------------------- me
def test_me_lists_families_with_role(server):
    u = signup(server, display_name="미")
    r = u.get("/me")
    assert r.status_code == 200, r.text
    assert r.json()["user"]["id"] == u.id
    assert r.json()["user"]["email"] == u.email
    assert r.json()["families"] == []
    fid = make_family(u, "우리 가족")
    fams = u.get("/me").json()["families"]
    assert fams == [{"id": fid, "name": "우리 가족", "role": "owner"}]


# ---------------------------------------------------------------- refresh/logout
def refresh(anon, token):
    return anon.post("/auth/refresh", json={"refresh_token": token})


def test_refresh_rotates_and_reuse_revokes_session(server, anon):
    u = signup(server)
    first = u.refresh_token
    r = refresh(anon, first)
    assert r.status_code == 200, r.text
    check_auth_body(r.json(), u.email)
    second = r.json()["refresh_token"]
    remember_secret(second)
    remember_secret(r.json()["access_token"])
    assert second != first
    assert Client(server.base, r.json()["access_token"]).get("/me").json()["user"]["id"] == u.id
    # rotate once more so there is a newest token
    r = refresh(anon, second)
    assert r.status_code == 200, r.text
    newest = r.json()["refresh_token"]
    remember_secret(newest)
    # presenting a spent token is refused ...
    assert_problem(refresh(anon, first), 401, "unauthenticated")
    # ... and revokes the whole session: the newest token is dead too
    assert_problem(refresh(anon, newest), 401, "unauthenticated")
    # an independent session (new login) is unaffected
    other = login(server, u.email, u.password)
    assert refresh(anon, other.refresh_token).status_code == 200


def test_refresh_retried_after_a_lost_answer_keeps_the_session(server, anon):
    # A page reloaded while its refresh was in flight never stored the new token and presents
    # the spent one again: that is a retry, not a stolen copy.
    u = signup(server)
    lost = refresh(anon, u.refresh_token)
    assert lost.status_code == 200, lost.text
    remember_secret(lost.json()["refresh_token"])
    retried = refresh(anon, u.refresh_token)
    assert retried.status_code == 200, retried.text
    check_auth_body(retried.json(), u.email)
    current = retried.json()["refresh_token"]
    remember_secret(current)
    remember_secret(retried.json()["access_token"])
    assert current != lost.json()["refresh_token"]
    r = refresh(anon, current)
    assert r.status_code == 200, r.text
    newest = r.json()["refresh_token"]
    remember_secret(newest)
    # The token lost in the first answer was withdrawn: showing it means someone copied it,
    # and the whole session ends.
    assert_problem(refresh(anon, lost.json()["refresh_token"]), 401, "unauthenticated")
    assert_problem(refresh(anon, newest), 401, "unauthenticated")


def test_logout_ends_session(server, anon):
    u = signup(server)
    r = anon.post("/auth/logout", json={"refresh_token": u.refresh_token})
    assert r.status_code == 204, r.text
    assert r.content == b""
    assert_problem(refresh(anon, u.refresh_token), 401, "unauthenticated")


def test_logout_unknown_token_is_204(anon):
    r = anon.post("/auth/logout", json={"refresh_token": "not-a-real-token-" + uuid.uuid4().hex})
    assert r.status_code == 204, r.text


def test_refresh_unknown_token_401(anon):
    assert_problem(refresh(anon, "bogus-" + uuid.uuid4().hex), 401, "unauthenticated")


# ---------------------------------------------------------------- JWT attacks
def _tampered(token, **changes):
    h, p, s = token.split(".")
    payload = json.loads(b64url_decode(p))
    payload.update(changes)
    return f"{h}.{b64url(json.dumps(payload))}.{s}"


def _attacks(data_dir, alice, bob_id):
    now = int(time.time())
    claims = {"sub": alice.id, "iat": now, "exp": now + 900, "iss": "dadly", "aud": "dadly-api"}
    return {
        "expired": mint_token(data_dir, alice.id, exp_offset=-3600),
        "wrong_aud": mint_token(data_dir, alice.id, aud="someone-else"),
        "wrong_iss": mint_token(data_dir, alice.id, iss="supabase"),
        "nbf_future": mint_token(data_dir, alice.id, nbf=now + 3600),
        "no_exp": mint_token(data_dir, alice.id, exp=None),
        "alg_none": f"{b64url(json.dumps({'alg': 'none', 'typ': 'JWT'}))}."
                    f"{b64url(json.dumps(claims))}.",
        "other_key": sign_jwt({"alg": "HS256", "typ": "JWT"}, claims, b"not-the-server-key" * 2),
        "tampered_sub": _tampered(alice.token, sub=bob_id),
        "tampered_exp": _tampered(alice.token, exp=now + 10 ** 6),
        "garbage": "garbage",
        "three_garbage_parts": "a.b.c",
        "empty": "",
    }


ATTACKS = ["expired", "wrong_aud", "wrong_iss", "nbf_future", "no_exp", "alg_none",
           "other_key", "tampered_sub", "tampered_exp", "garbage", "three_garbage_parts", "empty"]


def test_minted_token_control(server, data_dir, alice):
    """Positive control: a correctly minted token is accepted, so the attacks mean something."""
    r = Client(server.base, mint_token(data_dir, alice.id)).get("/me")
    assert r.status_code == 200, r.text
    assert r.json()["user"]["id"] == alice.id


@pytest.mark.parametrize("attack", ATTACKS)
def test_jwt_attack_rejected(server, data_dir, alice, attack):
    bob = signup(server) if attack == "tampered_sub" else None
    token = _attacks(data_dir, alice, bob.id if bob else alice.id)[attack]
    r = Client(server.base).get("/me", headers={"Authorization": f"Bearer {token}"})
    assert_problem(r, 401, "unauthenticated")


@pytest.mark.parametrize("header", [None, "Basic YWxpY2U6c2VjcmV0", "Bearer", "Token abc"])
def test_missing_or_wrong_scheme_401(anon, header):
    headers = {"Authorization": header} if header else {}
    assert_problem(anon.get("/me", headers=headers), 401, "unauthenticated")


# ---------------------------------------------------------------- secrets in logs
def test_no_secret_in_server_logs(server, alice):
    # make sure some fresh secrets just went through the server
    login(server, alice.email, alice.password)
    alice.get("/me")
    time.sleep(0.3)  # let the drain thread catch up
    logs = "\n".join(server.lines + server.err_lines)
    assert logs, "server produced no log output"
    assert len(SECRETS) > 10
    leaked = [s for s in SECRETS if s in logs]
    # also the signature part of each JWT alone
    leaked += [s for s in SECRETS if s.count(".") == 2 and len(s.split(".")[2]) > 20
               and s.split(".")[2] in logs]
    assert not leaked, f"{len(leaked)} secrets found in server logs, e.g. {leaked[0][:16]}..."
