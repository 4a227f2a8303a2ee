"""The word diff as HTML: deleted and inserted words never run together, marks are read out."""

from __future__ import annotations

import re

import pytest

from generator.diff.formatters import _html_diff, _w
from generator.diff.textdiff import diff


def visible(fragment: str) -> str:
    """What a sighted reader sees: the text without the visually hidden screen-reader words."""
    return re.sub(r"<[^>]+>", "", re.sub(r'<span class="diff-sr">[^<]*</span>', "", fragment))


def spoken(fragment: str) -> str:
    return re.sub(r"<[^>]+>", "", fragment)


@pytest.mark.parametrize("old, new, seen", [
    ("The acceleration endpoint does not support this operation",
     "This operation is not supported for accelerated domains", "does This"),
    ("Parameter error", "Invalid parameter", "error Invalid"),
    ("The object does not exist", "The specified object does not exist", "The specified object"),
    ("请求参数错误", "请求参数不合法", "错误 不合法"),
])
def test_deleted_and_inserted_words_stay_apart(old, new, seen):
    pieces = diff(old, new)
    out = _html_diff(pieces, _w("en"), "zh" if re.search(r"[\u4e00-\u9fff]", old) else "en")
    assert seen in visible(out)
    words = visible(out).split()
    for glued in ("doesThis", "errorInvalid", "错误不合法"):
        assert glued not in words
    # every deletion and insertion is announced, and the old and new texts are both there
    assert out.count("<del>") == sum(1 for op, _ in pieces if op == "-")
    assert out.count("<ins>") == sum(1 for op, _ in pieces if op == "+")
    assert spoken(out).count("deleted:") == out.count("<del>") and spoken(out).count("inserted:") == out.count("<ins>")


def test_marks_escape_upstream_text_and_speak_chinese():
    out = _html_diff(diff("a <b> c", "a <i> c"), _w("zh"), "en")
    assert "<b>" not in out and "<i>" not in out and "&lt;" in out and "删除：" in out and "新增：" in out


def test_a_word_cut_by_a_mark_stays_together():
    # the tokens split at hyphens: "Access-Control-Request-" is kept, "Method" deleted; a browser
    # would break after that hyphen
    out = _html_diff(diff("Set the Access-Control-Request-Method header", "Set the Access-Control-Request-Headers header"),
                     _w("en"), "en")
    glued = re.search(r'<span class="errdocs-nowrap">(.*?</del>)</span>', out)
    assert glued and visible(glued.group(1)) == "Access-Control-Request-Method"
    assert visible(out) == "Set the Access-Control-Request-Method Headers header"
    # Chinese breaks between any two characters: nothing is glued there
    assert "errdocs-nowrap" not in _html_diff(diff("请求参数错误", "请求参数不合法"), _w("zh"), "zh")
