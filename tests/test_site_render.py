from pathlib import Path

from generator.site.render import Renderer, segments

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_segments_link_only_http():
    parts = segments("see [doc](https://x.example/a) and [bad](javascript:alert(1)) `Code`")
    kinds = [(p["kind"], p["text"]) for p in parts]
    assert ("link", "doc") in kinds
    assert ("code", "Code") in kinds
    assert not any(p.get("href", "").startswith("javascript") for p in parts)


def test_labels_exist_in_both_languages():
    renderer = Renderer(TEMPLATES)
    for key, value in renderer.labels.items():
        assert set(value) == {"en", "zh"}, key
        assert value["en"] and value["zh"], key
