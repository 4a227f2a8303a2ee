"""Rendering helpers of the user pages (issue 18): whole words, plurals, upstream links per language."""

from pathlib import Path

from generator.reconcile import TextValue
from generator.site.crosslinks import _upstream
from generator.linebreaks import words, wrap_at
from generator.site.render import Renderer

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_words_escape_and_keep_joined_words_whole():
    out = str(words("<b>x</b> 2016-12-07 cos-errors.cn.zh.2017-06-06 X-ErrNo: done", "en"))
    assert "<b>" not in out and "&lt;b&gt;" in out
    for joined in ("2016-12-07", "X-ErrNo"):
        assert f'<span class="errdocs-nowrap">{joined}</span>' in out
    # a revision id wraps only at its dots
    assert wrap_at("cos-errors.cn.zh.2017-06-06") in out
    # a colon after a word ends it ("X-ErrNo:" stays "X-ErrNo" then ":")
    assert '</span>: done' in out


def test_names_wrap_only_after_their_separators():
    nowrap = '<span class="errdocs-nowrap">{}</span>'.format
    assert str(wrap_at("cos-errors.intl.en.2026-06-02.2", ".")) == "<wbr>".join(
        nowrap(p) for p in ("cos-errors.", "intl.", "en.", "2026-06-02.2"))  # 02.2: a number, no break
    # a snapshot's path: at its slashes and, its file being named by the revision, at that name's dots
    assert str(wrap_at("source/upstream/cos-errors.intl.en.2026-06-02.txt")) == "<wbr>".join(
        nowrap(p) for p in ("source/", "upstream/", "cos-errors.", "intl.", "en.", "2026-06-02.", "txt"))
    assert str(wrap_at("a/b.c", "/")) == nowrap("a/") + "<wbr>" + nowrap("b.c")
    assert str(wrap_at("<a>.b")) == nowrap("&lt;a&gt;.") + "<wbr>" + nowrap("b")
    assert str(wrap_at("v4.2.1 1.5")) == nowrap("v4.2.1 1.5")


def test_words_keep_negative_codes_whole_and_let_only_long_codes_wrap_at_underscores():
    nowrap = '<span class="errdocs-nowrap">{}</span>'.format
    # a minus after a Chinese comma is a break opportunity to browsers: "、-" / "1404"
    assert str(words("、-1404 至 -1507", "zh")) == f"、{nowrap('-1404')} 至 {nowrap('-1507')}"
    assert str(words("1-2", "en")) == nowrap("1-2")
    # a signed term of a wording conflict's summary: never "-" / "storage" or "+Content-" / "MD5"
    assert str(words("key terms: -storage class +Content-MD5", "en")) == (
        f"key terms: {nowrap('-storage')} class {nowrap('+Content-MD5')}")
    assert str(words("a - b", "en")) == "a - b"
    # 32 capitals do not fit a phone's line: the code wraps after an underscore rather than anywhere
    assert str(words("ERROR_PROXY_SIGN_BUCKET_NOTMATCH", "en")) == "<wbr>".join(
        nowrap(p) for p in ("ERROR_", "PROXY_", "SIGN_", "BUCKET_", "NOTMATCH"))
    for short in ("NO_SUCH_KEY", "ERROR_PROXY_INVALID_CMD_REQ"):  # they fit a line: never break
        assert str(words(short, "en")) == short


def test_words_mark_chinese_on_english_pages_only():
    assert str(words("Legacy 万象优图 (Wanxiang Youtu)", "en")) == 'Legacy <span lang="zh">万象优图</span> (Wanxiang Youtu)'
    assert str(words("旧版万象优图", "zh")) == "旧版万象优图"
    # and English quoted in Chinese text is marked English; names (COS XML API) are not phrases
    assert str(words("Message 为 “You are denied by bucket referer rule”", "zh")) == (
        'Message 为 “<span lang="en">You are denied by bucket referer rule</span>”')
    assert str(words("COS XML API 错误码", "zh")) == "COS XML API 错误码"
    # Han characters never join a Latin word: 签名-失败 is not one word to keep whole
    assert "errdocs-nowrap" not in str(words("签名-失败", "zh"))


def test_a_count_of_one_takes_the_singular(tmp_path):
    (tmp_path / "labels.yaml").write_text((TEMPLATES / "labels.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "count.j2").write_text("{{ t('entries_count', count=n) }}", encoding="utf-8")
    renderer = Renderer(tmp_path)
    rendered = {(lang, n): renderer.render("count.j2", lang, n=n) for lang in ("en", "zh") for n in (1, 2)}
    assert rendered == {("en", 1): "1 entry", ("en", 2): "2 entries", ("zh", 1): "1 个条目", ("zh", 2): "2 个条目"}


class _Resolved:
    """The part of a resolved entry the upstream links read."""

    def __init__(self, texts):
        self.texts = texts


def test_upstream_links_are_labelled_in_the_page_language():
    doc = "https://intl.cloud.tencent.com/document/product/436/7778"
    r = _Resolved({"description": {
        "en": TextValue("Refer to the Request Signatures documentation.", "cos-errors.intl.en.2026-06-02"),
        "zh": TextValue(f"请参阅 [请求签名]({doc}) 文档", "cos-errors.intl.zh.2023-07-10")}})
    links = _upstream(r)
    # the Chinese page shows the Chinese label; the English page gets the link marked as Chinese
    assert links["zh"] == [{"href": doc, "text": "请求签名", "lang": "zh"}]
    assert links["en"] == [{"href": doc, "text": "请求签名", "lang": "zh"}]
    both = _Resolved({"description": {
        "en": TextValue(f"See [Request Signatures]({doc}).", "a"),
        "zh": TextValue(f"请参阅 [请求签名]({doc})", "b")}})
    assert _upstream(both)["en"] == [{"href": doc, "text": "Request Signatures", "lang": "en"}]
