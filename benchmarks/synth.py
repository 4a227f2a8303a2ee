"""Synthetic errdocs sources of any size, shaped like the real catalog.

``write_source(dest, n)`` writes a complete ``source/`` folder (revisions.yaml,
upstream/*.md snapshots in both languages, catalog/services.yaml and one YAML per family)
with about ``n`` entries, so that ``generator.project.load_project(dest)`` runs the real
pipeline and reports zero errors. Proportions follow the real catalog (584 entries):

* the same 3 services and 17 families, each family with the same share of entries and the
  same kind (31 % string codes, the rest numeric) and the same table columns;
* 15 revisions of 4 upstream pages, English and Chinese, 2016-2023; an entry appears from its
  first revision on (about 4.6 rows per entry, like the real 2,689 rows for 584 entries);
* texts with the real length distribution (English descriptions median ~35 characters with a
  long tail, Chinese ~10), reworded in some later revisions (the newest wording wins);
* conflicts at the real rates, each with a bilingual decision: spelling (typo in older
  revisions, kept as an alias), status (status changed between revisions), malformed-status
  (``412 Precondition``), duplicate (listed twice in one revision), similar-code (pairs such as
  ``...PrefixConflict`` / ``...SuffixConflict``), shared-code (legacy families numbering per
  section, decided per family);
* own translations exactly where no revision gives a language (the legacy pages are Chinese
  only, so their English is the project's own).

Codes are realistic: CamelCase identifiers built from three words (``NoSuchBucketPolicy...``)
chosen so that no two unrelated codes of a family are "similar" in the reconciler's sense, and
negative or 4-5 digit numerics. ``NoSuchKey``, ``-46618`` and ``1013`` exist at every size so the
same search queries work on every site.

Command line: ``python -m benchmarks.synth DEST N [--seed S]``.
"""

from __future__ import annotations

import argparse
import http
import json
import random
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

REAL_ENTRIES = 584

# --------------------------------------------------------------------------- catalog shape

SERVICES = [
    ("cos", "Cloud Object Storage (COS)", "对象存储（COS）",
     "Error codes of the COS XML API: the `Code` of the XML error body and its HTTP status.",
     "对象存储 XML API 的错误码：XML 错误体中的 `Code` 及其 HTTP 状态码。", ["cos-xml-api"]),
    ("ci", "Cloud Infinite (CI)", "数据万象（CI）",
     "Error codes of Cloud Infinite data processing.", "数据万象数据处理的错误码。",
     ["ci-download", "ci-persistence", "ci-preview", "ci-moderation", "ci-media-numeric", "ci-media-api"]),
    ("wanxiang", "Legacy 万象优图 (Wanxiang Youtu)", "万象优图（旧版）",
     "Return codes of 万象优图, the predecessor of Cloud Infinite.", "数据万象的前身万象优图的返回码。",
     ["wx-face", "wx-porn", "wx-ocr", "wx-faceid", "wx-image", "wx-download", "wx-plugin", "wx-cache",
      "wx-cmd", "wx-proxy"]),
]


@dataclass
class FamilySpec:
    id: str
    kind: str
    real_count: int
    title_en: str
    title_zh: str
    pages: list[str]
    columns: list[str]  # after "code": status / description / action / message
    shared: bool = False  # family-level shared-code decision


