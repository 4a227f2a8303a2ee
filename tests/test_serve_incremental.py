"""``mkdocs serve --dirty`` (what ``make serve`` runs) on a copy of the real project: an edit to one
entry re-renders only the pages whose Markdown changed, shows in that entry's page, leaves the
search index complete in both languages and every other page served."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from benchmarks.search_latency import copy_project
from conftest import CHROMIUM, ROOT

FAMILY_FILE = "source/catalog/ci-download.yaml"
ENTRY = "ci-download/-140/"
OWN_TEXT = "        en: Internal HTTP server error.\n"  # -140's own description, the first one in the file
UNRELATED = "cos-xml-api/NoSuchKey/"
TOKEN = "zqxwvkincremental"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _wait(predicate, timeout: float, what: str, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"{what} within {timeout} s; serve log:\n{log.read_text(errors='replace')[-3000:]}")


def _index_pages(base: str, lang_prefix: str) -> set[str]:
    data = json.loads(_get(f"{base}{lang_prefix}search/search_index.json"))
    return {d["location"].split("#")[0] for d in data["docs"]}


def _first_hit(page, base: str, prefix: str, query: str, expected: str) -> str:
    """Type into material's search box like a user (keys, then End: material reads on key release);
    the first result's link once it is the expected page (or whatever came first after 10 s)."""
    page.goto(base + prefix)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=10)
    box.press("End")
    first = page.locator(".md-search-result__list > li a").first
    first.wait_for(timeout=15000)
    try:
        page.wait_for_function("""expected => { const a = document.querySelector('.md-search-result__list > li a');
            return a && decodeURIComponent(a.href).split(/[?#]/)[0].endsWith(expected); }""", arg=expected, timeout=10000)
    except Exception:
        pass
    return re.split(r"[?#]", first.evaluate("a => decodeURIComponent(a.href)"))[0]


@pytest.fixture
def served(tmp_path):
    """A copy of the project served by ``mkdocs serve --dirty``; yields (base url, project, log)."""
    project = tmp_path / "project"
    project.mkdir()
    copy_project(ROOT, project)
    port = _free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                                cwd=project, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        _wait(lambda: proc.poll() is None and "Serving on" in log.read_text(errors="replace"), 300,
              "mkdocs serve --dirty did not start", log)
        yield f"http://127.0.0.1:{port}/", project, log
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_an_edit_rerenders_its_pages_and_search_stays_complete(served, request):
    base, project, log = served
    before = {prefix: _index_pages(base, prefix) for prefix in ("", "zh/")}
    assert ENTRY in before[""] and ENTRY in before["zh/"]
    assert TOKEN not in _get(base + ENTRY)

    family = project / FAMILY_FILE
    text = family.read_text(encoding="utf-8")
    assert text.count(OWN_TEXT) >= 1
    family.write_text(text.replace(OWN_TEXT, OWN_TEXT.rstrip("\n") + f" {TOKEN}.\n", 1), encoding="utf-8")
    # how fast is the benchmark's (benchmarks/search_latency.py serve); here only that it shows
    _wait(lambda: TOKEN in _get(base + ENTRY), 120, "the edited text did not show", log)

    # only the pages that read the entry were made again, and mkdocs rendered only those whose
    # Markdown changed
    builds = re.findall(r"serve --dirty: (\d+) Markdown files made again, \d+ kept \(inputs unchanged\); "
                        r"(\d+) pages rendered", log.read_text())
    made, rebuilt = [int(m) for m, _ in builds], [int(r) for _, r in builds]
    assert len(builds) >= 2 and made[0] > 3000 and rebuilt[0] > 1000, builds
    assert 1 <= made[-1] <= 40, builds
    assert 1 <= rebuilt[-1] <= 10, builds
    # every page is still in its language's index, and the new text is indexed
    after = {prefix: _index_pages(base, prefix) for prefix in ("", "zh/")}
    assert after == before
    assert TOKEN in _get(base + "search/search_index.json")
    # an entry that was not rendered again is still served, with its text
    assert "NoSuchKey" in _get(base + UNRELATED)

    if not os.path.exists(CHROMIUM):
        pytest.skip("chromium is not installed at /usr/bin/chromium: search not typed in a browser")
    browser = request.getfixturevalue("browser")  # the session's one chromium
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        assert _first_hit(page, base, "", TOKEN, "/" + ENTRY).endswith("/" + ENTRY)
        assert _first_hit(page, base, "", "-140", "/" + ENTRY).endswith("/" + ENTRY)
        assert _first_hit(page, base, "zh/", "-140", "/zh/" + ENTRY).endswith("/zh/" + ENTRY)
        assert _first_hit(page, base, "", "NoSuchKey", "/" + UNRELATED).endswith("/" + UNRELATED)
    finally:
        page.close()


def test_serve_polls_the_watched_folders_every_fifth_of_a_second(tmp_path):
    """The folders of ``watch:`` (watched after ``on_serve``) are polled every 0.2 s, not mkdocs' 0.5."""
    from mkdocs.livereload import LiveReloadServer

    from generator.plugin import WATCH_INTERVAL, ErrdocsPlugin

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(tmp_path))  # docs_dir: watched before on_serve, keeps mkdocs' interval
        assert ErrdocsPlugin().on_serve(server, config=None, builder=None) is server
        (tmp_path / "source").mkdir()
        server.watch(str(tmp_path / "source"))
        timeouts = sorted(e.timeout for e in server.observer.emitters)
        assert WATCH_INTERVAL == 0.2 and timeouts == [0.2, 0.5]
    finally:
        server.server_close()
