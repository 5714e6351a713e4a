#!/usr/bin/python3
"""Builds a realistic Dadly archive in a data directory, for the benchmarks.

    /usr/bin/python3 bench/generate.py --families 1 --entries-per-family 5000 \
        --bin build/dadly --data-dir /tmp/dadly-bench --seed 1

Accounts, families and members go through the HTTP API of a running `dadly serve` (so they
are exactly what the server would have written); entries, each with a finished analysis
(insight), are then bulk-inserted with the sqlite3 module into DATA_DIR/dadly.db in one
transaction, with the server stopped. The credentials and ids the load scripts need are
written to DATA_DIR/bench.json.

Standard library only; run it with Debian's /usr/bin/python3.
"""
import argparse
import datetime as dt
import http.client
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid

PASSWORD = "bench password 1234"

# (Korean name, how an English-writing parent spells it, sex)
CHILD_NAMES = [
    ("서윤", "Seoyun", "daughter"), ("도윤", "Doyun", "son"), ("하준", "Hajun", "son"),
    ("지우", "Jiwoo", "daughter"), ("서아", "Seoa", "daughter"), ("민준", "Minjun", "son"),
    ("하린", "Harin", "daughter"), ("이안", "Ian", "son"), ("지호", "Jiho", "son"),
    ("수아", "Sua", "daughter"), ("예준", "Yejun", "son"), ("아린", "Arin", "daughter"),
    ("시우", "Siwoo", "son"), ("채원", "Chaewon", "daughter"), ("유준", "Yujun", "son"),
]
PARENTS = [("아빠", "dad"), ("엄마", "mom")]
FAMILY_NAMES = ["우리 가족", "김씨네", "행복한 우리집", "박씨네 이야기", "햇살 가족", "The Lees",
                "최씨네 기록", "우리집 앨범"]
PLACES_KO = ["제주도", "강릉", "부산", "속초", "경주", "양평", "가평", "여수", "전주", "남해"]
PLACES_EN = ["Jeju", "Gangneung", "Busan", "Sokcho", "Gyeongju", "the lake house", "Yeosu"]
FOODS_KO = ["딸기", "수박", "김밥", "떡볶이", "짜장면", "된장국", "계란말이", "미역국"]
FOODS_EN = ["strawberries", "watermelon", "gimbap", "noodles", "pancakes", "seaweed soup"]


def has_batchim(word):
    c = ord(word[-1])
    return 0xAC00 <= c <= 0xD7A3 and (c - 0xAC00) % 28 != 0


def ko_call(name):
    """The affectionate form a parent writes: 서윤 → 서윤이, 지우 → 지우 (ends in a vowel)."""
    return name + "이" if has_batchim(name) else name


