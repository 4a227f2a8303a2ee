"""Issue 17, "every fact right": the rules that keep the real catalog's facts true, each
exercised on the real source the way a user meets it (lookup, API, links, check)."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest

from generator.cli.lookup import find
from generator.matching import string_codes
from generator.model import Row
from generator.project import load_project
from generator.site.api import spellings
from generator.site.crosslinks import compute_links
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent

#: ci-errors.intl.en.2023-01-18 lines 131-145: string codes given only in the "Error Message" column.
MEDIA_STRING_CODES = {
    "QueueNotFound": "1106", "TemplateNotFound": "1107", "BucketAlreadyBinded": "1100",
    "InvalidContentType": "1021", "BindedBucketNumLimit": "1109", "CreatedTemplateNumLimit": "1110",
    "MediaBucketUnBinded": "1111", "TemplateNameDuplicate": "1112",
    "ActiveWorkflowForbiddenUpdate": "1114", "WorkFlowNumLimit": "1120",
    "WriteTargetBucketDenied": "1124", "QueueNumLimit": "1145",
}


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT / "source")


def test_string_codes_of_a_row_name_message_and_variants():
    row = Row("r", "s", "-65011", None, None, {"name": "InvalidArgument", "message": "File is too large"}, 1,
              variants=[{"name": "ImageTooLarge", "message": "Input image's size exceeded limit"}])
    assert string_codes(row) == ["InvalidArgument", "ImageTooLarge"]
    media = Row("r", "s", "1106", None, None, {"message": "QueueNotFound", "description": "Queue not found"}, 1)
    assert string_codes(media) == ["QueueNotFound"]
    plain = Row("r", "s", "1", None, None, {"message": "Timeout"}, 1)
    assert string_codes(plain) == []


@pytest.mark.parametrize("name,code", sorted(MEDIA_STRING_CODES.items()))
def test_media_string_codes_are_found(project, name, code):
    key = f"ci-media-numeric/{code}"
    assert find(project, name)[0] == key
    assert find(project, name.lower())[0] == key
    assert key in spellings(project.reconciliation.resolved)[name.lower()]  # paste page and search


def test_lookup_cli_finds_a_string_code(capsys):
    rc, out, _ = run_cli(["lookup", "QueueNotFound", "--json", "--source", str(ROOT / "source")])
    assert rc == 0 and json.loads(out)[0]["key"] == "ci-media-numeric/1106"


def test_a_name_resolves_within_its_family_first(project):
    assert find(project, "ImageTooLarge")[0] == "cos-xml-api/ImageTooLarge"
    assert find(project, "ci-moderation/ImageTooLarge")[:2] == ["ci-moderation/-65011", "ci-moderation/-65024"]
    assert find(project, "ImageTooLarge", "ci-moderation")[-1] == "cos-xml-api/ImageTooLarge"
    links = compute_links(project.reconciliation.resolved)
    for key in ("ci-moderation/-65011", "ci-moderation/-65024"):
        assert "cos-xml-api/ImageTooLarge" not in links[key].paired
    assert "ci-media-api/AccessDenied" in links["ci-media-numeric/1018"].paired


# --- item 6: a reason that names a revision, a status or a code must match the evidence ------------

#: The two reasons the review found wrong, as they stood in the catalog (commit f8a846f).
OLD_PRECONDITION = ("'412 Precondition' (truncated reason phrase) until 2019-10-23 and again in intl.zh "
                    "2023-07-10; read as 412 Precondition Failed.")
OLD_WX_SHARED = ("The 2017 万象优图 page numbers codes per section: small numbers such as 1, 2 or -1 mean "
                 "different things in face recognition, pornography detection, OCR and the other sections.")


def _reason_problems(project, family_id, code, kind, text):
    from generator.reasons import check_reasons
    family = project.catalog.families[family_id]
    owner = family if code is None else next(e for e in family.entries if e.code == code)
    decision = owner.decisions[kind]
    saved = dict(decision.reason)
    decision.reason["en"] = text
    try:
        return [p.message for p in check_reasons(project.catalog, project.evidence)]
    finally:
        decision.reason.clear()
        decision.reason.update(saved)


def test_the_real_reasons_match_their_evidence(project):
    from generator.reasons import check_reasons
    assert check_reasons(project.catalog, project.evidence) == []


def test_old_precondition_reason_is_caught(project):
    found = _reason_problems(project, "cos-xml-api", "PreconditionFailed", "malformed-status", OLD_PRECONDITION)
    assert found == ["PreconditionFailed malformed-status reason (en) quotes status '412 Precondition' beside "
                     "cos-errors.intl.zh.2023-07-10, none of which writes it"]


def test_old_wx_shared_code_reason_is_caught(project):
    found = _reason_problems(project, "wx-face", None, "shared-code", OLD_WX_SHARED)
    assert [m.split(" lists code ")[1].split(",")[0] for m in found] == ["1", "2", "-1"]


def test_a_revision_that_does_not_exist_is_caught(project):
    found = _reason_problems(project, "cos-xml-api", "PreconditionFailed", "malformed-status",
                             "Listed in intl.en 2031-01-01 and cos-errors.cn.zh.1999-01-01.")
    assert len(found) == 2 and all("names revision" in m for m in found)


# --- item 7: an own translation is in its language ---------------------------------------------------

def test_own_translations_are_in_their_script(project):
    from generator.vocabulary import has_cjk
    for entry in project.catalog.entries:
        for kind, by_lang in entry.text.items():
            if "zh" in by_lang:
                assert has_cjk(by_lang["zh"]), (entry.key, kind)
            if "en" in by_lang:
                assert not has_cjk(by_lang["en"]), (entry.key, kind)


def test_english_only_message_is_shown_as_english(project):
    r = project.reconciliation.resolved["ci-moderation/-65001"]
    en, zh = r.texts["message"]["en"], r.texts["message"]["zh"]
    assert zh.text == en.text and zh.official and zh.language == "en" and en.language is None
    from generator.site.crosslinks import compute_links
    from generator.site.entry_json import entry_document
    doc = entry_document(r, compute_links({r.key: r})[r.key], "zh")
    assert doc["texts"]["message"]["language"] == "en" and doc["texts"]["description"]["language"] == "zh"


def test_check_rejects_english_as_own_chinese(tmp_path):
    """The old catalog's -65001 (English copied as the own Chinese message) fails check at its line."""
    import shutil
    from tests.helpers import check
    shutil.copytree(ROOT / "source", tmp_path / "source")
    path = tmp_path / "source" / "catalog" / "ci-moderation.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("        zh: 内部错误。\n", "        zh: 内部错误。\n      message:\n        zh: internal error, please try again.\n", 1)
    path.write_text(text, encoding="utf-8")
    code, lines, _ = check(tmp_path)
    errors = [line for line in lines if "warning:" not in line]
    line_no = text.splitlines().index("      message:") + 1
    where = f"source/catalog/ci-moderation.yaml:{line_no - 3}:5: -65001: own text.message.zh"
    assert code == 1 and errors == [
        f"{where} is not Chinese (no Chinese characters); translate it, or list the kind in the family's english_only",
        f"{where}, but family ci-moderation gives message in English only; remove it"]