FAMILIES = [
    FamilySpec("cos-xml-api", "string", 157, "COS XML API error codes", "COS XML API 错误码",
               ["cos-errors"], ["description", "status"]),
    FamilySpec("ci-download", "numeric", 59, "Image download errors (X-ErrNo)", "图片下载错误码（X-ErrNo）",
               ["ci-errors", "cos-errors"], ["description", "action"]),
    FamilySpec("ci-persistence", "numeric", 16, "Persistence processing errors", "持久化处理错误码",
               ["ci-errors", "cos-errors"], ["description", "action"]),
    FamilySpec("ci-preview", "numeric", 7, "Document preview errors", "文档预览错误码",
               ["ci-errors", "cos-errors"], ["description", "action"], shared=True),
    FamilySpec("ci-moderation", "numeric", 19, "Content moderation errors", "内容审核错误码",
               ["ci-errors", "cos-errors"], ["description", "message"]),
    FamilySpec("ci-media-numeric", "numeric", 25, "Media processing numeric codes", "媒体处理数字错误码",
               ["ci-errors", "cos-errors"], ["description"]),
    FamilySpec("ci-media-api", "string", 27, "Media processing API error codes", "媒体处理 API 错误码",
               ["ci-media-errors"], ["status", "description"]),
    FamilySpec("wx-face", "numeric", 42, "Face recognition", "人脸识别", ["wanxiang-errors"], ["description"], True),
    FamilySpec("wx-porn", "numeric", 28, "Pornography detection", "图片鉴黄", ["wanxiang-errors"], ["description"], True),
    FamilySpec("wx-ocr", "numeric", 36, "OCR", "OCR 识别", ["wanxiang-errors"], ["description"], True),
    FamilySpec("wx-faceid", "numeric", 45, "Face verification", "人脸核身", ["wanxiang-errors"], ["description"], True),
    FamilySpec("wx-image", "numeric", 19, "Image processing", "图片处理", ["wanxiang-errors"], ["description"], True),
    FamilySpec("wx-download", "numeric", 22, "Image download (legacy)", "图片下载（旧版）", ["wanxiang-errors"],
               ["description"], True),
    FamilySpec("wx-plugin", "numeric", 16, "Image plugin", "图片插件", ["wanxiang-errors"], ["description"], True),
    FamilySpec("wx-cache", "numeric", 18, "File cache", "文件缓存", ["wanxiang-errors"], ["description"], True),
    FamilySpec("wx-cmd", "numeric", 17, "Command (cmd)", "命令（cmd）", ["wanxiang-errors"], ["description"], True),
    FamilySpec("wx-proxy", "numeric", 31, "Proxy", "代理（proxy）", ["wanxiang-errors"], ["description"], True),
]

#: Upstream pages and their revisions (edition, language, date), oldest first.
PAGES = {
    "cos-errors": [("cn", "zh", "2016-12-07"), ("cn", "en", "2017-03-08"), ("cn", "zh", "2018-11-30"),
                   ("intl", "en", "2019-10-23"), ("intl", "en", "2022-04-06"), ("intl", "zh", "2023-07-10"),
                   ("intl", "en", "2023-07-10")],
    "ci-errors": [("cn", "zh", "2018-02-08"), ("intl", "en", "2020-01-06"), ("intl", "en", "2023-01-18"),
                  ("intl", "zh", "2023-07-10")],
    "ci-media-errors": [("intl", "en", "2021-12-31"), ("intl", "zh", "2021-12-31")],
    "wanxiang-errors": [("cn", "zh", "2016-08-02"), ("cn", "zh", "2017-05-27")],
}
PAGE_TITLES = {"cos-errors": ("Error Codes", "错误码"), "ci-errors": ("Error Codes", "错误码"),
               "ci-media-errors": ("Media Processing Error Codes", "媒体处理错误码"),
               "wanxiang-errors": ("万象优图返回码", "万象优图返回码")}

HEADERS = {
    "en": {"code": "Error Code", "status": "HTTP Status Code", "description": "Description",
           "action": "Action", "message": "Error Message"},
    "zh": {"code": "错误码", "status": "HTTP 状态码", "description": "描述", "action": "处理措施",
           "message": "错误信息"},
}

#: Conflict rates among string entries (real catalog: 13, 10, 9, 11 of 184; 5 similar pairs).
RATES = {"spelling": 13 / 184, "status": 10 / 184, "malformed-status": 9 / 184, "duplicate": 11 / 184,
         "similar-pair": 5 / 184}

# --------------------------------------------------------------------------- vocabulary

