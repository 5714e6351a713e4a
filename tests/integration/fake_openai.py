"""A fake OpenAI-compatible API for the integration tests.

It speaks the documented wire format of `POST /v1/chat/completions` (a whole JSON answer, a
structured-output analysis, or a server-sent event stream) and `POST /v1/embeddings`, on
127.0.0.1 with a port of its own, and answers deterministically:

- an analysis (a request with `response_format`) has the summary "요약: " + the entry's first
  words, the topic `bike` when the entry mentions 자전거 or bike (plus an id Dadly does not know,
  which it must drop), the emotion `joy` when the entry sounds happy, else `calm`;
- an answer quotes the first passage's date and cites it as [1];
- a streamed chat sends its reply in several chunks, then a usage chunk and `[DONE]`;
- an embedding counts the text's characters and character pairs into `dimensions` buckets (by a
  hash), so texts sharing words point the same way;
- usage is about one token per four characters.

An entry whose text holds FAIL_MARKER gets HTTP 500 for its analysis. Every request is recorded.
"""
import hashlib
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FAIL_MARKER = "FAIL500"
HAPPY = ("기뻤", "기쁘", "좋았", "신났", "happy", "fun")


def tokens(text):
    return len(text) // 4 + 1


def has_hangul(text):
    return any("\uac00" <= c <= "\ud7a3" for c in text)


def embed(text, dimensions):
    vector = [0.0] * dimensions
    vector[0] = 0.01  # never all zeros
    for word in text.lower().split():
        features = list(word) + [word[i:i + 2] for i in range(len(word) - 1)]
        for f in features:
            h = int.from_bytes(hashlib.md5(f.encode()).digest()[:4], "little")
            vector[h % dimensions] += 1.0 if len(f) > 1 else 0.3
    return vector


class FakeOpenAI:
    def __init__(self, api_key="test-key"):
        self.api_key = api_key
        self.requests = []  # (path, authorization, body)
        self.stream_pause = 0.0  # seconds a streamed reply waits after its first piece
        self.cite = True  # whether replies mark the passage they quote with [1]
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = None
                auth = self.headers.get("Authorization", "")
                with fake.lock:
                    fake.requests.append((self.path, auth, body))
                if fake.api_key and auth != f"Bearer {fake.api_key}":
                    return self.error(401, "invalid_api_key", "invalid_request_error")
                if body is None:
                    return self.error(400, "invalid_json", "invalid_request_error")
                if self.path == "/v1/embeddings":
                    return self.embeddings(body)
                if self.path == "/v1/chat/completions":
                    return self.chat(body)
                return self.error(404, "unknown_url", "invalid_request_error")

            def send_json(self, status, obj):
                data = json.dumps(obj, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def error(self, status, code, kind):
                self.send_json(status, {"error": {"message": "fake failure", "type": kind,
                                                  "param": None, "code": code}})

            def embeddings(self, body):
                dims = body.get("dimensions") or 64
                inputs = body["input"]
                data = [{"object": "embedding", "index": i, "embedding": embed(t, dims)}
                        for i, t in enumerate(inputs)]
                used = sum(tokens(t) for t in inputs)
                self.send_json(200, {"object": "list", "data": list(reversed(data)),
                                     "model": body["model"],
                                     "usage": {"prompt_tokens": used, "total_tokens": used}})

            def chat(self, body):
                messages = body["messages"]
                prompt = "\n".join(m["content"] for m in messages)
                user = messages[-1]["content"]
                if "response_format" in body:
                    if FAIL_MARKER in user:
                        return self.error(500, "server_error", "server_error")
                    content = json.dumps(fake.analysis(user), ensure_ascii=False)
                elif body.get("stream"):
                    return self.stream(fake.reply(prompt), tokens(prompt))
                else:
                    content = fake.reply(prompt)
                self.send_json(200, {
                    "id": "chatcmpl-fake", "object": "chat.completion", "model": body["model"],
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": content}}],
                    "usage": {"prompt_tokens": tokens(prompt),
                              "completion_tokens": tokens(content),
                              "total_tokens": tokens(prompt) + tokens(content)}})

            def stream(self, reply, prompt_tokens):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                pieces = [reply[i:i + 8] for i in range(0, len(reply), 8)]
                events = [{"choices": [{"index": 0, "delta": {"content": p}}], "usage": None}
                          for p in pieces]
                events.append({"choices": [], "usage": {
                    "prompt_tokens": prompt_tokens, "completion_tokens": tokens(reply)}})
                for i, e in enumerate(events):
                    self.chunk(f"data: {json.dumps(e, ensure_ascii=False)}\n\n")
                    if i == 0 and fake.stream_pause:
                        time.sleep(fake.stream_pause)
                self.chunk("data: [DONE]\n\n")
                self.wfile.write(b"0\r\n\r\n")

            def chunk(self, text):
                data = text.encode()
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                self.wfile.flush()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def seen(self, path, contains=None):
        """The recorded request bodies to `path` whose last message holds `contains`."""
        with self.lock:
            bodies = [b for p, _, b in self.requests if p == path]
        if contains is None:
            return bodies
        return [b for b in bodies if b and contains in b["messages"][-1]["content"]]

    @staticmethod
    def summary_of(entry_text):
        return "요약: " + " ".join(entry_text.split()[:4])

    def analysis(self, user):
        text = user.split("\n\n", 1)[1] if user.startswith("Title: ") else user
        lower = text.lower()
        happy = any(w in lower for w in HAPPY)
        return {
            "summary": self.summary_of(text),
            "topics": (["bike"] if "자전거" in text or "bike" in lower else []) + ["not-a-topic"],
            "emotions": [{"id": "joy", "score": 0.8} if happy else {"id": "calm", "score": 0.3}],
            "language": "ko" if has_hangul(text) else "en",
        }

    def reply(self, prompt):
        # The first numbered passage's date, as the prompts number them: "[1] YYYY-MM-DD".
        first = re.search(r"\[1\] (\d{4}-\d{2}-\d{2})", prompt)
        if not first:
            return "모델의 답: 기록에서 찾지 못했어요."
        return f"모델의 답: {first.group(1)}의 기록에 있어요" + (" [1]." if self.cite else ".")
