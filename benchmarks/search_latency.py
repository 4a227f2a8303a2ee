"""Browser timings in Debian's chromium through Playwright (never `playwright install`).

* ``search_latency(site_dir, queries)``: serves a built site with a static server, types each
  query into ``input.md-search__input`` key by key and then End (material searches on key
  release; Han characters arrive without one) and measures, inside the page with
  ``performance.now()``, a keyup listener and a MutationObserver, the time from the key release
  that handed material the complete query until the *first* ``.md-search-result__item`` is the
  expected hit (an entry URL for a code, a result containing the word for a word). Each query
  runs several times after one warm-up; the median is reported. A query whose first result never
  becomes the expected hit is reported with ``ms: null`` and what came first instead.
* ``serve_edit_latency(project_dir)``: copies the project to a temp dir, runs ``mkdocs serve``
  on a free port, opens an entry page, edits that entry's decision reason in the copied catalog
  YAML and measures until the new text is visible in the page (live reload).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

#: (page, query, kind, expectation, expected). kind: "code" (a code as written, mistyped or inside
#: a pasted fragment: <= 16 ms on the real catalog) or "word" (words or a sentence: <= 50 ms).
#: expectation: "href" = the first result links to the expected path; "text" = it contains it.
#: Every query has its hit at every size: benchmarks/synth.py keeps NoSuchKey (with its real
#: description), -46618 and 1013 in each synthetic catalog.
QUERIES = [
    ("/", "NoSuchKey", "code", "href", "/NoSuchKey/"),
    ("/", "-46618", "code", "href", "/-46618/"),
    ("/", "1013", "code", "href", "/1013/"),
    ("/", "NoSuchKy", "code", "href", "/NoSuchKey/"),
    ("/", "X-ErrNo: -46618", "code", "href", "/-46618/"),
    ("/", "signature", "word", "text", "signature"),
    ("/", "specified object key does not exist", "word", "href", "/NoSuchKey/"),
    ("/zh/", "签名", "word", "text", "签名"),
    ("/zh/", "NoSuchKey", "code", "href", "/zh/cos-xml-api/NoSuchKey/"),
    ("/zh/", "<Code>NoSuchKey</Code>", "code", "href", "/zh/cos-xml-api/NoSuchKey/"),
    ("/zh/", "指定的对象键不存在", "word", "href", "/zh/cos-xml-api/NoSuchKey/"),
    ("/zh/", "The specified object key does not exist", "word", "href", "/zh/cos-xml-api/NoSuchKey/"),
]

#: Installed once per page: every keyup on the search box (time, value) and every change of the
#: result list that makes the first result the expected hit (time), both with ``performance.now()``.
_SETUP = """
() => {
  if (window.errdocsBench) return;
  const input = document.querySelector('input.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  const b = window.errdocsBench = {keyups: [], hits: [], kind: null, expect: null};
  b.first = () => {
    const first = list.querySelector('.md-search-result__item');
    if (!first) return null;
    const a = first.querySelector('a');
    return (a ? decodeURIComponent(a.href) + ' ' : '') + first.textContent.trim().slice(0, 80);
  };
  b.ok = () => {
    const first = list.querySelector('.md-search-result__item');
    if (!first || !b.expect) return false;
    if (b.kind === 'href') {
      const a = first.querySelector('a');
      return !!a && decodeURIComponent(a.href).split(/[?#]/)[0].endsWith(b.expect);
    }
    return first.textContent.toLowerCase().includes(b.expect.toLowerCase());
  };
  // capture on window: runs before material's own keyup handler on the input
  window.addEventListener('keyup', e => {
    if (e.target === input) b.keyups.push({t: performance.now(), v: input.value});
  }, true);
  new MutationObserver(() => { if (b.ok()) b.hits.push(performance.now()); })
    .observe(list, {childList: true, subtree: true, characterData: true});
}
"""

_ARM = """
([kind, expect]) => {
  const b = window.errdocsBench;
  b.kind = kind; b.expect = expect; b.keyups = []; b.hits = [];
}
"""

#: Latency of one typed query: from the key release that first handed material the complete query
#: (material searches on keyup; Han characters arrive as text input without one, so the End key
#: that follows delivers them) to the first change of the list that shows the expected first
#: result. ``null`` while that has not happened yet.
_RESULT = """
(q) => {
  const b = window.errdocsBench;
  const k = b.keyups.find(k => k.v === q);
  if (!k) return null;
  const hit = b.hits.find(t => t >= k.t);
  return hit === undefined ? null : {ms: hit - k.t, at: hit};
}
"""

_CLEAR = """
async () => {
  const input = document.querySelector('input.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  input.value = '';
  input.dispatchEvent(new Event('input', {bubbles: true}));
  input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: 'Backspace'}));
  for (let i = 0; i < 100 && list.querySelector('.md-search-result__item'); i++) {
    await new Promise(r => setTimeout(r, 20));
  }
}
"""


#: Milliseconds between keys: a fast typist. Each key release sends the text so far to material's
#: search worker, which answers one query at a time: keys 20 ms apart queue the prefix queries
#: ("1", "10", "101") in front of the complete one, and the measurement becomes that backlog
#: (at 10,000 entries '1013' took 67–109 ms that way against 6–8 ms with 100 ms gaps).
KEY_DELAY_MS = 100


def _typed(page, q: str, kind: str, expect: str, timeout_ms: int, key_delay_ms: int = KEY_DELAY_MS) -> dict:
    """Type ``q`` into the search box key by key, then End, as a user (and the site's browser
    tests) do; the latency from ``_RESULT`` or, on timeout, what came first instead."""
    page.evaluate(_ARM, [kind, expect])
    box = page.locator("input.md-search__input")
    box.press_sequentially(q, delay=key_delay_ms)
    box.press("End")
    try:
        handle = page.wait_for_function(_RESULT, arg=q, timeout=timeout_ms, polling=10)
        return handle.json_value()
    except Exception:
        return {"ms": None, "first": page.evaluate("() => window.errdocsBench.first()")}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listening on port {port}")


def _browser(p):
    return p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)


def search_latency(site_dir: Path, queries=QUERIES, runs: int = 5, timeout_ms: int = 5000,
                   key_delay_ms: int = KEY_DELAY_MS) -> dict:
    from playwright.sync_api import sync_playwright

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(site_dir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results: dict = {"queries": [], "index_ready_ms": {}, "page_load_ms": {}, "index_ready_after_load_ms": {},
                     "key_delay_ms": key_delay_ms}
    try:
        _wait_http(port, 10)
        with sync_playwright() as p:
            browser = _browser(p)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            current = None
            for path, q, category, kind, expect in queries:
                if path != current:
                    page.goto(f"http://127.0.0.1:{port}{path}", wait_until="load")
                    page.evaluate(_SETUP)
                    page.click("input.md-search__input")
                    # index ready: time from navigation start until a first query, typed without
                    # pauses, gets its hit (mostly fetching and indexing search_index.json)
                    ready = _typed(page, q, kind, expect, 20000, 0)
                    results["index_ready_ms"][path] = round(ready["at"], 1) if ready.get("ms") is not None else None
                    # the measure: from the page's load event (the first page of a fresh
                    # browser spends much of the time above loading the page itself)
                    loaded = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd")
                    results["page_load_ms"][path] = round(loaded, 1)
                    results["index_ready_after_load_ms"][path] = (round(ready["at"] - loaded, 1)
                                                                  if ready.get("ms") is not None else None)
                    page.evaluate(_CLEAR)
                    current = path
                times, misses = [], []
                for _ in range(runs):
                    r = _typed(page, q, kind, expect, timeout_ms, key_delay_ms)
                    page.evaluate(_CLEAR)
                    if r.get("ms") is None:
                        misses.append(r.get("first"))
                    else:
                        times.append(r["ms"])
                results["queries"].append({
                    "page": path, "query": q, "kind": category,
                    "median_ms": round(statistics.median(times), 1) if times else None,
                    "max_ms": round(max(times), 1) if times else None,
                    "runs": runs, "misses": len(misses), "first_instead": misses[0] if misses else None})
            browser.close()
    finally:
        server.terminate()
        server.wait(10)
    return results


def copy_project(project: Path, dest: Path) -> None:
    """What ``mkdocs serve`` needs of the project, copied into ``dest`` (edits there stay there)."""
    for name in ("mkdocs.yml", "source", "templates", "site_overrides", "docs", "generator"):
        src = project / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    (dest / "docs").mkdir(exist_ok=True)


def serve_edit_latency(project: Path, entry_url: str = "/cos-xml-api/BadRequest/",
                       yaml_file: str = "source/catalog/cos-xml-api.yaml",
                       anchor: str = "Written BadRquest from", edits: int = 3,
                       serve_args: tuple[str, ...] = ("--dirty",)) -> dict:
    """Edit one entry's decision reason under ``mkdocs serve`` (``--dirty``: what ``make serve``
    runs; ``serve_args=()`` for a plain serve); seconds until the browser shows it."""
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="errdocs-serve-"))
    copy_project(project, tmp)
    port = free_port()
    mkdocs = Path(sys.executable).with_name("mkdocs")
    log_path = tmp / "serve.log"
    log = open(log_path, "w")
    command = [str(mkdocs), "serve", *serve_args, "-a", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(command, cwd=tmp, stdout=log, stderr=subprocess.STDOUT)
    out: dict = {"command": "mkdocs " + " ".join(["serve", *serve_args]), "entry_url": entry_url, "seconds": []}
    try:
        deadline = time.monotonic() + 180
        while "Serving on" not in log_path.read_text(errors="replace"):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("mkdocs serve did not start:\n" + log_path.read_text(errors="replace")[-3000:])
            time.sleep(0.2)
        with sync_playwright() as p:
            browser = _browser(p)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}{entry_url}", wait_until="load")
            target = tmp / yaml_file
            original = target.read_text(encoding="utf-8")
            if anchor not in original:
                raise RuntimeError(f"{anchor!r} not found in {yaml_file}")
            for i in range(edits):
                token = f"bench{i}x{int(time.time() * 1000) % 100000}"
                time.sleep(1.5)  # let the watcher settle after the previous rebuild
                text = original.replace(anchor, f"{anchor} {token}", 1)
                target.write_text(text, encoding="utf-8")
                started = time.perf_counter()
                seen = None
                while time.perf_counter() - started < 120:
                    try:
                        if page.evaluate("t => document.body && document.body.innerText.includes(t)", token):
                            seen = time.perf_counter() - started
                            break
                    except Exception:
                        pass  # page is reloading
                    time.sleep(0.02)
                out["seconds"].append(round(seen, 3) if seen is not None else None)
            browser.close()
        text = log_path.read_text(errors="replace")
        builds = re.findall(r"Documentation built in ([0-9.]+) seconds", text)
        out["serve_build_seconds"] = [float(b) for b in builds]
        # the plugin's own account of each rebuild: load, page generation, what it rendered again
        out["serve_log"] = [line.split("errdocs: ", 1)[1] for line in text.splitlines()
                            if "errdocs: " in line and ("loaded in" in line or "generated in" in line
                                                        or "serve --dirty:" in line)]
        out["load_average"] = os.getloadavg()
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)
    done = [s for s in out["seconds"] if s is not None]
    out["median_s"] = statistics.median(done) if done else None
    return out


if __name__ == "__main__":
    import json
    if sys.argv[1] == "serve":  # serve PROJECT [mkdocs serve options, e.g. --dirty]
        print(json.dumps(serve_edit_latency(Path(sys.argv[2]), serve_args=tuple(sys.argv[3:])), indent=1))
    else:
        delay = int(sys.argv[2]) if len(sys.argv) > 2 else KEY_DELAY_MS  # SITE [key delay ms]
        print(json.dumps(search_latency(Path(sys.argv[1]), key_delay_ms=delay), indent=1, ensure_ascii=False))
