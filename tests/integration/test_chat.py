"""Chat: conversations are their user's own, replies are grounded in entries the caller may
read and cite them, streamed as Server-Sent Events or answered whole, and stored when done."""
import json
import sqlite3
import time

import pytest
import requests

from conftest import (PG_HOST, ServerProcess, assert_problem, family_with, grant, make_entry,
                      make_family, make_member, signup, wait_insight)

BIKE = "서윤이가 처음으로 두발자전거를 탔다! 너무 기뻤다."
QUESTION = "서윤이가 처음 두발자전거를 탄 게 언제였지?"


@pytest.fixture(scope="module")
def fam(tmp_path_factory):
    srv = ServerProcess(tmp_path_factory.mktemp("dadly-chat")).start()
    owner, viewer, other = signup(srv), signup(srv), signup(srv)
    fid = make_family(owner)
    grant(srv.data_dir, fid, viewer.email, "viewer")
    seoyun = make_member(owner, fid, "서윤", birthdate="2019-03-02")["id"]
    bike = make_entry(owner, fid, BIKE, occurred_at="2025-05-05", member_ids=[seoyun])["id"]
    swim = make_entry(owner, fid, "서윤이가 수영장에서 처음 물에 떴다.",
                      occurred_at="2025-07-01")["id"]
    secret = make_entry(owner, fid, "비밀: 서윤이 두발자전거 헬멧을 몰래 샀다.",
                        occurred_at="2025-05-04", visibility="private")["id"]
    other_fid = make_family(other)
    other_bike = make_entry(other, other_fid, "우리 아이도 두발자전거를 처음 탔다.",
                            occurred_at="2025-05-06")["id"]
    for user, f, e in [(owner, fid, bike), (owner, fid, swim), (owner, fid, secret),
                       (other, other_fid, other_bike)]:
        wait_insight(user, f, e, timeout=30)
    yield dict(server=srv, owner=owner, viewer=viewer, other=other, fid=fid, bike=bike,
               swim=swim, secret=secret, other_fid=other_fid, other_bike=other_bike)
    assert srv.terminate() == 0


def new_conversation(user, fid, **body):
    r = user.post(f"/families/{fid}/conversations", json=body)
    assert r.status_code == 201, r.text
    return r.json()


def ask(user, fid, cid, content):
    r = user.post(f"/families/{fid}/conversations/{cid}/messages", json={"content": content})
    assert r.status_code == 201, r.text
    return r.json()


def events_of(text):
    """The (event, data) pairs of a Server-Sent Events body."""
    out = []
    for block in text.split("\n\n"):
        if not block.strip():
            continue
        fields = dict(line.split(": ", 1) for line in block.split("\n"))
        out.append((fields["event"], json.loads(fields["data"])))
    return out


def test_a_reply_cites_the_entry_that_answers(fam):
    c = new_conversation(fam["viewer"], fam["fid"])
    assert c["title"] == "" and c["messages"] == []
    turn = ask(fam["viewer"], fam["fid"], c["id"], QUESTION)
    assert turn["user_message"]["role"] == "user"
    assert turn["user_message"]["content"] == QUESTION
    reply = turn["reply"]
    assert reply["role"] == "assistant"
    assert "2025년 5월 5일" in reply["content"] and "[1]" in reply["content"]
    assert reply["citations"][0]["entry_id"] == fam["bike"]
    assert reply["citations"][0]["occurred_at"] == "2025-05-05"
    assert "두발자전거" in reply["citations"][0]["excerpt"]
    # Every [n] in the reply names a citation.
    for n in range(1, 10):
        if f"[{n}]" in reply["content"]:
            assert n <= len(reply["citations"])


def test_the_conversation_is_stored_and_titled_by_its_first_question(fam):
    c = new_conversation(fam["owner"], fam["fid"])
    ask(fam["owner"], fam["fid"], c["id"], QUESTION)
    ask(fam["owner"], fam["fid"], c["id"], "수영은?")
    got = fam["owner"].get(f"/families/{fam['fid']}/conversations/{c['id']}").json()
    assert got["title"] == QUESTION
    assert [m["role"] for m in got["messages"]] == ["user", "assistant", "user", "assistant"]
    assert got["messages"][1]["citations"][0]["entry_id"] == fam["bike"]
    # The follow-up was understood with the conversation in mind, and found the swim.
    cited = [x["entry_id"] for x in got["messages"][3]["citations"]]
    assert fam["swim"] in cited
    items = fam["owner"].get(f"/families/{fam['fid']}/conversations").json()["items"]
    assert items[0]["id"] == c["id"] and items[0]["title"] == QUESTION


