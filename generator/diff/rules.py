"""The one table of change kinds: id, severity, and a description per language.

Every change a diff reports has one of these kinds. Ids are stable (they appear in
JSON output and on the site); severities are ``major`` (a client matching on codes or
statuses is affected), ``minor`` (the page says more or says it differently) and
``info`` (presentation only).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    label: dict[str, str]
    """Short label per language (``en``, ``zh``)."""
    description: dict[str, str]
    """What the kind means, per language."""
    scope: str = "revision"
    """``revision``: a change between two revisions; ``catalog``: what the catalog must absorb
    from a revision (``diff --catalog``)."""


RULES: tuple[Rule, ...] = (
    Rule("section-added", "minor",
         {"en": "Section added", "zh": "新增章节"},
         {"en": "A whole table appears that the old revision does not have.",
          "zh": "新修订版新增了一整张表。"}),
    Rule("section-removed", "major",
         {"en": "Section removed", "zh": "删除章节"},
         {"en": "A whole table of the old revision is gone.",
          "zh": "旧修订版中的一整张表被删除。"}),
    Rule("section-renamed", "info",
         {"en": "Section retitled", "zh": "章节改名"},
         {"en": "A table's title is reworded (beyond case, markup, spacing and generic words such as "
                "\u201cerrors\u201d or \u201cerror codes\u201d); its rows were matched by code.",
          "zh": "表格标题改写（不计大小写、标记、空白以及“错误码”“错误”等通用词）；其中的行按错误码对应。"}),
    Rule("code-added", "minor",
         {"en": "Code added", "zh": "新增错误码"},
         {"en": "A code appears in a table that did not list it.",
          "zh": "表格中新增了一个错误码。"}),
    Rule("code-removed", "major",
         {"en": "Code removed", "zh": "删除错误码"},
         {"en": "A code is no longer listed in its table (and did not move to another table).",
          "zh": "错误码不再出现在其表格中（也未移到其他表格）。"}),
    Rule("code-renamed", "major",
         {"en": "Code respelled", "zh": "错误码拼写变更"},
         {"en": "The same entry under another spelling (a typo fixed or introduced): the spellings are "
                "similar and the row keeps its status, position or meaning.",
          "zh": "同一条目换了拼写（修正或引入笔误）：拼写相近，且状态、位置或含义不变。"}),
    Rule("moved", "minor",
         {"en": "Moved", "zh": "移动"},
         {"en": "A code moved to another table.",
          "zh": "错误码移到了另一张表。"}),
    Rule("status-changed", "major",
         {"en": "Status changed", "zh": "状态码变更"},
         {"en": "The HTTP status number of a code changed (or was added or dropped).",
          "zh": "错误码的 HTTP 状态码数值变了（或新增、删除）。"}),
    Rule("status-reformatted", "info",
         {"en": "Status reworded", "zh": "状态描述改写"},
         {"en": "Same HTTP status number; only the reason phrase or its spelling changed.",
          "zh": "HTTP 状态码数值不变，仅原因短语或其写法变化。"}),
    Rule("text-changed", "minor",
         {"en": "Text changed", "zh": "文字变更"},
         {"en": "A description, action, message or name is worded differently (whitespace, line endings, "
                "full- or half-width punctuation and a trailing period do not count).",
          "zh": "描述、处理建议、消息或名称的文字有变化（空白、换行、全角/半角标点和句末句号不计）。"}),
    Rule("duplicate-added", "minor",
         {"en": "Duplicate added", "zh": "新增重复"},
         {"en": "A code is now listed more than once within one revision.",
          "zh": "同一修订版中错误码出现多次。"}),
    Rule("duplicate-removed", "minor",
         {"en": "Duplicate removed", "zh": "重复消除"},
         {"en": "A code listed more than once is now listed fewer times.",
          "zh": "重复出现的错误码减少了出现次数。"}),
    Rule("reordered", "info",
         {"en": "Reordered", "zh": "顺序调整"},
         {"en": "Rows kept in both revisions appear in another order (reported once per table).",
          "zh": "两版共有的行顺序有变化（每张表只报告一次）。"}),
    # Troubleshooting guides (generator/diff/guides.py); a reworded step is a text-changed of field "step".
    Rule("case-added", "minor",
         {"en": "Case added", "zh": "新增情形"},
         {"en": "A troubleshooting guide answers a response (code and message) it did not answer before.",
          "zh": "故障处理文档新增了对某个响应（错误码与 Message）的处理说明。"}),
    Rule("case-removed", "minor",
         {"en": "Case removed", "zh": "删除情形"},
         {"en": "A troubleshooting guide no longer answers a response it answered before.",
          "zh": "故障处理文档不再包含对某个响应的处理说明。"}),
    Rule("step-added", "minor",
         {"en": "Step added", "zh": "新增步骤"},
         {"en": "A step (with its branches, notes and commands) appears in a case.",
          "zh": "某个情形中新增了一个步骤（含其分支、备注和命令）。"}),
    Rule("step-removed", "minor",
         {"en": "Step removed", "zh": "删除步骤"},
         {"en": "A step of a case is gone.",
          "zh": "某个情形中的一个步骤被删除。"}),
    # What `diff --catalog REVISION` lists: the catalog must absorb these.
    Rule("new-section", "major",
         {"en": "Table without family", "zh": "无归属的表格"},
         {"en": "A table of the revision belongs to no family (or to several); add or narrow a sources rule.",
          "zh": "修订版中的表格不属于任何 family（或属于多个）；请添加或收窄 sources 规则。"}, "catalog"),
    Rule("new-code", "major",
         {"en": "New code", "zh": "新错误码"},
         {"en": "A code no entry has as code or alias; add an entry.",
          "zh": "没有条目以此为错误码或别名；请添加条目。"}, "catalog"),
    Rule("new-spelling", "minor",
         {"en": "New spelling", "zh": "新拼写"},
         {"en": "A spelling similar to an existing entry; add it to that entry's aliases (and decide the "
                "spelling conflict).",
          "zh": "与已有条目拼写相近；请将其加入该条目的 aliases（并对拼写冲突作出决定）。"}, "catalog"),
    Rule("new-conflict", "major",
         {"en": "New conflict", "zh": "新冲突"},
         {"en": "The revision disagrees with what the catalog resolved (status, duplicate listing, "
                "malformed status); record a decision.",
          "zh": "修订版与目录的结论不一致（状态码、重复列出、状态格式）；请记录决定。"}, "catalog"),
)

RULE = {rule.id: rule for rule in RULES}
