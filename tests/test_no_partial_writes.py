"""Nothing half-written: a bad catalog fails `mkdocs build --strict`, `mkdocs serve`, `export --output`
and `absorb --write` with `path:line:column: message` lines and leaves every file as it was."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURE_SOURCE, ROOT, build, write_config
from helpers import FAMILY, FAMILY_YAML, make_project, replace_once, run_cli, tree
from ruamel.yaml import YAML

#: ``path:line:column: message``, as check prints it.
LOCATED = re.compile(r"^\S+\.(yaml|md|txt):\d+:\d+: .+$", re.MULTILINE)


def _bad_fixture(tmp_path, old: str, new: str):
    source = tmp_path / "source"
    shutil.copytree(FIXTURE_SOURCE, source)
    family = source / "catalog" / "cos-xml-api.yaml"
    family.write_text(replace_once(family.read_text(encoding="utf-8"), old, new), encoding="utf-8")
    return source


#: Bad catalogs: a schema error (read fails), a later-stage error (an undecided conflict).
BAD = {
    "schema": ("        value: 404\n", "        value: 604\n"),
    "reference": ("    related: [NoSuchKey]\n", "    related: [NoSuchThing]\n"),
    "undecided": ("      malformed-status:\n        value: 500\n", "      x-unused:\n        value: 500\n"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_catalog_fails_build_and_keeps_previous_site(tmp_path, built_site, name):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    before = tree(tmp_path / "site")
    source = _bad_fixture(tmp_path, *BAD[name])
    result = build(write_config(tmp_path, source, site))
    assert result.returncode != 0
    located = LOCATED.findall(result.stderr)
    assert located, result.stderr
    assert tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs.yml", "site", "source"]


def test_bad_catalog_error_lines_are_check_lines(tmp_path, built_site):
    """The build prints exactly the lines `errdocs check` prints for the same source."""
    source = _bad_fixture(tmp_path, *BAD["schema"])
    result = build(write_config(tmp_path, source, tmp_path / "site"))
    code, _, err = run_cli(["check", "--source", str(source)])
    assert code == 1
    expected = [line for line in err.splitlines() if LOCATED.match(line)]
    assert expected and all(line in result.stderr.splitlines() for line in expected), result.stderr
    assert not (tmp_path / "site").exists()


def test_error_during_generation_keeps_previous_site(tmp_path, built_site):
    """A template that fails half-way through the pages: the old site stays whole."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    before = tree(site)
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    entry = templates / "entry.md.j2"
    entry.write_text(entry.read_text(encoding="utf-8") + "{{ no_such_variable }}\n", encoding="utf-8")
    config = write_config(tmp_path, FIXTURE_SOURCE, site)
    yaml = YAML()
    data = yaml.load(config.read_text(encoding="utf-8"))
    for plugin in data["plugins"]:
        if isinstance(plugin, dict) and "errdocs" in plugin:
            plugin["errdocs"]["templates"] = str(templates)
    with config.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    result = build(config)
    assert result.returncode != 0
    assert "no_such_variable" in result.stderr
    assert tree(site) == before
    assert not list(tmp_path.glob("site.*"))


def test_serve_refuses_a_bad_catalog(tmp_path, built_site):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    before = tree(site)
    source = _bad_fixture(tmp_path, *BAD["schema"])
    config = write_config(tmp_path, source, site)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "serve", "--strict", "-f", str(config),
                             "-a", "127.0.0.1:0", "--no-livereload"], capture_output=True, text=True,
                            cwd=ROOT, timeout=120, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    assert LOCATED.findall(result.stderr), result.stderr
    assert tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs.yml", "site", "source"]


BAD_PROJECT = {
    "schema": (FAMILY, "value: 500,", "value: 600,"),
    "yaml": (FAMILY, "  - code: SlowDown\n", "  - code: SlowDown\n   bad: [indent\n"),
}


def _bad_project(tmp_path, name):
    path, old, new = BAD_PROJECT[name]
    return make_project(tmp_path, {path: replace_once(FAMILY_YAML, old, new)})


@pytest.mark.parametrize("name", sorted(BAD_PROJECT))
@pytest.mark.parametrize("existing", [False, True])
def test_export_output_writes_nothing_on_a_bad_catalog(tmp_path, name, existing):
    source = _bad_project(tmp_path, name)
    out = tmp_path / "out" / "codes.json"
    if existing:
        out.parent.mkdir()
        out.write_bytes(b'{"previous": true}\n')
    before = tree(tmp_path)
    code, stdout, err = run_cli(["export", "--format", "json", "--output", str(out), "--source", str(source)])
    assert code == 1 and stdout == ""
    assert LOCATED.findall(err), err
    assert "nothing written" in err
    assert tree(tmp_path) == before
    assert out.exists() == existing


@pytest.mark.parametrize("name", sorted(BAD_PROJECT))
def test_absorb_write_writes_nothing_on_a_bad_catalog(tmp_path, name):
    source = _bad_project(tmp_path, name)
    # a new code upstream, so that a valid catalog would have something to absorb
    snapshot = next((source / "upstream").glob("*.en.*.md"))
    text = snapshot.read_text(encoding="utf-8")
    snapshot.write_text(replace_once(text, "| SlowDown ", "| BrandNewCode | New. | 429 Too Many Requests |\n"
                                                        "| SlowDown "), encoding="utf-8")
    before = tree(tmp_path)
    code, _, err = run_cli(["absorb", "--write", "--source", str(source)])
    assert code == 1
    assert LOCATED.findall(err), err
    assert tree(tmp_path) == before


def test_absorb_write_does_write_on_a_good_catalog(tmp_path):
    """Control for the test above: the same new code with a valid catalog is absorbed."""
    source = make_project(tmp_path)
    snapshot = next((source / "upstream").glob("*.en.*.md"))
    text = snapshot.read_text(encoding="utf-8")
    snapshot.write_text(replace_once(text, "| SlowDown ", "| BrandNewCode | New. | 429 Too Many Requests |\n"
                                                        "| SlowDown "), encoding="utf-8")
    before = tree(tmp_path)
    code, out, _ = run_cli(["absorb", "--write", "--source", str(source)])
    assert code == 0 and "BrandNewCode" in out
    assert tree(tmp_path) != before
