"""errdocs harvest: revisions found in git repositories made here and in the upstream replicas."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from generator.revision import blob_id, load_revisions
from generator.harvest.registry import load_pages
from generator.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
CN_PAGE = "api/存储与CDN/对象存储（XML API）/错误码.md"
CN_PAGE_OLD = "api/存储与CDN/对象存储（标准 XML API）/错误码.md"
INTL_PAGE = "yehe_doc/存储/对象存储/API 文档/错误码_intl_en.md"
REGISTERED_CN = ROOT / "source" / "upstream" / "cos-errors.cn.zh.2019-08-19.md"
REGISTERED_INTL = ROOT / "source" / "upstream" / "cos-errors.intl.en.2022-04-06.md"
UPSTREAM_SHA = "0123456789abcdef0123456789abcdef01234567"
NEWLINE = b"\n"


def git(repo: Path, *args: str, date: str = "2021-01-01T12:00:00+08:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


def commit(repo: Path, files: dict[str, bytes | None], date: str, message: str = "update") -> str:
    """Write (or delete, for None) files and commit them at ``date``."""
    for name, data in files.items():
        path = repo / name
        if data is None:
            git(repo, "rm", "-q", name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        git(repo, "add", name)
    git(repo, "commit", "-q", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD")


def new_repo(path: Path, remote: str | None) -> Path:
    path.mkdir()
    git(path, "init", "-q", "-b", "master")
    if remote:
        git(path, "remote", "add", "origin", remote)
    return path


def with_code(data: bytes, code: str) -> bytes:
    """The page with one more row in its 4XX table."""
    row = "| AppendPositionErr                   |"
    text = data.decode()
    return text.replace(row, f"| {code} | 测试用的新错误码 | 400 Bad Request |\n{row}", 1).encode()


@pytest.fixture
def source(tmp_path) -> Path:
    src = tmp_path / "project" / "source"
    shutil.copytree(ROOT / "source", src)
    return src


@pytest.fixture
def cn_repo(tmp_path) -> Path:
    """Mainland-like history: moves, a whitespace-only edit, a revert, backups, two edits on one day."""
    repo = new_repo(tmp_path / "qcloud", "https://github.com/tencentyun/qcloud-documents.git")
    base = REGISTERED_CN.read_bytes()
    spaced = base + b"\n"
    commit(repo, {CN_PAGE_OLD: base, "unrelated/readme.md": b"# other page\n"}, "2021-01-01T10:00:00+08:00")
    commit(repo, {CN_PAGE_OLD: None, CN_PAGE: base}, "2021-01-05T10:00:00+08:00", "move")
    commit(repo, {CN_PAGE: spaced}, "2021-02-01T10:00:00+08:00", "whitespace only")
    commit(repo, {CN_PAGE: with_code(spaced, "HarvestProbeCode")}, "2021-03-01T10:00:00+08:00")
    commit(repo, {CN_PAGE: spaced}, "2021-03-01T11:00:00+08:00", "revert")
    commit(repo, {CN_PAGE: spaced + b"\n"}, "2021-03-01T23:30:00+08:00", "whitespace again")
    commit(repo, {"api/存储与CDN/弃用文档/错误码.md": with_code(base, "BackupOnlyCode"),
                  "api/存储与CDN/对象存储（XML API）/错误码~.md": with_code(base, "TildeOnlyCode")},
           "2021-04-01T10:00:00+08:00", "backups")
    commit(repo, {CN_PAGE: None}, "2021-05-01T10:00:00+08:00", "delete")
    return repo


@pytest.fixture
def intl_bare(tmp_path) -> Path:
    """A bare clone whose commits carry Upstream-Commit trailers (like the replicas)."""
    work = new_repo(tmp_path / "intl-work", None)
    message = f"sync\n\nUpstream-Commit: tencentyun/intlcloud-documents@{UPSTREAM_SHA}"
    commit(work, {INTL_PAGE: REGISTERED_INTL.read_bytes() + b"\n"}, "2022-05-01T01:00:00-07:00", message)
    bare = tmp_path / "intl.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(bare)], check=True)
    return bare


def harvest(capsys, *args: str) -> tuple[int, dict | str]:
    code = main(["harvest", *args])
    out = capsys.readouterr().out
    return code, (json.loads(out) if "--json" in args else out)


def snapshot_tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_history_made_here_json_contract(source, cn_repo, intl_bare, capsys):
    code, doc = harvest(capsys, str(cn_repo), str(intl_bare), "--dry-run", "--json", "--source", str(source))
    assert code == 1
    assert set(doc) >= {"repositories", "revisions", "counts"}
    assert [r["path"] for r in doc["repositories"]] == [str(cn_repo), str(intl_bare)]
    assert doc["repositories"][0]["commits"] == 8 and doc["repositories"][1]["commits"] == 1
    assert doc["repositories"][0]["head"] == git(cn_repo, "rev-parse", "HEAD")
    keys = {"id", "page", "edition", "language", "date", "path", "commit", "blob", "rows", "status"}
    assert all(set(r) == keys for r in doc["revisions"])
    by_id = {r["id"]: r for r in doc["revisions"]}
    # registered bytes keep their registered id; the move, the revert and the backups add nothing
    assert list(by_id) == ["cos-errors.cn.zh.2019-08-19", "cos-errors.cn.zh.2021-02-01",
                           "cos-errors.cn.zh.2021-03-01", "cos-errors.cn.zh.2021-03-01.2",
                           "cos-errors.intl.en.2022-05-01"]
    assert by_id["cos-errors.cn.zh.2019-08-19"]["status"] == "registered"
    assert by_id["cos-errors.cn.zh.2019-08-19"]["path"] == CN_PAGE_OLD
    assert doc["counts"] == {"new": 4, "registered": 1}
    probe = by_id["cos-errors.cn.zh.2021-03-01"]
    assert probe["rows"] == by_id["cos-errors.cn.zh.2021-02-01"]["rows"] + 1
    assert probe["blob"] == blob_id(with_code(REGISTERED_CN.read_bytes() + b"\n", "HarvestProbeCode"))
    # no trailer: the commit itself; a trailer: the upstream commit it names, date in the commit's timezone
    assert probe["commit"] == git(cn_repo, "rev-list", "-n1", "--grep=update", "HEAD")
    intl = by_id["cos-errors.intl.en.2022-05-01"]
    assert (intl["commit"], intl["path"], intl["language"]) == (UPSTREAM_SHA, INTL_PAGE, "en")


def test_harvest_writes_absorbs_and_is_idempotent(source, cn_repo, intl_bare, capsys):
    before = snapshot_tree(source)
    assert harvest(capsys, str(cn_repo), "--dry-run", "--source", str(source))[0] == 1
    assert snapshot_tree(source) == before

    code, out = harvest(capsys, str(cn_repo), str(intl_bare), "--source", str(source))
    assert code == 1, out
    data = (source / "upstream" / "cos-errors.cn.zh.2021-03-01.md").read_bytes()
    assert data == with_code(REGISTERED_CN.read_bytes() + b"\n", "HarvestProbeCode")
    registry = (source / "revisions.yaml").read_text(encoding="utf-8")
    assert registry.startswith("# Upstream revisions registered in errdocs.")  # comments kept
    assert ("  - id: cos-errors.intl.en.2022-05-01\n    page: cos-errors\n    edition: intl\n    language: en\n"
            "    date: \"2022-05-01\"\n    file: upstream/cos-errors.intl.en.2022-05-01.md\n    format: markdown\n"
            "    origin:\n      repository: \"tencentyun/intlcloud-documents\"\n"
            f"      path: \"{INTL_PAGE}\"\n      commit: \"{UPSTREAM_SHA}\"\n"
            f"      blob: \"{blob_id(REGISTERED_INTL.read_bytes() + NEWLINE)}\"\n") in registry
    assert "repository: \"tencentyun/qcloud-documents\"" in registry
    assert "- code: HarvestProbeCode" in (source / "catalog" / "cos-xml-api.yaml").read_text(encoding="utf-8")
    catalog = "".join(p.read_text(encoding="utf-8") for p in (source / "catalog").glob("*.yaml"))
    assert "BackupOnlyCode" not in catalog and "TildeOnlyCode" not in catalog

    after = snapshot_tree(source)
    code, doc = harvest(capsys, str(cn_repo), str(intl_bare), "--json", "--source", str(source))
    assert code == 0 and doc["counts"] == {"new": 0, "registered": 5}
    assert snapshot_tree(source) == after
    # without the caches (walk, rows counted), the same answer
    shutil.rmtree(source.parent / ".cache")
    assert harvest(capsys, str(cn_repo), str(intl_bare), "--json", "--source", str(source)) == (0, doc)
    assert harvest(capsys, str(cn_repo), str(intl_bare), "--no-cache", "--source", str(source))[0] == 0


def test_cache_follows_new_commits(source, cn_repo, capsys):
    assert harvest(capsys, str(cn_repo), "--dry-run", "--source", str(source))[0] == 1
    commit(cn_repo, {CN_PAGE: REGISTERED_CN.read_bytes() + b"\n\n\n"}, "2021-06-01T10:00:00+08:00")
    code, doc = harvest(capsys, str(cn_repo), "--dry-run", "--json", "--source", str(source))
    assert code == 1 and "cos-errors.cn.zh.2021-06-01" in [r["id"] for r in doc["revisions"]]
    assert doc["repositories"][0]["commits"] == 9


def test_unreadable_revision_writes_nothing(source, cn_repo, capsys):
    commit(cn_repo, {CN_PAGE: b"| Code | x |\n\x00 binary\n"}, "2021-07-01T10:00:00+08:00")
    before = snapshot_tree(source)
    code = main(["harvest", str(cn_repo), "--source", str(source)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"tencentyun/qcloud-documents@{git(cn_repo, 'rev-parse', 'HEAD')[:12]}:{CN_PAGE}:1:1:" in err
    assert "nothing written" in err
    assert snapshot_tree(source) == before


def test_repository_must_be_known(source, tmp_path, capsys):
    repo = new_repo(tmp_path / "anon", None)
    commit(repo, {CN_PAGE: REGISTERED_CN.read_bytes() + b" "}, "2021-01-01T10:00:00+08:00")
    assert main(["harvest", str(repo), "--dry-run", "--source", str(source)]) == 2
    assert "give it as" in capsys.readouterr().err
    code, doc = harvest(capsys, f"{repo}=tencentyun/qcloud-documents", "--dry-run", "--json", "--source", str(source))
    assert code == 1 and doc["counts"]["new"] == 1
    assert main(["harvest", str(tmp_path / "missing"), "--source", str(source)]) == 2


def test_snapshot_unlike_its_recorded_blob_is_an_error(source, cn_repo, capsys):
    target = source / "upstream" / REGISTERED_CN.name
    target.write_bytes(target.read_bytes() + b"edited by hand\n")
    before = snapshot_tree(source)
    assert main(["harvest", str(cn_repo), "--dry-run", "--source", str(source)]) == 2
    assert main(["harvest", str(cn_repo), "--source", str(source)]) == 2
    err = capsys.readouterr().err
    assert f"{target}:1:1: bytes differ from those registered for cos-errors.cn.zh.2019-08-19 (origin.blob " \
           f"{blob_id(REGISTERED_CN.read_bytes())}" in err
    assert "nothing written" in err and snapshot_tree(source) == before


def test_missing_snapshot_is_restored_beside_new_revisions(source, cn_repo, capsys):
    target = source / "upstream" / REGISTERED_CN.name
    target.unlink()
    code, out = harvest(capsys, str(cn_repo), "--dry-run", "--source", str(source))
    assert code == 1 and f"to restore: cos-errors.cn.zh.2019-08-19  upstream/{target.name}" in out
    assert not target.exists()
    code, out = harvest(capsys, str(cn_repo), "--source", str(source))
    assert code == 1 and f"restored: cos-errors.cn.zh.2019-08-19  upstream/{target.name}" in out
    assert "4 revisions found (0 of guides): 3 new, 1 registered (1 restored)" in out
    assert target.read_bytes() == REGISTERED_CN.read_bytes()
    assert (source / "upstream" / "cos-errors.cn.zh.2021-03-01.md").is_file()
    assert harvest(capsys, str(cn_repo), "--source", str(source))[0] == 0


def test_page_registry_errors_are_located(tmp_path):
    (tmp_path / "pages.yaml").write_text(
        "pages:\n  - id: p\n    kind: codes\n    title: t\n    files:\n"
        "      - {edition: cn, language: fr, repository: a/b, path: '(['}\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_pages(tmp_path)
    messages = [str(p) for p in exc.value.problems]
    assert any(":6:" in m and "unknown value 'fr'" in m for m in messages)
    assert any(":6:" in m and "invalid regular expression" in m for m in messages)


# --- the upstream replicas -------------------------------------------------------------------------

REPLICAS_LEFT_OUT = {"ci-errors.cn.zh.2018-02-08", "ci-errors.cn.zh.2018-06-15", "ci-errors.cn.zh.2019-05-10",
                     "cos-errors.cn.en.2017-03-08", "ci-errors.intl.en.2020-08-04", "cos-errors.intl.en.2026-06-02"}


@pytest.fixture(scope="module")
def replicas(tmp_path_factory) -> list[Path]:
    folder = Path(os.environ.get("ERRDOCS_UPSTREAM_GIT", ROOT.parent / "shared" / "upstream-git"))
    bundles = [folder / "qcloud-documents.bundle", folder / "intlcloud-documents.bundle"]
    missing = [str(b) for b in bundles if not b.is_file()]
    if missing:
        pytest.fail(f"upstream replicas not found: {', '.join(missing)}; set ERRDOCS_UPSTREAM_GIT to the folder "
                    f"holding qcloud-documents.bundle and intlcloud-documents.bundle")
    tmp = tmp_path_factory.mktemp("replicas")
    clones = []
    for bundle in bundles:
        clone = tmp / bundle.stem
        subprocess.run(["git", "clone", "-q", "--branch", "master", str(bundle), str(clone)], check=True)
        clones.append(clone)
    return clones


def registered_ids(source: Path) -> set[str]:
    return {line.split(": ", 1)[1] for line in (source / "revisions.yaml").read_text().splitlines()
            if line.startswith("  - id: ")}


def test_replicas_every_revision_is_registered(source, replicas, capsys):
    code, doc = harvest(capsys, *map(str, replicas), "--dry-run", "--json", "--source", str(source))
    assert code == 0 and doc["problems"] == []
    assert {r["status"] for r in doc["revisions"]} == {"registered"}
    # 132 revisions of error-code pages and 23 of the four troubleshooting guides
    assert len(doc["revisions"]) == 155 and doc["counts"] == {"new": 0, "registered": 155}
    assert sum("-guide." in r["id"] for r in doc["revisions"]) == 23
    assert all(r["rows"] == 0 for r in doc["revisions"] if "-guide." in r["id"])
    assert {r["id"] for r in doc["revisions"]} == registered_ids(source) - REPLICAS_LEFT_OUT
    blobs = [r["blob"] for r in doc["revisions"]]
    assert len(blobs) == len(set(blobs)) == 155  # the replicas' README: 155 distinct published revisions
    assert not any("弃用文档" in r["path"] or "0-废弃文件" in r["path"] or r["path"].startswith("doc_new/")
                   or r["path"].endswith("~.md") for r in doc["revisions"])
    # the text output says the same, and a run that is not dry writes nothing
    before = snapshot_tree(source)
    code, out = harvest(capsys, *map(str, replicas), "--source", str(source))
    assert code == 0 and "155 revisions found (23 of guides): 0 new, 155 registered (0 restored)" in out
    assert snapshot_tree(source) == before


def test_replicas_restore_an_emptied_upstream_folder(source, replicas, capsys):
    files = {Path(rev.path).name for rev in load_revisions(ROOT / "source")}
    shipped = {name: data for name, data in snapshot_tree(ROOT / "source" / "upstream").items() if name in files}
    assert len(shipped) == len(files) == 161  # every registered file ships (beside them only INDEX.md)
    registry = (source / "revisions.yaml").read_bytes()
    for path in (source / "upstream").iterdir():
        path.unlink()
    # the six snapshots taken from elsewhere than the published line cannot come back from the replicas
    assert main(["harvest", *map(str, replicas), "--source", str(source)]) == 2
    err = capsys.readouterr().err
    assert sorted(line.split(": ")[1] for line in err.splitlines() if "file not found" in line) == \
        sorted(REPLICAS_LEFT_OUT)
    assert all(line.startswith(f"{source}/revisions.yaml:") for line in err.splitlines() if "file not found" in line)
    assert "nothing written" in err and not any((source / "upstream").iterdir())

    kept = {name for name in shipped if name.rsplit(".", 1)[0] in REPLICAS_LEFT_OUT}
    assert len(kept) == len(REPLICAS_LEFT_OUT)
    for name in kept:
        (source / "upstream" / name).write_bytes(shipped[name])
    code, doc = harvest(capsys, *map(str, replicas), "--dry-run", "--json", "--source", str(source))
    assert code == 0 and doc["counts"] == {"new": 0, "registered": 155}
    assert len(list((source / "upstream").iterdir())) == len(kept)  # a dry run restores nothing
    code, out = harvest(capsys, *map(str, replicas), "--source", str(source))
    assert code == 0 and "155 revisions found (23 of guides): 0 new, 155 registered (155 restored)" in out
    assert snapshot_tree(source / "upstream") == shipped  # same names (the registered ids), same bytes
    assert (source / "revisions.yaml").read_bytes() == registry
    code, out = harvest(capsys, *map(str, replicas), "--source", str(source))
    assert code == 0 and "(0 restored)" in out


def test_register_takes_a_second_revision_of_one_date(source, tmp_path, capsys):
    snapshot = tmp_path / "page.md"
    snapshot.write_bytes(REGISTERED_CN.read_bytes() + b"\n")
    assert main(["register", str(snapshot), "--id", "cos-errors.cn.zh.2019-08-19.2", "--source", str(source)]) == 0
    assert (source / "upstream" / "cos-errors.cn.zh.2019-08-19.2.md").read_bytes() == snapshot.read_bytes()
    assert "date: \"2019-08-19\"" in (source / "revisions.yaml").read_text(encoding="utf-8").split(
        "id: cos-errors.cn.zh.2019-08-19.2")[1]
    assert main(["check", "--source", str(source)]) == 0


def test_rows_no_family_takes_write_nothing(source, cn_repo, capsys):
    batch = "api/存储与CDN/对象存储（XML API）/API 文档(6.28)/批量操作（batch）/ErrorResponse.md"
    # a section no family's sources rule names (cos-batch takes 常见错误代码 only)
    table = "### 未登记的小节\n\n| 错误代码 | 描述 | 状态码 |\n| --- | --- | --- |\n| InvalidArgument | 参数为空 | 400 |\n"
    commit(cn_repo, {batch: table.encode()}, "2021-08-01T10:00:00+08:00")
    before = snapshot_tree(source)
    code = main(["harvest", str(cn_repo), "--source", str(source)])
    err = capsys.readouterr().err
    assert code == 2 and "no single family takes it" in err and "nothing written" in err
    assert f"{source}/upstream/cos-batch-errors.cn.zh.2021-08-01.md:5:1:" in err
    assert snapshot_tree(source) == before


GUIDE_PAGE = "yehe_doc/基础存储服务/对象存储/故障处理/访问 COS 时返回403错误码_intl_en.md"


def test_guide_revision_is_registered_like_a_codes_page(source, tmp_path, capsys):
    """A new revision of a guide: copied, registered as format guide, no rows absorbed; a second run changes nothing."""
    newest = ROOT / "source" / "upstream" / "cos-403-guide.intl.en.2022-09-01.2.md"
    edited = newest.read_bytes().replace(b"Log in to the", b"Sign in to the", 1)
    work = new_repo(tmp_path / "intl-guide", "https://github.com/tencentyun/intlcloud-documents.git")
    commit(work, {GUIDE_PAGE: newest.read_bytes()}, "2023-07-12T10:00:00+08:00")
    commit(work, {GUIDE_PAGE: edited}, "2024-02-02T10:00:00+08:00", "reword")
    catalog_before = {p.name: p.read_bytes() for p in (source / "catalog").iterdir()}

    code, doc = harvest(capsys, str(work), "--dry-run", "--json", "--source", str(source))
    assert code == 1 and doc["counts"] == {"new": 1, "registered": 1}
    (new,) = [r for r in doc["revisions"] if r["status"] == "new"]
    assert (new["id"], new["rows"], new["blob"]) == ("cos-403-guide.intl.en.2024-02-02", 0, blob_id(edited))

    assert harvest(capsys, str(work), "--source", str(source))[0] == 1
    assert (source / "upstream" / "cos-403-guide.intl.en.2024-02-02.md").read_bytes() == edited
    registry = (source / "revisions.yaml").read_text(encoding="utf-8")
    assert ("  - id: cos-403-guide.intl.en.2024-02-02\n    page: cos-403-guide\n    edition: intl\n"
            "    language: en\n    date: \"2024-02-02\"\n    file: upstream/cos-403-guide.intl.en.2024-02-02.md\n"
            "    format: guide\n") in registry
    assert {p.name: p.read_bytes() for p in (source / "catalog").iterdir()} == catalog_before
    after = snapshot_tree(source)
    assert harvest(capsys, str(work), "--json", "--source", str(source))[1]["counts"] == {"new": 0, "registered": 2}
    assert snapshot_tree(source) == after
    assert main(["check", "--source", str(source)]) == 0
