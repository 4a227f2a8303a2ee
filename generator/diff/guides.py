"""What changed in a troubleshooting guide between two revisions: cases added or removed, and within a
case kept on both sides, steps added, removed or reworded (with the tables' noise rules: whitespace,
full- or half-width punctuation and a trailing period do not count)."""

from __future__ import annotations

import difflib

from ..model import GuideCase, GuideStep
from . import textdiff
from .changes import Change

#: Below this similarity a replaced step is one removed and another added, not a rewording.
REWORDED = 0.5


def _key(case: GuideCase) -> tuple:
    """What a case answers: code and message (a one-case page: its status)."""
    return (case.code, " ".join((case.message or "").split()) or None, None if case.message else case.status)


def _text(step: GuideStep) -> str:
    """A step with everything under it, one line each: what a reader follows."""
    parts = [step.text, *step.details, *step.notes, *step.commands]
    parts += [_text(b) for b in step.branches]
    return "\n".join(parts)


def _normal(step: GuideStep) -> tuple[str, ...]:
    """The comparison key of a step: each of its lines as the tables' texts are compared."""
    return tuple(textdiff.normalise(line) for line in _text(step).split("\n"))


def _shown(step: GuideStep) -> str:
    return f"{step.number}. {_text(step)}" if step.number is not None else _text(step)


def diff_cases(old: list[GuideCase], new: list[GuideCase], compare_text: bool = True) -> list[Change]:
    """Every change from the cases of ``old`` to those of ``new``, in the new page's order."""
    old_by = {}
    for case in old:
        old_by.setdefault(_key(case), case)
    new_keys = {_key(c) for c in new}
    out: list[Change] = []
    for case in new:
        before = old_by.get(_key(case))
        codes = [case.code] if case.code else []
        if before is None:
            out.append(Change("case-added", case.title, case.code, None, case.message or case.title, codes,
                              line_new=case.line))
        elif compare_text:
            out += _steps(before, case, codes)
    for case in old:
        if _key(case) not in new_keys:
            out.append(Change("case-removed", case.title, case.code, case.message or case.title, None,
                              [case.code] if case.code else [], line_old=case.line))
    return out


def _steps(old: GuideCase, new: GuideCase, codes: list[str]) -> list[Change]:
    a = [_normal(s) for s in old.steps]
    b = [_normal(s) for s in new.steps]
    out: list[Change] = []
    section = new.title

    def added(s: GuideStep) -> None:
        out.append(Change("step-added", section, new.code, None, _shown(s), codes, line_new=s.line))

    def removed(s: GuideStep) -> None:
        out.append(Change("step-removed", section, new.code, _shown(s), None, codes, line_old=s.line))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        olds, news = old.steps[i1:i2], new.steps[j1:j2]
        for s, t in zip(olds, news):
            if textdiff.ratio(_text(s), _text(t)) >= REWORDED:
                out.append(Change("text-changed", section, new.code, _shown(s), _shown(t), codes, s.line, t.line,
                                  field="step", diff=textdiff.diff(_shown(s), _shown(t))))
            else:
                removed(s)
                added(t)
        for s in olds[len(news):]:
            removed(s)
        for t in news[len(olds):]:
            added(t)
    return out