# --- item 5: upstream markup is rendered, never leaked ---------------------------------------------

@functools.cache
def _text_template():
    from generator.site.render import Renderer
    return Renderer(ROOT / "templates").env.from_string('{% import "_macros.j2" as m with context %}{{ m.text(v) }}')


def _render_text(value: str) -> str:
    return _text_template().render(v=value, lang="en")  # the macro keeps joined words whole per page language


def _raw_cells(pattern):
    """``(snapshot, line, raw line)`` of every registered markdown snapshot line matching ``pattern``."""
    import re
    rx = re.compile(pattern, re.IGNORECASE)
    out = []
    for path in sorted((ROOT / "source" / "upstream").glob("*.md")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith("|") and rx.search(line):
                out.append((path.stem, n, line))
    return out


@pytest.mark.parametrize("pattern,html", [
    (r"</br>", "<br>"), (r"<br>", "<br>"), (r"<b>", None), (r"\]\(https?://", '<a href="http'),
    (r"`[^`]+`", None),
])
def test_every_upstream_markup_construct_renders(project, pattern, html):
    """Each construct met in upstream table cells: read by the importer, rendered by the macro;
    no tag ever shows as text."""
    rows = {(row.revision, row.line): row for row, _ in project.evidence.rows}
    cells = [(rev, n) for rev, n, _ in _raw_cells(pattern) if (rev, n) in rows]
    assert cells, pattern  # the construct is really met upstream, in a row
    for rev, n in cells:
        for text in rows[rev, n].texts.values():
            out = _render_text(text)
            assert not re.search(r"&lt;/?(br|b)\s*/?&gt;", out), (rev, n, out)
        if html:
            assert any(html in _render_text(t) for t in rows[rev, n].texts.values()), (rev, n)


def test_the_maz_cell_shows_a_line_break_not_a_tag(project):
    [row] = [r for r, _ in project.evidence.rows if r.revision == "cos-errors.intl.zh.2023-07-10" and r.line == 95]
    out = _render_text(row.texts["description"])
    assert "</br>" not in row.texts["description"]
    # the link's label ends the first line (its words marked up by language), a break, the English
    label = re.search(r'<a href="[^"]+"[^>]*>(.*?)</a><br>The multiple availability zones', out)
    assert label and re.sub(r"<[^>]+>", "", label.group(1)) == "多 AZ 特性概述"


def test_other_tags_stay_text():
    out = _render_text("a <script>alert(1)</script>\n[l](javascript:x) `c`")
    assert "<script>" not in out and "&lt;script&gt;" in out and "<br>" in out and "<a " not in out
    assert "<code>c</code>" in out


# --- item 10: each entry's life ------------------------------------------------------------------------

def test_restorefilesizeexceed_is_no_longer_documented(project):
    life = project.reconciliation.resolved["cos-xml-api/RestoreFileSizeExceed"].life
    assert not life.documented
    assert life.last_seen.as_dict() == {"revision": "cos-errors.intl.en.2020-12-21", "date": "2020-12-21"}
    assert life.dropped.date == "2021-01-07"
    assert life.first_seen.date <= "2020-03-10"


def test_life_is_computed_from_the_evidence(project):
    """Documented exactly when the newest revision of a page (in one language) that fed the entry lists it."""
    revs = {r.id: r for r in project.evidence.revisions}
    newest: dict[tuple[str, str], str] = {}
    for rev in sorted(project.evidence.revisions, key=lambda r: (r.date, r.id)):
        newest[rev.page, rev.language] = rev.id
    for key, r in project.reconciliation.resolved.items():
        listed = {row.revision for row in r.rows}
        fed = {(revs[i].page, revs[i].language) for i in listed}
        assert r.life.documented == any(newest[s] in listed for s in fed), key
        if listed:
            dates = sorted((revs[i].date, i) for i in listed)
            assert (r.life.first_seen.date, r.life.last_seen.date) == (dates[0][0], dates[-1][0]), key


def test_entry_json_carries_the_life(project):
    from generator.site.entry_json import entry_document
    resolved = project.reconciliation.resolved
    links = compute_links(resolved)
    doc = entry_document(resolved["cos-xml-api/RestoreFileSizeExceed"], links["cos-xml-api/RestoreFileSizeExceed"])
    assert doc["documented"] is False
    assert doc["last_seen"] == {"revision": "cos-errors.intl.en.2020-12-21", "date": "2020-12-21"}
    doc = entry_document(resolved["cos-xml-api/NoSuchKey"], links["cos-xml-api/NoSuchKey"])
    assert doc["documented"] is True and doc["last_seen"]["date"] == "2026-06-02"


# --- item 11: one glossary, built from official bilingual pairs -------------------------------------

def test_every_glossary_term_is_supported_and_own_texts_use_it(project):
    from generator.glossary import check_glossary, load_glossary
    terms, problems = load_glossary(ROOT / "source")
    assert len(terms) >= 10 and not problems
    found, support = check_glossary(ROOT / "source", project.reconciliation.resolved)
    assert found == [] and all(n > 0 for n in support.values())


@pytest.mark.parametrize("key,kind,lang,old", [
    ("cos-v4-proxy/-72", "description", "en", "Signing failed."),
    ("wx-ocr/19", "description", "en", "Too many images; a single request supports at most 20 urls or files."),
])
def test_old_own_wordings_miss_the_glossary_term(project, key, kind, lang, old):
    from generator.glossary import check_glossary
    r = project.reconciliation.resolved[key]
    saved = r.texts[kind][lang]
    r.texts[kind][lang] = type(saved)(old, None)
    try:
        found, _ = check_glossary(ROOT / "source", project.reconciliation.resolved)
    finally:
        r.texts[kind][lang] = saved
    assert [p.level for p in found] == ["warning"] and r.code in found[0].message


def test_unsupported_term_is_an_error(tmp_path, project):
    import shutil
    from generator.glossary import check_glossary
    shutil.copy(ROOT / "source" / "glossary.yaml", tmp_path / "glossary.yaml")
    with open(tmp_path / "glossary.yaml", "a", encoding="utf-8") as f:
        f.write("  - {en: slice, zh: 分片}\n")
    found, support = check_glossary(tmp_path, project.reconciliation.resolved)
    assert support["slice=分片"] == 0
    errors = [p for p in found if p.level == "error"]
    assert [p.message for p in errors] == ["term 'slice' = '分片': no official bilingual text carries both"]
    assert errors[0].path.endswith("glossary.yaml") and errors[0].line > 1


def test_listed_own_chinese_translations_are_fixed(project):
    resolved = project.reconciliation.resolved
    assert resolved["ci-moderation/-65023"].texts["description"]["zh"].text == "文件过小。"
    assert "单任务生成范围" not in resolved["ci-preview/-3070"].texts["action"]["zh"].text
    assert not resolved["cos-xml-api/AccessTimeNotSupported"].texts["description"]["zh"].text.startswith("不支持访问时间")


# --- item 1: a code only one language's pages wrote is a spelling to decide ---------------------------

def test_a_one_language_code_in_another_codes_row_is_caught(tmp_path):
    """The old catalog's mistake, made again: actionAborted as an entry of its own fails check."""
    import shutil
    from tests.helpers import check
    shutil.copytree(ROOT / "source", tmp_path / "source")
    path = tmp_path / "source" / "catalog" / "cos-xml-api.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  - code: OperationAborted\n    aliases: [actionAborted]\n",
                        "  - code: actionAborted\n  - code: OperationAborted\n", 1)
    path.write_text(text, encoding="utf-8")
    code, lines, _ = check(tmp_path)
    errors = [line for line in lines if "warning:" not in line]
    line_no = text.splitlines().index("  - code: actionAborted") + 1
    found = [e for e in errors if "appears only in" in e]
    assert code == 1 and len(found) == 1
    assert found[0].startswith(f"source/catalog/cos-xml-api.yaml:{line_no}:5: actionAborted: 'actionAborted' "
                               "appears only in en revisions, in the row where cos-errors.cn.zh.")
    assert "lists OperationAborted, which its own revision lacks" in found[0]


