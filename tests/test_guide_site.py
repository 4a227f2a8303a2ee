"""Troubleshooting cases on the site: the AccessDenied page in both languages, the status index, and a
guide full of hostile text shown literally."""

from __future__ import annotations

import re

import pytest
from conftest import build, write_config
from helpers import FAMILY, FAMILY_YAML, REVISIONS, REVISIONS_YAML, make_project, replace_once
from test_hostile_text import parse, text_of

from generator.importers import import_file
from generator.revision import load_revisions
from generator.site.guides import case_anchor

from helpers import REAL_SOURCE


def _newest(page: str, lang: str):
    revs = [r for r in load_revisions(REAL_SOURCE) if r.page == page and r.language == lang]
    return max(revs, key=lambda r: (r.date, r.id))


@pytest.mark.parametrize("lang,heading", [("en", "If you see this message"), ("zh", "如果看到此消息")])
def test_access_denied_page_shows_every_403_case_with_its_steps(real_site, lang, heading):
    prefix = "" if lang == "en" else "zh/"
    page = (real_site / prefix / "cos-xml-api" / "AccessDenied" / "index.html").read_text(encoding="utf-8")
    assert f'id="if-you-see"></span>{heading}</h2>' in page
    rev = _newest("cos-403-guide", lang)
    cases = import_file(REAL_SOURCE / rev.path, rev).cases
    assert len(cases) == 8
    for case in cases:
        anchor = case_anchor("cos-403-guide", case)
        m = re.search(rf'<section class="errdocs-case" id="{anchor}" lang="{lang}">(.*?)</section>', page, re.S)
        assert m, anchor
        block = m.group(1)
        assert f"&lt;Message&gt;{case.message}&lt;/Message&gt;" in block.replace("&#39;", "'")
        top = re.search(r'<(ol|ul) class="errdocs-steps">(.*)</\1>', block, re.S).group(2)
        # top-level items: those not inside a nested list
        depth, items = 0, 0
        for tag in re.findall(r"<(/?)(ol|ul|li)\b", top):
            if tag[1] in ("ol", "ul"):
                depth += -1 if tag[0] else 1
            elif tag == ("", "li") and depth == 0:
                items += 1
        assert items == len(case.steps), anchor
        assert f"{rev.id}".split(".")[-1] in block and "github.com/tencentyun/intlcloud-documents/blob/" in block
    # a message that is another code links to that entry
    m = re.search(r'id="case-cos-403-invalidaccesskeyid".*?</section>', page, re.S)
    assert re.search(r'href="[./]*(zh/)?cos-xml-api/InvalidAccessKeyId/"', m.group(0))
    # the POST Object guide's AccessDenied cases too, and no case of another code
    assert 'id="case-cos-post-object-condition-key-q-ak-doesn-t-match-the-value-xxxxxx"' in page
    assert "The Signature you specified is invalid." not in page
    # images are links, never loaded
    assert not any(tag == "img" and "qcloudimg" in attrs.get("src", "") for tag, attrs in parse(page).tags)


def test_status_index_shows_the_bare_403_case(real_site):
    for prefix, lang in (("", "en"), ("zh/", "zh")):
        page = (real_site / prefix / "status" / "index.html").read_text(encoding="utf-8")
        section = re.search(r'<section class="errdocs-case" id="case-cos-cdn-403" lang="(\w+)">(.*?)</section>', page, re.S)
        assert section and section.group(1) == lang  # the CDN guide has a zh revision (2021-05-08)
        # the 403 row (and no other) links to the case, shown under the table
        row = re.search(r'<tr id="status-403">.*?</tr>', page, re.S).group(0)
        assert 'href="#case-cos-cdn-403"' in row and page.count('href="#case-cos-cdn-403"') == 2  # + its own "#"
        assert page.index("</table>") < section.start()


