"""The libyaml read path (generator.fastyaml) gives ruamel's data, types and positions, or falls back."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap

from benchmarks.synth import build, write_catalog
from generator import catalog, fastyaml
from generator.errors import InputError
from generator.yamlio import PosList, PosMap, load_yaml, load_yaml_text, position, value_position

ROOT = Path(__file__).resolve().parent.parent
ABSENT = ("no such key", -1, 10**6, None, ["unhashable"])


def describe(node):
    """Data, type of every scalar and every position that yamlio reports, as nested tuples."""
    if isinstance(node, dict):
        return ("map", position(node), [position(node, k) for k in ABSENT],
                [value_position(node, k) for k in ABSENT],
                [(describe(k), position(node, k), value_position(node, k), describe(v))
                 for k, v in node.items()])
    if isinstance(node, list):
        return ("seq", position(node), [position(node, k) for k in ABSENT],
                [(position(node, i), describe(v)) for i, v in enumerate(node)])
    for kind in (bool, int, str, type(None)):  # ruamel's ScalarInt, ScalarString... are int, str
        if isinstance(node, kind):
            return (kind.__name__, node)
    return (type(node).__name__, repr(node))


def plain_types(node) -> bool:
    """Fast results hold only PosMap, PosList, str, int, bool and None, exactly."""
    if type(node) is PosMap:
        return all(plain_types(k) and plain_types(v) for k, v in node.items())
    if type(node) is PosList:
        return all(plain_types(v) for v in node)
    return type(node) in (str, int, bool, type(None))


def fast(text: str):
    """The fast path's result; fails the test if the document would fall back."""
    return fastyaml._load(text)


def falls_back(text: str) -> bool:
    try:
        fast(text)
    except (fastyaml._Fallback, yaml.YAMLError):
        return True
    return False


def outcome(load, text: str):
    try:
        return describe(load(text, "t.yaml"))
    except InputError as exc:
        return ("error", [str(problem) for problem in exc.problems])
    except Exception as exc:  # ruamel's own bugs (AssertionError, TypeError, NotImplementedError)
        return ("crash", type(exc).__name__)


def assert_same(text: str) -> None:
    expected, actual = outcome(load_yaml_text, text), outcome(fastyaml.load_yaml_text_fast, text)
    if expected[0] == "crash" and actual[0] != "crash":
        return  # ruamel fails on valid YAML (a comment after a top-level "|"); libyaml reads it
    assert actual == expected


def assert_fast_and_same(text: str) -> None:
    result = fast(text)
    assert plain_types(result)
    assert describe(result) == describe(load_yaml_text(text, "t.yaml"))
    assert_same(text)


@pytest.mark.parametrize("path", sorted((ROOT / "source" / "catalog").glob("*.yaml")), ids=lambda p: p.name)
def test_real_catalog_files(path):
    assert_fast_and_same(path.read_text(encoding="utf-8"))


