"""errdocs export: Python, TypeScript, JSON and CSV constants from the catalog.

The TypeScript tests install typescript (pinned) with npm into a cache folder outside
the repository, type-check the module with ``tsc --strict`` and run it with Node.js.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from generator.cli import main
from generator.export import FORMATS, build_constants, render
from generator.export.csv_table import join_list, split_list
from generator.export.escape import json_string, python_string
from generator.export.constants import code_part, constant_names, family_prefix
from generator.project import load_valid_project

ROOT = Path(__file__).resolve().parent.parent
TS_VERSION = "5.9.3"
TSC_STRICT = ["--strict", "--noUncheckedIndexedAccess", "--exactOptionalPropertyTypes", "--noUnusedLocals",
              "--noImplicitReturns", "--noPropertyAccessFromIndexSignature"]
HOSTILE = ("line1\nline2 \"double\" 'single' \\ back\\slash */ /* ${x} `tick` </script> \u2028\u2029 "
           "\u202e bidi \u200b zero-width \x7f \U0001F600 中文，逗号 \r\n\t end\\")




def _catalog_counts() -> tuple[int, int, int]:
    """Services, families and entries of the shipped catalog, read straight from its YAML (not through
    the generator), so the export's counts are checked against an independent reading."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    services = yaml.load((ROOT / "source" / "catalog" / "services.yaml").read_text(encoding="utf-8"))["services"]
    families = [f for svc in services for f in svc["families"]]
    entries = sum(len(yaml.load((ROOT / "source" / "catalog" / f"{f}.yaml").read_text(encoding="utf-8"))["entries"])
                  for f in families)
    return len(services), len(families), entries


SERVICES, FAMILIES, ENTRIES = _catalog_counts()


# -- fixtures ---------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def project():
    return load_valid_project(ROOT / "source")


@pytest.fixture(scope="session")
def constants(project):
    return build_constants(project)


def load_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module


@pytest.fixture(scope="session")
def pymod(constants, tmp_path_factory):
    path = tmp_path_factory.mktemp("py") / "errcodes.py"
    path.write_text(render(constants, "python"), encoding="utf-8")
    return load_module(path, "errdocs_generated_errcodes")


@pytest.fixture(scope="session")
def tsc():
    """``[node, tsc.js]`` from typescript installed with npm outside the repository."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.fail("the TypeScript export tests need Node.js and npm on PATH (apt-get install nodejs npm)")
    cache = Path(os.environ.get("ERRDOCS_TS_CACHE")
                 or Path(tempfile.gettempdir()) / f"errdocs-typescript-{TS_VERSION}")
    script = cache / "node_modules" / "typescript" / "bin" / "tsc"
    if not script.is_file():
        proc = subprocess.run([npm, "install", "--prefix", str(cache), "--no-audit", "--no-fund", "--no-save",
                               "--no-package-lock", f"typescript@{TS_VERSION}"],
                              capture_output=True, text=True, timeout=600)
        if proc.returncode != 0:
            tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            if re.search(r"ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network", proc.stderr,
                         re.IGNORECASE):
                pytest.skip(f"npm has no network to install typescript@{TS_VERSION}: {tail}")
            pytest.fail(f"npm install typescript@{TS_VERSION} failed: {proc.stderr}")
    return [node, str(script)]


def run_tsc(tsc, *args: str, cwd: Path) -> None:
    proc = subprocess.run([*tsc, *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-5000:] + proc.stderr[-2000:]


def run_node(tsc, script: str, cwd: Path) -> object:
    proc = subprocess.run([tsc[0], "-e", script], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def compile_ts(tsc, text: str, folder: Path) -> Path:
    """Type-check strictly, then emit CommonJS for node; returns the folder of the .js."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "errcodes.ts").write_text(text, encoding="utf-8")
    run_tsc(tsc, *TSC_STRICT, "--noEmit", "errcodes.ts", cwd=folder)
    run_tsc(tsc, "--strict", "--target", "es2020", "--module", "commonjs", "--outDir", "js", "errcodes.ts",
            cwd=folder)
    return folder / "js"


