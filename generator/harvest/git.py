"""Read an upstream git repository through git's plumbing: the published line and file contents.

Only the ``git`` command line is used (no library), on bare or non-bare clones. The published
history is the first-parent line of what ``HEAD`` points to (the default branch of a clone).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import Abort

#: ``Upstream-Commit: owner/name@sha``: the trailer a replica puts on each commit it replays.
TRAILER = "Upstream-Commit"
_TRAILER_VALUE = re.compile(r"^(?P<repo>[\w.-]+/[\w.-]+)@(?P<sha>[0-9a-f]{7,64})$")
_REMOTE = re.compile(r"(?:[:/])(?P<owner>[\w.-]+)/(?P<name>[\w.-]+?)(?:\.git)?/?$")
_LOG_FORMAT = f"%x01%H%x02%aI%x02%(trailers:key={TRAILER},valueonly,separator=%x2C)"


@dataclass(frozen=True)
class Change:
    """One file added or modified (or deleted: ``blob`` None) by a first-parent commit."""

    commit: str
    date: str            # author date, YYYY-MM-DD in the commit's own timezone
    upstream: str | None  # the Upstream-Commit trailer's value, if any
    status: str          # A, M or D (renames are seen as D + A)
    blob: str | None
    path: str


class GitRepo:
    """A local clone. Raises Abort (exit 2) when ``path`` is not a git repository."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        if not self.path.exists():
            raise Abort(f"{self.path}: no such repository", 2)
        try:
            self.git_dir = Path(self._git("rev-parse", "--absolute-git-dir").strip())
            self.head = self._git("rev-parse", "--verify", "HEAD^{commit}").strip()
        except Abort:
            raise Abort(f"{self.path}: not a git repository with a checked-out default branch", 2) from None

    def _git(self, *args: str, data: bytes | None = None) -> str:
        return self._git_bytes(*args, data=data).decode("utf-8", errors="surrogateescape")

    def _git_bytes(self, *args: str, data: bytes | None = None) -> bytes:
        cmd = ["git", "-C", str(self.path), "-c", "core.quotepath=off", *args]
        proc = subprocess.run(cmd, input=data, capture_output=True)
        if proc.returncode != 0:
            message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise Abort(f"{self.path}: git {args[0]} failed: {message[-1] if message else proc.returncode}", 2)
        return proc.stdout

    def count_commits(self) -> int:
        """Commits on the published (first-parent) line of HEAD."""
        return int(self._git("rev-list", "--first-parent", "--count", self.head))

    def is_ancestor(self, commit: str) -> bool:
        """Whether ``commit`` exists and is an ancestor of HEAD (history was not rewritten)."""
        proc = subprocess.run(["git", "-C", str(self.path), "merge-base", "--is-ancestor", commit, self.head],
                              capture_output=True)
        return proc.returncode == 0

    def repository(self) -> str | None:
        """``owner/name`` from HEAD's Upstream-Commit trailer, else from the ``origin`` remote's URL."""
        trailer = self._git("log", "-1", f"--format=%(trailers:key={TRAILER},valueonly,separator=%x2C)",
                            self.head).strip()
        parsed = parse_trailer(trailer)
        if parsed:
            return parsed[0]
        try:
            url = self._git("config", "--get", "remote.origin.url").strip()
        except Abort:
            return None
        m = _REMOTE.search(url)
        return f"{m['owner']}/{m['name']}" if m and ("://" in url or "@" in url) else None

    def changes(self, since: str | None = None) -> Iterator[Change]:
        """Every file change on the first-parent line, oldest first (after ``since`` when given)."""
        spec = f"{since}..{self.head}" if since else self.head
        out = self._git_bytes("log", "--first-parent", "--reverse", "-z", "--raw", "--no-renames",
                              "--no-abbrev", "--diff-merges=first-parent", f"--format={_LOG_FORMAT}", spec)
        yield from _parse_log(out)

    def read_blobs(self, blobs: Iterable[str]) -> dict[str, bytes]:
        """Contents of the given blob ids, in one ``git cat-file --batch``."""
        wanted = list(dict.fromkeys(blobs))
        if not wanted:
            return {}
        out = self._git_bytes("cat-file", "--batch", data="".join(f"{b}\n" for b in wanted).encode())
        found, pos = {}, 0
        for blob in wanted:
            end = out.index(b"\n", pos)
            header = out[pos:end].decode().split()
            if len(header) != 3:
                raise Abort(f"{self.path}: blob {blob} is missing", 2)
            size = int(header[2])
            found[blob] = out[end + 1:end + 1 + size]
            pos = end + 1 + size + 1
        return found


def parse_trailer(value: str) -> tuple[str, str] | None:
    """``(owner/name, sha)`` from an Upstream-Commit trailer value (the first, if several)."""
    m = _TRAILER_VALUE.match(value.split(",")[0].strip())
    return (m["repo"], m["sha"]) if m else None


def _parse_log(out: bytes) -> Iterator[Change]:
    """Changes from ``git log -z --raw`` output with the ``_LOG_FORMAT`` header."""
    commit = date = upstream = None
    tokens = out.split(b"\0")
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip(b"\n")
        i += 1
        if token.startswith(b"\x01"):
            sha, when, trailer = token[1:].decode("utf-8", "replace").split("\x02")
            commit, date, upstream = sha, when[:10], trailer.strip() or None
        elif token.startswith(b":"):
            meta = token.decode().split()
            path = tokens[i].decode("utf-8", "surrogateescape")
            i += 1
            status = meta[4][0]
            if status in "AMT":
                yield Change(commit, date, upstream, "M" if status == "T" else status, meta[3], path)
            elif status == "D":
                yield Change(commit, date, upstream, "D", None, path)
