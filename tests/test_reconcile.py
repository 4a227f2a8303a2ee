"""Reconciliation on small hand-made projects: each conflict kind detected, decided, resolved."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from generator.cli import main
from generator.project import load_project

OLD = """\
## Error codes

**4XX errors**

| Error Code | Description | HTTP Status Code |
| --- | --- | --- |
| NoSuchKye | The key does not exist | 404 Not Found |
| AppendPositionErr | Position mismatch | 400 Bad Request |
| SlowDown | Slow down | 503 Slow Down |
| Twice | First listing | 400 Bad Request |
| Twice | Second listing | 400 Bad Request |

**Image download errors**

| Error Code | Description |
| --- | --- |
| -3006 | Encrypted file |
"""

NEW = """\
## Error codes

### 4xx errors

| HTTP Status Code | Error Code | Description |
| --- | --- | --- |
| 404 Not Found | NoSuchKey | The specified key does not exist |
| 409 Conflict | AppendPositionErr | The position does not match |
| 503 Service Unavailable | SlowDown | Reduce your request rate |
| 400 Bad Request | Twice | Listed once now |

### File preview errors

| Error Code | Description |
| --- | --- |
| -3006 | The file is encrypted |

### Image download errors

| Error Code | Description |
| --- | --- |
| -3006 | The file is encrypted |
"""

ZH = """\
**4XX 类型错误**

| 错误码 | 描述 | HTTP 状态码 |
| --- | --- | --- |
| NoSuchKey | 指定的对象键不存在 | 404 Not Found |
"""

REVISIONS = """\
revisions:
  - id: demo-errors.cn.en.2017-01-01
    page: demo-errors
    edition: cn
    language: en
    date: "2017-01-01"
    file: upstream/demo-errors.cn.en.2017-01-01.md
    format: markdown
    origin:
      path: demo.md
  - id: demo-errors.intl.en.2020-01-01
    page: demo-errors
    edition: intl
    language: en
    date: "2020-01-01"
    file: upstream/demo-errors.intl.en.2020-01-01.md
    format: markdown
    origin:
      path: demo.md
  - id: demo-errors.cn.zh.2019-01-01
    page: demo-errors
    edition: cn
    language: zh
    date: "2019-01-01"
    file: upstream/demo-errors.cn.zh.2019-01-01.md
    format: markdown
    origin:
      path: demo.md
"""

SERVICES = """\
services:
  - id: demo
    title: {en: Demo, zh: 演示}
    summary: {en: Demo service., zh: 演示服务。}
    families: [demo-api, demo-download, demo-preview]
"""


def family(fid: str, section: str, entries: str, kind: str = "string", extra: str = "") -> str:
    return textwrap.dedent(f"""\
        # {fid}
        id: {fid}
        title: {{en: {fid}, zh: {fid}}}
        summary: {{en: About {fid}., zh: 关于 {fid}。}}
        kind: {kind}
        sources:
          - page: demo-errors
            section: '{section}'
        """) + extra + "entries:\n" + textwrap.indent(textwrap.dedent(entries), "  ")


API_UNDECIDED = """\
- code: NoSuchKey
  aliases: [NoSuchKye]
- code: AppendPositionErr
  text:
    description: {zh: 位置不匹配}
- code: SlowDown
  text:
    description: {zh: 请降低请求频率}
- code: Twice
  text:
    description: {zh: 出现两次}
"""

NUMERIC = """\
- code: -3006
  text:
    description: {zh: 文件已加密}
