"""One entry shape for both JSON outputs: the catalog record is the API document cut to one language."""

from __future__ import annotations

from conftest import FIXTURE_SOURCE

from generator.project import load_valid_project
from generator.site import urls
from generator.site.crosslinks import compute_links
from generator.site.entry_json import entry_document


def test_one_language_record_is_the_bilingual_document_cut_down():
    project = load_valid_project(FIXTURE_SOURCE)
    links = compute_links(project.reconciliation.resolved)
    for key, r in project.reconciliation.resolved.items():
        both = entry_document(r, links[key])
        assert both["api"] == urls.entry_api(key) and both["urls"] == urls.entry_urls(key)
        for lang in urls.LANGS:
            one = entry_document(r, links[key], lang)
            assert one["url"] == both["urls"][lang]
            assert one["texts"] == {kind: by_lang[lang] for kind, by_lang in both["texts"].items() if lang in by_lang}
            assert one["statuses"] == [dict(s, when=s["when"][lang] if s["when"] else None) for s in both["statuses"]]
            assert one["related"] == [ref["key"] for ref in both["related"]]
            assert one["conflicts"] == [c["id"] for c in both["conflicts"]]
            shared = ("key", "code", "family", "aliases", "names", "history")
            assert {k: one[k] for k in shared} == {k: both[k] for k in shared}
