"""Case history: what changed in a troubleshooting guide between two revisions."""

from __future__ import annotations

from pathlib import Path

from generator.cli import main
from generator.diff import diff_revisions
from generator.importers import import_text
from generator.model import Revision

ROOT = Path(__file__).resolve().parent.parent


def guide(text: str, rid: str = "g.intl.en.2024-01-01"):
    return import_text(text, Revision(rid, "g", "intl", "en", rid.split(".")[3], "g.md", "guide"))


BASE = """## Symptom

403 is returned.

### Message: "A"

```
<Code>AccessDenied</Code>
<Message>A</Message>
```

1. Log in to the console.
2. Check the bucket ACL.
 - If so, go on.
 - If not, add the user.
3. Contact us.

### Message: "B"

```
<Code>AccessDenied</Code>
<Message>B</Message>
```

Sync the clock.
"""


def kinds(old: str, new: str):
    report = diff_revisions(guide(old), guide(new, "g.intl.en.2024-02-01"))
    return [(c.kind, c.section, c.code, c.old, c.new) for c in report.changes]


def test_noise_is_no_change():
    noisy = BASE.replace("Check the bucket ACL.", "Check  the bucket ACL").replace("go on.", "go on。")
    assert kinds(BASE, noisy) == []


def test_steps_added_reworded_removed():
    new = BASE.replace("1. Log in to the console.\n", "1. Sign in to the console.\n") \
              .replace("3. Contact us.\n", "3. Check the policy.\n4. Contact us.\n")
    changes = diff_revisions(guide(BASE), guide(new, "g.intl.en.2024-02-01")).changes
    assert [(c.kind, c.field) for c in changes] == [("text-changed", "step"), ("step-added", None)]
    assert changes[0].diff == [["=", "1."], ["-", " Log"], ["+", " Sign"], ["=", " in to the console"]]
    assert changes[1].new == "3. Check the policy." and changes[1].codes == ["AccessDenied"]
    removed = BASE.replace(" - If not, add the user.\n", "")  # a branch gone: the step is reworded
    assert [k[0] for k in kinds(BASE, removed)] == ["text-changed"]
    assert [k[0] for k in kinds(BASE, BASE.replace("3. Contact us.\n", ""))] == ["step-removed"]


def test_cases_added_and_removed():
    new = BASE.replace('"B"', '"C"').replace("<Message>B</Message>", "<Message>C</Message>")
    assert kinds(BASE, new) == [("case-added", 'Message: "C"', "AccessDenied", None, "C"),
                                ("case-removed", 'Message: "B"', "AccessDenied", "B", None)]


def test_real_pair_and_cli(capsys):
    code = main(["diff", "cos-post-object-guide.intl.en.2021-08-18", "cos-post-object-guide.intl.en.2021-08-18.2",
                 "--source", str(ROOT / "source"), "--format", "json"])
    out = capsys.readouterr().out
    assert code in (0, 1), out
    import json
    doc = json.loads(out)
    assert [(c["kind"], c["code"]) for c in doc["changes"]] == [
        ("step-removed", "SignatureDoesNotMatch"), ("step-added", "SignatureDoesNotMatch"),
        ("step-removed", "SignatureDoesNotMatch")]
    assert {c["section"] for c in doc["changes"]} == {'Error message "The Signature you specified is invalid."'}