_P = ["Invalid", "Missing", "NoSuch", "TooMany", "Unsupported", "Expired", "Duplicate", "Malformed",
      "Restricted", "Unknown", "Pending", "Blocked", "Overdue", "Illegal", "Disabled", "Corrupted",
      "Outdated", "Reserved", "Locked", "Frozen", "Conflicting", "Forbidden", "Deprecated", "Mismatched",
      "Unreadable", "Orphaned", "Throttled", "Suspended", "Incomplete", "Ambiguous"]
_M = ["Bucket", "Object", "Policy", "Lifecycle", "Replication", "Inventory", "Website", "Referer",
      "Tagging", "Encryption", "Version", "Multipart", "Region", "Domain", "Certificate", "Signature",
      "Credential", "Token", "Header", "Range", "Checksum", "Storage", "Archive", "Quota", "Logging",
      "Origin", "Endpoint", "Account", "Session", "Workflow", "Template", "Pipeline", "Snapshot",
      "Watermark", "Transcode", "Subtitle", "Thumbnail", "Manifest", "Segment", "Channel", "Callback",
      "Metadata", "Partition", "Listener", "Authority", "Cipher", "Gateway", "Bandwidth", "Retention",
      "Acceleration", "Notification", "Container", "Playlist", "Keyframe", "Audio", "Cluster",
      "Resolution", "Frame", "Schedule", "Mirror"]
_S = ["Error", "Exceeded", "NotFound", "Conflict", "Mismatch", "Unavailable", "Timeout", "Required",
      "Denied", "Rejected", "Overflow", "Limit", "Format", "State", "Length", "Count", "Value",
      "Failure", "Violation", "Corruption", "InProgress", "NotEnabled", "Exists", "Quorum", "Drift",
      "Backlog"]
#: Word pairs a reconciler must flag as similar: used only in the deliberate similar-code pairs.
TWINS = [("PrefixConflict", "SuffixConflict"), ("UploadLimit", "UnloadLimit"), ("InboundRule", "OutboundRule")]


def distance(a: str, b: str) -> int:
    from generator.similarity import distance as osa
    return osa(a, b)


def _spread(words: list[str], others: tuple[str, ...] = ()) -> list[str]:
    """Keep words pairwise at least 4 edits apart (lower case), and 4 from ``others``."""
    kept: list[str] = []
    for w in words:
        lw = w.lower()
        if all(distance(lw, k.lower()) >= 4 for k in kept) and all(distance(lw, o.lower()) >= 4 for o in others):
            kept.append(w)
    return kept


_VOCAB: tuple[list[str], list[str], list[str]] | None = None


def vocab() -> tuple[list[str], list[str], list[str]]:
    global _VOCAB
    if _VOCAB is None:
        twins = tuple(w for pair in TWINS for w in pair)
        _VOCAB = (_spread(_P), _spread([m for m in _M if m != "Key"]), _spread(_S, twins))
    return _VOCAB


EN_NOUNS = ["bucket", "object", "bucket policy", "lifecycle rule", "replication rule", "request signature",
            "temporary credential", "access token", "request header", "byte range", "checksum", "storage class",
            "archived object", "quota", "origin server", "endpoint", "account", "session", "workflow",
            "transcoding template", "pipeline", "snapshot", "watermark", "subtitle track", "thumbnail",
            "manifest", "segment", "callback URL", "metadata", "image", "video", "audio stream",
            "document", "style name", "APPID", "domain name", "certificate", "signature"]
EN_PREDICATES = ["does not exist", "is invalid", "has expired", "exceeds the maximum allowed size",
                 "does not match the signature computed by the server", "is not supported",
                 "is being processed by another request", "was rejected by the content moderation service",
                 "cannot be parsed", "is missing from the request", "conflicts with the current state",
                 "is temporarily unavailable", "has been disabled by the administrator",
                 "was not found in the specified region"]
EN_TAILS = ["Check the request and try again.", "Retry later.",
            "This error generally occurs in multipart uploads.",
            "For details, see [the API documentation](https://intl.cloud.tencent.com/document/product/436/7730).",
            "Contact us if the problem persists.", "The request signature must be computed with the current key.",
            "Verify the bucket configuration in the console.", "Reduce the request frequency."]
