"""Insights: every create and edit queues an analysis that the server's workers (or a separate
`dadly worker`) carry out in the background with the local provider."""
import subprocess
import time

import pytest

import os

from conftest import (DADLY_BIN, ServerProcess, database_env, family_with, login, make_entry,
                      make_family, make_member, signup, wait_insight)


@pytest.fixture(scope="module")
def working(tmp_path_factory):
    """A server with its background worker (the shared one runs none)."""
    data = tmp_path_factory.mktemp("dadly-insights")
    srv = ServerProcess(data).start()
    yield srv
    assert srv.terminate() == 0


@pytest.fixture(scope="module")
def fam(working):
    owner, viewer, fid = family_with(working, "viewer")
    kid = make_member(owner, fid, "서윤", birthdate="2019-03-02")
    return dict(owner=owner, viewer=viewer, fid=fid, kid=kid)


def test_a_new_entry_gets_summary_topics_and_emotions(fam):
    owner, fid = fam["owner"], fam["fid"]
    e = make_entry(owner, fid, "서윤이가 오늘 처음으로 두발자전거를 탔다. 넘어져도 다시 일어났다. "
                               "너무 기뻤다!", member_ids=[fam["kid"]["id"]])
    assert e["insight"]["status"] in ("pending", "done")
    done = wait_insight(owner, fid, e["id"])["insight"]
    assert done["summary"] and done["summary"] in e["body"] or "자전거" in done["summary"]
    assert "bike" in done["topics"]
    assert done["language"] == "ko"
    emotions = {x["id"]: x for x in done["emotions"]}
    assert "joy" in emotions and emotions["joy"]["label"] == "기쁨"
    assert 0 < emotions["joy"]["score"] <= 1
    assert done["emotions"] == sorted(done["emotions"], key=lambda x: -x["score"])
    # The family sees it too, in the list as in the entry.
    listed = fam["viewer"].get(f"/families/{fid}/entries").json()["items"]
    assert [x["insight"] for x in listed if x["id"] == e["id"]] == [done]


def test_negation_is_not_the_emotion(fam):
    owner, fid = fam["owner"], fam["fid"]
    e = make_entry(owner, fid, "예방주사를 맞았는데 하나도 안 무서워했다. 씩씩했다.")
    names = [x["id"] for x in wait_insight(owner, fid, e["id"])["insight"]["emotions"]]
    assert "fear" not in names


def test_an_edit_analyses_the_new_text(fam):
    owner, fid = fam["owner"], fam["fid"]
    e = make_entry(owner, fid, "Birthday party at the park with grandma.")
    first = wait_insight(owner, fid, e["id"])["insight"]
    assert "birthday" in first["topics"]
    r = owner.patch(f"/families/{fid}/entries/{e['id']}",
                    json={"body": "감기에 걸려서 병원에 다녀왔다. 열이 나서 걱정했다."},
                    headers={"If-Match": '"1"'})
    assert r.status_code == 200, r.text
    assert r.json()["insight"]["status"] == "pending"
    second = wait_insight(owner, fid, e["id"])["insight"]
    assert "sick" in second["topics"] and "birthday" not in second["topics"]
    assert second["language"] == "ko"


def test_a_private_entrys_insight_stays_with_its_author(fam):
    owner, viewer, fid = fam["owner"], fam["viewer"], fam["fid"]
    e = make_entry(owner, fid, "혼자만 아는 이야기: 오늘 너무 피곤했다.", visibility="private")
    assert wait_insight(owner, fid, e["id"])["insight"]["status"] == "done"
    assert viewer.get(f"/families/{fid}/entries/{e['id']}").status_code == 404
    assert e["id"] not in [x["id"] for x in viewer.get(f"/families/{fid}/entries").json()["items"]]


def test_a_separate_worker_does_the_work(tmp_path):
    data = tmp_path / "workers"
    srv = ServerProcess(data, env={"DADLY_WORKERS": "0"}).start()
    try:
        owner = signup(srv)
        fid = make_family(owner)
        e = make_entry(owner, fid, "We went to the beach and swam all day.")
        time.sleep(1.0)
        assert owner.get(f"/families/{fid}/entries/{e['id']}").json()["insight"]["status"] == "pending"
        env = dict(os.environ, **database_env(data))
        worker = subprocess.Popen([DADLY_BIN, "worker", "--data-dir", str(data)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            done = wait_insight(owner, fid, e["id"])["insight"]
            assert "beach" in done["topics"]
        finally:
            worker.terminate()
            assert worker.wait(timeout=10) == 0
    finally:
        assert srv.terminate() == 0


def test_jobs_held_by_a_killed_server_are_done_after_restart(tmp_path):
    data = tmp_path / "crash-insights"
    env = {"DADLY_WORKERS": "2", "DADLY_JOB_LEASE_SECONDS": "2"}
    srv = ServerProcess(data, env=env).start()
    owner = signup(srv)
    fid = make_family(owner)
    ids = [make_entry(owner, fid, f"오늘은 {i}번째 바다 여행이었다. 정말 즐거웠다.")["id"]
           for i in range(40)]
    srv.kill()  # SIGKILL while the workers are busy: some jobs are leased, most still queued
    srv.start()
    try:
        user = login(srv, owner.email, owner.password)
        for eid in ids:
            assert "beach" in wait_insight(user, fid, eid)["insight"]["topics"]
    finally:
        assert srv.terminate() == 0
