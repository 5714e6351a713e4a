"""The OpenAI-compatible provider end to end: `dadly serve` with DADLY_AI_PROVIDER=openai against
a fake server (fake_openai.py) that speaks OpenAI's documented wire format, since no real key is
available here. Insights, cited answers, usage and cost, the daily budget and a failing provider.
"""
import json
import time

import pytest
import requests

from conftest import (ServerProcess, assert_problem, family_with, make_entry, make_family, signup,
                      wait_insight)
from fake_openai import FAIL_MARKER, FakeOpenAI

BIKE = "서윤이가 오늘 처음으로 두발자전거를 탔다. 아빠가 손을 놓았는데 혼자 달렸다. 너무 기뻤다!"
BEACH = "하준이와 바닷가에서 모래성을 쌓았다. 파도 소리가 잔잔했다."


def openai_env(fake, **extra):
    env = {"DADLY_AI_PROVIDER": "openai", "OPENAI_BASE_URL": fake.base_url,
           "OPENAI_API_KEY": "test-key", "DADLY_EMBEDDING_DIMENSIONS": "64",
           "DADLY_WORKERS": "1"}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def fake():
    f = FakeOpenAI()
    yield f
    f.stop()


@pytest.fixture(scope="module")
def fam(tmp_path_factory, fake):
    srv = ServerProcess(tmp_path_factory.mktemp("dadly-openai"), env=openai_env(fake)).start()
    owner = signup(srv)
    fid = make_family(owner)
    bike = make_entry(owner, fid, BIKE, occurred_at="2025-05-05")
    beach = make_entry(owner, fid, BEACH, occurred_at="2024-08-15")
    yield dict(server=srv, owner=owner, fid=fid, bike=bike, beach=beach)
    assert srv.terminate() == 0


def test_insights_come_from_the_model(fam, fake):
    owner, fid = fam["owner"], fam["fid"]
    insight = wait_insight(owner, fid, fam["bike"]["id"], timeout=10)["insight"]
    assert insight["summary"] == FakeOpenAI.summary_of(BIKE)
    assert insight["topics"] == ["bike"]  # the unknown id the model added is dropped
    assert insight["emotions"] == [{"id": "joy", "label": "기쁨", "score": 0.8}]
    assert insight["language"] == "ko"
    calm = wait_insight(owner, fid, fam["beach"]["id"], timeout=10)["insight"]["emotions"]
    assert calm == [{"id": "calm", "label": "평온", "score": 0.3}]
    # What went over the wire: structured output with the key, embeddings of 64 dimensions.
    analyse = fake.seen("/v1/chat/completions", contains=BIKE)[0]
    assert analyse["model"] == "gpt-4o-mini"
    assert analyse["response_format"]["type"] == "json_schema"
    assert analyse["response_format"]["json_schema"]["strict"] is True
    embeds = fake.seen("/v1/embeddings")
    assert embeds and all(b["dimensions"] == 64 for b in embeds)
    assert embeds[0]["model"] == "text-embedding-3-large"
    assert all(auth == "Bearer test-key" for _, auth, _ in fake.requests)


def test_search_answers_with_the_model_citing_an_entry(fam):
    owner, fid = fam["owner"], fam["fid"]
    for e in (fam["bike"], fam["beach"]):
        wait_insight(owner, fid, e["id"], timeout=10)
    r = owner.post(f"/families/{fid}/search", json={"query": "서윤이가 두발자전거를 탄 날은?"})
    assert r.status_code == 200, r.text
    s = r.json()
    assert s["results"][0]["entry_id"] == fam["bike"]["id"]
    assert s["answer"] == "모델의 답: 2025-05-05의 기록에 있어요 [1]."
    assert [c["entry_id"] for c in s["citations"]] == [fam["bike"]["id"]]


def test_usage_shows_the_provider_tokens_cost_and_prompt_version(fam):
    r = fam["owner"].get(f"/families/{fam['fid']}/ai-usage")
    assert r.status_code == 200, r.text
    rows = {u["operation"]: u for u in r.json()["items"]}
    assert {"analyse", "embed", "answer"} <= set(rows)
    for op in ("analyse", "embed", "answer"):
        u = rows[op]
        model = "text-embedding-3-large" if op == "embed" else "gpt-4o-mini"
        assert u["provider"] == "openai" and u["model"] == model, u
        assert u["prompt_version"] == "v1"
        assert u["tokens_in"] > 0 and u["cost_usd"] > 0, u
    assert rows["analyse"]["tokens_out"] > 0 and rows["answer"]["tokens_out"] > 0
    assert rows["analyse"]["errors"] == 0
    # Neither the key nor the family's words reach the server's log.
    logs = "\n".join(fam["server"].lines + fam["server"].err_lines)
    assert "test-key" not in logs and "두발자전거" not in logs


def test_a_failing_provider_delays_the_insight_and_keeps_the_entry(fam, fake):
    owner, fid = fam["owner"], fam["fid"]
    body = f"{FAIL_MARKER} 오늘은 할머니 댁에 갔다."
    e = make_entry(owner, fid, body, occurred_at="2025-06-01")
    deadline = time.monotonic() + 10
    # One attempt of the job: the first request and its two retries, all answered 500.
    while len(fake.seen("/v1/chat/completions", contains=FAIL_MARKER)) < 3:
        assert time.monotonic() < deadline, "the provider was not asked three times"
        time.sleep(0.05)
    time.sleep(0.3)
    got = owner.get(f"/families/{fid}/entries/{e['id']}")
    assert got.status_code == 200, got.text
    entry = got.json()
    assert entry["body"] == body and entry["version"] == 1
    assert entry["insight"]["status"] in ("pending", "failed")
    assert len(fake.seen("/v1/chat/completions", contains=FAIL_MARKER)) == 3  # not retried again
    usage = owner.get(f"/families/{fid}/ai-usage").json()["items"]
    assert any(u["operation"] == "analyse" and u["errors"] >= 1 for u in usage)


