"""A headless Debian chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import pytest

# The session-wide `browser` fixture is in tests/conftest.py, shared with tests outside this folder.


@pytest.fixture
def page(browser, site_url):
    """A page that records console errors, page errors and requests leaving 127.0.0.1."""
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("request", lambda req: req.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            or page.errors.append("third-party request: " + req.url))
    yield page
    context.close()
