"""The web app's files: cache headers, client-route fallback, and the API keeping its 404s."""
import requests

import pytest

from conftest import ServerProcess, assert_problem

INDEX = "<!doctype html><title>Dadly</title><div id=root></div>"
SCRIPT = "console.log('dadly');"


@pytest.fixture(scope="module")
def web_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("web")
    dist = root / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX)
    (dist / "assets" / "app-1a2b3c.js").write_text(SCRIPT)
    (dist / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (root / "secret.txt").write_text("outside the app")
    srv = ServerProcess(root / "data", env={"DADLY_WEB_DIR": str(dist)}).start()
    yield srv
    srv.terminate(timeout=10)


def get(srv, path):
    return requests.get(srv.base + path, timeout=10, allow_redirects=False)


def test_index_is_served_with_security_headers_and_no_cache(web_server):
    r = get(web_server, "/")
    assert r.status_code == 200 and r.text == INDEX
    assert r.headers["Content-Type"].startswith("text/html")
    assert r.headers["Cache-Control"] == "no-cache"
    assert "default-src 'self'" in r.headers["Content-Security-Policy"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_head_answers_like_get_without_a_body(web_server):
    for path in ("/", "/assets/app-1a2b3c.js", "/timeline", "/healthz"):
        r = requests.head(web_server.base + path, timeout=10)
        assert r.status_code == 200, path
        assert r.content == b""


def test_hashed_assets_are_cached_for_good(web_server):
    r = get(web_server, "/assets/app-1a2b3c.js")
    assert r.status_code == 200 and r.text == SCRIPT
    assert r.headers["Content-Type"].startswith("text/javascript")
    assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    r = get(web_server, "/favicon.svg")
    assert r.headers["Content-Type"] == "image/svg+xml" and r.headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("route", ["/timeline", "/entries/123", "/settings/family"])
def test_client_routes_answer_the_app(web_server, route):
    r = get(web_server, route)
    assert r.status_code == 200 and r.text == INDEX


@pytest.mark.parametrize("path", ["/assets/missing.js", "/nothing.png", "/../secret.txt",
                                  "/assets/../../secret.txt", "/%2e%2e/secret.txt"])
def test_missing_files_and_escapes_are_404(web_server, path):
    r = get(web_server, path)
    assert r.status_code == 404
    assert "outside the app" not in r.text


@pytest.mark.parametrize("path", ["/api/v1/nothing", "/api/v1/families/x/y/z", "/healthzz"])
def test_api_paths_keep_api_404s(web_server, path):
    assert_problem(get(web_server, path), 404, "not_found")


def test_embedded_app_or_a_clear_message(server):
    """Without DADLY_WEB_DIR the binary serves the app it was built with, or says it has none."""
    r = requests.get(server.base + "/", timeout=10)
    if r.status_code == 200:
        assert r.headers["Content-Type"].startswith("text/html") and 'id="root"' in r.text
    else:
        assert r.status_code == 503 and "not built" in r.text
