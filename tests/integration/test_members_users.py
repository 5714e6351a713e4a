"""Members CRUD and validation; family users: list, role change, removal, last owner."""
import datetime as dt
import uuid

import pytest

from conftest import (assert_problem, assert_time, assert_uuid, family_with, grant, make_entry,
                      make_family, make_member, signup)

MEMBER_KEYS = {"id", "family_id", "name", "birthdate", "relation", "user_id", "created_at",
               "updated_at", "version"}


@pytest.fixture(scope="module")
def fam(server, data_dir):
    owner = signup(server, display_name="엄마")
    editor = signup(server, display_name="아빠")
    viewer = signup(server, display_name="할머니")
    outsider = signup(server)
    fid = make_family(owner)
    grant(data_dir, fid, editor.email, "editor")
    grant(data_dir, fid, viewer.email, "viewer")
    return dict(owner=owner, editor=editor, viewer=viewer, outsider=outsider, fid=fid)


def mpath(f, mid=""):
    return f"/families/{f['fid']}/members" + (f"/{mid}" if mid else "")


def count_members(f):
    return len(f["owner"].get(mpath(f)).json()["items"])


# ---------------------------------------------------------------- members
def test_member_create_get_shape(fam):
    r = fam["owner"].post(mpath(fam), json={"name": "하늘", "birthdate": "2022-04-01",
                                            "relation": "딸"})
    assert r.status_code == 201, r.text
    m = r.json()
    assert set(m) >= MEMBER_KEYS
    assert_uuid(m["id"])
    assert (m["family_id"], m["name"], m["birthdate"], m["relation"], m["user_id"]) == \
        (fam["fid"], "하늘", "2022-04-01", "딸", None)
    assert_time(m["created_at"])
    assert_time(m["updated_at"])
    assert m["version"] == 1 and r.headers["ETag"] == '"1"'
    g = fam["owner"].get(mpath(fam, m["id"]))
    assert g.status_code == 200 and g.json() == m and g.headers["ETag"] == '"1"'
    for who in ("editor", "viewer"):
        assert fam[who].get(mpath(fam, m["id"])).json() == m
    minimal = make_member(fam["owner"], fam["fid"], "바다")
    assert minimal["birthdate"] is None and minimal["relation"] is None



def test_member_patch_if_match(fam):
    """Two owners correcting one child: the later save, sent with the version it read, is
    refused with 412 instead of silently undoing the other's change."""
    m = make_member(fam["owner"], fam["fid"], "이슬", birthdate="2021-03-03")
    first = fam["owner"].patch(mpath(fam, m["id"]), json={"name": "이슬이"},
                               headers={"If-Match": f'"{m["version"]}"'})
    assert first.status_code == 200, first.text
    assert first.json()["version"] == m["version"] + 1
    assert first.headers["ETag"] == f'"{m["version"] + 1}"'
    for stale in (f'"{m["version"]}"', 'W/"1"', '"x"', "1", '""'):
        r = fam["owner"].patch(mpath(fam, m["id"]), json={"birthdate": "2021-03-04"},
                               headers={"If-Match": stale})
        assert_problem(r, 412, "precondition_failed")
    assert fam["owner"].get(mpath(fam, m["id"])).json() == first.json()
    current = fam["owner"].patch(mpath(fam, m["id"]), json={"birthdate": "2021-03-04"},
                                 headers={"If-Match": first.headers["ETag"]})
    assert current.status_code == 200, current.text
    assert (current.json()["name"], current.json()["birthdate"]) == ("이슬이", "2021-03-04")
    anything = fam["owner"].patch(mpath(fam, m["id"]), json={"relation": "딸"},
                                  headers={"If-Match": "*"})
    assert anything.status_code == 200 and anything.json()["version"] == m["version"] + 3
    gone = fam["owner"].patch(mpath(fam, str(uuid.uuid4())), json={"name": "x"},
                              headers={"If-Match": '"1"'})
    assert_problem(gone, 404, "not_found")

def test_member_list_order(fam, server):
    owner = fam["owner"]
    fid = make_family(owner)
    f = dict(fam, fid=fid)
    for name, bd in [("다", "2020-01-01"), ("가", "2021-05-05"), ("나", "2020-01-01"),
                     ("라", "2019-12-31")]:
        make_member(owner, fid, name, birthdate=bd)
    r = owner.get(mpath(f))
    assert r.status_code == 200
    assert r.json()["next_cursor"] is None
    assert [m["name"] for m in r.json()["items"]] == ["라", "나", "다", "가"]


