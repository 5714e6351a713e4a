"""Search: hybrid retrieval with a cited answer, within what the caller may see."""
import os
import subprocess
import threading
import time

import pytest

from conftest import (DADLY_BIN, PG_HOST, ServerProcess, assert_problem, database_env, family_with,
                      grant, login, make_entry, make_family, make_member, operator_command, signup,
                      wait_insight, wait_insights)

DIARY = [
    ("2025-05-05", "서윤이가 오늘 처음으로 두발자전거를 탔다! 아빠가 뒤에서 잡아주다가 놓았는데 "
                   "혼자서 쭉 달렸다. 너무 기뻤다."),
    ("2025-03-02", "서윤이 생일 파티를 했다. 케이크에 초를 여섯 개 꽂았다."),
    ("2024-11-20", "하준이가 감기에 걸려서 병원에 다녀왔다. 열이 나서 걱정했다."),
    ("2024-08-15", "We went to the beach and the kids swam all afternoon."),
    ("2024-01-10", "첫눈이 왔다. 서윤이랑 눈사람을 만들었다."),
]


@pytest.fixture(scope="module")
def fam(tmp_path_factory):
    srv = ServerProcess(tmp_path_factory.mktemp("dadly-search")).start()
    owner, viewer, other = signup(srv), signup(srv), signup(srv)
    fid = make_family(owner)
    grant(srv.data_dir, fid, viewer.email, "viewer")
    seoyun = make_member(owner, fid, "서윤", birthdate="2019-03-02")["id"]
    hajun = make_member(owner, fid, "하준", birthdate="2021-06-01")["id"]
    ids = {}
    for day, body in DIARY:
        tags = [hajun] if "하준" in body else [seoyun]
        ids[day] = make_entry(owner, fid, body, occurred_at=day, member_ids=tags)["id"]
    secret = make_entry(owner, fid, "비밀 일기: 자전거 선물을 몰래 샀다.",
                        occurred_at="2025-06-01", visibility="private")["id"]
    other_fid = make_family(other)
    other_entry = make_entry(other, other_fid, "우리 아이도 두발자전거를 처음 탔다.",
                             occurred_at="2025-05-06")["id"]
    wait_insights(owner, fid, list(ids.values()) + [secret], timeout=30)
    wait_insights(other, other_fid, [other_entry], timeout=30)
    yield dict(server=srv, owner=owner, viewer=viewer, other=other, fid=fid, ids=ids,
               secret=secret, other_fid=other_fid, other_entry=other_entry, seoyun=seoyun,
               hajun=hajun)
    assert srv.terminate() == 0


def search(user, fid, **body):
    r = user.post(f"/families/{fid}/search", json=body)
    assert r.status_code == 200, r.text
    return r.json()


def test_a_question_finds_the_day_and_cites_it(fam):
    s = search(fam["viewer"], fam["fid"], query="서윤이가 처음 두발자전거를 탄 게 언제였지?")
    bike = fam["ids"]["2025-05-05"]
    assert s["results"][0]["entry_id"] == bike
    assert s["citations"][0]["entry_id"] == bike
    assert "2025년 5월 5일" in s["answer"] and "[1]" in s["answer"]
    assert "자전거" in s["answer"]
    marked = [seg["text"] for seg in s["results"][0]["snippet"]["segments"] if seg["highlighted"]]
    assert any("자전거" in m for m in marked), marked
    assert s["results"] == sorted(s["results"], key=lambda r: -r["score"])


def test_meaning_crosses_languages(fam):
    s = search(fam["owner"], fam["fid"], query="bike")
    assert fam["ids"]["2025-05-05"] in [r["entry_id"] for r in s["results"]]
    s = search(fam["owner"], fam["fid"], query="바다에서 수영")
    assert s["results"][0]["entry_id"] == fam["ids"]["2024-08-15"]


def test_nothing_relevant_is_said_plainly(fam):
    s = search(fam["owner"], fam["fid"], query="우주선 발사 대회")
    assert s["results"] == [] and s["citations"] == []
    assert s["answer"] == "관련된 기록을 찾지 못했어요."
    s = search(fam["owner"], fam["fid"], query="quantum chromodynamics")
    assert s["answer"] == "No entry seems to be about that."
    # Korean first: a question with no words in either language is answered in Korean.
    for query in ("🚲🚲", "ㅋㅋㅋ", "12345"):
        s = search(fam["owner"], fam["fid"], query=query)
        if not s["results"]:
            assert s["answer"] == "관련된 기록을 찾지 못했어요.", query
        assert "No entry" not in s["answer"] and "Here is" not in s["answer"], (query, s["answer"])