# Topics: (min age in months, max age in months, Korean lines, English lines, Korean titles,
# English titles). {n} is the child's name in its affectionate form (ends with a vowel, so
# 가/는/를/랑 follow), {N} the English spelling, {p} a place, {f} a food, {a} the age in years.
TOPICS = [
    (0, 3, ["{n}가 태어났다. 작은 손가락이 내 손을 꼭 잡았다.",
            "{n}가 처음으로 눈을 맞추고 웃었다.", "밤새 {n}를 안고 재웠다. 새벽 네 시에 겨우 잠들었다."],
     ["{N} was born today and held my finger so tightly.", "{N} smiled at me for the first time.",
      "Rocked {N} to sleep at 4am. Tired but happy."],
     ["첫 만남", "첫 미소", "잠 못 드는 밤"], ["Hello, world", "First smile", "Night shift"]),
    (4, 10, ["{n}가 처음으로 뒤집기를 했다!", "{n}가 이유식을 처음 먹었다. 쌀미음을 반도 못 먹고 뱉었다.",
             "{n}가 혼자 앉아서 장난감을 가지고 놀았다.", "{n}의 첫 이가 났다. 아랫니 두 개가 보인다."],
     ["{N} rolled over for the first time!", "{N} tried solid food today and made the funniest face.",
      "First tooth for {N}!"],
     ["뒤집기 성공", "첫 이유식", "첫 이"], ["Rolling over", "First solids", "First tooth"]),
    (9, 16, ["{n}가 처음으로 걸음마를 뗐다. 세 걸음 걷고 엉덩방아를 찧었다.",
             "{n}가 처음으로 '아빠'라고 불렀다. 회사에서 하루 종일 그 생각만 났다.",
             "{n}가 소파를 잡고 일어서서 한참을 서 있었다."],
     ["{N} took the first steps today: three steps, then sat down laughing.",
      "{N} said 'dada' for the first time.", "{N} pulled up on the couch and stood there proudly."],
     ["첫 걸음마", "아빠라고 불렀다", "일어서기"], ["First steps", "First word", "Standing up"]),
    (0, 200, ["{n}가 열이 39도까지 올라서 밤에 소아과 응급실에 갔다.",
              "{n} 예방접종을 맞으러 병원에 갔다. 울지 않고 잘 참았다.",
              "{n}가 감기에 걸려서 하루 종일 안겨 있었다.", "병원에서 {n} 키와 몸무게를 쟀다. 많이 컸다."],
     ["{N} had a fever of 39 degrees and we went to the ER at night.",
      "Vaccination day for {N}. Not a single tear.", "{N} caught a cold and wanted to be held all day."],
     ["병원 가는 날", "열이 났다", "예방접종"], ["Doctor's visit", "Fever night", "Shots"]),
    (11, 200, ["오늘은 {n}의 {a}번째 생일이었다. 케이크 촛불을 한 번에 껐다.",
               "{n} 생일 파티를 했다. 할머니, 할아버지가 오셔서 같이 축하해 주셨다.",
               "{n}가 생일 선물로 받은 레고를 밤늦게까지 조립했다."],
     ["{N}'s birthday today. Blew out all the candles in one go.",
      "Birthday party for {N} with grandma and grandpa.", "{N} built the new Lego set until bedtime."],
     ["생일", "생일 파티", "생일 선물"], ["Birthday", "Party time", "Birthday Lego"]),
    (30, 84, ["{n}가 유치원에 처음 간 날. 문 앞에서 손을 흔들고 씩씩하게 들어갔다.",
              "유치원 재롱잔치에서 {n}가 노래를 불렀다. 맨 앞줄에서 제일 크게 불렀다.",
              "{n}가 유치원에서 만든 카네이션을 가져왔다.", "유치원 선생님이 {n}가 친구를 잘 도와준다고 하셨다."],
     ["{N}'s first day at kindergarten. Waved and walked right in.",
      "{N} sang at the kindergarten show, loudest in the front row.",
      "{N} brought home a paper flower made at kindergarten."],
     ["유치원 첫날", "재롱잔치", "유치원 이야기"], ["Kindergarten day one", "The show", "Kindergarten"]),
    (48, 144, ["{n}가 드디어 두발자전거를 탔다! 공원을 두 바퀴나 돌았다.",
               "보조바퀴를 떼고 {n}랑 두발자전거 연습을 했다. 넘어져도 다시 일어났다.",
               "{n}가 자전거를 타고 혼자 골목 끝까지 갔다 왔다."],
     ["{N} rode a bike without training wheels today! Two laps around the park.",
      "Bike practice with {N}. Fell twice, got back up every time."],
     ["두발자전거", "자전거 연습"], ["No more training wheels", "Bike practice"]),
    (36, 200, ["{n}가 수영 강습을 시작했다. 물에 얼굴을 담그는 게 아직 무섭단다.",
               "{n}가 수영장에서 킥판 없이 5미터를 갔다.", "주말에 {n}랑 수영장에 갔다. 물놀이를 두 시간이나 했다."],
     ["{N} started swimming lessons. Still scared to put the face in the water.",
      "{N} swam five meters without a kickboard!"],
     ["수영", "수영장"], ["Swimming", "Pool day"]),
    (6, 200, ["가족 여행으로 {p}에 갔다. {n}가 바다를 보고 소리를 질렀다.",
              "{p} 여행 둘째 날. {n}가 모래성을 쌓고 파도가 올 때마다 웃었다.",
              "{p}에서 {n}랑 {f}를 먹었다. 여행 중에 제일 맛있었다고 한다."],
     ["Family trip to {p}. {N} screamed with joy at the sea.",
      "Day two in {p}. {N} built sandcastles all morning.", "{N} and I had {f} in {p}."],
     ["{p} 여행", "가족 여행", "바다"], ["Trip to {p}", "Family trip", "The sea"]),
    (12, 200, ["{n}가 {f}를 혼자 다 먹었다.", "저녁에 {n}랑 같이 {f}를 만들었다. 주방이 난장판이 됐다.",
               "{n}가 오늘은 {f}를 먹기 싫다고 버텼다."],
     ["{N} ate all the {f} alone.", "Cooked {f} with {N}. The kitchen was a mess."],
     ["먹는 이야기", "같이 요리"], ["Food", "Cooking together"]),
    (24, 200, ["{n}가 잠들기 전에 책을 세 권이나 읽어 달라고 했다.",
               "{n}가 처음으로 혼자 그림을 그려서 가족 얼굴을 보여 줬다.", "주말에 {n}랑 놀이터에서 한참 놀았다.",
               "{n}가 오늘은 아빠가 제일 좋다고 했다."],
     ["{N} wanted three bedtime stories tonight.", "{N} drew our whole family today.",
      "Spent the afternoon at the playground with {N}.", "{N} said I'm the best dad today."],
     ["잠자리 책", "그림", "놀이터", "오늘의 한마디"], ["Bedtime stories", "A drawing", "Playground", "Best dad"]),
    (84, 200, ["{n}가 초등학교 입학식을 했다. 가방이 몸보다 커 보였다.",
               "{n}가 받아쓰기에서 100점을 받아 왔다.", "{n}가 학교에서 친구랑 다퉜다고 해서 한참 이야기를 나눴다."],
     ["{N}'s first day of school. The backpack looked bigger than {N}.",
      "{N} got a perfect score on the spelling test."],
     ["입학식", "받아쓰기", "학교 이야기"], ["First day of school", "Spelling test", "School"]),
]
FILLER_KO = ["정말 대견했다.", "사진을 열 장도 넘게 찍었다.", "엄마도 옆에서 같이 웃었다.",
             "이 순간을 오래 기억하고 싶다.", "시간이 너무 빨리 간다.", "오늘도 고마운 하루였다.",
             "저녁에는 다 같이 일찍 잠들었다.", "나중에 {n}가 이 글을 읽으면 어떤 기분일까.",
             "날씨가 맑고 바람이 시원했다.", "할머니께 영상 통화로 자랑했다.", "조금 피곤했지만 행복했다.",
             "{n}가 웃을 때마다 마음이 녹는다."]