def test_member_patch(fam):
    m = make_member(fam["owner"], fam["fid"], "별", birthdate="2023-01-01", relation="아들")
    r = fam["owner"].patch(mpath(fam, m["id"]), json={"name": "큰별"})
    assert r.status_code == 200, r.text
    assert (r.json()["name"], r.json()["birthdate"], r.json()["relation"]) == ("큰별", "2023-01-01", "아들")
    r = fam["owner"].patch(mpath(fam, m["id"]), json={"birthdate": None, "relation": None})
    assert r.status_code == 200, r.text
    assert (r.json()["birthdate"], r.json()["relation"]) == (None, None)
    assert r.json()["updated_at"] >= m["updated_at"]
    assert fam["owner"].get(mpath(fam, m["id"])).json() == r.json()
    assert r.json()["version"] == 3 and r.headers["ETag"] == '"3"'
    assert_problem(fam["owner"].patch(mpath(fam, m["id"]), json={}), 400, "validation_failed")
    assert_problem(fam["owner"].patch(mpath(fam, m["id"]), json={"name": None}),
                   400, "validation_failed", field="name")


def test_member_delete_keeps_entries(fam):
    owner = fam["owner"]
    m = make_member(owner, fam["fid"], "잠깐")
    keep = make_member(owner, fam["fid"], "남음")
    e = make_entry(owner, fam["fid"], member_ids=[m["id"], keep["id"]])
    assert owner.delete(mpath(fam, m["id"])).status_code == 204
    assert_problem(owner.get(mpath(fam, m["id"])), 404, "not_found")
    assert_problem(owner.delete(mpath(fam, m["id"])), 404, "not_found")
    assert m["id"] not in [x["id"] for x in owner.get(mpath(fam)).json()["items"]]
    after = owner.get(f"/families/{fam['fid']}/entries/{e['id']}")
    assert after.status_code == 200
    assert after.json()["member_ids"] == [keep["id"]]


def today():
    return dt.datetime.now(dt.timezone.utc).date()


@pytest.mark.parametrize("body,field", [
    ({"name": "x", "birthdate": "FUTURE"}, "birthdate"),
    ({"name": "x", "birthdate": "1899-12-31"}, "birthdate"),
    ({"name": "x", "birthdate": "2020-13-01"}, "birthdate"),
    ({"name": "x", "birthdate": "2023-02-29"}, "birthdate"),
    ({"name": "x", "birthdate": "20-1-1"}, "birthdate"),
    ({"name": "x", "birthdate": "2020-01-01T00:00:00Z"}, "birthdate"),
    ({"name": ""}, "name"),
    ({"name": "가" * 101}, "name"),
    ({"name": "x", "relation": "가" * 51}, "relation"),
    ({"name": "x", "user_id": "NOT_A_USER"}, "user_id"),
    ({"name": "x", "user_id": "not-a-uuid"}, "user_id"),
    ({"birthdate": "2020-01-01"}, "name"),
])
def test_member_validation(fam, body, field):
    if body.get("birthdate") == "FUTURE":
        body = dict(body, birthdate=(today() + dt.timedelta(days=2)).isoformat())
    if body.get("user_id") == "NOT_A_USER":  # a real account, but not a user of this family
        body = dict(body, user_id=fam["outsider"].id)
    before = count_members(fam)
    assert_problem(fam["owner"].post(mpath(fam), json=body), 400, "validation_failed", field=field)
    assert count_members(fam) == before


def test_member_boundaries_accepted(fam):
    m = make_member(fam["owner"], fam["fid"], "가" * 100, birthdate="1900-01-01",
                    relation="나" * 50)
    assert len(m["name"]) == 100 and len(m["relation"]) == 50
    assert make_member(fam["owner"], fam["fid"], birthdate="2024-02-29")["birthdate"] == "2024-02-29"
    assert make_member(fam["owner"], fam["fid"], birthdate=today().isoformat())["birthdate"] == \
        today().isoformat()
    # Tomorrow in UTC is already today in Seoul from midnight to 9 a.m.: a baby born then is added.
    tomorrow = (today() + dt.timedelta(days=1)).isoformat()
    assert make_member(fam["owner"], fam["fid"], birthdate=tomorrow)["birthdate"] == tomorrow


def test_member_write_needs_owner(fam):
    m = make_member(fam["owner"], fam["fid"], "보호")
    for who in ("editor", "viewer"):
        u = fam[who]
        before = count_members(fam)
        assert_problem(u.post(mpath(fam), json={"name": "x"}), 403, "forbidden")
        assert_problem(u.patch(mpath(fam, m["id"]), json={"name": "x"}), 403, "forbidden")
        assert_problem(u.delete(mpath(fam, m["id"])), 403, "forbidden")
        assert count_members(fam) == before
    assert fam["owner"].get(mpath(fam, m["id"])).json()["name"] == "보호"