# A tiny catalog whose texts and aliases are hostile, plus two codes whose names collide.
TINY_SERVICES = """\
services:
  - id: evil
    title: {en: "Evil \\"service\\" */ ${x}", zh: "恶意服务"}
    summary: {en: "s", zh: "s"}
    families: [evil-codes]
"""
TINY_FAMILY = """\
id: evil-codes
title: {en: "Quotes \\" and \\\\ backslash \\u2028 end", zh: "标题"}
summary: {en: "s", zh: "s"}
kind: string
sources: [{page: evil, section: "x"}]
entries:
  - code: NoSuch
    aliases: ["__proto__", "constructor", "toString", "a|b\\\\c", "Request has expired", "其他"]
    text:
      description: {en: "placeholder", zh: "中文，逗号\\r\\n新行"}
  - code: No_Such
    decisions:
      similar-code: {reason: {en: "distinct codes", zh: "不同的码"}}
    text:
      description: {en: "second, with \\"quotes\\"", zh: "第二"}
"""


def tiny_source(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    (source / "catalog").mkdir(parents=True)
    (source / "upstream").mkdir()
    (source / "revisions.yaml").write_text("revisions: []\n", encoding="utf-8")
    (source / "catalog" / "services.yaml").write_text(TINY_SERVICES, encoding="utf-8")
    (source / "catalog" / "evil-codes.yaml").write_text(TINY_FAMILY, encoding="utf-8")
    return source


@pytest.fixture
def hostile(tmp_path):
    """Constants of the tiny catalog, with HOSTILE (and a lone surrogate) as a description."""
    project = load_valid_project(tiny_source(tmp_path))
    text = project.reconciliation.resolved["evil-codes/NoSuch"].texts["description"]["en"]
    text.text = HOSTILE + "\ud800"
    return build_constants(project)


# -- names ------------------------------------------------------------------------------------

@pytest.mark.parametrize("code, part", [
    ("NoSuchKey", "NO_SUCH_KEY"), ("InvalidSHA1Digest", "INVALID_SHA1_DIGEST"), ("MalformedXML", "MALFORMED_XML"),
    ("JsonAPINotSupportOnMAZBucket", "JSON_API_NOT_SUPPORT_ON_MAZ_BUCKET"), ("-46618", "MINUS_46618"),
    ("1007", "1007"), ("a.b-c_d", "A_B_C_D"), ("x中", "X_U4E2D"),
])
def test_code_part(code, part):
    assert code_part(code) == part


def test_family_prefix():
    assert family_prefix("cos-xml-api") == "COS_XML_API"
    assert family_prefix("3d-codes") == "F_3D_CODES"


def test_colliding_names_get_stable_suffixes():
    names, notes = constant_names([("a-b", "C"), ("a", "B_C"), ("a", "D")])
    assert names["a/D"] == "A_D"
    assert names["a-b/C"] != names["a/B_C"] and names["a-b/C"].startswith("A_B_C_")
    again, _ = constant_names([("a", "B_C"), ("a-b", "C")])  # order does not matter
    assert again["a/B_C"] == names["a/B_C"] and again["a-b/C"] == names["a-b/C"]
    assert len(notes) == 1 and "A_B_C" in notes[0]


def test_real_catalog_names_are_unique_valid_and_natural(constants):
    names = [e.name for e in constants.entries]
    assert len(names) == len(set(names)) == ENTRIES
    assert all(re.fullmatch(r"[A-Z][A-Z0-9_]*", n) for n in names)
    assert not constants.notes  # no collision in the real catalog: every name is the natural one
    by_key = {e.key: e.name for e in constants.entries}
    assert by_key["cos-xml-api/NoSuchKey"] == "COS_XML_API_NO_SUCH_KEY"
    assert by_key["ci-download/-46618"] == "CI_DOWNLOAD_MINUS_46618"


# -- Python -----------------------------------------------------------------------------------

def test_python_constants_and_lookup(pymod):
    assert pymod.COS_XML_API_NO_SUCH_KEY == "NoSuchKey"
    assert pymod.CI_DOWNLOAD_MINUS_46618 == "-46618"
    for spelling in ("NoSuchKey", "nosuchkey", "  NOSUCHKEY "):
        found = pymod.lookup(spelling)
        assert (found.family, found.code) == ("cos-xml-api", "NoSuchKey")
        assert found.statuses == (404,)
    typo = pymod.lookup("InternalErrror")
    assert (typo.family, typo.code, typo.statuses) == ("cos-xml-api", "InternalError", (500,))
    assert "InternalErrror" in typo.aliases
    for number in (-46618, "-46618"):
        with pytest.raises(pymod.AmbiguousCodeError, match="cos-v4-api, cos-v4-access, ci-download"):
            pymod.lookup(number)  # the X-ErrNo and two COS V4 tables all have -46618
        found = pymod.lookup(number, family="ci-download")
        assert (found.family, found.code) == ("ci-download", "-46618")
        assert found.description["en"] and found.description["zh"]
    assert pymod.lookup("AppendPositionErr").statuses == (409,)
    assert pymod.lookup("requesttimeout").code == "RequestTimeout"  # code and alias differ by case only
    assert pymod.lookup("其他").code == "Other"
    assert pymod.lookup("NoSuchThing") is None


def test_python_ambiguous_codes_need_a_family(pymod):
    with pytest.raises(pymod.AmbiguousCodeError, match="cos-xml-api, cos-batch, ci-media-api"):
        pymod.lookup("InternalError")
    assert [m.family for m in pymod.lookup_all("internalerror")] == ["cos-xml-api", "cos-batch", "ci-media-api"]
    assert pymod.lookup("InternalError", family="ci-media-api").family == "ci-media-api"
    assert pymod.lookup("InternalErrror", family="ci-media-api") is None  # the typo is COS's only
    with pytest.raises(KeyError, match="unknown family"):
        pymod.lookup("NoSuchKey", family="nope")


def test_python_maps(pymod, constants):
    assert pymod.STATUS["cos-xml-api"]["AppendPositionErr"] == (409,)
    assert pymod.STATUS["cos-xml-api"]["InvalidObjectState"] == (403, 409)
    assert pymod.ALIASES["cos-xml-api"]["InternalErrror"] == "InternalError"
    assert pymod.ALIASES["ci-download"] == {}
    assert set(pymod.DESCRIPTIONS) == {"en", "zh"} and pymod.LANGUAGES == ("en", "zh")
    assert pymod.FAMILIES["ci-download"]["kind"] == "numeric"
    assert list(pymod.FAMILIES) == [f.id for f in constants.families]
    assert sum(len(codes) for codes in pymod.CODES.values()) == ENTRIES
    for e in constants.entries:  # every constant exists, holds its code, and keys every map
        assert getattr(pymod, e.name) == e.code
        assert pymod.STATUS[e.family][e.code] == tuple(s.status for s in e.statuses)
        for alias in e.aliases:
            assert pymod.ALIASES[e.family][alias] == e.code
        for lang in ("en", "zh"):
            assert pymod.DESCRIPTIONS[lang][e.family][e.code] == e.text("description", lang)
    assert pymod.DIGEST == constants.digest


def test_python_header_says_generated(constants):
    text = render(constants, "python")
    head = text.splitlines()[:5]
    assert head[0].startswith("# Generated by errdocs") and "DO NOT EDIT" in head[0]
    assert any(f"Catalog: source/catalog ({SERVICES} services, {FAMILIES} families, {ENTRIES} entries)" in line
               for line in head)
    assert any(constants.digest in line for line in head)
    assert not re.search(r"\d\d:\d\d:\d\d", text)  # no timestamp


def test_python_one_language(project, tmp_path):
    zh = build_constants(project, ["zh"])
    path = tmp_path / "errcodes_zh.py"
    path.write_text(render(zh, "python"), encoding="utf-8")
    module = load_module(path, "errdocs_generated_zh")
    assert module.LANGUAGES == ("zh",) and set(module.DESCRIPTIONS) == {"zh"}
    assert module.lookup("NoSuchKey").description == {"zh": module.DESCRIPTIONS["zh"]["cos-xml-api"]["NoSuchKey"]}
    assert module.DIGEST == build_constants(project).digest  # the digest names the catalog, not the view


def test_python_hostile_texts(hostile, tmp_path):
    path = tmp_path / "evil.py"
    path.write_text(render(hostile, "python"), encoding="utf-8")
    evil = load_module(path, "errdocs_generated_evil")
    [first, second] = hostile.entries
    assert evil.DESCRIPTIONS["en"]["evil-codes"]["NoSuch"] == HOSTILE + "\ud800"
    assert evil.DESCRIPTIONS["zh"]["evil-codes"]["NoSuch"] == "中文，逗号\r\n新行"
    assert evil.FAMILIES["evil-codes"]["title"]["en"] == 'Quotes " and \\ backslash \u2028 end'
    assert evil.SERVICES["evil"]["title"]["en"] == 'Evil "service" */ ${x}'
    for alias in first.aliases:
        assert evil.lookup(alias).code == "NoSuch"
    assert evil.lookup("no_such").code == "No_Such"
    # colliding names were disambiguated, each still holding its own code
    assert first.name != second.name and first.name.startswith("EVIL_CODES_NO_SUCH_")
    assert getattr(evil, first.name) == "NoSuch" and getattr(evil, second.name) == "No_Such"
    assert len(hostile.notes) == 1
    # nothing invisible or line-breaking is left raw in the source
    source = path.read_text(encoding="utf-8")
    assert not re.search("[\u2028\u2029\u202e\u200b\x7f]", source)
    assert all("\ud800" not in line for line in source.splitlines())


@pytest.mark.parametrize("text", [HOSTILE + "\ud800", "", "\\", '"', "\\N{BULLET}", "\U000e0001\x00"])
def test_string_literals_round_trip(text):
    assert eval(python_string(text)) == text  # noqa: S307 - our own literal
    assert json.loads(json_string(text)) == text


# -- TypeScript -------------------------------------------------------------------------------

def test_typescript_type_checks_and_runs(constants, tsc, tmp_path):
    js = compile_ts(tsc, render(constants, "typescript"), tmp_path)
    out = run_node(tsc, textwrap.dedent("""
        const e = require("./js/errcodes.js");
        let ambiguous = null;
        try { e.lookup("InternalError"); } catch (x) { ambiguous = [x instanceof e.AmbiguousCodeError, x.message]; }
        console.log(JSON.stringify({
          exact: e.lookup("NoSuchKey"), folded: e.lookup("nosuchkey").code, typo: e.lookup("InternalErrror"),
          number: e.lookup(-46618, "ci-download"), text: e.lookup("-46618", "ci-download").code, append: e.lookup("AppendPositionErr").statuses,
          none: e.lookup("NoSuchThing") === undefined, proto: e.lookup("__proto__") === undefined,
          ctor: e.lookup("constructor") === undefined, ambiguous,
          all: e.lookupAll("InternalError").map((m) => m.family),
          media: e.lookup("InternalError", "ci-media-api").statuses,
          constant: e.CI_DOWNLOAD_MINUS_46618, codes: e.CODES["cos-xml-api"].length,
        }));
    """), tmp_path)
    assert js.is_dir()
    assert out["exact"]["family"] == "cos-xml-api" and out["exact"]["statuses"] == [404]
    assert out["exact"]["description"]["zh"] == constants.families[0].entries[
        [e.code for e in constants.families[0].entries].index("NoSuchKey")].text("description", "zh")
    assert out["folded"] == "NoSuchKey"
    assert out["typo"]["code"] == "InternalError" and out["typo"]["aliases"] == ["InternalErrror"]
    assert out["number"]["code"] == out["text"] == "-46618" and out["number"]["family"] == "ci-download"
    assert out["append"] == [409]
    assert out["none"] and out["proto"] and out["ctor"]
    assert out["ambiguous"][0] is True and "cos-xml-api, cos-batch, ci-media-api" in out["ambiguous"][1]
    assert out["all"] == ["cos-xml-api", "cos-batch", "ci-media-api"] and out["media"] == [500]
    assert out["constant"] == "-46618" and out["codes"] == len(constants.families[0].entries)


def test_typescript_types_are_precise(constants, tsc, tmp_path):
    (tmp_path / "errcodes.ts").write_text(render(constants, "typescript"), encoding="utf-8")
    (tmp_path / "use.ts").write_text(textwrap.dedent("""
        import { COS_XML_API_NO_SUCH_KEY, CodeOf, FamilyId, STATUS, lookup, Language } from "./errcodes";
        const code: CodeOf<"cos-xml-api"> = COS_XML_API_NO_SUCH_KEY;
        const family: FamilyId = "ci-download";
        const lang: Language = "zh";
        // @ts-expect-error: not a code of the family
        const wrong: CodeOf<"cos-xml-api"> = "NoSuchKeyy";
        // @ts-expect-error: not a family
        const nofamily: FamilyId = "nope";
        const statuses: readonly number[] | undefined = STATUS[family][code];
        const text: string | undefined = lookup(code, "cos-xml-api")?.description[lang];
        export { wrong, nofamily, statuses, text };
    """), encoding="utf-8")
    run_tsc(tsc, *TSC_STRICT, "--noEmit", "use.ts", cwd=tmp_path)


def test_typescript_one_language(project, tsc, tmp_path):
    js = compile_ts(tsc, render(build_constants(project, ["en"]), "typescript"), tmp_path)
    out = run_node(tsc, 'const e = require("./js/errcodes.js"); console.log(JSON.stringify('
                        '[e.LANGUAGES, Object.keys(e.DESCRIPTIONS), e.lookup("NoSuchKey").description]));', js.parent)
    assert out[0] == ["en"] and out[1] == ["en"] and list(out[2]) == ["en"]


def test_typescript_hostile_texts(hostile, tsc, tmp_path):
    text = render(hostile, "typescript")
    assert not re.search("[\u2028\u2029\u202e\u200b\x7f]", text)
    compile_ts(tsc, text, tmp_path)
    out = run_node(tsc, textwrap.dedent("""
        const e = require("./js/errcodes.js");
        console.log(JSON.stringify({
          description: e.DESCRIPTIONS.en["evil-codes"].NoSuch, zh: e.DESCRIPTIONS.zh["evil-codes"].NoSuch,
          title: e.FAMILIES["evil-codes"].title.en, service: e.SERVICES.evil.title.en,
          aliases: Object.keys(e.ALIASES["evil-codes"]),
          protoIntact: Object.getPrototypeOf(e.ALIASES["evil-codes"]) === Object.prototype,
          lookups: ["__proto__", "constructor", "toString", "a|b\\\\c", "request HAS expired", "其他", "no_such"]
            .map((a) => e.lookup(a) && e.lookup(a).code),
        }));
    """), tmp_path)
    assert out["description"] == HOSTILE + "\ud800"
    assert out["zh"] == "中文，逗号\r\n新行"
    assert out["title"] == 'Quotes " and \\ backslash \u2028 end' and out["service"] == 'Evil "service" */ ${x}'
    assert out["aliases"] == list(hostile.entries[0].aliases) and out["protoIntact"] is True
    assert out["lookups"] == ["NoSuch"] * 6 + ["No_Such"]


# -- JSON -------------------------------------------------------------------------------------

def test_json_matches_catalog(constants, project):
    doc = json.loads(render(constants, "json"))
    assert doc["format"] == "errdocs-constants/1" and doc["digest"] == constants.digest
    assert len(doc["families"]) == len(project.catalog.families) == FAMILIES
    assert len(doc["entries"]) == len(project.catalog.entries) == ENTRIES
    assert {f["id"]: f["entries"] for f in doc["families"]} == {
        f.id: len(f.entries) for f in project.catalog.families.values()}
    assert [s["id"] for s in doc["services"]] == ["cos", "cos-v4", "ci", "wanxiang"]  # services.yaml order
    by_key = {e["key"]: e for e in doc["entries"]}
    append = by_key["cos-xml-api/AppendPositionErr"]
    assert append["statuses"] == [{"status": 409, "when": None}] and append["constant"] == "COS_XML_API_APPEND_POSITION_ERR"
    state = by_key["cos-xml-api/InvalidObjectState"]["statuses"]
    assert [s["status"] for s in state] == [403, 409] and set(state[0]["when"]) == {"en", "zh"}
    assert by_key["cos-xml-api/InternalError"]["aliases"] == ["InternalErrror"]
    for key, res in project.reconciliation.resolved.items():
        texts = by_key[key]["texts"]
        assert texts == {kind: {lang: tv.text for lang, tv in by_lang.items()} for kind, by_lang in res.texts.items()}


def test_json_one_language_and_hostile(project, hostile):
    doc = json.loads(render(build_constants(project, ["zh"]), "json"))
    assert doc["languages"] == ["zh"]
    assert all(set(by_lang) == {"zh"} for e in doc["entries"] for by_lang in e["texts"].values())
    text = render(hostile, "json")
    text.encode("utf-8")  # pure UTF-8 even with a lone surrogate in the data
    evil = json.loads(text)
    assert evil["entries"][0]["texts"]["description"]["en"] == HOSTILE + "\ud800"
    assert evil["entries"][0]["aliases"][0] == "__proto__"


# -- CSV --------------------------------------------------------------------------------------

def test_csv_round_trips(constants):
    rows = list(csv.reader(io.StringIO(render(constants, "csv"), newline="")))
    assert rows[0] == ["family", "code", "constant", "statuses", "aliases", "description_en", "description_zh"]
    assert len(rows) == 1 + ENTRIES
    for row, e in zip(rows[1:], constants.entries):
        assert row[:3] == [e.family, e.code, e.name]
        assert split_list(row[3]) == [str(s.status) for s in e.statuses]
        assert split_list(row[4]) == list(e.aliases)
        assert row[5:] == [e.text("description", "en"), e.text("description", "zh")]
    invalid = next(r for r in rows if r[1] == "InvalidObjectState")
    assert invalid[3] == "403|409"
    assert next(r for r in rows if r[1] == "IncompleteBody")[4] == "ImcompleteBoady|ImcompleteBody"


def test_csv_hostile_texts(hostile):
    text = render(hostile, "csv")
    text.encode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 3  # newlines inside texts did not make rows
    assert rows[1][5] == HOSTILE + "\ufffd"  # CSV cannot carry a lone surrogate
    assert rows[1][6] == "中文，逗号\r\n新行" and rows[2][5] == 'second, with "quotes"'
    assert split_list(rows[1][4]) == list(hostile.entries[0].aliases)


@pytest.mark.parametrize("items", [[], [""], ["a"], ["a|b", "c\\", "\\|", "x"], ["|", "|"]])
def test_csv_list_cells_round_trip(items):
    joined = join_list(items)
    assert split_list(joined) == (items if joined or items != [""] else [])


# -- determinism and the command --------------------------------------------------------------

def test_export_is_deterministic(tmp_path):
    script = ("import hashlib, sys\n"
              "from generator.project import load_valid_project\n"
              "from generator.export import FORMATS, build_constants, render\n"
              "c = build_constants(load_valid_project('source'))\n"
              "print({f: hashlib.sha256(render(c, f).encode()).hexdigest() for f in FORMATS})\n")
    outs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=300)
        assert proc.returncode == 0, proc.stderr
        outs.append(proc.stdout)
    assert outs[0] == outs[1]