# --- item 8: an action that is only a code is a cross-link -------------------------------------------

def test_a_code_only_action_is_a_cross_link(project):
    r = project.reconciliation.resolved["ci-persistence/-60936"]
    assert "action" not in r.texts  # "AccessDenied." / "Access denied" in every revision: no advice
    assert "AccessDenied" in r.names
    assert compute_links(project.reconciliation.resolved)["ci-persistence/-60936"].paired == ["ci-media-api/AccessDenied"]
    from generator.matching import code_only
    assert code_only("AccessDenied。") == "AccessDenied" and code_only("Check the key.") is None


# --- item 4: a newer wording that changes key terms is a conflict a person decides ----------------------

def _terms():
    from generator.wording import glossary_terms
    return glossary_terms(ROOT / "source")


@pytest.mark.parametrize("old,new,lang,found", [
    ("The storage class and requested operation conflict",
     "The COS storage type conflicts with the operation request.", "en", ["-storage class"]),
    ("The request frequency is too high", "Heatmap download is restricted.", "en", ["~"]),
    ("No CI role (CI_QCSRole)", "Audit failed. Enable the CI role first.", "en", ["-CI_QCSRole"]),
    ("CreateBucket 指定的 BucketName 已经存在于其他地域", "指定的存储桶已存在于其他地域", "zh",
     ["+存储桶", "-BucketName", "-CreateBucket"]),
    # the same key terms, written otherwise: no flag
    ("The request is rejected", "The request is rejected.", "en", []),
    ("appid 和 secretid 不匹配", "APPID 和 SecretId 不匹配", "zh", []),
    ("Ensure that image dimensions are equal to or less than 9,999 pixels",
     "Limit the image dimensions to within 9999 pixels.", "en", []),
    ("The object name is invalid. For more information, please see [ObjectKey](https://x/13324)",
     "The object name is invalid. For details, see the Object Key.", "en", []),
    ("指定的 Bucket 不存在", "指定的存储桶不存在", "zh", []),
    # Chinese prose writes technical terms in Latin letters: losing one is a key-term change
    ("cname 数量必须小于等于10", "请 [提交工单](https://x.invalid/w) 联系我们 数量必须小于等于10", "zh", ["-cname"]),
    ("视频像素太低，最小 320*480", "视频像素太低，最小 320 * 480 px", "zh", ["+px"]),
])
def test_changed_terms(old, new, lang, found):
    from generator.wording import changed_terms
    assert changed_terms(old, new, lang, _terms()) == found


