"""Every user-visible output of a checkout, written into one folder, so that two checkouts can be
compared with ``diff -r``: the proof a refactoring changed no behaviour.

Captured for each source (the shipped ``source/`` and any ``--extra NAME=DIR``, e.g. a synthetic
catalog made by ``python -m benchmarks.synth``):

* ``check --json`` and plain ``check`` (stdout, stderr, exit status);
* ``diff OLD NEW`` of every consecutive pair of revisions, in every format and both languages;
* ``diff --catalog REV`` of every revision (text and json);
* ``absorb`` (the plan, without writing);
* ``export`` in every format;
* ``import --json`` of every registered snapshot;
* the whole site built by ``mkdocs build --strict`` (every file, byte for byte).

Usage (from anywhere; REPO is the checkout whose code runs, with its own ``.venv``)::

    python tools/snapshot_outputs.py REPO OUT [--extra synth2000=/path/to/source] [--no-site]
    diff -r OUT_BEFORE OUT_AFTER
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DIFF_FORMATS = ("text", "markdown", "html", "json")
EXPORT_FORMATS = ("python", "typescript", "json", "csv")
LANGS = ("en", "zh")


def _python(repo: Path) -> str:
    venv = repo / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def _run(repo: Path, args: list[str], out: Path) -> None:
    """Run ``python -m generator ARGS`` in ``repo``; keep stdout, stderr and the exit status."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONHASHSEED": "0", "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([_python(repo), "-m", "generator", *args], cwd=repo, capture_output=True,
                          env=env)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".stdout").write_bytes(done.stdout)
    out.with_suffix(".stderr").write_bytes(done.stderr)
    out.with_suffix(".exit").write_text(f"{done.returncode}\n")


def _revisions(repo: Path, source: Path) -> list[dict]:
    code = ("import json,sys; from generator.revision import load_revisions; "
            "print(json.dumps([r.as_dict() for r in load_revisions(sys.argv[1])]))")
    done = subprocess.run([_python(repo), "-c", code, str(source)], cwd=repo, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def _pairs(revisions: list[dict]) -> list[tuple[str, str]]:
    """Consecutive revisions of one page, edition and language, by date (what the site pairs)."""
    groups: dict[tuple, list[dict]] = {}
    for rev in revisions:
        groups.setdefault((rev["page"], rev["edition"], rev["language"]), []).append(rev)
    out = []
    for revs in groups.values():
        revs.sort(key=lambda r: (r["date"], r["id"]))
        out += [(a["id"], b["id"]) for a, b in zip(revs, revs[1:])]
    return sorted(out)


def snapshot_source(repo: Path, source: Path, out: Path, site: bool) -> None:
    src = ["--source", str(source)]
    _run(repo, ["check", "--json", *src], out / "check-json")
    _run(repo, ["check", *src], out / "check")
    _run(repo, ["absorb", *src], out / "absorb")
    for fmt in EXPORT_FORMATS:
        _run(repo, ["export", "--format", fmt, *src], out / "export" / fmt)
    revisions = _revisions(repo, source)
    for rev in revisions:
        _run(repo, ["import", str(source / rev["path"]), "--json"], out / "import" / rev["id"])
        for fmt in ("text", "json"):
            _run(repo, ["diff", "--catalog", rev["id"], "--format", fmt, *src],
                 out / "diff-catalog" / f"{rev['id']}.{fmt}")
    for old, new in _pairs(revisions):
        for fmt in DIFF_FORMATS:
            for lang in (LANGS if fmt != "json" else ("en",)):
                _run(repo, ["diff", old, new, "--format", fmt, "--lang", lang, "--color", "never", *src],
                     out / "diff" / f"{old}..{new}.{fmt}.{lang}")
    if site:
        _build_site(repo, source, out / "site")


def _build_site(repo: Path, source: Path, dest: Path) -> None:
    from ruamel.yaml import YAML

    with tempfile.TemporaryDirectory(prefix="errdocs-snapshot-") as tmp:
        yaml = YAML()
        config = yaml.load((repo / "mkdocs.yml").read_text(encoding="utf-8"))
        config["docs_dir"] = str(repo / "docs")
        config["site_dir"] = str(Path(tmp) / "site")
        config["theme"]["custom_dir"] = str(repo / "site_overrides")
        config.pop("watch", None)
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "errdocs" in plugin:
                plugin["errdocs"] = {"source": str(source), "templates": str(repo / "templates")}
            if isinstance(plugin, dict) and "search" in plugin:
                plugin["search"]["jieba_dict_user"] = str(repo / "templates" / "jieba.txt")
        path = Path(tmp) / "mkdocs.yml"
        with path.open("w", encoding="utf-8") as fh:
            yaml.dump(config, fh)
        env = {**os.environ, "PYTHONHASHSEED": "0", "NO_MKDOCS_2_WARNING": "1"}
        done = subprocess.run([_python(repo), "-m", "mkdocs", "build", "--strict", "-q", "-f", str(path)],
                              cwd=repo, capture_output=True, text=True, env=env)
        if done.returncode:
            raise SystemExit(f"mkdocs build failed for {source}:\n{done.stderr}")
        shutil.copytree(Path(tmp) / "site", dest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo", type=Path, help="checkout whose code runs (uses its .venv if any)")
    parser.add_argument("out", type=Path, help="folder to write (must not exist)")
    parser.add_argument("--extra", action="append", default=[], metavar="NAME=DIR",
                        help="another source folder to capture, under OUT/NAME")
    parser.add_argument("--no-site", action="store_true", help="skip the mkdocs builds")
    args = parser.parse_args(argv)
    repo = args.repo.resolve()
    if args.out.exists():
        parser.error(f"{args.out} exists; give a new folder")
    sources = {"real": repo / "source"}
    for item in args.extra:
        name, _, folder = item.partition("=")
        if not name or not folder:
            parser.error(f"--extra {item!r}: expected NAME=DIR")
        sources[name] = Path(folder).resolve()
    for name, source in sources.items():
        snapshot_source(repo, source, args.out / name, not args.no_site)
    print(f"wrote {sum(1 for p in args.out.rglob('*') if p.is_file())} files under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
