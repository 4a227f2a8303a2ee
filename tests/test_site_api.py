"""The static JSON API under api/v1/: one document per entry, the index, the paste lookup."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURE_SOURCE

from generator.project import load_valid_project
from generator.site import api, urls

#: The documented shapes (README, "Static JSON API"). A dict is an object with exactly these keys,
#: [x] a list of x, (a, b) either, {"*": x} a map of any keys to x.
LANGS = {"en": str, "zh": str}
TEXT = {"text": str, "official": bool, "revision": (str, type(None)), "language": str,
        "chosen_over": (str, type(None)), "links_from": (str, type(None))}
REF = {"key": str, "api": str}
SEEN = {"revision": str, "date": str}
ENTRY = {
    "schema": str, "key": str, "code": str, "family": str, "service": str, "kind": str,
    "aliases": [str], "urls": LANGS, "api": str,
    "statuses": [{"status": int, "when": (LANGS, type(None))}],
    "texts": {"*": {"*": TEXT}},
    "names": [str], "documented": bool, "first_seen": (SEEN, type(None)),
    "last_seen": (SEEN, type(None)), "related": [REF], "same_code": [REF], "paired": [REF],
    "history": [{"revision": str, "line": int, "code": str, "status": (int, type(None)),
                 "status_text": (str, type(None)), "texts": {"*": str}}],
    "conflicts": [{"id": str, "kind": str, "decision": (type(None), {"value": object, "reason": {"*": str}})}],
}
INDEX = {
    "schema": str, "languages": [str],
    "families": [{"id": str, "service": str, "kind": str, "title": LANGS, "urls": LANGS, "entries": int}],
    "entries": [{"key": str, "code": str, "family": str, "aliases": [str], "urls": LANGS, "api": str}],
    "spellings": {"*": [str]},
}
LOOKUP = {
    "schema": str, "language": str, "families": {"*": str},
    "entries": {"*": {"code": str, "family": str, "url": str,
                      "statuses": [{"status": int, "when": (str, type(None))}],
                      "texts": {"*": str}, "unofficial": [str], "names": [str]}},
    "spellings": {"*": [str]}, "anywhere": [str],
    "cases": [{"key": str, "message": str, "anchor": str}],
}
TEXTS = {
    "schema": str, "language": str, "entries": {"*": {"texts": {"*": str}, "unofficial": [str]}},
    "cases": [{"key": str, "message": str, "anchor": str}],
}


def check(value, shape, path="$"):
    """Problems of ``value`` against ``shape``, one string each."""
    if shape is object:
        return []
    if isinstance(shape, tuple):
        options = [check(value, s, path) for s in shape]
        return [] if any(not o for o in options) else min(options, key=len)
    if isinstance(shape, list):
        if not isinstance(value, list):
            return [f"{path}: expected a list, got {type(value).__name__}"]
        return [p for i, v in enumerate(value) for p in check(v, shape[0], f"{path}[{i}]")]
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            return [f"{path}: expected an object, got {type(value).__name__}"]
        if "*" in shape:
            return [p for k, v in value.items() for p in check(v, shape["*"], f"{path}.{k}")]
        out = [f"{path}: keys {sorted(value)} != {sorted(shape)}"] if set(value) != set(shape) else []
        return out + [p for k in shape if k in value for p in check(value[k], shape[k], f"{path}.{k}")]
    if shape is int and isinstance(value, bool):
        return [f"{path}: expected int, got bool"]
    return [] if isinstance(value, shape) else [f"{path}: expected {shape.__name__}, got {value!r}"]


@pytest.fixture(scope="module")
def project():
    return load_valid_project(FIXTURE_SOURCE)


def load(site, path):
    return json.loads((site / path).read_text(encoding="utf-8"))


def test_every_entry_has_its_document(built_site, project):
    keys = list(project.reconciliation.resolved)
    assert len(keys) == 14
    for key in keys:
        path = urls.entry_api(key)
        family_id, _, code = key.partition("/")
        assert path == f"api/v1/{family_id}/{urls.slug(code)}.json"
        doc = load(built_site, path)
        assert doc["schema"] == "errdocs-entry/1" and doc["key"] == key and doc["api"] == path
        for lang, url in doc["urls"].items():  # the page beside it, same slug
            assert (built_site / url / "index.html").is_file(), url
            assert url == urls.url_of(urls.entry(lang, key))
    written = sorted(str(p.relative_to(built_site)) for p in (built_site / "api/v1").glob("*/*.json"))
    assert written == sorted(urls.entry_api(k) for k in keys)


def test_slugged_paths(built_site):
    assert (built_site / "api/v1/cos-xml-api/Evil~2EText_1.json").is_file()
    assert (built_site / "api/v1/ci-download/-46618.json").is_file()


def test_index_lists_every_entry(built_site, project):
    index = load(built_site, urls.API_INDEX)
    assert index["schema"] == "errdocs-index/1"
    assert [e["key"] for e in index["entries"]] == list(project.reconciliation.resolved)
    assert [f["id"] for f in index["families"]] == list(project.catalog.families)
    assert sum(f["entries"] for f in index["families"]) == len(index["entries"])
    for e in index["entries"]:
        assert (built_site / e["api"]).is_file()
        assert load(built_site, e["api"])["urls"] == e["urls"]
    for f in index["families"]:
        for url in f["urls"].values():
            assert (built_site / url / "index.html").is_file()


def test_documents_have_the_documented_shape(built_site, project):
    assert check(load(built_site, urls.API_INDEX), INDEX) == []
    for lang in urls.LANGS:
        lookup, texts = load(built_site, urls.lookup_json(lang)), load(built_site, urls.texts_json(lang))
        assert check(lookup, LOOKUP) == [] and check(texts, TEXTS) == []
        # the texts are the lookup's, nothing more or less (the other language's search reads them)
        assert {k: (e["texts"], e["unofficial"]) for k, e in lookup["entries"].items()} == \
            {k: (e["texts"], e["unofficial"]) for k, e in texts["entries"].items()}
        assert texts["cases"] == lookup["cases"] and texts["language"] == lang
    for key in project.reconciliation.resolved:
        assert check(load(built_site, urls.entry_api(key)), ENTRY) == [], key


def test_shape_checker_catches_mistakes():
    good = {"key": "a", "api": "b"}
    assert check(good, REF) == []
    assert check({"key": "a"}, REF)
    assert check({"key": 1, "api": "b"}, REF)
    assert check([good, {"key": "a", "api": None}], [REF])
    assert check({"status": True, "when": None}, ENTRY["statuses"][0])


def test_alias_resolves_via_the_index(built_site):
    index = load(built_site, urls.API_INDEX)
    by_key = {e["key"]: e for e in index["entries"]}
    for spelling, key in [("InternalErrror", "cos-xml-api/InternalError"),
                          ("Access Denied", "cos-xml-api/AccessDenied"),
                          ("访问被拒绝/403?#%", "cos-xml-api/AccessDenied")]:
        [found] = index["spellings"][spelling.lower()]
        assert found == key
        doc = load(built_site, by_key[found]["api"])
        assert spelling in doc["aliases"]
    # entries spelled so first, then the numeric entry whose table gives AccessDenied as its string code
    assert index["spellings"]["accessdenied"] == ["cos-xml-api/AccessDenied", "ci-media-api/AccessDenied",
                                                  "ci-media-numeric/1018"]
    assert index["spellings"]["-46618"] == ["ci-download/-46618"]


def test_entry_document_content(built_site):
    doc = load(built_site, "api/v1/ci-media-api/AccessDenied.json")
    assert [s["status"] for s in doc["statuses"]] == [401, 403]
    assert doc["statuses"][0]["when"] == {"en": "the request has no valid credentials", "zh": "请求没有有效的凭证"}
    assert doc["urls"] == {"en": "ci-media-api/AccessDenied/", "zh": "zh/ci-media-api/AccessDenied/"}
    key = load(built_site, "api/v1/cos-xml-api/NoSuchKey.json")
    assert key["texts"]["description"]["zh"]["official"] is False
    assert key["texts"]["description"]["en"]["official"] is True
    assert key["related"] == [{"key": "cos-xml-api/AccessDenied", "api": "api/v1/cos-xml-api/AccessDenied.json"},
                              {"key": "cos-xml-api/NoSuchBucket", "api": "api/v1/cos-xml-api/NoSuchBucket.json"}]
    paired = load(built_site, "api/v1/ci-media-numeric/1013.json")
    assert {"key": "ci-media-api/InvalidAuthorization",
            "api": "api/v1/ci-media-api/InvalidAuthorization.json"} in paired["paired"]


def test_output_is_deterministic(built_site, project):
    """What the build wrote is what the documents serialise to again: sorted keys, no timestamps."""
    files = list(api.api_files(project))
    assert len(files) == 14 + 5  # entries + index + a lookup and a texts document per language
    for path, data in files:
        text = (built_site / path).read_text(encoding="utf-8")
        assert text == api.dumps(data) == api.dumps(json.loads(text)), path
    assert [p for p, _ in api.api_files(project)] == [p for p, _ in files]


def test_lookup_marks_what_may_match_anywhere(built_site):
    en = load(built_site, "api/v1/lookup.en.json")
    assert "nosuchkey" in en["anywhere"] and "internalerrror" in en["anywhere"]
    assert "-46618" not in en["anywhere"] and "access denied" not in en["anywhere"]
    assert en["entries"]["cos-xml-api/NoSuchKey"]["url"] == "cos-xml-api/NoSuchKey/"
    zh = load(built_site, "api/v1/lookup.zh.json")
    assert zh["entries"]["cos-xml-api/NoSuchKey"]["url"] == "zh/cos-xml-api/NoSuchKey/"
    assert zh["entries"]["cos-xml-api/NoSuchKey"]["unofficial"] == ["description"]


def test_real_catalog_documents():
    """The real catalog: one document per entry at distinct paths, all of the documented shape."""
    real = load_valid_project(FIXTURE_SOURCE.parent.parent.parent / "source")
    files = dict(api.api_files(real))
    entries = [p for p in files if p.count("/") == 3]
    assert len(entries) == len(real.reconciliation.resolved)
    assert len({p.lower() for p in entries}) == len(entries)  # no clash on case-insensitive disks
    assert check(files[urls.API_INDEX], INDEX) == []
    assert len(files[urls.API_INDEX]["entries"]) == len(entries)
    assert len(files[urls.API_INDEX]["families"]) == len(real.catalog.families)
    for lang in urls.LANGS:
        assert check(files[urls.lookup_json(lang)], LOOKUP) == []
    problems = [p for path in entries for p in check(files[path], ENTRY, path)]
    assert problems == []
    spellings = files[urls.API_INDEX]["spellings"]
    assert spellings["internalerrror"] == ["cos-xml-api/InternalError"]
    assert "-46618" in spellings and "other" not in files[urls.lookup_json("en")]["anywhere"]