def test_the_daily_token_budget_stops_the_second_search(tmp_path, fake):
    srv = ServerProcess(tmp_path / "budget",
                        env=openai_env(fake, DADLY_AI_DAILY_TOKEN_BUDGET="1")).start()
    try:
        owner = signup(srv)
        fid = make_family(owner)
        first = owner.post(f"/families/{fid}/search", json={"query": "자전거"})
        assert first.status_code == 200, first.text  # its embedding spends the budget
        second = owner.post(f"/families/{fid}/search", json={"query": "자전거"})
        assert_problem(second, 429, "rate_limited")
    finally:
        assert srv.terminate() == 0


def test_chat_streams_the_models_reply_as_it_is_written(fam, fake):
    """Each piece the model sends is passed on at once: the first delta reaches the client
    while the model is still pausing before the rest."""
    owner, fid = fam["owner"], fam["fid"]
    wait_insight(owner, fid, fam["bike"]["id"], timeout=10)
    cid = owner.post(f"/families/{fid}/conversations", json={}).json()["id"]
    fake.stream_pause = 1.0
    try:
        start = time.monotonic()
        arrived = []  # (seconds since start, event name, data)
        with requests.post(
                f"{fam['server'].base}/api/v1/families/{fid}/conversations/{cid}/messages",
                data=json.dumps({"content": "자전거는 언제 탔지?"}).encode(),
                headers={"Authorization": f"Bearer {owner.token}",
                         "Content-Type": "application/json", "Accept": "text/event-stream"},
                stream=True, timeout=15) as r:
            assert r.status_code == 200
            event = None
            for line in r.iter_lines(decode_unicode=False):
                line = line.decode()
                if line.startswith("event: "):
                    event = line[len("event: "):]
                elif line.startswith("data: "):
                    arrived.append((time.monotonic() - start, event, json.loads(line[6:])))
    finally:
        fake.stream_pause = 0.0
    deltas = [t for t, e, _ in arrived if e == "delta"]
    done = [(t, d) for t, e, d in arrived if e == "done"]
    assert deltas and len(done) == 1
    assert done[0][0] - deltas[0] >= 0.7, arrived
    reply = done[0][1]["reply"]
    assert "2025-05-05" in reply["content"] and "[1]" in reply["content"]
    assert reply["citations"][0]["entry_id"] == fam["bike"]["id"]


def test_a_withheld_reply_is_not_sent_back_to_the_model(tmp_path, fake):
    """Once the entry a reply quoted is private, the reply stays out of the next turn's history,
    since the model would otherwise read (and could repeat) what the entry said."""
    srv = ServerProcess(tmp_path, env=openai_env(fake)).start()
    try:
        owner, editor, fid = family_with(srv, "editor")
        eid = make_entry(owner, fid, BIKE, occurred_at="2025-05-05")["id"]
        wait_insight(owner, fid, eid, timeout=10)
        cid = editor.post(f"/families/{fid}/conversations", json={}).json()["id"]
        turn = f"/families/{fid}/conversations/{cid}/messages"
        first = editor.post(turn, json={"content": "자전거는 언제 탔지?"})
        assert first.status_code == 201, first.text
        assert "2025-05-05" in first.json()["reply"]["content"]
        r = owner.patch(f"/families/{fid}/entries/{eid}", json={"visibility": "private"})
        assert r.status_code == 200, r.text
        follow = editor.post(turn, json={"content": "그날 기분은 어땠어?"})
        assert follow.status_code == 201, follow.text
        sent = fake.seen("/v1/chat/completions", contains="그날 기분은 어땠어?")
        assert sent, "the follow-up never reached the model"
        texts = [m["content"] for body in sent for m in body["messages"]]
        assert any("자전거는 언제 탔지?" in t for t in texts)  # the history was sent
        assert not any("2025-05-05" in t or "두발자전거를 탔다" in t for t in texts), texts
    finally:
        srv.terminate()


def test_a_reply_drawing_on_an_entry_it_did_not_cite_is_withheld_with_it(tmp_path, fake):
    """A model may quote a passage without marking it. The reply is still withheld once an entry
    it was given to answer from goes out of the reader's sight."""
    srv = ServerProcess(tmp_path, env=openai_env(fake)).start()
    fake.cite = False
    try:
        owner, editor, fid = family_with(srv, "editor")
        eid = make_entry(owner, fid, BIKE, occurred_at="2025-05-05")["id"]
        wait_insight(owner, fid, eid, timeout=10)
        cid = editor.post(f"/families/{fid}/conversations", json={}).json()["id"]
        r = editor.post(f"/families/{fid}/conversations/{cid}/messages",
                        json={"content": "자전거는 언제 탔지?"})
        assert r.status_code == 201, r.text
        reply = r.json()["reply"]
        assert "2025-05-05" in reply["content"] and reply["citations"] == []

        def stored_reply():
            r = editor.get(f"/families/{fid}/conversations/{cid}")
            assert r.status_code == 200, r.text
            return r.json()["messages"][-1]

        assert stored_reply()["content"] == reply["content"]
        r = owner.patch(f"/families/{fid}/entries/{eid}", json={"visibility": "private"})
        assert r.status_code == 200, r.text
        hidden = stored_reply()
        assert "2025-05-05" not in hidden["content"] and "숨겼어요" in hidden["content"]
        r = owner.patch(f"/families/{fid}/entries/{eid}", json={"visibility": "family"})
        assert r.status_code == 200, r.text
        assert stored_reply()["content"] == reply["content"]
    finally:
        fake.cite = True
        srv.terminate()