def test_synthetic_catalog(tmp_path):
    write_catalog(tmp_path, build(300)[1])
    files = sorted((tmp_path / "catalog").glob("*.yaml"))
    assert len(files) > 5
    for path in files:
        assert_fast_and_same(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("synthetic", [False, True])
def test_load_catalog_same_through_ruamel(tmp_path, monkeypatch, synthetic):
    """Entries, decisions and every position load_catalog records are the same with ruamel."""
    source = ROOT / "source"
    if synthetic:
        write_catalog(tmp_path, build(300)[1])
        source = tmp_path
    fast_catalog = catalog.load_catalog(source)
    monkeypatch.setattr(catalog, "load_yaml_fast", load_yaml)
    slow_catalog = catalog.load_catalog(source)
    assert fast_catalog.services == slow_catalog.services
    assert fast_catalog.families == slow_catalog.families


FAST = [
    "", "# only a comment\n", "a: 1\n", "---\na: 1\n...\n", "x\n", "- a\n- 'b'\n",
    "code: -46618\nzero: 0\nminus_zero: -0\nbig: 123456789012345678901234567890\n",
    "n2: ~\nn3: null\nn4: Null\nn5: NULL\nt: [true, True, TRUE]\nf: [false, False, FALSE]\n",
    "q: '0123'\nr: \"1_000\"\ns: '0x1F'\nt: \"1:20\"\nu: '2020-01-06'\nv: 'yes'\nw: \"on\"\n",
    "y: 1\nn: y\nY: n\nabc: NoSuchKey\n",
    "'a': 1\n\"b c\": 2\n'': 3\n~: 4\n2: int key\ntrue: bool key\n0: zero\n",
    "? a\n: 1\n? 'b'\n: [x]\n",
    "a: {b: 1, 'c': [x, \"y\", {d: e}], f: ~}\nl: [ ]\nm: {}\n",
    "a: [1,\n  2, {x: y,\n  z: w}]\n",
    "- a: 1\n  b:\n  - x\n  - y\n-   c: 2\n    d: 3\n- - p\n  - q\n- [r, s]\n- {t: u}\n- ''\n",
    "a:\n- x\n- y: z\n  w: v\nb:\n    - 1\n",
    "a: |\n\n  y\nb: >\n  x\n     \n  y\n", "a: x\n  \nb: |\n  y\n   \nc: d\n",
    "lit: |\n  line 1\n   line 2\n\nfold: >-\n  a\n  b\n\n  c\nkeep: |+\n  k\n\nstrip: |2-\n    s\n",
    "plain: a\n  b\n\n  c\nsq: 'x\n  y '' z'\ndq: \"p\\tq\\n\\u4e2d\\x41\\/ \\\n  r\"\n",
    "a: 1 # comment\n# full line\nb: 'x' # c\n\n\nc: # empty with comment\n  - 1 # d\n",
    "a: 1\r\nb:\r\n  - x\r\n  - 'y\r\n    z'\r\nc: |\r\n  l1\r\n  l2\r\n",
    "\ufeffa: 1\nb: 2\n", "\ufeff- x\n",
    "a: \"x\\ty\"\n",
    "中文: 值\nemoji: \U0001f600 x\nmix: é中\U0001f600a\n", "a: \u3000x\u00a0\n",
    "a: b#c\nd: e:f\ng: -h\ni: ?j\nk: 'l: m'\n",
    "code: \"-46618\"\nlist: [-1, 0, 12]\n",
]


@pytest.mark.parametrize("text", FAST)
def test_fast_path_edge_cases(text):
    assert_fast_and_same(text)


FALLBACK = [
    # other implicit types
    "a: 1.5\n", "a: .inf\n", "a: 1e3\n", "a: 2020-01-06\n", "a: 2020-01-06 10:00:00\n", "a: 0123\n",
    "a: 1_000\n", "a: 0x1F\n", "a: 0o17\n", "a: 0b11\n", "a: +5\n", "a: 1:20\n", "a: yes\n", "a: No\n",
    "on: 1\n", "off: 1\n", "yes: 1\n", "no: 1\n", "a: =\n", "=: 1\n", "- 0123\n", "[1.0]",
    # tags, anchors, aliases, merge keys
    "a: !!str 5\n", "a: !!int '5'\n", "a: !foo x\n", "a: ! x\n", "!!map {a: 1}\n", "a: !!seq [1]\n",
    "a: &x 1\nb: *x\n", "- &s [1]\n- *s\n", "&m {a: 1}\n",
    "base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n", "<<: {a: 1}\n",
    # empty values: ruamel places them by the next token
    "---\n", "a:\n", "a:\nb: 1\n", "a: # c\nb: 1\n", "a:\n  b:\n", "{f: }\n", "{f: , g: 1}\n", "[a: ]\n",
    "-\n- x\n", "- a\n-\n", "? a\n", ": x\n", "{: x}\n", "- ? a\n  : \n",
    # complex and duplicate keys
    "? [a]\n: 1\n", "? {a: 1}\n: 1\n", "[a, b]: 1\n", "a: 1\na: 2\n", "a: 1\n'a': 2\n", "1: x\ntrue: y\n",
    "x:\n  - k: 1\n    k: 2\n",
    # YAML 1.1 line breaks, directives, several documents, syntax errors
    "a: x\x85y\n", "a: x\u2028y\n", "a: 'x\u2029y'\n", "%YAML 1.1\n---\na: 1\n", "%YAML 1.2\n---\na: yes\n",
    "%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n", "a: 1\n---\nb: 2\n", "a: [1, 2\n", "a: b: c\n",
    "a:\n\t- 1\n", "a: 'x\n", "- a\nb: 1\n", "a: x\x07\n",
    # first line of spaces in a block scalar: ruamel rejects more indented lines after it
    "a: >-\n \n   y\n", "a: |\n  \n   y\n", "- |\r\n \r\n\r\n  y\r\n",
    # tabs, a BOM after the start
    "a:\tb\n", "a: b\tc\n", "{}\t\n", "a: [\"\ufeff\", b]\n",
]


@pytest.mark.parametrize("text", FALLBACK)
def test_fallback_cases(text):
    assert falls_back(text)
    assert_same(text)


def test_fallback_returns_ruamel_containers():
    text = "a: 1.5\nb: [x]\n"
    assert isinstance(fastyaml.load_yaml_text_fast(text, "t.yaml"), CommentedMap)
    assert type(fastyaml.load_yaml_text_fast("a: 1\nb: [x]\n", "t.yaml")) is PosMap


def test_duplicate_key_message_unchanged():
    text = "id: x\nentries:\n  - code: A\n    code: B\n"
    with pytest.raises(InputError) as fast_exc:
        fastyaml.load_yaml_text_fast(text, "catalog/x.yaml")
    with pytest.raises(InputError) as slow_exc:
        load_yaml_text(text, "catalog/x.yaml")
    assert [str(p) for p in fast_exc.value.problems] == [str(p) for p in slow_exc.value.problems]
    assert str(fast_exc.value.problems[0]).startswith("catalog/x.yaml:4:5: YAML: ")
    assert "duplicate key" in str(fast_exc.value.problems[0])


def test_load_yaml_fast_reads_files(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("a:\n  - b\n", encoding="utf-8")
    data = fastyaml.load_yaml_fast(path)
    assert data == {"a": ["b"]} and position(data["a"], 0) == (2, 5)
    with pytest.raises(InputError, match="file not found"):
        fastyaml.load_yaml_fast(tmp_path / "missing.yaml")


# -- hypothesis: random documents, rendered with random layout --------------------------------

TOKENS = ["on", "off", "yes", "no", "y", "n", "Y", "~", "null", "NULL", "true", "False", "0", "-0", "7",
          "-46618", "0123", "1_000", "0x1F", "0o7", "1:20", "2020-01-06", "1.5", ".5", "1e3", ".nan", "<<",
          "=", "NoSuchKey", "a b", "x-y", "é中", "\U0001f600", "-", "?", "a#b", "a: b", "'", '"', "\\", ""]
TRICKY = st.text(st.sampled_from(list("az :#,'\"\\{}[]&*!|>%@`?\t\n中\u3000\ufeff\x85\u2028")), max_size=8)
WORDS = st.text(st.sampled_from(list("abzAZ09 _-.中é\U0001f600")), min_size=1, max_size=12)
SAFE = ["y", "n", "Y", "0", "-0", "7", "-46618", "NoSuchKey", "a b", "x-y", "é中", "-", "?", "a#b", "", "~",
        "null", "true", "False"]


def nodes(text, key_text, unique: bool):
    styles = ["plain"] * 4 + ["single", "double", "raw", "|", ">-", "|+", "|2", ">1"]
    scalar = st.tuples(st.just("scalar"), st.sampled_from(styles), text)
    key = st.tuples(st.just("scalar"), st.sampled_from(["plain"] * 6 + ["single", "double"]), key_text)
    unique_by = (lambda kv: kv[0][2]) if unique else None
    return st.recursive(scalar, lambda inner: st.one_of(
        st.tuples(st.just("map"), st.booleans(), st.lists(st.tuples(key, inner), max_size=5, unique_by=unique_by)),
        st.tuples(st.just("seq"), st.booleans(), st.lists(inner, max_size=4))), max_leaves=20)


MULTILINE = WORDS.map(lambda w: w + "\n" + w)
SAFE_KEY = st.one_of(st.sampled_from(["code", "en", "zh", "id", "y", "1", "-", "a b"]), WORDS)
#: Mostly inside the fast subset, or anything.
NODE = st.one_of(
    nodes(st.one_of(st.sampled_from(SAFE), WORDS, MULTILINE), SAFE_KEY, unique=True),
    nodes(st.one_of(st.sampled_from(TOKENS), WORDS, MULTILINE, TRICKY),
          st.one_of(st.sampled_from(["code", "en", "on", "y", "1", "-"]), WORDS, TRICKY), unique=False))


def render_scalar(style: str, text: str, indent: int) -> str:
    pad = "\n" + " " * indent
    if style == "plain":
        return text.replace("\n", pad)
    if style == "single":
        return "'" + text.replace("'", "''").replace("\n", pad) + "'"
    if style == "double":
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n") + '"'
    if style == "raw":
        return '"' + text.replace("\n", pad) + '"'
    return style + pad + "  " + text.replace("\n", pad + "  ")


def render_flow(node, indent: int) -> str:
    if node[0] == "scalar":
        return render_scalar(node[1] if node[1] in ("plain", "single", "double") else "double", node[2], indent)
    if node[0] == "map":
        return "{" + ", ".join(f"{render_flow(k, indent)}: {render_flow(v, indent)}" for k, v in node[2]) + "}"
    return "[" + ", ".join(render_flow(v, indent) for v in node[2]) + "]"


def render_block(node, indent: int, dense: bool) -> list[str]:
    """Lines of ``node`` at ``indent``: the first without its indentation, the others with it."""
    if node[0] == "scalar":
        return render_scalar(node[1], node[2], indent).split("\n")
    if node[1] or not node[2]:
        return render_flow(node, indent).split("\n")
    items = []
    for item in node[2]:
        if node[0] == "seq":
            sub = render_block(item, indent + 2, dense)
            items.append(["- " + sub[0], *sub[1:]])
            continue
        key, value = item
        head = render_flow(key, indent) + ":"
        if value[0] == "scalar" or value[1] or not value[2]:
            sub = render_block(value, indent + 2, dense)
            items.append([head + " " + sub[0], *sub[1:]])
        else:
            step = 0 if value[0] == "seq" and dense else 2
            sub = render_block(value, indent + step, dense)
            items.append([head, " " * (indent + step) + sub[0], *sub[1:]])
    items[1:] = [[" " * indent + lines[0], *lines[1:]] for lines in items[1:]]
    return [line for lines in items for line in lines]


@st.composite
def documents(draw) -> str:
    entries = st.lists(st.tuples(st.tuples(st.just("scalar"), st.just("plain"), SAFE_KEY), NODE), min_size=2,
                       max_size=6, unique_by=lambda kv: kv[0][2])
    node = draw(st.one_of(NODE, st.tuples(st.just("map"), st.just(False), entries)))
    lines = "\n".join(render_block(node, 0, draw(st.booleans()))).split("\n")
    out = []
    for line in lines:
        if draw(st.integers(0, 9)) == 0:
            out.append(draw(st.sampled_from(["", "# note", "  # indented note"])))
        out.append(line + draw(st.sampled_from(["", "", "", " # c", "  ", "\t"])))
    text = "\n".join(out) + "\n"
    for _ in range(draw(st.sampled_from([0, 0, 1, 3]))):  # odd layouts: breaks in flow, comments...
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["\n", "\n  ", "\n    ", " # x\n", ",", ": ", "- ", "? ", " "])) + text[at:]
    text = draw(st.sampled_from(["", "", "---\n", "# head\n", "\ufeff"])) + text
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_random_documents_match_ruamel(text):
    assert_same(text)
