"""The built site from a plain static file server (python -m http.server), with no network:
home, an entry, the paste page and a search work, and no request fails or leaves 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlsplit

import pytest


@pytest.fixture(scope="module")
def static_url(built_site):
    """``python -m http.server`` on 127.0.0.1 over the built site, exactly as a user would run it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(built_site)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("python -m http.server did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def offline(browser, static_url):
    """A page whose every request that is not for the local server is aborted and recorded."""
    context = browser.new_context()
    here = urlsplit(static_url).netloc
    log = {"blocked": [], "failed": [], "bad_status": [], "errors": []}

    def route(r):
        if urlsplit(r.request.url).netloc == here:
            r.continue_()
        else:
            log["blocked"].append(r.request.url)
            r.abort("internetdisconnected")

    context.route("**/*", route)
    page = context.new_page()
    page.on("requestfailed", lambda req: log["failed"].append(f"{req.url}: {req.failure}"))
    page.on("response", lambda res: res.status >= 400 and log["bad_status"].append(f"{res.url}: {res.status}"))
    page.on("console", lambda msg: msg.type == "error" and log["errors"].append(msg.text))
    page.on("pageerror", lambda exc: log["errors"].append(str(exc)))
    yield page, log
    context.close()


def test_site_works_from_a_plain_static_server_offline(offline, static_url):
    page, log = offline
    page.goto(static_url)
    page.wait_for_load_state("networkidle")
    assert "COS" in page.locator("h1").inner_text()

    page.goto(static_url + "cos-xml-api/NoSuchKey/")
    page.wait_for_load_state("networkidle")
    assert "NoSuchKey" in page.locator("article").inner_text()
    page.goto(static_url + "zh/ci-download/-46618/")
    page.wait_for_load_state("networkidle")
    assert "-46618" in page.locator("article").inner_text()

    page.goto(static_url + "paste/")
    page.locator("[data-errdocs-paste][data-ready]").wait_for(timeout=10000)
    page.fill("[data-paste-input]", "X-ErrNo: -46618\nx-cos-request-id: NjQ1YjQ4ZTJfb2ZmbGluZQ==")
    assert page.locator(".errdocs-paste-entry").first.get_attribute("data-key") == "ci-download/-46618"
    # Leaving a page aborts what it still loads (the search worker starts after the paste page is
    # ready): wait until it is done, so that an aborted request in the log is a real failure.
    page.wait_for_load_state("networkidle")

    page.goto(static_url)
    page.wait_for_load_state("networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("NoSuchKey", delay=20)
    first = page.locator(".md-search-result__list > li a").first
    first.wait_for(timeout=10000)
    assert first.evaluate("a => a.href").startswith(static_url + "cos-xml-api/NoSuchKey/")
    page.wait_for_load_state("networkidle")

    page.goto(static_url + "api/v1/index.json")
    assert '"errdocs-index/1"' in page.content()
    assert log == {"blocked": [], "failed": [], "bad_status": [], "errors": []}


def test_blocking_is_real(offline, static_url):
    """The harness does see a request that leaves the machine (so an empty log means something)."""
    page, log = offline
    page.goto(static_url)
    page.evaluate("fetch('https://example.com/probe').catch(() => null)")
    page.wait_for_timeout(300)
    assert log["blocked"] == ["https://example.com/probe"]