def test_bare_status_case_is_on_the_entries_of_its_family_with_that_status(real_site):
    """The CDN guide's bare 403 case (its page belongs to cos-xml-api) is on every cos-xml-api entry that
    responds 403, linked to the status index, and on no other entry page."""
    import json

    on, off = 0, 0
    for doc in sorted((real_site / "api" / "v1").glob("*/*.json")):
        entry = json.loads(doc.read_text(encoding="utf-8"))
        fits = entry["family"] == "cos-xml-api" and 403 in {s["status"] for s in entry["statuses"]}
        for lang in ("en", "zh"):
            page = (real_site / entry["urls"][lang] / "index.html").read_text(encoding="utf-8")
            shown = '<section class="errdocs-case" id="case-cos-cdn-403"' in page
            assert shown == fits, (entry["key"], lang)
            if shown:
                assert re.search(r'href="[./]*(zh/)?status/#status-403">HTTP 403</a>', page), entry["key"]
                assert 'id="if-you-see"' in page
        on, off = on + fits, off + (not fits)
    assert on >= 10 and off > 1000  # the real catalog: many 403 COS entries, and every other entry


HOSTILE = '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=1"> {{ 7*7 }} {% raw %} </textarea>'
GUIDE = f"""## Symptom

400 is returned. {HOSTILE}

## Troubleshooting

### Message: "{HOSTILE}"

```
<Code>InvalidArgument</Code>
<Message>{HOSTILE}</Message>
```

1. Click [here](javascript:alert(1)) or **{HOSTILE}** then `$(rm -rf /)`.
 - If so, see ![](https://example.invalid/shot.png) and [docs](https://example.invalid/d).
 - If not, {HOSTILE}
>! {HOSTILE}
```
{HOSTILE}
```
"""


@pytest.fixture(scope="module")
def hostile_guide_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-guide")
    revisions = REVISIONS_YAML + (
        "  - id: hostile-guide.intl.en.2024-01-01\n    page: hostile-guide\n    edition: intl\n    language: en\n"
        "    date: \"2024-01-01\"\n    file: upstream/hostile-guide.intl.en.2024-01-01.md\n    format: guide\n"
        "    origin:\n      path: \"made in the test\"\n")
    family = replace_once(FAMILY_YAML, "sources:\n", "sources:\n  - page: hostile-guide\n    section: ^\n")
    source = make_project(root, {REVISIONS: revisions, FAMILY: family,
                                 "source/upstream/hostile-guide.intl.en.2024-01-01.md": GUIDE})
    site = root / "site"
    result = build(write_config(root, source, site))
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_hostile_guide_text_is_shown_literally(hostile_guide_site, prefix):
    page = (hostile_guide_site / prefix / "ci-media-api" / "InvalidArgument" / "index.html").read_text(encoding="utf-8")
    for raw in ("<script>window.__pwned", "<img src=x", 'href="javascript:', "</textarea>"):
        assert raw not in page
    shown = text_of(page)
    assert shown.count(HOSTILE) >= 5  # heading, response, step, branch, note, command
    assert "Click [here](javascript:alert(1))" in shown and "$(rm -rf /)" in shown
    tags = parse(page).tags
    assert not any(tag == "img" and "example.invalid" in attrs.get("src", "") for tag, attrs in tags)
    assert any(tag == "a" and attrs.get("href") == "https://example.invalid/shot.png" for tag, attrs in tags)
    if prefix:  # the guide exists in English only: the Chinese page says so
        assert "此文档没有中文版本" in shown


@pytest.mark.parametrize("lang,says", [("en", "a troubleshooting guide has no error-code table"),
                                       ("zh", "故障处理文档没有错误码表格")])
def test_a_guide_revision_page_says_it_has_no_rows_instead_of_an_empty_table(real_site, lang, says):
    prefix = "" if lang == "en" else "zh/"
    guide = (real_site / prefix / "revisions" / _newest("cos-403-guide", lang).id / "index.html").read_text(encoding="utf-8")
    assert says in guide and "errdocs-revision-rows" not in guide
    assert "errdocs-revision-cases" in guide  # its cases, in their own table
    table = (real_site / prefix / "revisions" / _newest("cos-errors", lang).id / "index.html").read_text(encoding="utf-8")
    assert "errdocs-revision-rows" in table and says not in table