def test_filters_apply_before_ranking(fam):
    s = search(fam["owner"], fam["fid"], query="서윤", member_ids=[fam["hajun"]])
    assert all(r["entry_id"] == fam["ids"]["2024-11-20"] for r in s["results"])
    s = search(fam["owner"], fam["fid"], query="서윤", **{"from": "2025-01-01", "to": "2025-12-31"})
    assert s["results"] and all("2025-01-01" <= r["occurred_at"] <= "2025-12-31"
                                for r in s["results"])
    assert len(search(fam["owner"], fam["fid"], query="서윤", limit=1)["results"]) == 1


def test_no_one_finds_what_they_may_not_read(fam):
    everything = {"answer", "citations", "results"}
    for user in (fam["viewer"], fam["owner"]):
        s = search(user, fam["fid"], query="두발자전거 자전거 선물 비밀")
        assert set(s) == everything
        found = {r["entry_id"] for r in s["results"]} | {c["entry_id"] for c in s["citations"]}
        assert fam["other_entry"] not in found
        if user is fam["viewer"]:
            assert fam["secret"] not in found and "비밀" not in s["answer"]
    # The author finds their own private entry.
    s = search(fam["owner"], fam["fid"], query="비밀 일기 선물")
    assert fam["secret"] in [r["entry_id"] for r in s["results"]]
    # Another family's member gets 404, and its own family never shows this family's entries.
    assert_problem(fam["other"].post(f"/families/{fam['fid']}/search", json={"query": "자전거"}),
                   404, "not_found")
    s = search(fam["other"], fam["other_fid"], query="두발자전거")
    assert [r["entry_id"] for r in s["results"]] == [fam["other_entry"]]


def test_the_index_follows_edits_and_deletions(fam):
    owner, fid = fam["owner"], fam["fid"]
    e = make_entry(owner, fid, "오늘 처음으로 훌라후프를 돌렸다.", occurred_at="2025-07-01")
    assert [r["entry_id"] for r in search(owner, fid, query="훌라후프")["results"]] == [e["id"]]
    r = owner.patch(f"/families/{fid}/entries/{e['id']}", json={"body": "오늘은 줄넘기를 했다."},
                    headers={"If-Match": '"1"'})
    assert r.status_code == 200
    assert search(owner, fid, query="훌라후프")["results"] == []
    assert [r["entry_id"] for r in search(owner, fid, query="줄넘기")["results"]] == [e["id"]]
    assert owner.delete(f"/families/{fid}/entries/{e['id']}").status_code == 204
    assert search(owner, fid, query="줄넘기")["results"] == []
    # Each reader's index is updated in place from the Store's log of changes.
    r = owner.post(f"/families/{fid}/entries/{e['id']}/restore")
    assert r.status_code == 200
    assert [r["entry_id"] for r in search(owner, fid, query="줄넘기")["results"]] == [e["id"]]
    viewer = fam["viewer"]
    assert [r["entry_id"] for r in search(viewer, fid, query="줄넘기")["results"]] == [e["id"]]
    version = owner.get(f"/families/{fid}/entries/{e['id']}").headers["ETag"]
    r = owner.patch(f"/families/{fid}/entries/{e['id']}", json={"visibility": "private"},
                    headers={"If-Match": version})
    assert r.status_code == 200
    assert search(viewer, fid, query="줄넘기")["results"] == []
    assert [r["entry_id"] for r in search(owner, fid, query="줄넘기")["results"]] == [e["id"]]
    assert owner.delete(f"/families/{fid}/entries/{e['id']}").status_code == 204