def test_cli_writes_atomically_and_identically(tmp_path, capsys):
    out = tmp_path / "gen" / "errcodes.py"
    assert main(["export", "--format", "python", "--output", str(out), "--source", str(ROOT / "source")]) == 0
    first = out.read_bytes()
    assert "wrote" in capsys.readouterr().err
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # a normal new file, not mkstemp's 0600
    assert main(["export", "--format", "python", "--output", str(out), "--source", str(ROOT / "source")]) == 0
    assert out.read_bytes() == first and "unchanged" in capsys.readouterr().err
    assert [p.name for p in out.parent.iterdir()] == ["errcodes.py"]  # no temporary file left


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_cli_stdout_equals_render(fmt, constants, capsysbinary):
    assert main(["export", "--format", fmt, "--source", str(ROOT / "source")]) == 0
    assert capsysbinary.readouterr().out == render(constants, fmt).encode("utf-8")


def test_cli_lang_and_bad_catalog(tmp_path, capsys):
    assert main(["export", "--format", "json", "--lang", "zh", "--source", str(ROOT / "source")]) == 0
    assert json.loads(capsys.readouterr().out)["languages"] == ["zh"]
    source = tiny_source(tmp_path)
    family = source / "catalog" / "evil-codes.yaml"
    undecided = re.sub(r"    decisions:\n.*\n", "", family.read_text(encoding="utf-8"))
    family.write_text(undecided, encoding="utf-8")  # the similar-code conflict is now undecided
    out = tmp_path / "never.py"
    assert main(["export", "--format", "python", "--output", str(out), "--source", str(source)]) == 1
    assert "nothing written" in capsys.readouterr().err and not out.exists()
    with pytest.raises(SystemExit):
        main(["export", "--format", "cobol"])