"""


def make_project(tmp_path: Path, api_entries: str = API_UNDECIDED, preview_extra: str = "") -> Path:
    src = tmp_path / "source"
    (src / "upstream").mkdir(parents=True)
    (src / "catalog").mkdir()
    (src / "upstream" / "demo-errors.cn.en.2017-01-01.md").write_text(OLD, encoding="utf-8")
    (src / "upstream" / "demo-errors.intl.en.2020-01-01.md").write_text(NEW, encoding="utf-8")
    (src / "upstream" / "demo-errors.cn.zh.2019-01-01.md").write_text(ZH, encoding="utf-8")
    (src / "revisions.yaml").write_text(REVISIONS, encoding="utf-8")
    (src / "catalog" / "services.yaml").write_text(SERVICES, encoding="utf-8")
    (src / "catalog" / "demo-api.yaml").write_text(family("demo-api", "xx", api_entries), encoding="utf-8")
    (src / "catalog" / "demo-download.yaml").write_text(
        family("demo-download", "download", NUMERIC, "numeric"), encoding="utf-8")
    (src / "catalog" / "demo-preview.yaml").write_text(
        family("demo-preview", "preview", NUMERIC, "numeric", preview_extra), encoding="utf-8")
    return src


def kinds(project) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for c in project.reconciliation.conflicts:
        out.setdefault(c.kind, []).extend(c.entries)
    return out


def test_every_kind_is_detected_from_evidence(tmp_path):
    project = load_project(make_project(tmp_path))
    assert kinds(project) == {
        "spelling": ["demo-api/NoSuchKey"],
        "status": ["demo-api/AppendPositionErr"],
        "malformed-status": ["demo-api/SlowDown"],
        "duplicate": ["demo-api/Twice"],
        "shared-code": ["demo-download/-3006", "demo-preview/-3006"],
        "wording": ["demo-api/SlowDown"],  # "Slow down" became "Reduce your request rate"
    }
    assert len(project.reconciliation.undecided) == 6
    spelling = next(c for c in project.reconciliation.conflicts if c.kind == "spelling")
    assert [(e["revision"], e["value"]) for e in spelling.evidence] == [
        ("demo-errors.cn.en.2017-01-01", "NoSuchKye"),
        ("demo-errors.cn.zh.2019-01-01", "NoSuchKey"),
        ("demo-errors.intl.en.2020-01-01", "NoSuchKey"),
    ]


def test_undecided_conflicts_fail_check_with_located_messages(tmp_path, capsys):
    src = make_project(tmp_path)
    assert main(["check", "--source", str(src)]) == 1
    captured = capsys.readouterr()
    err = captured.err
    api = src / "catalog" / "demo-api.yaml"
    assert (f"{api}:12:5: undecided status conflict: AppendPositionErr has different statuses: "
            f"400, 409; record decisions.status with a value and a reason") in err
    assert (f"{api}:15:5: undecided malformed-status conflict: SlowDown has a malformed status: "
            f"'503 Slow Down'; record decisions.malformed-status with a value and a reason") in err
    download = src / "catalog" / "demo-download.yaml"
    assert (f"{download}:10:5: undecided shared-code conflict: -3006 appears in tables of several "
            f"families: demo-download/-3006, demo-preview/-3006; record decisions.shared-code with a "
            f"reason (on either entry or family)") in err
    assert (f"{api}:15:5: undecided wording conflict: a newer wording of SlowDown changes its key terms: "
            f"description (en) demo-errors.cn.en.2017-01-01 → demo-errors.intl.en.2020-01-01: no word in common; record "
            f"decisions.wording with a reason, and as value the revision whose wording to show where it is not "
            f"the newest") in err
    assert "0/6 conflicts decided" in captured.out and "6 error(s)" in captured.out


DECIDED = """\
- code: NoSuchKey
  aliases: [NoSuchKye]
  decisions:
    spelling:
      reason: {en: Typo fixed in 2020., zh: 2020 年修正了拼写。}
- code: AppendPositionErr
  text:
    description: {zh: 位置不匹配}
  decisions:
    status:
      value: 409
      reason: {en: Newer pages say 409., zh: 新页面为 409。}
- code: SlowDown
  text:
    description: {zh: 请降低请求频率}
  decisions:
    malformed-status:
      value: 503
      reason: {en: Code name used as phrase., zh: 用错误码名称作短语。}
    wording:
      reason: {en: Both ask to slow down., zh: 两者都要求降低请求频率。}
- code: Twice
  text:
    description: {zh: 出现两次}
  decisions:
    duplicate:
      reason: {en: Same row twice., zh: 同一行出现两次。}
"""

SHARED = """\
decisions:
  shared-code:
    reason: {en: Same codes in two tables., zh: 两张表中的相同错误码。}