FILLER_EN = ["So proud.", "Took way too many photos.", "Mom was laughing right next to us.",
             "I want to remember this one.", "Time flies.", "A good day.",
             "We all fell asleep early.", "Called grandma on video to show off.",
             "Tired, but happy.", "The weather was perfect."]


def months_between(a, b):
    m = (b.year - a.year) * 12 + (b.month - a.month)
    if m > 0 and b.day < a.day:
        m -= 1
    return m


class Api:
    """A tiny JSON client on one keep-alive connection."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def call(self, method, path, body=None, token=None, expect=(200, 201)):
        headers = {"content-type": "application/json"}
        if token:
            headers["authorization"] = "Bearer " + token
        data = json.dumps(body).encode() if body is not None else None
        self.conn.request(method, "/api/v1" + path, body=data, headers=headers)
        resp = self.conn.getresponse()
        raw = resp.read()
        if resp.status not in expect:
            raise SystemExit(f"generate: {method} {path} -> {resp.status}: {raw[:300]!r}")
        return json.loads(raw) if raw else None


def start_server(binary, data_dir, log_path):
    log = open(log_path, "ab")
    proc = subprocess.Popen([binary, "serve", "--data-dir", data_dir, "--port", "0"],
                            stdout=subprocess.PIPE, stderr=log)
    deadline = time.monotonic() + 30
    port = None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        log.write(line)
        try:
            msg = json.loads(line)
        except ValueError:
            continue
        if msg.get("message") == "listening":
            port = int(msg["port"])
            break
    if port is None:
        proc.kill()
        raise SystemExit("generate: the server did not report a port within 30 s")

    def drain():  # keep the pipe empty so the server never blocks on its access log
        for line in proc.stdout:
            log.write(line)
        log.close()

    threading.Thread(target=drain, daemon=True).start()
    return proc, port


def stop_server(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)
    if proc.returncode not in (0, -signal.SIGTERM):
        raise SystemExit(f"generate: the server exited with {proc.returncode}")


def make_text(rng, child, age_months, occurred, n_sentences, korean):
    eligible = [t for t in TOPICS if t[0] <= age_months <= t[1]] or [TOPICS[3]]
    topic = rng.choice(eligible)
    slots = {
        "n": ko_call(child["name"]), "N": child["en"], "a": max(1, occurred.year - child["born"].year),
        "p": rng.choice(PLACES_KO if korean else PLACES_EN),
        "f": rng.choice(FOODS_KO if korean else FOODS_EN),
    }
    lines, fillers, titles = (topic[2], FILLER_KO, topic[4]) if korean else (topic[3], FILLER_EN, topic[5])
    sentences = [rng.choice(lines)]
    while len(sentences) < n_sentences:
        pool = lines if rng.random() < 0.15 else fillers
        s = rng.choice(pool)
        if s not in sentences:
            sentences.append(s)
        elif len(sentences) >= len(set(lines) | set(fillers)):
            break
    body = " ".join(s.format(**slots) for s in sentences)
    title = rng.choice(titles).format(**slots) if rng.random() < 0.4 else None
    return title, body


INSIGHT_TOPICS = ["birth", "first_steps", "first_words", "food", "play", "school", "bike",
                  "swimming", "birthday", "travel", "sleep", "sickness", "friends", "family"]
EMOTIONS = ["joy", "love", "gratitude", "pride", "excitement", "calm", "surprise", "worry",
            "sadness", "anger", "fear", "tiredness", "longing"]


def make_insight(rng, seq, body, korean, at):
    """A finished analysis as Dadly stores it (insight_codec.h), so that lists carry insights
    as they do in a family's archive: a summary (the first sentence), 1-3 topics and 1-3
    emotions with scores, strongest first."""
    first = body.split(". ")[0].split("! ")[0]
    summary = first if len(first) <= 80 else first[:79] + "…"
    topics = ",".join(rng.sample(INSIGHT_TOPICS, rng.randint(1, 3)))
    scores = sorted((rng.uniform(0.15, 0.95) for _ in range(rng.randint(1, 3))), reverse=True)
    emotions = ",".join(f"{name}:{score:.3f}"
                        for name, score in zip(rng.sample(EMOTIONS, len(scores)), scores))
    return (seq, summary, topics, emotions, "ko" if korean else "en", at)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--families", type=int, default=1)
    ap.add_argument("--entries-per-family", type=int, default=5000)
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "build", "dadly"))
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if args.families < 1 or args.entries_per_family < 0:
        raise SystemExit("generate: --families must be >= 1, --entries-per-family >= 0")
    rng = random.Random(args.seed)
    binary = os.path.abspath(args.bin)
    data_dir = os.path.abspath(args.data_dir)
    if os.path.exists(os.path.join(data_dir, "dadly.db")):
        raise SystemExit(f"generate: {data_dir}/dadly.db already exists; use a fresh directory")
    os.makedirs(data_dir, mode=0o700, exist_ok=True)
    started = time.monotonic()
    log_path = os.path.join(data_dir, "generate-server.log")

    subprocess.run([binary, "migrate", "--data-dir", data_dir], check=True,
                   stdout=subprocess.DEVNULL, timeout=60)
    proc, port = start_server(binary, data_dir, log_path)
    families = []
    try:
        api = Api(port)
        today = dt.datetime.now(dt.timezone.utc).date()
        for i in range(args.families):
            parents = []
            for ko, en in PARENTS:
                email = f"{en}{i}-{args.seed}@bench.dadly.test"
                s = api.call("POST", "/auth/signup", {
                    "email": email, "password": PASSWORD, "display_name": ko,
                    "locale": "ko" if rng.random() < 0.8 else "en"})
                parents.append({"email": email, "password": PASSWORD, "user_id": s["user"]["id"],
                                "token": s["access_token"]})
            owner = parents[0]
            fam = api.call("POST", "/families", {"name": FAMILY_NAMES[i % len(FAMILY_NAMES)]},
                           token=owner["token"])
            members = []
            eldest = today - dt.timedelta(days=rng.randint(6 * 365, 11 * 365))
            born = eldest
            for name, en, relation in rng.sample(CHILD_NAMES, rng.randint(2, 3)):
                m = api.call("POST", f"/families/{fam['id']}/members",
                             {"name": name, "birthdate": born.isoformat(), "relation": relation},
                             token=owner["token"])
                members.append({"id": m["id"], "name": name, "en": en, "born": born})
                born = min(today - dt.timedelta(days=30), born + dt.timedelta(days=rng.randint(500, 1400)))
            families.append({"id": fam["id"], "name": fam["name"], "owner": owner,
                             "editor": parents[1], "members": members})
    finally:
        stop_server(proc)

    # The second parent writes too: an editor (the API has no invites yet; this is what
    # `dadly grant` is for).
    for f in families:
        subprocess.run([binary, "grant", "--data-dir", data_dir, "--family", f["id"],
                        "--email", f["editor"]["email"], "--role", "editor"],
                       check=True, stdout=subprocess.DEVNULL, timeout=60)
    api_done = time.monotonic()

    db = sqlite3.connect(os.path.join(data_dir, "dadly.db"), isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    (base,) = db.execute("SELECT coalesce(max(seq), 0) FROM entries").fetchone()
    seq = base
    now = int(time.time())
    entry_rows, tag_rows, insight_rows = [], [], []
    insight_rng = random.Random(args.seed + 1)  # its own, so the entries stay as they were
    for f in families:
        kids = f["members"]
        first_day = min(k["born"] for k in kids)
        span = (today - first_day).days
        # Entries are written in the order things happened, so seq grows with occurred_at.
        days = sorted(rng.randint(0, span) for _ in range(args.entries_per_family))
        for d in days:
            occurred = first_day + dt.timedelta(days=d)
            alive = [k for k in kids if k["born"] <= occurred]
            tagged = rng.sample(alive, min(len(alive), 1 if rng.random() < 0.7 else 2))
            main_kid = tagged[0]
            korean = rng.random() < 0.7
            n = min(6, max(1, int(rng.triangular(1, 6.99, 2))))
            title, body = make_text(rng, main_kid, months_between(main_kid["born"], occurred),
                                    occurred, n, korean)
            author = f["owner"] if rng.random() < 0.7 else f["editor"]
            created = int(dt.datetime(occurred.year, occurred.month, occurred.day,
                                      tzinfo=dt.timezone.utc).timestamp()) + rng.randint(12 * 3600, 40 * 3600)
            created = min(created, now)
            seq += 1
            entry_rows.append((seq, str(uuid.UUID(int=rng.getrandbits(128), version=4)), f["id"],
                               author["user_id"], title, body, occurred.isoformat(),
                               "private" if rng.random() < 0.05 else "family", 1, created, created))
            for k in tagged:
                tag_rows.append((k["id"], seq))
            insight_rows.append(make_insight(insight_rng, seq, body, korean, created))

    db.execute("BEGIN IMMEDIATE")
    db.executemany(
        "INSERT INTO entries (seq, id, family_id, author_id, title, body, occurred_at, visibility,"
        " version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", entry_rows)
    db.executemany("INSERT INTO entry_members (member_id, entry_seq) VALUES (?, ?)", tag_rows)
    db.executemany(
        "INSERT INTO insights (entry_seq, version, status, summary, topics, emotions, language,"
        " provider, model, updated_at) VALUES (?,1,'done',?,?,?,?,'local','local-1',?)",
        insight_rows)
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()

    out = {
        "generated_at": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "seed": args.seed, "families_count": args.families,
        "entries_per_family": args.entries_per_family, "entries": len(entry_rows),
        "families": [{
            "id": f["id"], "name": f["name"],
            "owner": {k: f["owner"][k] for k in ("email", "password", "user_id")},
            "editor": {k: f["editor"][k] for k in ("email", "password", "user_id")},
            "member_ids": [k["id"] for k in f["members"]],
            "members": [{"id": k["id"], "name": k["name"], "birthdate": k["born"].isoformat()}
                        for k in f["members"]],
        } for f in families],
    }
    with open(os.path.join(data_dir, "bench.json"), "w", encoding="utf-8") as fh:
        json.dump(out, fh, ensure_ascii=False, indent=1)
    print(f"generate: {args.families} families, {len(entry_rows)} entries, {len(tag_rows)} tags in "
          f"{data_dir} (API {api_done - started:.1f} s, total {time.monotonic() - started:.1f} s)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
