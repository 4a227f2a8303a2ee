"""The search evaluation's two query sets (benchmarks/search_eval.py), built from the real site.

The benchmark's numbers are only as good as the sets: each category must be there in both
languages, and each query's right answers must follow from the catalog (a typo's nearest
spellings, the entries whose text holds a fragment), not be the entry the query was made from.
"""

from __future__ import annotations

import random
from collections import Counter

from benchmarks.search_eval import Catalog, _two_edits, build_queries, build_variants, norm, osa


def test_two_edits_are_at_most_two_away():
    rng = random.Random(3)
    for code in ["NoSuchKey", "SignatureDoesNotMatch", "-46618", "InvalidArgument"]:
        for _ in range(200):
            typo = _two_edits(code, rng)
            assert osa(typo, code) <= 2


def test_both_sets_cover_every_category_in_both_languages(real_site):
    cat = Catalog(real_site)
    main = Counter((q["lang"], q["category"]) for q in build_queries(cat))
    other = Counter((q["lang"], q["category"]) for q in build_variants(cat))
    for lang in ("en", "zh"):
        for category in ("code", "code_form", "code_typo", "code_paste", "text_whole", "text_plain",
                         "text_prefix", "text_suffix", "cross"):
            assert main[(lang, category)] >= 100, (lang, category)
        for category in ("code_paste", "code_typo2", "code_in_words", "text_middle"):
            assert other[(lang, category)] >= 100, (lang, category)
    for category in ("message_paste", "text_upper", "text_shuffled", "cross"):
        assert other[("en", category)] >= 100, category
    assert sum(main.values()) > 10000 and sum(other.values()) > 3000


def test_right_answers_follow_from_the_catalog(real_site):
    cat = Catalog(real_site)
    queries = build_variants(cat)
    for q in (q for q in queries if q["category"] == "code_typo2"):
        # every right answer is a nearest spelling, and no spelling is nearer
        nearest = min(osa(q["query"].lower(), s) for s in cat.by_spelling)
        assert nearest <= 2
        for key in q["keys"]:
            spellings = [s for s, keys in cat.by_spelling.items() if key in keys]
            assert min(osa(q["query"].lower(), s) for s in spellings) == nearest, q
    for q in [q for q in queries if q["category"] == "text_middle"][:300]:
        frag = f" {norm(q['query'])} "
        for key in q["keys"]:
            texts = cat.normed["en"].get(key, []) + cat.normed["zh"].get(key, [])
            assert any(frag in f" {t} " for t in texts), q