"""


def test_decisions_settle_conflicts_and_resolve_entries(tmp_path, capsys):
    src = make_project(tmp_path, DECIDED, SHARED)
    project = load_project(src)
    assert project.errors == []
    assert project.reconciliation.undecided == []
    resolved = project.reconciliation.resolved
    assert [s.status for s in resolved["demo-api/AppendPositionErr"].statuses] == [409]
    key = resolved["demo-api/NoSuchKey"]
    # newest official wording per language, naming its revision
    assert key.texts["description"]["en"].text == "The specified key does not exist"
    assert key.texts["description"]["en"].revision == "demo-errors.intl.en.2020-01-01"
    assert key.texts["description"]["zh"].revision == "demo-errors.cn.zh.2019-01-01"
    # the project's own translation where no revision gives the language
    own = resolved["demo-api/Twice"].texts["description"]["zh"]
    assert (own.text, own.official) == ("出现两次", False)
    assert main(["check", "--source", str(src), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert {k: summary[k] for k in ("entries", "revisions", "rows", "rows_covered", "conflicts",
                                     "conflicts_decided", "entries_bilingual", "errors")} == {
        "entries": 6, "revisions": 3, "rows": 13, "rows_covered": 13, "conflicts": 6,
        "conflicts_decided": 6, "entries_bilingual": 6, "errors": 0}


def test_a_wording_decision_chooses_an_earlier_wording(tmp_path, capsys):
    chosen = DECIDED.replace("    wording:\n      reason:", "    wording:\n      value: demo-errors.cn.en.2017-01-01\n      reason:")
    project = load_project(make_project(tmp_path, chosen, SHARED))
    assert project.errors == []
    tv = project.reconciliation.resolved["demo-api/SlowDown"].texts["description"]["en"]
    assert (tv.text, tv.revision, tv.newer) == ("Slow down", "demo-errors.cn.en.2017-01-01", "demo-errors.intl.en.2020-01-01")
    # a revision of the entry's other language, or none of its revisions, is no choice
    for value, message in (("demo-errors.cn.zh.2019-01-01", "gives no description or action of this entry"),
                           ("demo-errors.cn.en.1999-01-01", "gives no description or action of this entry"),
                           ("not a revision", "invalid value 'not a revision'; a revision id")):
        bad = DECIDED.replace("    wording:\n      reason:", f"    wording:\n      value: {value}\n      reason:")
        src = make_project(tmp_path / value.replace(" ", "-"), bad, SHARED)
        assert main(["check", "--source", str(src)]) == 1
        err = capsys.readouterr().err
        assert message in err and f"{src / 'catalog' / 'demo-api.yaml'}:" in err


def test_own_text_superseded_by_official_wording_is_a_warning(tmp_path):
    entries = DECIDED.replace("description: {zh: 位置不匹配}", "description: {zh: 位置不匹配, en: Mine}")
    project = load_project(make_project(tmp_path, entries, SHARED))
    assert project.errors == []
    assert any("own text.description.en is superseded by the official wording of "
               "demo-errors.intl.en.2020-01-01; remove it" in p.message for p in project.warnings)
    text = project.reconciliation.resolved["demo-api/AppendPositionErr"].texts["description"]["en"]
    assert text.text == "The position does not match"


def test_stale_decision_is_a_warning(tmp_path):
    entries = DECIDED + """\
- code: Unrelated
  text:
    description: {en: Never seen upstream, zh: 上游从未出现}
  decisions:
    status:
      value: 400
      reason: {en: Old., zh: 旧的。}
"""
    project = load_project(make_project(tmp_path, entries, SHARED))
    assert any("Unrelated: decision on 'status' but no such conflict is detected" in p.message
               for p in project.warnings)


def test_similar_codes_need_a_decision(tmp_path):
    entries = DECIDED + """\
- code: NoSuchKeys
  text:
    description: {en: Plural, zh: 复数}
"""
    project = load_project(make_project(tmp_path, entries, SHARED))
    similar = [c for c in project.reconciliation.conflicts if c.kind == "similar-code"]
    assert [c.entries for c in similar] == [["demo-api/NoSuchKey", "demo-api/NoSuchKeys"]]
    assert similar[0].decision is None


def test_uncovered_row_suggests_the_close_spelling(tmp_path):
    entries = DECIDED.replace("  aliases: [NoSuchKye]\n", "")
    project = load_project(make_project(tmp_path, entries, SHARED))
    old = tmp_path / "source" / "upstream" / "demo-errors.cn.en.2017-01-01.md"
    assert [str(p) for p in project.errors if "matches no entry" in p.message] == [
        f"{old}:7:1: code 'NoSuchKye' (section '4XX errors') matches no entry of family demo-api; "
        f"did you mean 'NoSuchKey'? add it to that entry's aliases or add an entry"]


def test_real_catalog_passes_check_with_full_coverage(capsys):
    assert main(["check", "--json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert s["errors"] == 0
    assert s["rows"] == s["rows_covered"] > 2000
    assert s["conflicts"] == s["conflicts_decided"] > 50
    assert s["entries"] == s["entries_bilingual"] > 500


@pytest.fixture(scope="module")
def real_project():
    return load_project("source")


@pytest.mark.parametrize("code, statuses", [
    ("cos-xml-api/AppendPositionErr", [409]),
    ("cos-xml-api/InvalidObjectState", [403, 409]),
    ("cos-xml-api/NoSuchKey", [404]),
    ("ci-download/-46618", []),
])
def test_real_catalog_resolves_statuses(real_project, code, statuses):
    assert [s.status for s in real_project.reconciliation.resolved[code].statuses] == statuses


def test_conflict_summaries_in_both_languages(tmp_path):
    project = load_project(make_project(tmp_path))
    status = next(c for c in project.reconciliation.conflicts if c.kind == "status")
    assert status.summary_in("en") == "AppendPositionErr has different statuses: 400, 409"
    assert status.summary_in("zh") == "AppendPositionErr 的 HTTP 状态码不一致：400, 409"