class HeldTransaction:
    """A psql session connected as the server's role: runs statements in a transaction that
    stays open until commit(), as a request of the server does while it waits for the disk."""

    def __init__(self, data_dir, acting_for, sql):
        self.psql = subprocess.Popen(
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", database_env(data_dir)["DATABASE_URL"]],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.run(f"BEGIN; SET LOCAL app.user_id = '{acting_for}'; {sql}")

    def run(self, sql):
        self.psql.stdin.write(f"{sql}\n\\echo ran\n")
        self.psql.stdin.flush()
        out = []
        while (line := self.psql.stdout.readline()) and line.strip() != "ran":
            out.append(line)
        assert line, f"psql ended: {''.join(out)}"

    def commit(self):
        self.run("COMMIT;")
        self.psql.stdin.close()
        assert self.psql.wait(timeout=10) == 0


@pytest.mark.skipif(not PG_HOST, reason="SQLite commits one writer at a time, in log order")
def test_a_trash_committed_after_a_later_write_leaves_every_index(server):
    # Each change is logged with the next position, but PostgreSQL's transactions may commit in
    # another order than they took their positions. No reader's index may move past a change
    # still being committed, whether it is brought up to date (the viewer's, used before) or
    # built (the owner's, first used meanwhile): the trashed entry would stay in it.
    owner, viewer, fid = family_with(server, "viewer")
    trashed = make_entry(owner, fid, "오늘 처음으로 트램펄린에서 뛰었다.", occurred_at="2025-07-01")["id"]

    def found(user):
        return [r["entry_id"] for r in search(user, fid, query="트램펄린")["results"]]

    assert found(viewer) == [trashed]
    # The trash as PostgresStore::TrashEntry makes it, acting for the owner, not yet committed.
    trash = HeldTransaction(
        server.data_dir, owner.id,
        f"UPDATE entries SET deleted_at = {int(time.time())}, version = version + 1 "
        f"WHERE id = '{trashed}' AND family_id = '{fid}' AND deleted_at IS NULL;")
    # A later write commits first, and both search meanwhile.
    make_entry(owner, fid, "오늘은 공원에서 그네를 탔다.", occurred_at="2025-07-02")
    meanwhile = [threading.Thread(target=found, args=(user,)) for user in (viewer, owner)]
    for thread in meanwhile:
        thread.start()
    time.sleep(0.5)
    trash.commit()
    for thread in meanwhile:
        thread.join(timeout=20)
        assert not thread.is_alive()
    assert viewer.get(f"/families/{fid}/entries/{trashed}").status_code == 404
    assert found(viewer) == [] and found(owner) == []


def test_vectors_of_a_replaced_embedding_model_are_left_out(tmp_path):
    # The embedding changes between two runs (here its length; a new model is handled the same
    # way). Vectors made before cannot be compared with new queries, and must not keep the new
    # ones from being searched.
    srv = ServerProcess(tmp_path, env={"DADLY_EMBEDDING_DIMENSIONS": "384"}).start()
    owner = signup(srv)
    fid = make_family(owner)
    beach = make_entry(owner, fid, "바닷가에서 모래성을 쌓고 파도를 구경했다.",
                       occurred_at="2024-08-15")["id"]
    wait_insight(owner, fid, beach)
    assert srv.terminate() == 0

    srv = ServerProcess(tmp_path, env={"DADLY_EMBEDDING_DIMENSIONS": "256"}).start()
    owner = login(srv, owner.email, owner.password)
    bike = make_entry(owner, fid, "서윤이가 처음으로 두발자전거를 탔다.", occurred_at="2025-05-05")["id"]
    wait_insight(owner, fid, bike)
    # "bike" shares no word with the Korean text: only the new vector finds the entry.
    assert [r["entry_id"] for r in search(owner, fid, query="bike")["results"]] == [bike]
    # The older entry is found by its words only, until it is analysed again: the operator
    # queues every entry whose vector is of another model or length, and only those.
    assert beach not in [r["entry_id"] for r in search(owner, fid, query="beach")["results"]]
    logged = operator_command(tmp_path, "reanalyse", env={"DADLY_EMBEDDING_DIMENSIONS": "256"})
    assert [(line["entries"], line["embedding_model"]) for line in logged
            if line["message"] == "analyses queued"] == [(1, "local-lexicon-1")]
    wait_insight(owner, fid, beach)
    assert beach in [r["entry_id"] for r in search(owner, fid, query="beach")["results"]]
    # Everything is of the current model now; `--entries all` queues every entry again.
    now256 = {"DADLY_EMBEDDING_DIMENSIONS": "256"}
    for which, count in (("stale", 0), ("all", 2)):
        logged = operator_command(tmp_path, "reanalyse", "--entries", which, env=now256)
        assert [line["entries"] for line in logged
                if line["message"] == "analyses queued"] == [count]
    wait_insights(owner, fid, [beach, bike])
    res = subprocess.run([DADLY_BIN, "reanalyse", "--entries", "some", "--data-dir", str(tmp_path)],
                         capture_output=True, text=True, timeout=30,
                         env=dict(os.environ, **database_env(tmp_path, owner=True)))
    assert res.returncode == 1 and "usage: dadly reanalyse" in res.stdout
    assert srv.terminate() == 0


@pytest.mark.skipif(not PG_HOST, reason="PostgreSQL only: Row Level Security hides the entries")
def test_reanalyse_as_the_servers_role_says_to_run_it_as_the_owner(tmp_path):
    srv = ServerProcess(tmp_path).start()
    owner = signup(srv)
    make_entry(owner, make_family(owner))
    assert srv.terminate() == 0
    res = subprocess.run([DADLY_BIN, "reanalyse", "--data-dir", str(tmp_path)],
                         capture_output=True, text=True, timeout=30,
                         env=dict(os.environ, **database_env(tmp_path)))
    assert res.returncode == 1, res.stdout
    assert "naming the role that owns the schema" in res.stdout


def emotions(user, fid, **params):
    r = user.get(f"/families/{fid}/emotions", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_the_emotion_map_counts_each_child_by_month(fam):
    m = emotions(fam["owner"], fam["fid"])
    assert m["bucket"] == "month"
    may = [p for p in m["items"] if p["period"] == "2025-05" and p["member_id"] == fam["seoyun"]]
    assert len(may) == 1 and may[0]["entries"] == 1
    joy = [e for e in may[0]["emotions"] if e["id"] == "joy"]
    assert joy and joy[0]["label"] == "기쁨" and joy[0]["entries"] == 1 and joy[0]["score"] > 0
    assert [(p["period"], p["member_id"] or "") for p in m["items"]] == sorted(
        (p["period"], p["member_id"] or "") for p in m["items"])
    worry = [p for p in m["items"] if p["period"] == "2024-11"]
    assert [p["member_id"] for p in worry] == [fam["hajun"]]
    assert "worry" in [e["id"] for e in worry[0]["emotions"]]


def test_the_emotion_map_filters_by_child_day_and_reader(fam):
    only_hajun = emotions(fam["owner"], fam["fid"], member_id=fam["hajun"], bucket="day")
    assert [p["period"] for p in only_hajun["items"]] == ["2024-11-20"]
    assert emotions(fam["owner"], fam["fid"], **{"from": "2025-01-01", "to": "2025-03-31"})[
        "items"][0]["period"] == "2025-03"
    # The owner's private entry counts on the owner's map only.
    owner_june = [p for p in emotions(fam["owner"], fam["fid"])["items"] if p["period"] == "2025-06"]
    viewer_june = [p for p in emotions(fam["viewer"], fam["fid"])["items"] if p["period"] == "2025-06"]
    assert owner_june and not viewer_june
    assert_problem(fam["other"].get(f"/families/{fam['fid']}/emotions"), 404, "not_found")
    for bad in ({"bucket": "week"}, {"from": "2025-02-30"}, {"member_id": "x"}):
        assert_problem(fam["owner"].get(f"/families/{fam['fid']}/emotions", params=bad), 400,
                       "validation_failed")


def test_entries_filter_by_topic_and_emotion(fam):
    owner, fid = fam["owner"], fam["fid"]
    bikes = fam["viewer"].get(f"/families/{fid}/entries", params={"topic": "bike"}).json()["items"]
    assert [e["id"] for e in bikes] == [fam["ids"]["2025-05-05"]]  # not the owner's private one
    mine = owner.get(f"/families/{fid}/entries", params={"topic": "bike"}).json()["items"]
    assert {e["id"] for e in mine} == {fam["ids"]["2025-05-05"], fam["secret"]}
    worried = owner.get(f"/families/{fid}/entries", params={"emotion": "worry"}).json()["items"]
    assert fam["ids"]["2024-11-20"] in [e["id"] for e in worried]
    assert all("worry" in [x["id"] for x in e["insight"]["emotions"]] for e in worried)
    t = owner.get(f"/families/{fid}/timeline", params={"topic": "snow"}).json()
    assert [e["id"] for b in t["buckets"] for e in b["entries"]] == [fam["ids"]["2024-01-10"]]
    # A topic Dadly does not tag with is refused, not searched for through the whole family.
    for bad in ({"topic": "Bike"}, {"topic": "%"}, {"topic": "health"}, {"emotion": "happy"}):
        assert_problem(owner.get(f"/families/{fid}/entries", params=bad), 400, "validation_failed",
                       field=next(iter(bad)))
    assert_problem(owner.get(f"/families/{fid}/timeline", params={"topic": "health"}), 400,
                   "validation_failed", field="topic")


def test_a_child_finds_maps_and_is_answered_only_from_entries_about_it(fam):
    # A child's account reads the family entries tagging the member linked to it: search (its
    # results, the answer and its citations), the emotion map and chat draw on nothing else.
    srv = fam["server"]
    owner, child = signup(srv), signup(srv)
    fid = make_family(owner)
    grant(srv.data_dir, fid, child.email, "child")
    me = make_member(owner, fid, "서윤", user_id=child.id)["id"]
    sibling = make_member(owner, fid, "하준")["id"]
    mine = make_entry(owner, fid, "서윤이가 수영장에서 처음 물에 떴다. 너무 기뻤다.",
                      occurred_at="2025-06-01", member_ids=[me])["id"]
    hidden = [
        make_entry(owner, fid, "하준이가 수영장에서 울었다. 걱정했다.", occurred_at="2025-06-02",
                   member_ids=[sibling])["id"],
        make_entry(owner, fid, "다 같이 수영장에 갔다. 피곤했다.", occurred_at="2025-06-03")["id"],
        make_entry(owner, fid, "서윤이 수영장 비밀 선물을 샀다. 설렜다.", occurred_at="2025-06-04",
                   member_ids=[me], visibility="private")["id"],
        make_entry(owner, fid, "서윤이와 수영장 매점에서 화가 났다.", occurred_at="2025-06-05",
                   member_ids=[me])["id"],
    ]
    wait_insights(owner, fid, [mine] + hidden, timeout=30)
    assert owner.delete(f"/families/{fid}/entries/{hidden[-1]}").status_code == 204
    everything = search(owner, fid, query="수영장")
    assert {r["entry_id"] for r in everything["results"]} == {mine} | set(hidden[:3])

    s = search(child, fid, query="수영장")
    assert [r["entry_id"] for r in s["results"]] == [mine]
    assert [c["entry_id"] for c in s["citations"]] == [mine]
    assert "2025년 6월 1일" in s["answer"]
    assert not any(day in s["answer"] for day in ("6월 2일", "6월 3일", "6월 4일",
                                                   "6월 5일"))
    m = emotions(child, fid, bucket="day")
    assert [(p["period"], p["member_id"], p["entries"]) for p in m["items"]] == [
        ("2025-06-01", me, 1)]
    r = child.post(f"/families/{fid}/conversations", json={})
    assert r.status_code == 201, r.text
    r = child.post(f"/families/{fid}/conversations/{r.json()['id']}/messages",
                   json={"content": "수영장에 간 날은 언제였지?"})
    assert r.status_code == 201, r.text
    reply = r.json()["reply"]
    assert [c["entry_id"] for c in reply["citations"]] == [mine]
    assert "2025년 6월 1일" in reply["content"] and "6월 2일" not in reply["content"]


def test_owners_see_the_familys_ai_use_and_no_text(fam):
    r = fam["owner"].get(f"/families/{fam['fid']}/ai-usage")
    assert r.status_code == 200, r.text
    usage = r.json()
    by_op = {(u["operation"], u["provider"]): u for u in usage["items"]}
    analyse, embed = by_op[("analyse", "local")], by_op[("embed", "local")]
    assert analyse["calls"] >= len(DIARY) + 1 and analyse["errors"] == 0
    assert embed["calls"] > analyse["calls"]  # the entries, and every search's question
    assert analyse["cost_usd"] == 0 and analyse["model"]
    assert "자전거" not in r.text
    assert_problem(fam["viewer"].get(f"/families/{fam['fid']}/ai-usage"), 403, "forbidden")
    assert_problem(fam["other"].get(f"/families/{fam['fid']}/ai-usage"), 404, "not_found")
    assert_problem(fam["owner"].get(f"/families/{fam['fid']}/ai-usage", params={"from": "x"}),
                   400, "validation_failed")
    old = fam["owner"].get(f"/families/{fam['fid']}/ai-usage",
                           params={"from": "2020-01-01", "to": "2020-12-31"}).json()
    assert old["items"] == [] and old["from"] == "2020-01-01"
