"""Bad catalog and registry input: every mistake located (path:line:column), all at once, exit 1, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from helpers import (FAMILY, FAMILY_YAML, REVISIONS, REVISIONS_YAML, ROOT, SERVICES, SERVICES_YAML, SNAPSHOT_EN,
                     check, make_project, replace_once, tree)

F = FAMILY
TRAILER_1 = "errdocs check: 1 error(s); nothing written"
CODE_HINT = ("a canonical code is a number like -46618 or an ASCII identifier like NoSuchKey (no spaces, '/', "
             "'..', '?', '#', '%' or non-ASCII; record other spellings under aliases)")


def family(old: str, new: str) -> dict[str, str]:
    return {FAMILY: replace_once(FAMILY_YAML, old, new)}


def add_entries(text: str) -> dict[str, str]:
    """Entries inserted after NotImplemented (line 51), so the first new one is line 52."""
    return family("  - code: NotImplemented\n", "  - code: NotImplemented\n" + text)


SLOW = "  - code: SlowDown\n"  # line 46


def on_slowdown(extra: str) -> dict[str, str]:
    """Lines added to the SlowDown entry (line 46), so the first added line is 47."""
    return family(SLOW, SLOW + extra)


CASES = {
    "malformed YAML": (
        family("kind: string", "kind: [string"),
        [f"{F}:6:8: YAML: expected ',' or ']', but got ':'", TRAILER_1]),
    "tab indentation": (
        family(SLOW, "\t- code: SlowDown\n"),
        [f"{F}:46:1: YAML: found character '\\t' that cannot start any token", TRAILER_1]),
    "duplicate key": (
        family("kind: string\n", "kind: string\nkind: numeric\n"),
        [f'{F}:6:1: YAML: found duplicate key "kind"; value "numeric" (original value: "string") '
         f"(each key may appear once)", TRAILER_1]),
    "duplicate key in an entry": (
        on_slowdown("    code: Slow\n"),
        [f'{F}:47:5: YAML: found duplicate key "code"; value "Slow" (original value: "SlowDown") '
         f"(each key may appear once)", TRAILER_1]),
    "wrong type: aliases a string": (
        on_slowdown("    aliases: Slow\n"),
        [f"{F}:47:14: entries[22].aliases: expected a list, got string", TRAILER_1]),
    "wrong type: code a list": (
        family(SLOW, "  - code: [SlowDown]\n"),
        [f"{F}:46:11: entries[22].code: expected a string, got list", TRAILER_1]),
    "wrong type: status a string": (
        family("{status: 401,", "{status: '401',"),
        [f"{F}:34:22: entries[13].decisions.status.value[0].status: expected an HTTP status (integer 100-599), "
         f"got string '401'", TRAILER_1]),
    "unknown field in an entry": (
        on_slowdown("    alias: [Slow]\n"),
        [f"{F}:47:5: entries[22]: unknown field 'alias'; expected one of: code, aliases, related, text, decisions",
         TRAILER_1]),
    "unknown field at the top": (
        family("kind: string\n", "kind: string\ncolour: red\n"),
        [f"{F}:6:1: unknown field 'colour'; expected one of: id, title, summary, kind, sources, decisions, english_only, entries",
         TRAILER_1]),
    "missing language": (
        family("title: {en: Media processing API error codes, zh: 媒体处理 API 错误码}",
               "title: {en: Media processing API error codes}"),
        [f"{F}:3:8: title: missing language 'zh'", TRAILER_1]),
    "missing language in a reason": (
        family("malformed-status: {value: 500, reason: {en: Both cases are true., zh: 两种情形都成立。}}",
               "malformed-status: {value: 500, reason: {en: Both cases are true.}}"),
        [f"{F}:50:46: entries[24].decisions.malformed-status.reason: missing language 'zh'", TRAILER_1]),
    "unknown language": (
        family("zh: 媒体处理 API 错误码}", "zh: 媒体处理, fr: x}"),
        [f"{F}:3:57: title: unknown language 'fr'; expected one of: en, zh", TRAILER_1]),
    "invalid HTTP status 600": (
        family("value: 500,", "value: 600,"),
        [f"{F}:50:33: entries[24].decisions.malformed-status.value: invalid HTTP status 600; expected 100-599",
         TRAILER_1]),
    "invalid HTTP status 99 in a case": (
        family("{status: 401,", "{status: 99,"),
        [f"{F}:34:22: entries[13].decisions.status.value[0].status: invalid HTTP status 99; expected 100-599",
         TRAILER_1]),
    "a code as a status decision": (
        family("value: 500,", "value: Oops,"),
        [f"{F}:50:33: entries[24].decisions.malformed-status.value: expected an HTTP status (100-599) or a list "
         f"of {{status, when}}, got string 'Oops'", TRAILER_1]),
    "alias equal to another code": (
        on_slowdown("    aliases: [QueuePaused]\n"),
        [f"{F}:47:15: alias 'QueuePaused' of SlowDown is already used by QueuePaused (line 42); codes and "
         f"aliases must be unique within family ci-media-api"]),
    "alias equal to its own code": (
        on_slowdown("    aliases: [SlowDown]\n"),
        [f"{F}:47:15: alias 'SlowDown' of SlowDown repeats its code; remove it"]),
    "alias listed twice": (
        on_slowdown("    aliases: [Slow, Slow]\n"),
        [f"{F}:47:21: entries[22].aliases[1]: 'Slow' is listed twice", TRAILER_1]),
    "code listed twice": (
        add_entries("  - code: SlowDown\n"),
        [f"{F}:52:11: code 'SlowDown' is already used by another entry (line 46); codes and aliases must be "
         f"unique within family ci-media-api"]),
    "related entry missing": (
        on_slowdown("    related: [Nope, QueuePaused, other-family/X]\n"),
        [f"{F}:47:15: SlowDown: related entry 'Nope' does not exist",
         f"{F}:47:34: SlowDown: related entry 'other-family/X' does not exist"]),
    "undecided conflict": (
        family("    decisions:\n      malformed-status: {value: 500, reason: {en: Both cases are true., "
               "zh: 两种情形都成立。}}\n", ""),
        [f"{F}:48:5: undecided malformed-status conflict: InternalError has a malformed status: "
         f"'500 Internal Server'; record decisions.malformed-status with a value and a reason"]),
    "row no entry covers": (
        family(SLOW, ""),
        ["source/upstream/ci-media-errors.intl.en.2021-12-31.md:73:1: code 'SlowDown' (section '4xx errors') "
         "matches no entry of family ci-media-api; add an entry for it",
         "source/upstream/ci-media-errors.intl.zh.2021-12-31.md:73:1: code 'SlowDown' (section '4XX 类型错误') "
         "matches no entry of family ci-media-api; add an entry for it"]),
    "family without a file": (
        {SERVICES: replace_once(SERVICES_YAML, "[ci-media-api]", "[ci-media-api, nope]")},
        ["source/catalog/services.yaml:6:30: family 'nope' has no file source/catalog/nope.yaml", TRAILER_1]),
    "empty family file": (
        {FAMILY: ""},
        [f"{F}:1:1: expected a mapping, got nothing (null)", TRAILER_1]),
    "family file not UTF-8": (
        {FAMILY: b"id: \xff\n"},
        [f"{F}:1:1: not UTF-8 text (invalid start byte)", TRAILER_1]),
    "bad revisions: unknown format": (
        {REVISIONS: replace_once(REVISIONS_YAML, "format: markdown\n    origin:\n      path: \"yehe_doc/媒体处理/错误码_intl_en.md\"",
                                 "format: html\n    origin:\n      path: \"yehe_doc/媒体处理/错误码_intl_en.md\"")},
        ["source/revisions.yaml:9:13: revisions[0].format: unknown value 'html'; expected one of: markdown, pagetext, textlist, guide",
         TRAILER_1]),
    "bad revisions: fields not matching the id": (
        {REVISIONS: replace_once(REVISIONS_YAML, "language: en\n    date: \"2021-12-31\"",
                                 "language: zh\n    date: \"2021-12-30\"")},
        ["source/revisions.yaml:6:15: language 'zh' does not match the id 'ci-media-errors.intl.en.2021-12-31'",
         "source/revisions.yaml:7:11: date '2021-12-30' does not match the id 'ci-media-errors.intl.en.2021-12-31'",
         "errdocs check: 2 error(s); nothing written"]),
    "bad revisions: invalid id": (
        {REVISIONS: replace_once(REVISIONS_YAML, "id: ci-media-errors.intl.en.", "id: ci-media-errors.intl.fr.")},
        ["source/revisions.yaml:3:9: revisions[0].id: invalid value 'ci-media-errors.intl.fr.2021-12-31'; "
         "expected <page>.<edition>.<en|zh>.<YYYY-MM-DD>", TRAILER_1]),
    "bad page registry": (
        {"source/pages.yaml": "pages:\n  - id: p\n    kind: codes\n    title: t\n    files:\n"
                              "      - {edition: cn, language: fr, repository: a/b, path: '(['}\n"},
        ["source/pages.yaml:6:33: pages[0].files[0].language: unknown value 'fr'; expected one of: en, zh",
         "source/pages.yaml:6:60: invalid regular expression: unterminated character set at position 1"]),
    "bad revisions: missing file": (
        {f"source/upstream/{SNAPSHOT_EN}": None},
        ["source/revisions.yaml:8:11: file not found: upstream/ci-media-errors.intl.en.2021-12-31.md", TRAILER_1]),
}

INVALID_CODES = ["a/b", "a b", "a?b", "a#b", "a%b", "错误", "Café", "..", "-12x"]


def test_base_project_is_valid(tmp_path):
    make_project(tmp_path)
    code, err, out = check(tmp_path)
    assert (code, err) == (0, [])
    assert "58/58 rows covered; 5/5 conflicts decided" in out


@pytest.mark.parametrize("name", list(CASES))
def test_each_mistake_is_located(tmp_path, name):
    files, expected = CASES[name]
    make_project(tmp_path, files)
    before = tree(tmp_path)
    code, err, _ = check(tmp_path)
    assert err == expected
    assert code == 1
    assert tree(tmp_path) == before  # nothing written


def test_invalid_canonical_codes(tmp_path):
    text = "".join(f"  - code: {c!r}\n".replace("'", '"') for c in INVALID_CODES) + "  - code: a..b\n"
    make_project(tmp_path, add_entries(text))
    code, err, _ = check(tmp_path)
    expected = [f"{F}:{52 + i}:11: entries[{26 + i}].code: invalid value {c!r}; {CODE_HINT}"
                for i, c in enumerate(INVALID_CODES)]
    n = len(INVALID_CODES)
    expected.append(f"{F}:{52 + n}:11: entries[{26 + n}].code: invalid code 'a..b': '..' is not allowed")
    assert err == expected + [f"errdocs check: {n + 1} error(s); nothing written"]
    assert code == 1


def test_aliases_may_hold_any_printable_text(tmp_path):
    make_project(tmp_path, on_slowdown('    aliases: ["slow/down", "slow down?", "#%..", "请求过多", "Café"]\n'))
    code, err, _ = check(tmp_path)
    assert (code, err) == (0, [])


def test_numeric_codes_may_be_unquoted(tmp_path):
    make_project(tmp_path, add_entries("  - code: -46618\n  - code: 7\n"))
    code, err, _ = check(tmp_path)
    assert (code, err) == (0, [])


def test_all_problems_of_all_files_in_one_run(tmp_path):
    """Mistakes in revisions.yaml, services.yaml and the family file: all reported together."""
    fam = replace_once(FAMILY_YAML, "kind: string\n", "kind: strings\n")
    fam = replace_once(fam, SLOW, SLOW + "    aliases: Slow\n    colour: red\n")
    fam = replace_once(fam, "value: 500,", "value: 600,")
    fam = replace_once(fam, "  - code: NotImplemented\n", '  - code: "a/b"\n')
    files = {
        FAMILY: fam,
        SERVICES: replace_once(SERVICES_YAML, "summary: {en: Media processing errors., zh: 媒体处理错误。}",
                               "summary: {en: Media processing errors.}"),
        REVISIONS: replace_once(REVISIONS_YAML, "edition: intl\n    language: zh", "edition: global\n    language: zh"),
    }
    make_project(tmp_path, files)
    before = tree(tmp_path)
    code, err, _ = check(tmp_path)
    assert err == [
        "source/revisions.yaml:14:14: revisions[1].edition: unknown value 'global'; expected one of: cn, intl",
        "source/catalog/services.yaml:5:14: services[0].summary: missing language 'zh'",
        f"{F}:5:7: kind: unknown value 'strings'; expected one of: string, numeric",
        f"{F}:47:14: entries[22].aliases: expected a list, got string",
        f"{F}:48:5: entries[22]: unknown field 'colour'; expected one of: code, aliases, related, text, decisions",
        f"{F}:52:33: entries[24].decisions.malformed-status.value: invalid HTTP status 600; expected 100-599",
        f"{F}:53:11: entries[25].code: invalid value 'a/b'; {CODE_HINT}",
        "errdocs check: 7 error(s); nothing written",
    ]
    assert code == 1
    assert tree(tmp_path) == before


def test_later_stage_problems_all_in_one_run(tmp_path):
    """Coverage, aliases, references and decisions: every problem, not just the first."""
    fam = replace_once(FAMILY_YAML, SLOW, "")
    fam = replace_once(fam, "  - code: InvalidUrl\n", "  - code: InvalidUrl\n    aliases: [QueuePaused]\n"
                                                      "    related: [Gone]\n")
    fam = replace_once(fam, "    decisions:\n      malformed-status: {value: 500, reason: {en: Both cases are true., "
                            "zh: 两种情形都成立。}}\n", "")
    make_project(tmp_path, {FAMILY: fam})
    code, err, out = check(tmp_path)
    assert err == [
        f"{F}:44:15: alias 'QueuePaused' of InvalidUrl is already used by QueuePaused (line 42); codes and aliases "
        f"must be unique within family ci-media-api",
        f"{F}:45:15: InvalidUrl: related entry 'Gone' does not exist",
        f"{F}:49:5: undecided malformed-status conflict: InternalError has a malformed status: "
        f"'500 Internal Server'; record decisions.malformed-status with a value and a reason",
        "source/upstream/ci-media-errors.intl.en.2021-12-31.md:73:1: code 'SlowDown' (section '4xx errors') "
        "matches no entry of family ci-media-api; add an entry for it",
        "source/upstream/ci-media-errors.intl.zh.2021-12-31.md:73:1: code 'SlowDown' (section '4XX 类型错误') "
        "matches no entry of family ci-media-api; add an entry for it",
    ]
    assert code == 1
    assert out.rstrip().endswith("5 error(s), 0 warning(s)")


def test_check_through_a_subprocess(tmp_path):
    make_project(tmp_path, on_slowdown("    aliases: Slow\n"))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "generator", "check", "--source", "source"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [f"{F}:47:14: entries[22].aliases: expected a list, got string", TRAILER_1]
    assert proc.stdout == ""
