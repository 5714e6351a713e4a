"""Timeline grouping: keys, localized labels, counts across pages, age buckets."""
import uuid

import pytest

from conftest import assert_problem, grant, make_entry, make_family, make_member, signup

# (occurred_at, age key, ko label, en label) for a child born 2024-03-10
AGE_CASES = [
    ("2024-03-01", "prenatal", "태어나기 전", "before birth"),
    ("2024-03-10", "m0", "생후 0개월", "0 months"),
    ("2024-04-09", "m0", "생후 0개월", "0 months"),
    ("2024-05-20", "m2", "생후 2개월", "2 months"),
    ("2025-05-10", "m14", "생후 14개월", "14 months"),
    ("2026-02-01", "m22", "생후 22개월", "22 months"),
    ("2026-03-09", "m23", "생후 23개월", "23 months"),
    ("2026-03-10", "y2", "2살", "age 2"),
    ("2026-11-01", "y2", "2살", "age 2"),
]
# an older child born 2020-06-15: year buckets past 2
OLDER_CASES = [
    ("2023-06-14", "y2", "2살", "age 2"),
    ("2023-06-15", "y3", "3살", "age 3"),
    ("2025-06-14", "y4", "4살", "age 4"),
    ("2025-06-15", "y5", "5살", "age 5"),
]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]


@pytest.fixture(scope="module")
def tl(server, data_dir):
    owner = signup(server, display_name="엄마")            # ko (default)
    en = signup(server, display_name="Dad", locale="en")    # en
    fid = make_family(owner)
    grant(data_dir, fid, en.email, "editor")
    baby = make_member(owner, fid, "아기", birthdate="2024-03-10")["id"]
    older = make_member(owner, fid, "형", birthdate="2020-06-15")["id"]
    nobirth = make_member(owner, fid, "삼촌")["id"]
    for day, *_ in AGE_CASES:
        make_entry(owner, fid, occurred_at=day, member_ids=[baby])
    for day, *_ in OLDER_CASES:
        make_entry(owner, fid, occurred_at=day, member_ids=[older])
    make_entry(owner, fid, occurred_at="2025-05-11", member_ids=[nobirth])
    # a private entry by the en user: counted for them, invisible to the owner
    make_entry(en, fid, occurred_at="2025-05-12", visibility="private")
    return dict(owner=owner, en=en, fid=fid, baby=baby, older=older, nobirth=nobirth)


def walk(user, fid, **params):
    """All pages of the timeline; returns (pages, response group)."""
    pages, cursor, group = [], None, None
    for _ in range(100):
        q = dict(params, **({"cursor": cursor} if cursor else {}))
        r = user.get(f"/families/{fid}/timeline", params=q)
        assert r.status_code == 200, r.text
        body = r.json()
        group = body["group"]
        for b in body["buckets"]:
            assert set(b) >= {"key", "label", "count", "entries"}
        keys = [b["key"] for b in body["buckets"]]
        assert len(keys) == len(set(keys)), f"bucket repeated within one page: {keys}"
        pages.append(body["buckets"])
        cursor = body["next_cursor"]
        if cursor is None:
            return pages, group
    raise AssertionError("timeline did not terminate")


def summarize(pages):
    """key -> (label, reported count, entries seen across pages, first position)."""
    out, order = {}, []
    for buckets in pages:
        for b in buckets:
            if b["key"] not in out:
                out[b["key"]] = {"label": b["label"], "count": b["count"], "seen": []}
                order.append(b["key"])
            assert out[b["key"]]["count"] == b["count"], "count differs between pages"
            assert out[b["key"]]["label"] == b["label"]
            out[b["key"]]["seen"] += [e["id"] for e in b["entries"]]
    return out, order


def all_days(user, fid, **params):
    return [e["occurred_at"] for e in
            [e for page in walk(user, fid, **params)[0] for b in page for e in b["entries"]]]


@pytest.mark.parametrize("limit", [3, 100])
def test_group_month_counts_across_pages(tl, limit):
    pages, group = walk(tl["owner"], tl["fid"], group="month", limit=limit)
    assert group == "month"
    summary, order = summarize(pages)
    total_seen = sum(len(v["seen"]) for v in summary.values())
    assert total_seen == len(AGE_CASES) + len(OLDER_CASES) + 1  # owner does not see the private one
    for key, v in summary.items():
        assert v["count"] == len(v["seen"]) == len(set(v["seen"])), key
    assert order == sorted(order, reverse=True), "buckets follow list order (newest first)"
    assert summary["2024-03"]["count"] == 2
    assert summary["2024-03"]["label"] == "2024년 3월"
    assert summary["2026-11"]["label"] == "2026년 11월"
    if limit == 3:
        assert len(pages) >= 5
        assert all(sum(len(b["entries"]) for b in page) <= 3 for page in pages)


def test_group_default_is_month(tl):
    r = tl["owner"].get(f"/families/{tl['fid']}/timeline")
    assert r.status_code == 200, r.text
    assert r.json()["group"] == "month"
    assert r.json()["buckets"][0]["key"] == "2026-11"


def test_group_year_keys_labels_and_counts(tl):
    summary, order = summarize(walk(tl["owner"], tl["fid"], group="year", limit=4)[0])
    assert order == ["2026", "2025", "2024", "2023"]
    assert {k: v["count"] for k, v in summary.items()} == {"2026": 4, "2025": 4, "2024": 4, "2023": 2}
    assert summary["2025"]["label"] == "2025년"
    en_summary, _ = summarize(walk(tl["en"], tl["fid"], group="year", limit=4)[0])
    assert en_summary["2025"]["label"] == "2025"
    assert en_summary["2025"]["count"] == 5, "the author counts their own private entry"


