"""Fixtures that build the site from a source tree and serve it on 127.0.0.1."""

from __future__ import annotations

import functools
import os
import http.server
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SOURCE = ROOT / "tests" / "fixtures" / "site_source"


def write_config(tmp: Path, source: Path, site_dir: Path) -> Path:
    """mkdocs.yml of the repo with absolute paths, pointed at ``source`` and ``site_dir``."""
    yaml = YAML()
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "docs")
    config["site_dir"] = str(site_dir)
    config["theme"]["custom_dir"] = str(ROOT / "site_overrides")
    config.pop("watch", None)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "errdocs" in plugin:
            plugin["errdocs"] = {"source": str(source), "templates": str(ROOT / "templates")}
        if isinstance(plugin, dict) and "search" in plugin:
            plugin["search"]["jieba_dict_user"] = str(ROOT / "templates" / "jieba.txt")
    path = tmp / "mkdocs.yml"
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(config, fh)
    return path


def build(config: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
                          capture_output=True, text=True, cwd=ROOT,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})


def _built(tmp_path_factory, name: str, source: Path) -> Path:
    """``source`` built with ``mkdocs build --strict`` into a fresh folder; the site's path."""
    tmp = tmp_path_factory.mktemp(name)
    site = tmp / "site"
    result = build(write_config(tmp, source, site))
    assert result.returncode == 0, result.stderr
    return site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _served(directory: Path):
    """Yield the URL of a static HTTP server over ``directory`` on 127.0.0.1, a free port."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


REAL_SOURCE = ROOT / "source"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The fixture source built with ``mkdocs build --strict``."""
    return _built(tmp_path_factory, "site", FIXTURE_SOURCE)


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The fixture site served over HTTP."""
    yield from _served(built_site)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real source (every revision, the whole catalog) built once per session, strict."""
    return _built(tmp_path_factory, "real-site", REAL_SOURCE)


@pytest.fixture(scope="session")
def real_site_url(real_site) -> str:
    """The real site served over HTTP."""
    yield from _served(real_site)


CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    """One headless Debian chromium for the whole session (Playwright's sync API allows one per thread)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()