def test_every_wording_flag_is_decided_and_chosen_wordings_are_shown(project):
    rec = project.reconciliation
    flags = [c for c in rec.conflicts if c.kind == "wording"]
    assert flags and all(c.decision is not None for c in flags)
    for c in flags:
        r = rec.resolved[c.entries[0]]
        for rid in c.decision.chosen():
            lang = project.evidence.revision[rid].language
            shown = [tv for tv in (r.texts["description"].get(lang), r.texts.get("action", {}).get(lang)) if tv]
            assert shown and all(tv.revision == rid and tv.newer for tv in shown), (r.key, rid)
            assert any(row.revision == tv.newer for tv in shown for row in r.rows)  # the newer one in the history


@pytest.mark.parametrize("key,text,newer_text", [
    ("cos-xml-api/InvalidObjectState", "The storage class and requested operation conflict",
     "The COS storage type conflicts with the operation request."),
    ("ci-download/-164", "The request frequency is too high", "Heatmap download is restricted."),
])
def test_machine_translation_errors_are_not_shown(project, key, text, newer_text):
    r = project.reconciliation.resolved[key]
    tv = r.texts["description"]["en"]
    assert (tv.text, tv.revision, tv.newer) == (text, "cos-errors.intl.en.2023-07-10", "cos-errors.intl.en.2026-06-02")
    assert any(row.texts.get("description") == newer_text for row in r.rows if row.revision == tv.newer)