def test_member_of_other_family_is_404(fam):
    other_fid = make_family(fam["outsider"])
    foreign = make_member(fam["outsider"], other_fid)
    assert_problem(fam["owner"].get(mpath(fam, foreign["id"])), 404, "not_found")
    assert_problem(fam["owner"].patch(mpath(fam, foreign["id"]), json={"name": "x"}), 404, "not_found")
    assert_problem(fam["owner"].delete(mpath(fam, foreign["id"])), 404, "not_found")
    assert fam["outsider"].get(f"/families/{other_fid}/members/{foreign['id']}").json()["name"] == \
        foreign["name"]
    assert_problem(fam["outsider"].get(mpath(fam)), 404, "not_found")


# ---------------------------------------------------------------- users
def upath(fid, uid=""):
    return f"/families/{fid}/users" + (f"/{uid}" if uid else "")


def test_users_list(fam):
    r = fam["owner"].get(upath(fam["fid"]))
    assert r.status_code == 200, r.text
    assert r.json()["next_cursor"] is None
    items = {u["user_id"]: u for u in r.json()["items"]}
    assert {fam["owner"].id, fam["editor"].id, fam["viewer"].id} <= set(items)
    assert fam["outsider"].id not in items
    me = items[fam["owner"].id]
    assert set(me) >= {"user_id", "email", "display_name", "role", "joined_at"}
    assert (me["email"], me["display_name"], me["role"]) == (fam["owner"].email, "엄마", "owner")
    assert_time(me["joined_at"])
    assert items[fam["editor"].id]["role"] == "editor"
    assert items[fam["viewer"].id]["role"] == "viewer"
    for who in ("editor", "viewer"):
        assert_problem(fam[who].get(upath(fam["fid"])), 403, "forbidden")


def test_role_change_takes_effect(server):
    owner, u, fid = family_with(server, "viewer")
    assert_problem(u.post(f"/families/{fid}/entries", json={"body": "x"}), 403, "forbidden")
    r = owner.patch(upath(fid, u.id), json={"role": "editor"})
    assert r.status_code == 200, r.text
    assert (r.json()["user_id"], r.json()["role"], r.json()["email"]) == (u.id, "editor", u.email)
    assert u.get(f"/families/{fid}").json()["role"] == "editor"
    assert u.post(f"/families/{fid}/entries", json={"body": "이제 쓸 수 있다"}).status_code == 201
    for bad in ({"role": "admin"}, {"role": None}, {}, {"role": "owner", "x": 1}):
        assert_problem(owner.patch(upath(fid, u.id), json=bad), 400, "validation_failed")
    assert_problem(u.patch(upath(fid, owner.id), json={"role": "viewer"}), 403, "forbidden")
    assert_problem(owner.patch(upath(fid, str(uuid.uuid4())), json={"role": "viewer"}), 404, "not_found")
    assert u.get(f"/families/{fid}").json()["role"] == "editor"


def test_remove_user(server):
    owner, u, fid = family_with(server, "editor")
    e = make_entry(u, fid)
    assert_problem(u.delete(upath(fid, owner.id)), 403, "forbidden")
    assert owner.delete(upath(fid, u.id)).status_code == 204
    assert_problem(u.get(f"/families/{fid}"), 404, "not_found")
    assert fid not in [f["id"] for f in u.get("/me").json()["families"]]
    assert u.id not in [x["user_id"] for x in owner.get(upath(fid)).json()["items"]]
    assert_problem(owner.delete(upath(fid, u.id)), 404, "not_found")
    assert_problem(u.get(f"/families/{fid}/entries/{e['id']}"), 404, "not_found")
    # What the removed editor wrote stays in the family, still signed with their name.
    kept = owner.get(f"/families/{fid}/entries/{e['id']}")
    assert kept.status_code == 200, kept.text
    assert kept.json()["author_name"] == e["author_name"] != ""


def test_last_owner_protected(server, data_dir):
    owner, second = signup(server), signup(server)
    fid = make_family(owner)
    assert_problem(owner.patch(upath(fid, owner.id), json={"role": "editor"}), 409, "conflict")
    assert_problem(owner.delete(upath(fid, owner.id)), 409, "conflict")
    assert owner.get(f"/families/{fid}").json()["role"] == "owner"
    grant(data_dir, fid, second.email, "owner")
    r = owner.patch(upath(fid, owner.id), json={"role": "editor"})
    assert r.status_code == 200 and r.json()["role"] == "editor", r.text
    # now `second` is the last owner
    assert_problem(second.patch(upath(fid, second.id), json={"role": "viewer"}), 409, "conflict")
    assert_problem(second.delete(upath(fid, second.id)), 409, "conflict")
    roles = {x["user_id"]: x["role"] for x in second.get(upath(fid)).json()["items"]}
    assert roles == {owner.id: "editor", second.id: "owner"}
