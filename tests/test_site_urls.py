from hypothesis import given, strategies as st

from generator.site import urls


def test_slug_examples():
    assert urls.slug("-46618") == "-46618"
    assert urls.slug("NoSuchKey") == "NoSuchKey"
    assert urls.slug("Evil.Text_1") == "Evil~2EText_1"
    assert urls.slug("a b/c") == "a~20b~2Fc"
    assert urls.slug("签名") == "~E7~AD~BE~E5~90~8D"


@given(st.text(min_size=1))
def test_slug_is_reversible_and_path_safe(code):
    value = urls.slug(code)
    assert urls.unslug(value) == code
    assert all(ch.isascii() and (ch.isalnum() or ch in "_-~") for ch in value)


@given(st.text(min_size=1), st.text(min_size=1))
def test_slug_is_collision_free(a, b):
    if a != b:
        assert urls.slug(a) != urls.slug(b)


def test_entry_paths_never_clash_with_family_index():
    assert urls.entry("en", "fam/index") != urls.family("en", "fam")
    assert urls.entry("zh", "fam/-46618") == "zh/fam/-46618/index.md"


def test_relative_links():
    assert urls.relative("zh/a/b/index.md", "zh/a/index.md") == "../../../zh/a/"
    assert urls.relative("index.md", "index.md") == "./"
    assert urls.other_language("a/b/index.md", "en") == ("zh", "zh/a/b/index.md")
    assert urls.other_language("zh/a/index.md", "zh") == ("en", "a/index.md")