def test_a_wording_choice_holds_while_later_revisions_repeat_the_wording_it_passes_over(project):
    """-5969's text was garbled in 2019-10-14 and repeated until 2020-02-12: no newest revision brings
    a change, yet the decision shows 2019-08-07's wording, and check does not call it unused."""
    r = project.reconciliation.resolved["cos-v4-api/-5969"]
    tv = r.texts["description"]["zh"]
    assert (tv.text, tv.revision) == ("cname 数量必须小于等于10", "cos-v4-api-errors.cn.zh.2019-08-07")
    newest = max((row for row in r.rows), key=lambda row: project.evidence.revision[row.revision].date)
    assert "提交工单" in newest.texts["description"]  # the garbled wording stays in the history
    assert not any("-5969" in w.message for w in project.reconciliation.warnings)


def test_an_own_text_where_the_shown_wording_gives_none_is_reported_not_dropped(tmp_path):
    """-65007's English page shows no action (decided): an own English action would never be shown."""
    import shutil
    from tests.helpers import check
    shutil.copytree(ROOT / "source", tmp_path / "source")
    path = tmp_path / "source" / "catalog" / "ci-moderation.yaml"
    text = path.read_text(encoding="utf-8")
    old = '  - code: "-65007"\n'
    assert text.count(old) == 1
    path.write_text(text.replace(old, old + "    text:\n      action:\n        en: Check the file.\n"),
                    encoding="utf-8")
    code, lines, _ = check(tmp_path)
    line_no = text.splitlines().index(old.strip("\n")) + 2
    assert code == 0 and (f"source/catalog/ci-moderation.yaml:{line_no}:5: warning: -65007: own text.action.en is "
                          "not shown: the wording of cos-errors.intl.en.2026-06-02 gives no action; remove it") in lines