def test_english_month_labels(tl):
    summary, _ = summarize(walk(tl["en"], tl["fid"], group="month", limit=50)[0])
    for key, v in summary.items():
        year, month = key.split("-")
        assert v["label"] == f"{MONTHS_EN[int(month) - 1]} {year}", key


@pytest.mark.parametrize("who,label_idx", [("owner", 2), ("en", 3)])
def test_age_buckets(tl, who, label_idx):
    pages, group = walk(tl[who], tl["fid"], group="age", member_id=tl["baby"], limit=2)
    assert group == "age"
    summary, order = summarize(pages)
    expected = {}
    for case in AGE_CASES:
        expected.setdefault(case[1], {"label": case[label_idx], "count": 0})["count"] += 1
    got = {k: {"label": v["label"], "count": v["count"]} for k, v in summary.items()}
    assert got == expected
    for v in summary.values():
        assert v["count"] == len(v["seen"])
    assert order == ["y2", "m23", "m22", "m14", "m2", "m0", "prenatal"]


@pytest.mark.parametrize("who,label_idx", [("owner", 2), ("en", 3)])
def test_age_buckets_in_years(tl, who, label_idx):
    summary, order = summarize(walk(tl[who], tl["fid"], group="age", member_id=tl["older"])[0])
    expected = {c[1]: c[label_idx] for c in OLDER_CASES}
    assert {k: v["label"] for k, v in summary.items()} == expected
    assert all(v["count"] == 1 for v in summary.values())
    assert order == ["y5", "y4", "y3", "y2"]


def test_age_respects_from_to(tl):
    pages, _ = walk(tl["owner"], tl["fid"], group="age", member_id=tl["baby"],
                    **{"from": "2024-03-10", "to": "2024-05-20"})
    summary, _ = summarize(pages)
    assert {k: v["count"] for k, v in summary.items()} == {"m0": 2, "m2": 1}


def test_member_filter_in_month_grouping(tl):
    days = all_days(tl["owner"], tl["fid"], group="month", member_id=tl["older"])
    assert sorted(days, reverse=True) == days
    assert set(days) == {c[0] for c in OLDER_CASES}


@pytest.mark.parametrize("params,field", [
    ({"group": "age"}, None),                         # no member_id
    ({"group": "age", "member_id": "NOBIRTH"}, None),  # member without birthdate
    ({"group": "age", "member_id": "UNKNOWN"}, None),  # not a member of this family
    ({"group": "week"}, "group"),
])
def test_bad_group_requests(tl, params, field):
    params = dict(params)
    if params.get("member_id") == "NOBIRTH":
        params["member_id"] = tl["nobirth"]
    elif params.get("member_id") == "UNKNOWN":
        params["member_id"] = str(uuid.uuid4())
    r = tl["owner"].get(f"/families/{tl['fid']}/timeline", params=params)
    body = assert_problem(r, 400, "validation_failed", field=field)
    if field is None:
        fields = {e["field"] for e in body["errors"]}
        assert fields & {"member_id", "group"}, fields


def test_changing_the_account_language_changes_the_labels(server):
    """PATCH /me keeps the language a user picked; the timeline then speaks it."""
    user = signup(server, display_name="엄마")
    fid = make_family(user)
    make_entry(user, fid, occurred_at="2026-03-05")
    label = lambda: user.get(f"/families/{fid}/timeline").json()["buckets"][0]["label"]  # noqa: E731
    assert label() == "2026년 3월"
    r = user.patch("/me", json={"locale": "en", "display_name": "Mom"})
    assert r.status_code == 200, r.text
    assert (r.json()["user"]["locale"], r.json()["user"]["display_name"]) == ("en", "Mom")
    assert r.json()["families"][0]["id"] == fid
    assert label() == "March 2026"
    assert user.get("/me").json()["user"]["display_name"] == "Mom"
    assert_problem(user.patch("/me", json={}), 400, "validation_failed")
    assert user.get("/me").json()["user"]["locale"] == "en"


def test_counts_hold_only_what_the_reader_may_see(server, data_dir):
    """A bucket's count is the number of its entries the reader may read: a child's counts leave
    out entries that do not tag it, everyone's leave out others' private entries and the trash,
    and another family's entries count nowhere."""
    owner, child, viewer = signup(server), signup(server), signup(server)
    fid = make_family(owner)
    grant(data_dir, fid, child.email, "child")
    grant(data_dir, fid, viewer.email, "viewer")
    me = make_member(owner, fid, "서윤", user_id=child.id)["id"]
    sibling = make_member(owner, fid, "하준")["id"]
    about_me = {make_entry(owner, fid, occurred_at=f"2025-05-0{d}", member_ids=[me])["id"]
                for d in (1, 2)}
    family = about_me | {make_entry(owner, fid, occurred_at="2025-05-03", member_ids=[sibling])["id"],
                         make_entry(owner, fid, occurred_at="2025-05-04")["id"]}
    make_entry(owner, fid, occurred_at="2025-05-05", member_ids=[me], visibility="private")
    trashed = make_entry(owner, fid, occurred_at="2025-05-06", member_ids=[me])["id"]
    assert owner.delete(f"/families/{fid}/entries/{trashed}").status_code == 204
    other = signup(server)
    make_entry(other, make_family(other), occurred_at="2025-05-07")
    for user, seen in ((child, about_me), (viewer, family)):
        for group in ("month", "year"):
            pages, _ = walk(user, fid, group=group, limit=1)
            summary, _ = summarize(pages)
            assert len(summary) == 1, summary
            (bucket,) = summary.values()
            assert set(bucket["seen"]) == seen
            assert bucket["count"] == len(seen), (group, bucket)