ZH_NOUNS = ["存储桶", "对象", "存储桶策略", "生命周期规则", "签名", "临时密钥", "请求头部", "请求范围", "校验值",
            "存储类型", "归档对象", "配额", "源站", "域名", "账号", "会话", "工作流", "转码模板", "队列", "快照",
            "水印", "字幕", "缩略图", "元数据", "图片", "视频", "音频流", "文档", "样式名", "证书", "参数"]
ZH_PREDICATES = ["不存在", "无效", "已过期", "超过限制", "与签名不匹配", "不支持", "正在处理中", "审核未通过",
                 "解析失败", "缺失", "状态冲突", "暂不可用", "已被禁用", "格式错误"]
ZH_TAILS = ["请检查请求后重试。", "请稍后重试。", "该错误通常出现在分块上传中。", "请检查签名是否正确。",
            "如问题持续，请联系我们。", "请在控制台检查存储桶配置。", "请降低请求频率。"]
EN_ACTIONS = ["Check the {n} configuration.", "Verify the {n} and try again.", "Reduce the size of the {n}.",
              "Use a supported {n}.", "Retry later or submit a ticket."]
ZH_ACTIONS = ["请检查{n}配置。", "请确认{n}后重试。", "请减小{n}大小。", "请使用支持的{n}。", "请稍后重试或提交工单。"]
MESSAGES = ["internal error, please try again.", "invalid params", "task not found", "quota exceeded",
            "image decode failed", "request timeout", "unsupported format", "signature mismatch"]

STATUSES = [400] * 12 + [403] * 6 + [404] * 4 + [409] * 5 + [412, 416, 405, 411] + [500, 501, 503] * 2 + [301, 307]
BAD_PHRASES = ["Precondition", "ObjectNotAppendale", "Eror", "Bad Reqest"]


def status_text(code: int) -> str:
    return f"{code} {http.HTTPStatus(code).phrase}"


def en_text(rng: random.Random) -> str:
    noun, pred = rng.choice(EN_NOUNS), rng.choice(EN_PREDICATES)
    r = rng.random()
    if r < 0.3:
        return f"{noun[0].upper()}{noun[1:]} {pred.split(' by ')[0]}"
    s = f"The {noun} {pred}."
    if r > 0.8:
        for _ in range(rng.choice([1, 1, 2, 3, 5])):
            s += " " + rng.choice(EN_TAILS)
    return s


def zh_text(rng: random.Random) -> str:
    s = f"{rng.choice(ZH_NOUNS)}{rng.choice(ZH_PREDICATES)}"
    r = rng.random()
    if r < 0.5:
        s += "。"
    elif r > 0.8:
        s = "请求的" + s + "，" + "".join(rng.choice(ZH_TAILS) for _ in range(rng.choice([1, 2, 4, 6])))
    return s


# --------------------------------------------------------------------------- model


@dataclass
class Synth:
    family: FamilySpec
    code: str
    birth: dict[str, int]  # page -> index of first revision
    status: int | None = None
    texts: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, lang) -> text
    typo: str | None = None  # spelling used before `typo_until`
    typo_until: int = 0
    status_before: int | None = None  # status used before `status_from`
    status_from: int = 0
    malformed_at: int | None = None
    duplicate_at: int | None = None
    similar_to: str | None = None
    malformed_text: str = ""
    related: list[str] = field(default_factory=list)
    decisions: dict[str, dict] = field(default_factory=dict)
    own: dict[tuple[str, str], str] = field(default_factory=dict)


def _rev_id(page: str, rev: tuple[str, str, str]) -> str:
    return f"{page}.{rev[0]}.{rev[1]}.{rev[2]}"


def _counts(n: int) -> dict[str, int]:
    scale = n / REAL_ENTRIES
    return {f.id: max(3, round(f.real_count * scale)) for f in FAMILIES}


