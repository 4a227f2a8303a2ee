"""Repeatable builds: the same source gives byte-identical site trees, whatever the hash seed and the
day; sitemap dates come from SOURCE_DATE_EPOCH or, without it, from the newest revision."""

from __future__ import annotations

import datetime as dt
import gzip
import re
import struct
import subprocess
import sys

from conftest import FIXTURE_SOURCE, ROOT, write_config
from helpers import tree
from ruamel.yaml import YAML

NEWEST_REVISION = "2023-07-10"  # the newest date in tests/fixtures/site_source/revisions.yaml


def _build(tmp, name: str, **env) -> dict[str, bytes]:
    """Build the fixture source into ``tmp/name/site`` (with a site_url, so the sitemap lists pages)."""
    folder = tmp / name
    folder.mkdir()
    config = write_config(folder, FIXTURE_SOURCE, folder / "site")
    yaml = YAML()
    data = yaml.load(config.read_text(encoding="utf-8"))
    data["site_url"] = "https://errdocs.example/"
    with config.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
                            capture_output=True, text=True, cwd=ROOT,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", **env})
    assert result.returncode == 0, result.stderr
    return tree(folder / "site")


def _lastmods(site: dict[str, bytes]) -> set[str]:
    return set(re.findall(r"<lastmod>([^<]*)</lastmod>", site["sitemap.xml"].decode("utf-8")))


def _gzip_mtime(data: bytes) -> int:
    return struct.unpack("<I", data[4:8])[0]


def test_two_builds_are_byte_identical(tmp_path):
    first = _build(tmp_path, "one", PYTHONHASHSEED="1")
    second = _build(tmp_path, "two", PYTHONHASHSEED="4242")
    assert sorted(first) == sorted(second)
    differ = [path for path in first if first[path] != second[path]]
    assert not differ
    assert len(first) > 100 and "sitemap.xml.gz" in first


def test_no_clock_in_the_site(tmp_path):
    """Without SOURCE_DATE_EPOCH the dates are the newest revision's, never today's."""
    site = _build(tmp_path, "one")
    today = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d")
    assert today != NEWEST_REVISION
    assert not [path for path, data in site.items() if today.encode() in data]
    assert _lastmods(site) == {NEWEST_REVISION}
    gz = site["sitemap.xml.gz"]
    assert gzip.decompress(gz) == site["sitemap.xml"]
    midnight = dt.datetime.fromisoformat(NEWEST_REVISION).replace(tzinfo=dt.timezone.utc)
    assert _gzip_mtime(gz) == int(midnight.timestamp())


def test_source_date_epoch_is_honoured(tmp_path):
    epoch = 1700000000  # 2023-11-14T22:13:20Z
    site = _build(tmp_path, "one", SOURCE_DATE_EPOCH=str(epoch))
    assert _lastmods(site) == {"2023-11-14"}
    assert _gzip_mtime(site["sitemap.xml.gz"]) == int(dt.datetime(2023, 11, 14, tzinfo=dt.timezone.utc).timestamp())
    again = _build(tmp_path, "two", SOURCE_DATE_EPOCH=str(epoch), PYTHONHASHSEED="7")
    assert site == again


def test_no_random_ids(tmp_path):
    """Nothing that looks like a generated id or a time stamp in the pages."""
    site = _build(tmp_path, "one")
    pattern = re.compile(rb"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|"
                         rb"\d{4}-\d\d-\d\dT\d\d:\d\d|building-")
    hits = {path: pattern.findall(data)[:3] for path, data in site.items()
            if path.endswith((".html", ".json", ".xml")) and pattern.search(data)}
    assert not hits