def _without(tmp_path, family, code):
    """A copy of the real source whose entry ``code`` lost its wording decision (as the old catalog had it)."""
    import shutil
    shutil.copytree(ROOT / "source", tmp_path / "source")
    path = tmp_path / "source" / "catalog" / f"{family}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = lines.index(f'  - code: "{code}"\n')
    start = next(i for i in range(at, len(lines)) if lines[i] == "      wording:\n")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("       "))
    if lines[start - 1] == "    decisions:\n" and not lines[end].startswith("      "):
        start -= 1  # the only decision: its mapping goes too
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    return path


def test_an_undecided_wording_change_fails_check_at_the_entry(tmp_path):
    """The old catalog, without a wording decision on -164, fails check where the entry stands."""
    from tests.helpers import check
    path = _without(tmp_path, "ci-download", "-164")
    code, lines, _ = check(tmp_path)
    line_no = path.read_text(encoding="utf-8").splitlines().index('  - code: "-164"') + 1
    errors = [line for line in lines if "warning:" not in line]
    assert code == 1 and errors == [
        f"source/catalog/ci-download.yaml:{line_no}:5: undecided wording conflict: a newer wording of -164 changes "
        "its key terms: description (en) cos-errors.intl.en.2023-07-10 → cos-errors.intl.en.2026-06-02: no word in common; record "
        "decisions.wording with a reason, and as value the revision whose wording to show where it is not the newest"]


def test_a_wording_decision_must_choose_a_revision_of_the_entry(tmp_path):
    import shutil
    from tests.helpers import check
    shutil.copytree(ROOT / "source", tmp_path / "source")
    path = tmp_path / "source" / "catalog" / "ci-download.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("value: cos-errors.intl.en.2023-07-10") == 1
    text = text.replace("value: cos-errors.intl.en.2023-07-10", "value: wanxiang-errors.cn.zh.2017-05-27")
    path.write_text(text, encoding="utf-8")
    code, lines, _ = check(tmp_path)
    line_no = next(i for i, line in enumerate(text.splitlines(), 1) if line == "      wording:")
    assert code == 1 and f"source/catalog/ci-download.yaml:{line_no}:7: -164: wording decision chooses " \
                          "wanxiang-errors.cn.zh.2017-05-27, which gives no description or action of this entry" in lines


def test_wording_flags_over_the_whole_history_are_counted():
    """The tool that measures the check prints the flags of today and of the whole history."""
    import subprocess
    import sys
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "wording_flags.py"), "--source", str(ROOT / "source")],
                         capture_output=True, text=True, check=True).stdout
    now = int(re.search(r"flagged now: (\d+) entries", out).group(1))
    history = int(re.search(r"over the whole history: (\d+) changes", out).group(1))
    assert 0 < now <= history


# --- item 8: the texts of one entry come from one revision per language ----------------------------------

def test_prose_comes_from_one_revision_per_language(project):
    """Description and action in one language are one revision's (the old catalog showed -65010's 2026
    description beside its 2023 action)."""
    for key, r in project.reconciliation.resolved.items():
        for lang in ("en", "zh"):
            revisions = {by[lang].revision for kind, by in r.texts.items()
                         if kind in ("description", "action") and lang in by and by[lang].official}
            assert len(revisions) <= 1, (key, lang, revisions)


def test_moderation_texts_are_coherent(project):
    from generator.reconcile import is_bilingual
    resolved = project.reconciliation.resolved
    r = resolved["ci-moderation/-65010"]
    assert r.texts["description"]["en"].text == "File download failed"
    assert r.texts["action"]["en"].revision == r.texts["description"]["en"].revision == "cos-errors.intl.en.2023-07-10"
    assert r.texts["message"]["en"].text == "Download file failed"  # the API's message is data, not prose
    r = resolved["ci-moderation/-65007"]
    assert r.texts["description"]["en"].revision == "cos-errors.intl.en.2026-06-02"
    assert "en" not in r.texts["action"] and r.texts["action"]["zh"].official  # the 2026 page gives none
    assert ("action", "en") in r.dropped and is_bilingual(r)