def test_a_streamed_reply_arrives_in_pieces_then_done(fam):
    c = new_conversation(fam["viewer"], fam["fid"], title="자전거")
    r = fam["viewer"].post(f"/families/{fam['fid']}/conversations/{c['id']}/messages",
                           json={"content": QUESTION},
                           headers={"Accept": "text/event-stream"})
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/event-stream")
    events = events_of(r.content.decode())
    names = [e for e, _ in events]
    assert names[-1] == "done" and names.count("done") == 1
    assert names.count("delta") >= 2  # the local provider streams a line at a time
    done = events[-1][1]
    assert "".join(d["text"] for e, d in events if e == "delta") == done["reply"]["content"]
    assert done["reply"]["citations"][0]["entry_id"] == fam["bike"]
    stored = fam["viewer"].get(f"/families/{fam['fid']}/conversations/{c['id']}").json()
    assert stored["title"] == "자전거"
    assert stored["messages"][1]["content"] == done["reply"]["content"]


def test_a_stream_is_sent_as_it_is_written(fam):
    c = new_conversation(fam["viewer"], fam["fid"])
    with requests.post(
            f"{fam['server'].base}/api/v1/families/{fam['fid']}/conversations/{c['id']}/messages",
            data=json.dumps({"content": QUESTION}).encode(),
            headers={"Authorization": f"Bearer {fam['viewer'].token}",
                     "Content-Type": "application/json", "Accept": "text/event-stream"},
            stream=True, timeout=15) as r:
        assert r.headers.get("Transfer-Encoding") == "chunked"
        body = b"".join(r.iter_content(chunk_size=None)).decode()
    assert events_of(body)[-1][0] == "done"


def test_replies_never_cite_what_the_caller_may_not_read(fam):
    # The viewer asks about the helmet only the owner wrote about, privately; another family's
    # bike ride is never a passage either.
    c = new_conversation(fam["viewer"], fam["fid"])
    reply = ask(fam["viewer"], fam["fid"], c["id"], "두발자전거 헬멧은 언제 샀지?")["reply"]
    cited = {x["entry_id"] for x in reply["citations"]}
    assert fam["secret"] not in cited and fam["other_bike"] not in cited
    assert "헬멧" not in reply["content"] and "우리 아이도" not in reply["content"]
    other = new_conversation(fam["other"], fam["other_fid"])
    reply = ask(fam["other"], fam["other_fid"], other["id"], QUESTION)["reply"]
    assert {x["entry_id"] for x in reply["citations"]} == {fam["other_bike"]}


def test_a_conversation_is_its_users_alone(fam):
    c = new_conversation(fam["owner"], fam["fid"])
    ask(fam["owner"], fam["fid"], c["id"], QUESTION)
    base = f"/families/{fam['fid']}/conversations/{c['id']}"
    # Another member of the same family, even a reader, does not see it.
    assert_problem(fam["viewer"].get(base), 404, "not_found")
    assert_problem(fam["viewer"].post(base + "/messages", json={"content": "hi"}), 404,
                   "not_found")
    assert_problem(fam["viewer"].delete(base), 404, "not_found")
    listed = fam["viewer"].get(f"/families/{fam['fid']}/conversations").json()["items"]
    assert c["id"] not in [x["id"] for x in listed]
    # Nor does another family, under its own family id.
    assert_problem(fam["other"].get(f"/families/{fam['other_fid']}/conversations/{c['id']}"),
                   404, "not_found")


def test_deleting_a_conversation_removes_it(fam):
    c = new_conversation(fam["owner"], fam["fid"])
    ask(fam["owner"], fam["fid"], c["id"], QUESTION)
    base = f"/families/{fam['fid']}/conversations/{c['id']}"
    assert fam["owner"].delete(base).status_code == 204
    assert_problem(fam["owner"].get(base), 404, "not_found")
    assert_problem(fam["owner"].delete(base), 404, "not_found")


def test_bad_messages_change_nothing(fam):
    c = new_conversation(fam["owner"], fam["fid"])
    base = f"/families/{fam['fid']}/conversations/{c['id']}/messages"
    assert_problem(fam["owner"].post(base, json={"content": "   "}), 400, "validation_failed",
                   field="content")
    assert_problem(fam["owner"].post(base, json={"content": "가" * 2001}), 400,
                   "validation_failed", field="content")
    assert_problem(fam["owner"].post(base, json={}), 400, "validation_failed", field="content")
    # Errors come before a stream starts, as plain problems.
    r = fam["owner"].post(base, json={"content": ""}, headers={"Accept": "text/event-stream"})
    assert_problem(r, 400, "validation_failed", field="content")
    assert fam["owner"].get(f"/families/{fam['fid']}/conversations/{c['id']}").json()[
        "messages"] == []
    assert_problem(fam["owner"].post(f"/families/{fam['fid']}/conversations",
                                     json={"title": "x" * 201}), 400, "validation_failed",
                   field="title")


