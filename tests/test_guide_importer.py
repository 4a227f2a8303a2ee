"""The troubleshooting-guide importer: real revisions from the upstream replicas, and variations."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from generator.importers import detect_format, import_text
from generator.importers.guide import links_in
from generator.model import Revision

ROOT = Path(__file__).resolve().parent.parent
GUIDE_DIR = "对象存储/故障处理/"


def guide(text: str, language: str = "en"):
    rev = Revision("t.intl.en.2024-01-01", "t", "intl", language, "2024-01-01", "t.md", "guide")
    return import_text(text, rev)


@pytest.fixture(scope="module")
def real_guides(tmp_path_factory) -> dict[str, tuple[str, str]]:
    """Every distinct content of every troubleshooting page in the intl replica: blob -> (path, text)."""
    folder = Path(os.environ.get("ERRDOCS_UPSTREAM_GIT", ROOT.parent / "shared" / "upstream-git"))
    bundle = folder / "intlcloud-documents.bundle"
    if not bundle.is_file():
        pytest.fail(f"upstream replica not found: {bundle}; set ERRDOCS_UPSTREAM_GIT")
    repo = tmp_path_factory.mktemp("intl") / "repo"
    subprocess.run(["git", "clone", "-q", "--bare", str(bundle), str(repo)], check=True)
    listing = subprocess.run(["git", "-C", str(repo), "-c", "core.quotepath=off", "log", "--format=",
                              "--raw", "--no-abbrev", "--first-parent", "master"],
                             check=True, capture_output=True, text=True).stdout
    found: dict[str, tuple[str, str]] = {}
    for line in listing.splitlines():
        meta, _, path = line.partition("\t")
        path = path.split("\t")[-1]
        blob = meta.split()[3] if meta.startswith(":") else ""
        if GUIDE_DIR in path and path.endswith(".md") and set(blob) != {"0"} and blob not in found:
            text = subprocess.run(["git", "-C", str(repo), "cat-file", "blob", blob], check=True,
                                  capture_output=True).stdout.decode("utf-8")
            found[blob] = (path, text)
    return found


def test_every_real_revision_reads_into_cases_with_steps(real_guides):
    assert len(real_guides) >= 20
    for blob, (path, text) in real_guides.items():
        assert detect_format(text) == "guide", path
        result = guide(text)
        assert result.rows == []
        assert result.cases, path
        assert not [w for w in result.warnings if "repaired" not in w.message], (path, result.warnings)
        for case in result.cases:
            assert case.steps, (path, case.title)
            assert case.line >= 1


def test_real_403_guide_cases(real_guides):
    pages = [(p, t) for p, t in real_guides.values() if "403错误码" in p]
    assert len(pages) >= 8
    for path, text in pages:
        cases = guide(text).cases
        by_message = {c.message: c for c in cases}
        referer = by_message["You are denied by bucket referer rule"]
        assert (referer.code, referer.status) == ("AccessDenied", 403)
        assert [s.number for s in referer.steps] == [1, 2, 3, 4, 5, 6]
        # step 5 asks a question; its two answers are branches, and step 6 carries the curl command
        assert len(referer.steps[4].branches) == 2
        assert referer.steps[5].commands and referer.steps[5].commands[0].startswith("curl ")
        denied = by_message["Access Denied."]
        assert len(denied.steps) == 10 and denied.steps[6].notes  # the note on policy priority
        assert {"AccessForbidden", "InvalidAccessKeyId", "RequestTimeTooSkewed"} <= set(by_message)
        assert {c.code for c in cases} == {"AccessDenied"}


def test_real_one_case_pages(real_guides):
    cdn = [t for p, t in real_guides.values() if "CDN" in p]
    nosuchkey = [t for p, t in real_guides.values() if "404 NoSuchKey" in p]
    assert cdn and nosuchkey
    for text in cdn:
        (case,) = guide(text).cases
        assert (case.code, case.message, case.status) == (None, None, 403)
        assert len(case.steps) == 6 and case.causes
    for text in nosuchkey:
        (case,) = guide(text).cases
        assert (case.code, case.status) == ("NoSuchKey", 404)
        assert len(case.causes) == 2
        # one unnumbered step with its two answers
        assert case.steps[0].number is None and len(case.steps[0].branches) == 2
        assert any(link.image for link in case.links)  # the screenshot stays a link


def test_real_post_object_guide(real_guides):
    pages = [t for p, t in real_guides.values() if "POST Object" in p]
    assert pages
    for text in pages:
        cases = guide(text).cases
        assert len(cases) == 7
        assert {c.code for c in cases} == {"AccessDenied", "SignatureDoesNotMatch", "InvalidPolicyDocument",
                                           "MalformedPOSTRequest"}
        assert "Condition key q-ak doesn't match the value XXXXXX" in {c.message for c in cases}  # &apos; read
        assert all(c.status is None and c.causes for c in cases)
        assert cases[0].anchor == "AccessDenied_q-ak"


def test_other_heading_levels_and_sections():
    text = """# Symptom

Requests fail with 403.

#### Message: "Denied here"

```
<Code>AccessDenied</Code>
<Message>Denied here</Message>
```

##### Why

- The key is wrong.

##### What to do

1. Fix the key.
2. Retry.

#### Message: "Other"

```
<Code>AccessDenied</Code>
<Message>Other</Message>
```
Retry later.
"""
    cases = guide(text).cases
    assert [(c.message, c.status, len(c.steps), c.line) for c in cases] == [("Denied here", 403, 2, 5), ("Other", 403, 1, 21)]
    assert cases[0].causes == ["The key is wrong."]


def test_message_without_code_block():
    text = """## Problem