def _typo(rng: random.Random, code: str) -> str:
    i = rng.randrange(2, len(code) - 2)
    if rng.random() < 0.5:
        return code[:i] + code[i + 1] + code[i] + code[i + 2:]
    return code[:i] + code[i] + code[i:]  # doubled letter, like InternalErrror


def _string_codes(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    P, M, S = vocab()
    combos = [(p, m, s) for p in P for m in M for s in S]
    if count > len(combos):
        raise ValueError(f"{count} string codes asked, vocabulary gives {len(combos)}")
    rng.shuffle(combos)
    out = []
    for p, m, s in combos:
        code = p + m + s
        if code not in taken:
            out.append(code)
            taken.add(code)
            if len(out) == count:
                break
    return out


def build(n: int, seed: int = 1) -> tuple[list[Synth], dict[str, list[Synth]]]:
    rng = random.Random(seed)
    counts = _counts(n)
    by_family: dict[str, list[Synth]] = {}
    numeric_j = 0
    # legacy sections number their codes on their own: small numbers recur across families
    shared_pool = [c for c in range(-20, 21) if c] + list(range(1000, 1000 + n // 40))
    anchors = {"cos-xml-api": "NoSuchKey", "ci-download": "-46618", "ci-media-numeric": "1013"}
    for spec in FAMILIES:
        count = counts[spec.id]
        codes: list[str] = []
        taken: set[str] = set()
        if spec.id in anchors:
            codes.append(anchors[spec.id])
            taken.add(anchors[spec.id])
        if spec.kind == "string":
            pairs = []
            if spec.id == "cos-xml-api" or count > 60:
                npairs = max(1, round(count * RATES["similar-pair"]))
                P, M, _ = vocab()
                bases = rng.sample([(p, m) for p in P for m in M], npairs)
                for k, (p, m) in enumerate(bases):
                    a, b = TWINS[k % len(TWINS)]
                    pairs.append((p + m + a, p + m + b))
                    taken.update([p + m + a, p + m + b])
            codes += _string_codes(rng, count - len(codes) - 2 * len(pairs), taken)
        else:
            sign = -1 if spec.id.startswith("ci-") or numeric_j % 2 else 1
            base = 10000 * (numeric_j + 1)
            numeric_j += 1
            if spec.shared and spec.id.startswith("wx-"):
                k = max(2, round(count * 0.3))
                codes += [str(c) for c in rng.sample(shared_pool, min(k, len(shared_pool)))]
            if spec.id == "ci-preview":
                codes.append("-3006")  # also in ci-download: a shared code across families
            if spec.id == "ci-download":
                codes.append("-3006")
            i = 0
            while len(codes) < count:
                c = str(sign * (base + i * 7 + 3))
                i += 1
                if c not in codes and c not in ("-46618", "1013"):
                    codes.append(c)
            pairs = []
        entries = []
        for code in codes:
            entries.append(Synth(spec, code, {}))
        for a, b in pairs:
            ea, eb = Synth(spec, a, {}), Synth(spec, b, {})
            ea.similar_to = b
            entries += [ea, eb]
        rng.shuffle(entries)
        for e in entries:
            _fill(rng, e)
        by_family[spec.id] = entries
    _conflicts(rng, by_family)
    _own_texts(by_family)
    return [e for es in by_family.values() for e in es], by_family


def _fill(rng: random.Random, e: Synth) -> None:
    spec = e.family
    for page in spec.pages:
        revs = PAGES[page]
        # weighted toward early births: ~4.6 rows per entry overall
        e.birth[page] = min(len(revs) - 1, int(rng.random() ** 2.6 * len(revs)))
    if len(spec.pages) > 1 and rng.random() < 0.3:
        del e.birth[spec.pages[1]]  # only 70 % of the CI codes are also on the COS page
    if "status" in spec.columns:
        e.status = rng.choice(STATUSES)
    for kind in spec.columns:
        if kind == "status":
            continue
        for lang in ("en", "zh"):
            if kind == "description":
                e.texts[(kind, lang)] = en_text(rng) if lang == "en" else zh_text(rng)
            elif kind == "action":
                noun = rng.choice(EN_NOUNS if lang == "en" else ZH_NOUNS)
                e.texts[(kind, lang)] = rng.choice(EN_ACTIONS if lang == "en" else ZH_ACTIONS).format(n=noun)
            else:
                e.texts[(kind, lang)] = rng.choice(MESSAGES)
    if e.code == "NoSuchKey":
        e.texts[("description", "en")] = "The specified object key does not exist."
        e.texts[("description", "zh")] = "指定的对象键不存在。"
        e.status = 404


def _lifetime(e: Synth) -> list[tuple[str, int]]:
    return [(p, i) for p, b in e.birth.items() for i in range(b, len(PAGES[p]))]


REASON = {
    "spelling": ("Written {typo} in the older revisions and {code} since {date}; canonical {code}, the old spelling stays an alias.",
                 "较早的修订写作 {typo}，{date} 起写作 {code}。规范写法取 {code}，旧写法保留为别名。"),
    "status": ("{old} in the older revisions, {new} since {date}; we follow the current documentation: {new}.",
               "较早的修订为 {old}，{date} 起为 {new}。以当前文档为准：{new}。"),
    "malformed-status": ("The {date} revision writes the status as {bad!r}; the number is {new}, the phrase a typo.",
                         "{date} 的修订把状态写作 {bad!r}；状态码为 {new}，短语为笔误。"),
    "duplicate": ("Listed twice in the {date} revision with the same status; one entry.",
                  "{date} 的修订中列出两次，状态相同；合为一个条目。"),
    "similar-code": ("Two distinct codes listed side by side in the same revisions with different meanings.",
                     "两个不同的错误码，在相同修订中并列出现且含义不同。"),
}


def _reason(kind: str, **fmt) -> dict[str, str]:
    en, zh = REASON[kind]
    return {"en": en.format(**fmt), "zh": zh.format(**fmt)}


def _conflicts(rng: random.Random, by_family: dict[str, list[Synth]]) -> None:
    for fid, entries in by_family.items():
        spec = entries[0].family
        codes = {e.code for e in entries}
        if spec.kind != "string":
            continue
        for e in entries:
            life = _lifetime(e)
            page = spec.pages[0]
            revs = PAGES[page]
            idx = [i for p, i in life if p == page]
            if e.similar_to:
                e.decisions["similar-code"] = {"value": [e.similar_to], "reason": _reason("similar-code")}
            if e.code == "NoSuchKey" or len(idx) < 2:
                continue
            r = rng.random()
            cut = rng.randrange(idx[0] + 1, idx[-1] + 1)
            date = revs[cut][2]
            if r < RATES["spelling"]:
                typo = _typo(rng, e.code)
                if typo in codes or typo == e.code:
                    continue
                codes.add(typo)
                e.typo, e.typo_until = typo, cut
                e.decisions["spelling"] = {"reason": _reason("spelling", typo=typo, code=e.code, date=date)}
            elif r < RATES["spelling"] + RATES["status"]:
                old = rng.choice([s for s in (400, 403, 404, 409, 500) if s != e.status])
                e.status_before, e.status_from = old, cut
                e.decisions["status"] = {"value": e.status,
                                         "reason": _reason("status", old=old, new=e.status, date=date)}
            elif r < RATES["spelling"] + RATES["status"] + RATES["malformed-status"]:
                bad = f"{e.status} {rng.choice(BAD_PHRASES)}"
                e.malformed_at = cut
                e.decisions["malformed-status"] = {"value": e.status,
                                                   "reason": _reason("malformed-status", bad=bad, new=e.status,
                                                                     date=date)}
                e.malformed_text = bad
            elif r < RATES["spelling"] + RATES["status"] + RATES["malformed-status"] + RATES["duplicate"]:
                e.duplicate_at = cut
                e.decisions["duplicate"] = {"reason": _reason("duplicate", date=date)}
            elif r > 0.99:
                other = rng.choice(entries)
                if other is not e:
                    e.related.append(other.code)


def _langs_seen(e: Synth) -> set[str]:
    return {PAGES[p][i][1] for p, i in _lifetime(e)}


def _own_texts(by_family: dict[str, list[Synth]]) -> None:
    for entries in by_family.values():
        for e in entries:
            seen = _langs_seen(e)
            for (kind, lang), text in e.texts.items():
                if lang not in seen:
                    e.own[(kind, lang)] = text


# --------------------------------------------------------------------------- writing


def _section_titles(spec: FamilySpec, e: Synth, status: int | None, lang: str) -> str:
    if spec.id == "cos-xml-api":
        cls = f"{(status or 400) // 100}XX"
        return f"{cls} errors" if lang == "en" else f"{cls} 错误码"
    return spec.title_en if lang == "en" else spec.title_zh


def _section_regex(spec: FamilySpec) -> str:
    if spec.id == "cos-xml-api":
        return r"^\s*(\dxx|other|其他)"
    return "^(?:" + re.escape(spec.title_en) + "|" + re.escape(spec.title_zh) + ")$"


def _reworded(text: str, lang: str, rev_index: int, seed: int) -> str:
    """Later revisions sometimes reword a text (newest wording wins in reconciliation)."""
    if rev_index >= 3 and (seed + rev_index) % 5 == 0:
        return text.rstrip("。.") + ("。" if lang == "zh" else " (updated).")
    return text


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def write_upstream(dest: Path, entries: list[Synth]) -> list[dict]:
    revisions = []
    up = dest / "upstream"
    up.mkdir(parents=True, exist_ok=True)
    for page, revs in PAGES.items():
        for i, rev in enumerate(revs):
            lang = rev[1]
            rid = _rev_id(page, rev)
            # section title -> (columns, rows)
            sections: dict[str, tuple[list[str], list[list[str]]]] = {}
            for e in entries:
                if e.birth.get(page, 99) > i:
                    continue
                spec = e.family
                status = e.status
                if e.status_before is not None and i < e.status_from:
                    status = e.status_before
                title = _section_titles(spec, e, status, lang)
                cols = ["code"] + spec.columns
                table = sections.setdefault(title, (cols, []))[1]
                code = e.typo if e.typo and i < e.typo_until else e.code
                seed = zlib.crc32(e.code.encode())
                cells = []
                for col in cols:
                    if col == "code":
                        cells.append(code)
                    elif col == "status":
                        st = status_text(status)
                        if e.malformed_at == i:
                            st = e.malformed_text
                        cells.append(st)
                    else:
                        cells.append(_cell(_reworded(e.texts[(col, lang)], lang, i, seed)))
                table.append(cells)
                if e.duplicate_at == i:
                    dup = list(cells)
                    for k, col in enumerate(cols):
                        if col == "description":
                            dup[k] = cells[k].rstrip("。.") + ("（重复列出）。" if lang == "zh" else " (listed again).")
                    table.append(dup)
            title_en, title_zh = PAGE_TITLES[page]
            lines = [f"## {title_en if lang == 'en' else title_zh}", "",
                     "Error responses carry a code; see the tables below." if lang == "en"
                     else "请求失败时返回错误码，详见下表。", ""]
            for title in sorted(sections):
                cols, rows = sections[title]
                rows.sort(key=lambda c: c[0])
                lines += [f"### {title}", "", "| " + " | ".join(HEADERS[lang][c] for c in cols) + " |",
                          "|" + "---|" * len(cols)]
                lines += ["| " + " | ".join(r) + " |" for r in rows]
                lines.append("")
            path = f"upstream/{rid}.md"
            (dest / path).write_text("\n".join(lines), encoding="utf-8")
            revisions.append({"id": rid, "page": page, "edition": rev[0], "language": lang, "date": rev[2],
                              "file": path, "format": "markdown",
                              "origin": {"repository": "example/synthetic-docs", "path": f"{page}/{lang}.md",
                                         "commit": f"{zlib.crc32(rid.encode()):08x}0000"}})
    return revisions


def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _text_block(indent: str, texts: dict[str, str]) -> list[str]:
    return [f"{indent}{lang}: {_q(t)}" for lang, t in texts.items()]


def write_catalog(dest: Path, by_family: dict[str, list[Synth]]) -> None:
    cat = dest / "catalog"
    cat.mkdir(parents=True, exist_ok=True)
    lines = ["# Synthetic services (benchmarks/synth.py).", "services:"]
    for sid, ten, tzh, sen, szh, fams in SERVICES:
        lines += [f"  - id: {sid}", "    title:", f"      en: {_q(ten)}", f"      zh: {_q(tzh)}",
                  "    summary:", f"      en: {_q(sen)}", f"      zh: {_q(szh)}",
                  f"    families: [{', '.join(fams)}]"]
    (cat / "services.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for fid, entries in by_family.items():
        spec = entries[0].family
        out = [f"# {spec.title_en} ({spec.title_zh}); synthetic.", f"id: {fid}", "title:",
               f"  en: {_q(spec.title_en)}", f"  zh: {_q(spec.title_zh)}", "summary:",
               f"  en: {_q('Synthetic entries shaped like ' + spec.title_en + '.')}",
               f"  zh: {_q('仿照' + spec.title_zh + '生成的条目。')}", f"kind: {spec.kind}", "sources:"]
        for page in spec.pages:
            out += [f"  - page: {page}", f"    section: {_q(_section_regex(spec))}"]
        if spec.shared:
            out += ["decisions:", "  shared-code:", "    reason:",
                    "      en: \"Each section numbers its codes on its own; a shared number means different things.\"",
                    "      zh: \"各章节分别编号；相同的数字含义不同。\""]
        out.append("entries:")
        for e in entries:
            out.append(f"  - code: {_q(e.code)}")
            if e.typo:
                out.append(f"    aliases: [{_q(e.typo)}]")
            if e.related:
                out.append(f"    related: [{', '.join(_q(r) for r in e.related)}]")
            if e.own:
                out.append("    text:")
                kinds: dict[str, dict[str, str]] = {}
                for (kind, lang), t in e.own.items():
                    kinds.setdefault(kind, {})[lang] = t
                for kind, texts in kinds.items():
                    out.append(f"      {kind}:")
                    out += _text_block("        ", texts)
            if e.decisions:
                out.append("    decisions:")
                for kind, d in e.decisions.items():
                    out.append(f"      {kind}:")
                    if "value" in d:
                        v = d["value"]
                        out.append(f"        value: {json.dumps(v) if not isinstance(v, list) else '[' + ', '.join(_q(x) for x in v) + ']'}")
                    out.append("        reason:")
                    out += _text_block("          ", d["reason"])
        (cat / f"{fid}.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")


def write_revisions(dest: Path, revisions: list[dict]) -> None:
    lines = ["# Synthetic upstream revisions (benchmarks/synth.py).", "revisions:"]
    for r in revisions:
        lines += [f"  - id: {r['id']}", f"    page: {r['page']}", f"    edition: {r['edition']}",
                  f"    language: {r['language']}", f"    date: \"{r['date']}\"", f"    file: {r['file']}",
                  f"    format: {r['format']}", "    origin:",
                  f"      repository: {r['origin']['repository']}", f"      path: {_q(r['origin']['path'])}",
                  f"      commit: \"{r['origin']['commit']}\""]
    (dest / "revisions.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_source(dest: Path | str, n: int, seed: int = 1) -> dict:
    """Write a synthetic ``source/`` with about ``n`` entries into ``dest``; return a summary."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    entries, by_family = build(n, seed)
    revisions = write_upstream(dest, entries)
    write_revisions(dest, revisions)
    write_catalog(dest, by_family)
    return {"entries": len(entries), "families": len(by_family), "revisions": len(revisions),
            "decisions": sum(len(e.decisions) for e in entries)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dest")
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    print(json.dumps(write_source(args.dest, args.n, args.seed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