def test_an_undecided_dropped_action_fails_check(tmp_path):
    from tests.helpers import check
    _without(tmp_path, "ci-moderation", "-65011")
    code, lines, _ = check(tmp_path)
    errors = [line for line in lines if "warning:" not in line]
    assert code == 1 and len(errors) == 1
    assert errors[0].endswith("action (en) cos-errors.intl.en.2023-07-10 → cos-errors.intl.en.2026-06-02: dropped; "
                              "record decisions.wording with a reason, and as value the revision whose wording to "
                              "show where it is not the newest")


# --- item 9: links an older wording of the same text carried are kept -----------------------------------

@pytest.mark.parametrize("text,older,expected", [
    ("See Request Signatures and ACL Overview.", ["see [Request Signature](u1) and [ACL Overview](u2)"],
     "See [Request Signatures](u1) and [ACL Overview](u2)."),
    ("For details, see the Object Key.", ["see [ObjectKey](u)"], "For details, see the [Object Key](u)."),
    # a sentence's lower-case words are no title; one link per address; a text with links keeps its own
    ("The object key is too long.", ["[Object Key](u)"], "The object key is too long."),
    ("Refer to Request Signatures and the Request Signature Tool.", ["[Request Signature](u)"],
     "Refer to [Request Signatures](u) and the Request Signature Tool."),
    ("See [ACL](v) and Request Signatures.", ["[Request Signature](u)"], "See [ACL](v) and Request Signatures."),
    ("Please submit a ticket.", ["[Submit a ticket](t) for help"], "Please [submit a ticket](t)."),
])
def test_restore_links(text, older, expected):
    from generator.wording import restore_links
    assert restore_links(text, older)[0] == expected


def test_access_denied_keeps_its_links(project):
    tv = project.reconciliation.resolved["cos-xml-api/AccessDenied"].texts["description"]["en"]
    assert tv.revision == "cos-errors.intl.en.2026-06-02" and tv.links_from == "cos-errors.intl.en.2023-07-10"
    assert "See [Request Signatures](https://intl.cloud.tencent.com/document/product/436/7778) and " \
           "[ACL Overview](https://intl.cloud.tencent.com/document/product/436/30583)." in tv.text


def test_restored_links_come_from_older_wordings_of_the_same_text(project):
    """Every link a page-text wording shows was carried by an older wording of the same entry, text
    and language; and where such a wording carried a link whose title the text writes, it is kept."""
    from generator.wording import _LINK, _find_label
    revs = project.evidence.revision
    restored = 0
    for key, r in project.reconciliation.resolved.items():
        for kind, by in r.texts.items():
            for lang, tv in by.items():
                if not tv.official or tv.language or revs[tv.revision].format != "pagetext":
                    continue
                older = [row.texts[kind] for row in r.rows if row.texts.get(kind)
                         and revs[row.revision].language == lang and revs[row.revision].date < revs[tv.revision].date]
                urls = {url for text in older for _, url in _LINK.findall(text)}
                links = _LINK.findall(tv.text)
                assert all(url in urls for _, url in links), (key, kind)
                restored += len(links)
                bare = _LINK.sub(r"\1", tv.text)
                for text in older:
                    for label, url in _LINK.findall(text):
                        if _find_label(bare, label.strip(), []) is not None:
                            assert links, (key, kind, label)
    assert restored >= 30


def test_entry_json_says_which_wording_was_passed_over_and_whose_links_a_text_carries(project):
    from generator.site.entry_json import entry_document
    resolved = project.reconciliation.resolved
    links = compute_links(resolved)
    doc = entry_document(resolved["cos-xml-api/InvalidObjectState"], links["cos-xml-api/InvalidObjectState"], "en")
    assert doc["texts"]["description"]["chosen_over"] == "cos-errors.intl.en.2026-06-02"
    assert doc["texts"]["description"]["links_from"] is None
    doc = entry_document(resolved["cos-xml-api/AccessDenied"], links["cos-xml-api/AccessDenied"])
    assert doc["texts"]["description"]["en"]["links_from"] == "cos-errors.intl.en.2023-07-10"
    assert doc["texts"]["description"]["zh"]["chosen_over"] is None
