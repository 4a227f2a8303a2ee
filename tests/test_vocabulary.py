"""The vocabulary module is the one list of each word; the importers, the diff and the site use it."""

from __future__ import annotations

import unicodedata

import pytest

from generator import vocabulary
from generator.diff import changes, textdiff
from generator.diff.rules import RULES
from generator.importers import common, import_text, markdown, pagetext
from generator.importers.common import guess_language
from generator.model import Revision
from generator.site import urls


def test_languages_are_english_then_chinese():
    assert vocabulary.LANGUAGES == ("en", "zh")
    assert urls.LANGS is vocabulary.LANGUAGES


def test_row_text_kinds_are_the_entry_kinds_plus_name():
    assert vocabulary.ENTRY_TEXT_KINDS == ("description", "action", "message")
    assert vocabulary.TEXT_KINDS == ("description", "action", "message", "name")


def test_every_rule_has_a_known_severity_and_every_severity_is_used():
    assert {rule.severity for rule in RULES} == set(vocabulary.SEVERITIES)
    assert vocabulary.SEVERITIES[0] == "major"


def test_importers_and_diff_share_one_empty_cell_test():
    assert markdown.is_empty_cell is vocabulary.is_empty_cell
    assert pagetext.is_empty_cell is vocabulary.is_empty_cell
    assert common.is_empty_cell is vocabulary.is_empty_cell
    assert changes.is_empty_cell is vocabulary.is_empty_cell
    assert textdiff.is_empty_cell is vocabulary.is_empty_cell


# The importer's list had "无。" and the diff's did not; the diff's had "--", "na", "null", "/" and
# read "N/A." and full-width forms as placeholders, the importer's did not. Both now use the union.
@pytest.mark.parametrize("cell", [None, "", "  ", "-", "--", "—", "–", "/", "N/A", "n/a.", "NA", "None",
                                  "null", "无", "无。", "暂无", "暂无。", "－", "Ｎ／Ａ"])
def test_placeholders_are_empty_cells(cell):
    assert vocabulary.is_empty_cell(cell)


@pytest.mark.parametrize("cell", ["0", "x", "N/A here", "无效", "-1", "a/b", "null pointer"])
def test_words_are_not_empty_cells(cell):
    assert not vocabulary.is_empty_cell(cell)


@pytest.mark.parametrize("cell", ["--", "NA", "/", "null", "无。"])
def test_importer_drops_every_placeholder_and_diff_reads_it_as_no_text(cell):
    page = ("| Code | Status | Description | Action |\n| --- | --- | --- | --- |\n"
            f"| NoSuchKey | 404 | {cell} | Check the key |\n")
    rev = Revision("p.intl.en.2020-01-01", "p", "intl", "en", "2020-01-01", "p.md", "markdown")
    rows = import_text(page, rev).rows
    assert [r.code for r in rows] == ["NoSuchKey"]
    assert rows[0].texts == {"action": "Check the key"}
    assert textdiff.same_text(cell, None) and textdiff.same_text(cell, "")


def _chars(ranges):
    for first, last in ranges:
        yield from (first, chr((ord(first) + ord(last)) // 2), last)


def test_every_cjk_letter_is_a_token_of_its_own():
    for ch in _chars(vocabulary.CJK_LETTER_RANGES):
        key = unicodedata.normalize("NFKC", ch)  # compatibility ideographs compare as their twins
        assert [k for _, k in textdiff.tokens(f"ab{ch}{ch}cd")] == ["ab", key, key, "cd"], hex(ord(ch))


def test_full_width_letters_are_marks_not_letters_so_they_join_a_word():
    # In the language guess they count as CJK; in a diff "ＡＢ" is the word AB, not two tokens.
    assert "\uff21" not in "".join(c for r in vocabulary.CJK_LETTER_RANGES for c in r)
    assert [key for _, key in textdiff.tokens("ab\uff21\uff22 cd")] == ["abAB", "cd"]
    assert guess_language("\uff21\uff22\uff23 a") == "zh"


def test_language_guess_counts_exactly_the_cjk_ranges():
    ranges = vocabulary.CJK_LETTER_RANGES + vocabulary.CJK_MARK_RANGES
    for ch in _chars(ranges):
        assert guess_language(ch * 3 + " abc") == "zh", hex(ord(ch))
    for ch in ("\u2fff", "\u4dc0", "\ufb00", "\ud7b0", "\uabff", "\u00e9"):
        assert not any(first <= ch <= last for first, last in ranges)
        assert guess_language(ch * 3 + " abc") == "en", hex(ord(ch))
