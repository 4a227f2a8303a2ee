"""In chromium: the general pages work from a plain static server with every other host blocked,
and hostile text never runs (pages, alias redirect, search results)."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from conftest import build, write_config
from hostile_project import ALIAS, ENTRY, FAMILY_ID, SCRIPT, make_hostile_project

from generator.site import urls

LOCAL = ("http://127.0.0.1", "data:", "blob:")
#: General pages of the fixture site (the paste page has its own offline test).
PAGES = ["", "zh/", "cos-xml-api/", "cos-xml-api/NoSuchKey/", "zh/cos-xml-api/NoSuchKey/",
         "ci-download/-46618/", "status/", "errata/", "revisions/", "revisions/cos-errors.cn.zh.2016-12-07/",
         "zh/errata/", "cos-xml-api/Evil~2EText_1/", "cos-xml-api/InternalErrror/", "api/v1/catalog.en.json"]


def _offline_context(browser):
    """A context whose requests to any host but 127.0.0.1 are aborted and recorded."""
    context = browser.new_context()
    log = {"blocked": [], "failed": [], "errors": [], "dialogs": [], "bad_status": []}

    def route(r):
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            log["blocked"].append(r.request.url)
            r.abort()
    context.route("**/*", route)
    page = context.new_page()
    page.on("requestfailed", lambda req: log["failed"].append(f"{req.url} {req.failure}"))
    page.on("response", lambda resp: resp.status >= 400 and log["bad_status"].append(f"{resp.status} {resp.url}"))
    page.on("console", lambda msg: msg.type == "error" and log["errors"].append(msg.text))
    page.on("pageerror", lambda exc: log["errors"].append(str(exc)))

    def on_dialog(dialog):
        log["dialogs"].append(dialog.message)
        dialog.dismiss()
    page.on("dialog", on_dialog)
    return context, page, log


def _search(page, query):
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    box.press("End")
    results = page.locator(".md-search-result__list > li")
    results.first.wait_for(timeout=10000)
    return results


def test_general_pages_work_offline(browser, site_url):
    context, page, log = _offline_context(browser)
    try:
        for path in PAGES:
            response = page.goto(site_url + path)
            assert response is not None and response.ok, path
            page.wait_for_load_state("networkidle")
        page.goto(site_url + "cos-xml-api/")
        page.wait_for_load_state("networkidle")
        assert _search(page, "NoSuchKey").count() >= 1
        page.goto(site_url + "zh/")
        page.wait_for_load_state("networkidle")
        assert _search(page, "签名").count() >= 1
    finally:
        context.close()
    assert log == {"blocked": [], "failed": [], "errors": [], "dialogs": [], "bad_status": []}


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-browser")
    source = make_hostile_project(root)
    site = root / "site"
    result = build(write_config(root, source, site))
    assert result.returncode == 0, result.stderr
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def _url_of(src: str) -> str:
    return urls.url_of(src)


def _pwned(page) -> bool:
    return page.evaluate("() => window.__pwned !== undefined || window.pwned !== undefined")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hostile_pages_do_not_run(browser, hostile_url, lang):
    context, page, log = _offline_context(browser)
    key = f"{FAMILY_ID}/{ENTRY}"
    pages = [urls.entry(lang, key), urls.family(lang, FAMILY_ID), urls.errata(lang), urls.status(lang),
             urls.home(lang), urls.revision(lang, "ci-media-errors.intl.en.2021-12-31"), urls.revisions(lang)]
    try:
        for src in pages:
            page.goto(hostile_url + _url_of(src))
            page.wait_for_load_state("networkidle")
            assert not _pwned(page), src
            assert page.locator("img[src='x']").count() == 0, src
        page.goto(hostile_url + _url_of(urls.entry(lang, key)))
        assert SCRIPT in page.title()
        assert ALIAS in page.locator("article").inner_text()
        # the alias redirect page, followed to the entry
        page.goto(hostile_url + _url_of(urls.alias(lang, FAMILY_ID, ALIAS)))
        page.wait_for_url(hostile_url + _url_of(urls.entry(lang, key)), timeout=10000)
        assert not _pwned(page)
        # search results: titles, texts and tags hold the hostile text; it shows, it does not run
        page.goto(hostile_url + _url_of(urls.home(lang)))
        page.wait_for_load_state("networkidle")
        results = _search(page, ENTRY)
        page.wait_for_timeout(300)
        shown = page.locator(".md-search-result").inner_text()
        assert SCRIPT in shown or "window.__pwned=1" in shown
        assert results.count() >= 1
        assert page.locator(".md-search-result img, .md-search-result script").count() == 0
        assert not _pwned(page)
    finally:
        context.close()
    # (requests cut short by the alias redirect's navigation may fail as ERR_ABORTED: not counted here;
    # test_general_pages_work_offline counts every failed request)
    assert not log["dialogs"] and not log["errors"] and not log["blocked"], log