def test_listing_pages_through_every_conversation(fam):
    user = signup(fam["server"])
    fid = make_family(user)
    made = [new_conversation(user, fid, title=f"대화 {i}")["id"] for i in range(5)]
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = user.get(f"/families/{fid}/conversations", params=params).json()
        seen += [x["id"] for x in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(made) and len(seen) == 5
    assert_problem(user.get(f"/families/{fid}/conversations", params={"cursor": "nope"}), 400,
                   "validation_failed", field="cursor")


def test_a_reply_quoting_an_entry_now_out_of_sight_is_withheld(tmp_path):
    srv = ServerProcess(tmp_path).start()
    try:
        owner, editor, fid = family_with(srv, "editor")
        eid = make_entry(owner, fid, BIKE, occurred_at="2025-05-05")["id"]
        wait_insight(owner, fid, eid, timeout=30)
        c = new_conversation(editor, fid)
        assert ask(editor, fid, c["id"], QUESTION)["reply"]["citations"][0]["entry_id"] == eid
        path = f"/families/{fid}/conversations/{c['id']}"
        entry = f"/families/{fid}/entries/{eid}"

        def reply():
            r = editor.get(path)
            assert r.status_code == 200, r.text
            return r.json()["messages"][1]

        def assert_withheld():
            hidden = reply()
            assert hidden["citations"] == []
            assert "자전거" not in hidden["content"] and "5월 5일" not in hidden["content"]
            assert "숨겼어요" in hidden["content"]

        shown = reply()
        assert "2025년 5월 5일" in shown["content"] and shown["citations"][0]["entry_id"] == eid
        # The author makes the entry private: the editor's stored reply no longer shows it.
        assert owner.patch(entry, json={"visibility": "private"}).status_code == 200
        assert_withheld()
        # The conversation goes on, and the next reply finds nothing the editor may not read.
        follow = ask(editor, fid, c["id"], "자전거 이야기 다시 해줘")["reply"]
        assert "5월 5일" not in follow["content"] and follow["citations"] == []
        # Back to the family: the reply comes back as it was.
        assert owner.patch(entry, json={"visibility": "family"}).status_code == 200
        assert reply() == shown
        # In the trash: withheld again; restored: back.
        assert owner.delete(entry).status_code == 204
        assert_withheld()
        assert owner.post(entry + "/restore").status_code == 200
        assert reply() == shown
    finally:
        srv.terminate()


@pytest.mark.skipif(bool(PG_HOST), reason="reads the SQLite file; PostgreSQL purge is pgTAP's")
def test_purging_a_cited_entry_erases_the_replies_that_quote_it(tmp_path):
    srv = ServerProcess(tmp_path, env={"DADLY_PURGE_INTERVAL": "1"}).start()
    try:
        owner = signup(srv)
        fid = make_family(owner)
        eid = make_entry(owner, fid, BIKE, occurred_at="2025-05-05")["id"]
        wait_insight(owner, fid, eid, timeout=30)
        c = new_conversation(owner, fid)
        ask(owner, fid, c["id"], QUESTION)
        assert owner.delete(f"/families/{fid}/entries/{eid}").status_code == 204
        db = sqlite3.connect(tmp_path / "dadly.db")
        # Backdate the deletion past the 30 days of the trash; the periodic purge takes it.
        db.execute("UPDATE entries SET deleted_at = deleted_at - 31 * 86400")
        db.commit()
        deadline = time.monotonic() + 15
        while db.execute("SELECT count(*) FROM entries").fetchone()[0]:
            assert time.monotonic() < deadline, "the purge did not run"
            time.sleep(0.2)
        msgs = owner.get(f"/families/{fid}/conversations/{c['id']}").json()["messages"]
        assert [m["role"] for m in msgs] == ["user"]
        assert not any("자전거를 탔다" in row[0]
                       for row in db.execute("SELECT content FROM messages"))
        db.close()
    finally:
        srv.terminate()


@pytest.mark.skipif(bool(PG_HOST), reason="reads the SQLite file")
@pytest.mark.parametrize("tracing", ["true", "false"])
def test_content_is_traced_only_when_switched_on(tmp_path, tracing):
    srv = ServerProcess(tmp_path, env={"DADLY_AI_TRACE_CONTENT": tracing}).start()
    try:
        owner = signup(srv)
        fid = make_family(owner)
        eid = make_entry(owner, fid, BIKE, occurred_at="2025-05-05")["id"]
        wait_insight(owner, fid, eid, timeout=30)
        c = new_conversation(owner, fid)
        ask(owner, fid, c["id"], QUESTION)
        db = sqlite3.connect(tmp_path / "dadly.db")
        rows = db.execute("SELECT operation, content_sent, content_received, conversation_seq "
                          "FROM ai_runs").fetchall()
        ops = {r[0] for r in rows}
        assert {"analyse", "embed", "chat"} <= ops
        chat = [r for r in rows if r[0] == "chat"][0]
        assert chat[3] is not None  # the run belongs to the conversation
        if tracing == "true":
            assert chat[1] == QUESTION and "2025년 5월 5일" in chat[2]
        else:
            assert all(r[1] == "" and r[2] == "" for r in rows)
        # Deleting the conversation takes its runs with it.
        assert owner.delete(f"/families/{fid}/conversations/{c['id']}").status_code == 204
        assert db.execute("SELECT count(*) FROM ai_runs WHERE operation = 'chat'").fetchone()[0] == 0
        db.close()
    finally:
        srv.terminate()
