"""The diff on real consecutive revisions: whole change lists, derived from reading the files."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diff import consecutive_pairs, diff_revisions
from generator.importers import import_file
from generator.revision import load_revisions

SOURCE = Path(__file__).resolve().parent.parent / "source"


@pytest.fixture(scope="module")
def revisions():
    return {r.id: r for r in load_revisions(SOURCE)}


def load(revisions, rid):
    rev = revisions[rid]
    return import_file(SOURCE / rev.path, rev)


def keys(report):
    return sorted((c.key() for c in report.changes), key=repr)


def desc(result, code, section=None, nth=0):
    rows = [r for r in result.rows if r.code == code and (section is None or r.section == section)]
    return rows[nth].texts.get("description")


def test_line_endings_only_is_no_change(revisions):
    # 2023-07-10 is the 2022-04-06 page with LF instead of CRLF line endings.
    old = load(revisions, "cos-errors.intl.en.2022-04-06")
    new = load(revisions, "cos-errors.intl.en.2023-07-10")
    assert diff_revisions(old, new).changes == []


def test_same_revision_is_no_change(revisions):
    for rid in revisions:
        r = load(revisions, rid)
        assert diff_revisions(r, r).changes == [], rid


def test_cos_intl_en_2019_10_23_to_2020_12_21(revisions):
    old = load(revisions, "cos-errors.intl.en.2019-10-23")
    new = load(revisions, "cos-errors.intl.en.2020-12-21")
    report = diff_revisions(old, new)
    s4, s5 = "4XX errors", "5XX errors"
    expected = [
        # the 3XX table is gone (its 4 rows: TemporaryRedirect twice)
        ("section-removed", "3XX errors", None, "3XX errors", None),
        # typos fixed, same status and place
        ("code-renamed", s4, "RequestTimeout", "RequestTimeOut", "RequestTimeout"),
        ("code-renamed", s5, "InternalError", "InternalErrror", "InternalError"),
        # the status-first table moved rows to other statuses
        ("status-changed", s4, "ExpiredToken", "403 Forbidden", "400 Bad Request"),
        ("status-changed", s4, "NoSuchVersion", "400 Bad Request", "404 Not Found"),
        ("status-changed", s4, "AppendPositionErr", "400 Bad Request", "409 Conflict"),
        ("status-changed", s4, "ObjectNotAppendable", "400 Bad Request", "409 ObjectNotAppendale"),
        ("status-reformatted", s4, "PreconditionFailed", "412 Precondition", "412 Precondition Failed"),
        ("status-reformatted", s5, "InternalError", "500 Internal Server", "500 Internal Server Error"),
        ("status-reformatted", s5, "SlowDown", "503 Slow Down", "503 Service Unavailable"),
        # InvalidObjectState now listed under 403 and 409
        ("duplicate-added", s4, "InvalidObjectState", 1, 2),
        ("reordered", s4, None, None, None),
    ]
    expected += [("code-removed", s4, c, c, None) for c in
                 ["LifeCycleIdNotUnique", "LifeCycleRuleConflicted", "MissingAppid", "MissingContentMD5",
                  "MissingHost", "InvalidObjectStorage"]]
    added4 = """ActionAccelerateNotSupported BadRquest BucketAccelerateNotEnabled BucketNameTooLong
        BucketVersionNotOpen DNSRecordVerifyFailed EntitySizeNotMatch ImageResolutionExceed ImageTooLarge
        IncompleteBody InvalidDelimiter InvalidImageFormat InvalidImageSource InvalidLocationConstraint
        InvalidObjectName InvalidPicOperations InvalidPolicyDocument InvalidTag InvalidTargetBucketForLogging
        InvalidUploadStatus InventoryFull JsonAPINotSupportOnMAZBucket KmsException KmsKeyDisabled KmsKeyNotExist
        ListPartUploadIdIsEmpty LoggingConfExists LoggingPrefixInvalid MalformedPolicy
        MAZOperationNotSupportOnOAZBucket MultiAZFeatureNotSupport NotifyRuleEventConflict
        NotifyRulePrefixConflict NotifyRuleSuffixConflict OAZOperationNotSupportOnMAZBucket PolicyVersionFull
        SsecDecryptHeaderInvalid SSEContentNotSupported SSEHeaderNotAllowed TargetBucketNameInvalid
        UserCnameInvalid UserNetworkTooSlow PaymentRequired AccessForbidden NoProcessAuthority
        UserNotSourceBucketOwner UserNotTargetBucketOwner InventoryConfigurationNotFoundError
        NoBucketQuotaPolicy NoSuchEncryptionConfiguration NoSuchJob NoSuchObjectLockConfiguration
        NoSuchPolicyVersion OriginConfigurationNotFoundError ReplicationConfigurationNotFoundError
        RestoreFileSizeExceed UploadIdNotSupported BucketLocked DomainConfigConflict InvalidLockedTime
        ObjectLocked QuotaConflict QuotaOperationConfilct RecordAlreadyExist UploadConflict
        DomainAuditFailed""".split() + ["Request has expired"]
    expected += [("code-added", s4, c, None, c) for c in added4]
    expected += [("code-added", s5, c, None, c) for c in ["KmsInternalException", "KmsFreqControl"]]
    # every kept row's description was reworded except these (same words; only a trailing period,
    # backticks or a link around a word differ)
    unchanged = {"MultiBucketNotSupport", "VerifyAlgorithmNotSupported", "InvalidAccessKeyId",
                 "BucketAlreadyExists", "BucketNotEmpty", "MissingContentLength", "InvalidRange"}
    renamed = {"RequestTimeout": "RequestTimeOut", "InternalError": "InternalErrror"}
    kept = [r for r in new.rows if r.code in {o.code for o in old.rows} | set(renamed)]
    for row in kept:
        if row.code in unchanged or (row.code == "InvalidObjectState" and row.status == 409):
            continue
        old_code = renamed.get(row.code, row.code)
        old_row = next(o for o in old.rows if o.code == old_code and o.section != "3XX errors")
        expected.append(("text-changed", row.section, row.code, old_row.texts["description"],
                         row.texts["description"]))
    assert len(expected) == 141
    assert keys(report) == sorted(expected, key=repr)
    # the removed table carries its codes, each once
    gone = next(c for c in report.changes if c.kind == "section-removed")
    assert gone.codes == ["PermanentRedirect", "TemporaryRedirect", "Redirect"]
    reordered = next(c for c in report.changes if c.kind == "reordered")
    assert reordered.codes == ["ExpiredToken", "NoSuchVersion", "AppendPositionErr", "ObjectNotAppendable"]
    # a word-level diff: only the changed words are marked
    nsb = next(c for c in report.changes if c.kind == "text-changed" and c.code == "NoSuchBucket")
    assert nsb.diff == [["=", "The specified bucket"], ["-", " does"], ["+", " is"], ["=", " not"],
                        ["-", " exist"], ["+", " found"]]
    # lines point into the files
    exp = next(c for c in report.changes if c.kind == "status-changed" and c.code == "ExpiredToken")
    assert (exp.line_old, exp.line_new) == (92, 57)  # grep -n ExpiredToken


def test_ci_cn_zh_2018_02_08_to_2018_06_15(revisions):
    old = load(revisions, "ci-errors.cn.zh.2018-02-08")
    new = load(revisions, "ci-errors.cn.zh.2018-06-15")
    report = diff_revisions(old, new)
    s = ""  # the 2018-06-15 table has no heading; matched to the old one by its codes
    expected = [("section-renamed", s, None, "图片下载错误码说明", ""), ("reordered", s, None, None, None)]
    expected += [("code-removed", s, c, c, None) for c in
                 "-140 -130 -129 -123 -122 -121 -111 -101 -100".split()]
    expected += [("code-added", s, c, None, c) for c in
                 """-156 -162 -163 -164 -165 -166 -167 -168 -441 -442 -447 -29033 -29034 -40168 -46152 -46154
                 -46614 -46617 -46618 -46619 -46620 -46621 -46627 -46642 -46646""".split()]
    expected += [
        ("text-changed", s, "-104", "无效的 APPID。URL 中包含的 APPID 无效,或者域名没有和 APPID 绑定",
         "无效的 appid。Url 中包含的 appid 无效,或者域名没有和 appid 绑定"),
        ("text-changed", s, "-105", "无效的样式名。 URL 中指定的样式名或者别名没有配置",
         "无效的样式名。 Url 中指定的样式名或者别名没有配置"),
        # "无效的 URL" -> "无效的URL" is spacing only; "URL 格式" -> "Url 格式" is not
        ("text-changed", s, "-106", "无效的 URL。 URL 格式不符合格式要求", "无效的URL。 Url 格式不符合格式要求"),
        ("text-changed", s, "-124", "下载偏移错误。 HTTP 请求的 Range 断点续传偏移量可能设置错误",
         "下载偏移错误。 Http 请求的 Range 断点续传偏移量可能设置错误"),
        ("text-changed", s, "-154", "下载原图失败，因为图片开启了原图保护", "原图保护机制禁止该 url 下载"),
        ("text-changed", s, "-901", "转码超时，可能原因：GIF 帧数太多（超过 100 帧的高分辨率容易导致超时）", "压缩超时"),
        ("text-changed", s, "-902", "镜像存储功能把请求转发到开发商源站，但没有收到响应，超时了",
         "回源超时 镜像存储功能把请求转发到开发商源站，但没有收到响应，超时了"),
    ]
    assert keys(report) == sorted(expected, key=repr)
    # character-level diff for Chinese
    c901 = next(c for c in report.changes if c.code == "-901")
    assert c901.diff[:3] == [["-", "转码"], ["+", "压缩"], ["=", "超时"]]
    # -109 differs by one space only: no change
    assert not [c for c in report.changes if c.code == "-109"]


def test_cos_cn_zh_2017_04_20_to_2017_07_26(revisions):
    report = diff_revisions(load(revisions, "cos-errors.cn.zh.2017-04-20"),
                            load(revisions, "cos-errors.cn.zh.2017-07-26"))
    assert keys(report) == sorted([
        ("code-renamed", "4XX类型错误", "ImcompleteBody", "ImcompleteBoady", "ImcompleteBody"),
        ("code-renamed", "4XX类型错误", "IncorrectNumberOfFilesInPostRequest",
         "IncorrectNumberOfFilesInPsotRequest", "IncorrectNumberOfFilesInPostRequest"),
    ], key=repr)


def test_cos_cn_zh_2017_07_26_to_2018_11_30(revisions):
    report = diff_revisions(load(revisions, "cos-errors.cn.zh.2017-07-26"),
                            load(revisions, "cos-errors.cn.zh.2018-11-30"))
    s = "4XX类型错误"
    assert keys(report) == sorted([
        ("code-removed", s, "InvalidAccessKeyId", "InvalidAccessKeyId", None),
        ("text-changed", s, "KeyTooLong", "文件路径过长", "自定义头部过长"),
        ("code-renamed", s, "AccountProblem", "AccoountProblem", "AccountProblem"),
        ("reordered", s, None, None, None),
    ], key=repr)


def test_wanxiang_sections_matched_despite_retitling(revisions):
    report = diff_revisions(load(revisions, "wanxiang-errors.cn.zh.2016-08-02"),
                            load(revisions, "wanxiang-errors.cn.zh.2017-05-27"))
    # 图片下载错误 -> 图片下载 etc.: same tables, same rows; five new tables in front
    assert keys(report) == sorted([("section-added", t, None, None, t)
                                   for t in ["人脸识别", "图片鉴黄", "OCR识别", "人脸核身", "图片处理"]], key=repr)


def test_consecutive_pairs(revisions):
    pairs = consecutive_pairs(list(revisions.values()))
    ids = [(a.id, b.id) for a, b in pairs]
    lines: dict[tuple, list] = {}
    for r in revisions.values():
        lines.setdefault((r.page, r.edition, r.language), []).append(r)
    assert len(ids) == sum(len(revs) - 1 for revs in lines.values())  # each line of revisions, chained
    newest = max(lines["cos-errors", "intl", "en"], key=lambda r: (r.date, r.id))
    assert newest.id == "cos-errors.intl.en.2026-06-02"
    assert [p for p in ids if p[1] == newest.id] and not [p for p in ids if p[0] == newest.id]
    for a, b in pairs:
        assert (a.page, a.edition, a.language) == (b.page, b.edition, b.language)
        assert (a.date, a.id) < (b.date, b.id)
    assert len(set(ids)) == len(ids) and len({b for _, b in ids}) == len(ids)  # each revision follows one
    # single revisions of a page/edition/language have no pair
    assert not [p for p in ids if "ci-media-errors" in p[0]]


def test_every_pair_names_the_codes_of_its_changes(revisions):
    """(Speed is the benchmark's: the "diff" stage of benchmarks/run.py, not a timed test.)"""
    for a, b in consecutive_pairs(list(revisions.values())):
        old, new = load(revisions, a.id), load(revisions, b.id)
        report = diff_revisions(old, new)
        for change in report.changes:
            assert change.code is None or change.code in change.codes