Something fails.

### Message 为 “Request has expired”

请重新设置签名的有效时间。

## Message: 'Inline'

The response carries <Code>RequestTimeTooSkewed</Code> here; sync the clock.
"""
    first, second = guide(text).cases
    assert (first.code, first.message) == (None, "Request has expired")
    assert [s.text for s in first.steps] == ["请重新设置签名的有效时间。"]
    assert (second.code, second.message) == ("RequestTimeTooSkewed", "Inline")


def test_steps_without_numbers_and_nested_branches():
    text = """## Symptom

HTTP 404 NoSuchKey.

## Troubleshooting

### Message: "X"

- Check the name.
- Check the case.
  - If so, go on.
  - If not, rename it.
    - Renaming keeps the ACL.

### Message: "Y"

1. First.
 - If so, stop.
   1. Sub-step one.
   2. Sub-step two.
 - If not, go on.
2. Second.
"""
    x, y = guide(text).cases
    assert [s.text for s in x.steps] == ["Check the name.", "Check the case."]
    assert all(s.number is None for s in x.steps)
    answers = x.steps[1].branches
    assert [b.text for b in answers] == ["If so, go on.", "If not, rename it."]
    assert [b.text for b in answers[1].branches] == ["Renaming keeps the ACL."]
    assert [s.number for s in y.steps] == [1, 2]
    so, no = y.steps[0].branches
    assert [b.number for b in so.branches] == [1, 2] and no.text == "If not, go on."
    assert (x.status, x.code) == (404, None)  # the page's status; no code without a <Code>


def test_hostile_text_is_kept_literally():
    text = """## Symptom

<script>alert("x")</script> 403

### Message: "<img src=x onerror=alert(1)>"

```
<Code>Access<b>Denied</b></Code>
<Message><img src=x onerror=alert(1)></Message>
```

1. Click [here](javascript:alert(1)) then **<iframe>** `$(rm -rf /)` {{ config }} {% raw %}
 - If so, ![](https://example.invalid/a.png) &amp; done.
"""
    result = guide(text)
    (case,) = result.cases
    assert case.message == "<img src=x onerror=alert(1)>"
    assert case.code == "Access<b>Denied</b>"  # not a code the catalog knows: `check` reports it
    step = case.steps[0]
    assert step.text == "Click [here](javascript:alert(1)) then **<iframe>** `$(rm -rf /)` {{ config }} {% raw %}"
    assert step.branches[0].text == "If so, ![](https://example.invalid/a.png) &amp; done."
    assert [(l.url, l.image) for l in case.links] == [("javascript:alert(1)", False),
                                                      ("https://example.invalid/a.png", True)]


def test_located_warnings():
    result = guide("## Symptom\n\nBroken.\n\n### Message: \"A\"\n\n```\n<Code>A</Code>\n")
    assert any("never closed" in w.message and w.line == 7 for w in result.warnings)
    assert any("no steps" in w.message and w.line == 5 for w in result.warnings)
    empty = guide("## Symptom\n\nNothing else.\n")
    assert empty.cases == [] and "no troubleshooting case" in empty.warnings[0].message


def test_in_page_anchors_are_not_links():
    assert links_in("see [x](#message-1) and [y](https://a.example/b_(c))") == [
        __import__("generator.model", fromlist=["Link"]).Link("y", "https://a.example/b_(c)")]


def test_import_cli_json_contract(real_guides, tmp_path):
    path, text = next((p, t) for p, t in real_guides.values() if "403错误码" in p and p.endswith("_en.md"))
    target = tmp_path / "cos-403-guide.intl.en.2023-07-12.md"
    target.write_text(text, encoding="utf-8")
    out = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-m", "generator", "import", str(target),
                          "--json", "--source", str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert list(doc) == ["revision", "rows", "cases"]
    assert doc["revision"]["format"] == "guide" and doc["rows"] == []
    for case in doc["cases"]:
        assert list(case) == ["title", "code", "message", "status", "line", "steps"]
        assert isinstance(case["line"], int) and isinstance(case["steps"], int)
    referer = next(c for c in doc["cases"] if c["message"] == "You are denied by bucket referer rule")
    assert (referer["code"], referer["status"], referer["steps"]) == ("AccessDenied", 403, 6)
    assert text.splitlines()[referer["line"] - 1].startswith("### ")


def test_codes_snapshots_are_not_read_as_guides():
    for path in sorted((ROOT / "source" / "upstream").iterdir()):
        if path.name == "INDEX.md" or ".guide" in path.name or "-guide." in path.name:
            continue
        assert detect_format(path.read_text(encoding="utf-8", errors="replace")) != "guide", path


def test_every_registered_guide_revision_reads(real_guides):
    from generator.importers import import_file
    from generator.revision import load_revisions

    guides = [r for r in load_revisions(ROOT / "source") if r.format == "guide"]
    assert len(guides) == len(real_guides) == 23
    assert {(r.page, r.language) for r in guides} == {(p, lang) for p in ("cos-403-guide", "cos-cdn-403-guide",
                                                                         "cos-404-guide", "cos-post-object-guide")
                                                     for lang in ("en", "zh")}
    for rev in guides:
        result = import_file(ROOT / "source" / rev.path, rev)
        assert result.cases and all(case.steps for case in result.cases), rev.id
