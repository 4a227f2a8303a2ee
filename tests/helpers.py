"""Temporary errdocs projects for tests, built from a dict of files.

Like mkdocs' ``tests/base.py`` ``tempdir(files=...)``: ``make_project(tmp_path)`` writes a
small valid project (two real snapshots, a tiny catalog covering every row) under
``tmp_path/source``; ``files`` overrides single files (``None`` deletes one). Tests then run
``check`` on it and compare the exact problems printed.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from generator import cli

ROOT = Path(__file__).resolve().parent.parent
REAL_SOURCE = ROOT / "source"
REAL_UPSTREAM = REAL_SOURCE / "upstream"

#: The two real snapshots the base project registers (copied byte for byte).
SNAPSHOT_EN = "ci-media-errors.intl.en.2021-12-31.md"
SNAPSHOT_ZH = "ci-media-errors.intl.zh.2021-12-31.md"

REVISIONS_YAML = """\
# Two real snapshots of the media-processing error page.
revisions:
  - id: ci-media-errors.intl.en.2021-12-31
    page: ci-media-errors
    edition: intl
    language: en
    date: "2021-12-31"
    file: upstream/ci-media-errors.intl.en.2021-12-31.md
    format: markdown
    origin:
      path: "yehe_doc/媒体处理/错误码_intl_en.md"
  - id: ci-media-errors.intl.zh.2021-12-31
    page: ci-media-errors
    edition: intl
    language: zh
    date: "2021-12-31"
    file: upstream/ci-media-errors.intl.zh.2021-12-31.md
    format: markdown
    origin:
      path: "yehe_doc/媒体处理/错误码_intl_zh.md"
"""

SERVICES_YAML = """\
# One service, one family.
services:
  - id: ci
    title: {en: Cloud Infinite, zh: 数据万象}
    summary: {en: Media processing errors., zh: 媒体处理错误。}
    families: [ci-media-api]
"""

#: Reason used by every decision of the base family (bilingual, as required).
_REASON = "{en: Both cases are true., zh: 两种情形都成立。}"

FAMILY_YAML = f"""\
# Media processing API error codes: every row of both snapshots is covered.
id: ci-media-api
title: {{en: Media processing API error codes, zh: 媒体处理 API 错误码}}
summary: {{en: The Code element of the XML error body., zh: XML 错误体中 Code 元素的取值。}}
kind: string
sources:
  - page: ci-media-errors
    section: .
entries:
  - code: PermanentRedirect
  - code: TemporaryRedirect
  - code: InvalidArgument
  - code: MissingContent
  - code: InvalidContent
    decisions:
      status:
        value:
          - {{status: 400, when: {{en: The body is malformed., zh: 包体格式不正确。}}}}
          - {{status: 413, when: {{en: The body is too large., zh: 包体过大。}}}}
        reason: {_REASON}
      duplicate: {{reason: {_REASON}}}
  - code: InvalidHost
  - code: ResourceNotFound
  - code: ResourceAccessDenied
  - code: ResourceDownloadFailed
  - code: CIRoleNotExist
  - code: ResourceNotSupported
  - code: MissingAuthorization
  - code: InvalidAuthorization
  - code: AccessDenied
    decisions:
      status:
        value:
          - {{status: 401, when: {{en: No permission., zh: 没有权限。}}}}
          - {{status: 403, when: {{en: Prohibited., zh: 禁止此操作。}}}}
        reason: {_REASON}
      duplicate: {{reason: {_REASON}}}
  - code: SecretidNotExist
  - code: SignatureExpired
  - code: MediaBucketAlreadyBinded
  - code: QueueSaturated
  - code: QueuePaused
  - code: InvalidUrl
  - code: AuditingJobNotFound
  - code: MissingContentLength
  - code: SlowDown
  - code: UnavailableForLegalReasons
  - code: InternalError
    decisions:
      malformed-status: {{value: 500, reason: {_REASON}}}
  - code: NotImplemented
  - code: ServiceUnavailable
"""

FAMILY = "source/catalog/ci-media-api.yaml"
SERVICES = "source/catalog/services.yaml"
REVISIONS = "source/revisions.yaml"


def base_files() -> dict[str, str | bytes]:
    """Relative path (from the project folder) -> content of the valid base project."""
    return {
        REVISIONS: REVISIONS_YAML,
        SERVICES: SERVICES_YAML,
        FAMILY: FAMILY_YAML,
        f"source/upstream/{SNAPSHOT_EN}": (REAL_UPSTREAM / SNAPSHOT_EN).read_bytes(),
        f"source/upstream/{SNAPSHOT_ZH}": (REAL_UPSTREAM / SNAPSHOT_ZH).read_bytes(),
    }


def make_project(root: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """Write the base project under ``root`` with ``files`` overriding it; return ``root/source``.

    Keys are paths relative to ``root`` (``source/catalog/x.yaml``); a ``None`` value
    removes that base file. Text is written as UTF-8 with the newlines given.
    """
    merged: dict[str, str | bytes | None] = {**base_files(), **(files or {})}
    for rel, content in merged.items():
        if content is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
    return root / "source"


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes (to prove nothing was written)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """``generator.cli.main(argv)`` in process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def check(root: Path) -> tuple[int, list[str], str]:
    """Run ``check --source <root>/source`` from inside ``root`` (paths print relative).

    Returns (exit code, stderr lines, stdout).
    """
    with contextlib.chdir(root):
        code, out, err = run_cli(["check", "--source", "source"])
    return code, err.splitlines(), out


def replace_once(text: str, old: str, new: str) -> str:
    """``text`` with the single occurrence of ``old`` replaced (fails loudly otherwise)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)
