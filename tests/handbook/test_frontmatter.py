"""Front matter made safe: every string escaped, at any depth; theme controls of the wrong shape refused."""

from __future__ import annotations

import datetime

import pytest
import yaml

from planops.handbook.frontmatter import MAX_DEPTH, MAX_VALUES, Refusal, make_safe


def test_every_string_is_escaped_at_any_depth() -> None:
    meta = {
        "title": "<b>\"x\"</b> & 'y'",
        "extra": {"a": ["<i>", {"b": '"><script>'}]},
        "n": 3,
        "ok": True,
        "day": datetime.date(2026, 1, 2),
        "none": None,
        "blob": b"<script>",
        "set": {"<x>"},
    }
    safe, refused = make_safe(meta)
    assert refused == []
    assert safe == {
        "title": "&lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; &#x27;y&#x27;",
        "extra": {"a": ["&lt;i&gt;", {"b": "&quot;&gt;&lt;script&gt;"}]},
        "n": 3,
        "ok": True,
        "day": datetime.date(2026, 1, 2),
        "none": None,
        "blob": "b&#x27;&lt;script&gt;&#x27;",
        "set": "{&#x27;&lt;x&gt;&#x27;}",
    }
    assert meta["title"] == "<b>\"x\"</b> & 'y'"  # the page's own meta is not changed


def test_the_shapes_the_theme_reads_are_kept() -> None:
    meta = {
        "hide": ["toc", "navigation"],
        "search": {"exclude": True, "boost": 2},
        "tags": ["a", 1],
        "icon": "material/home",
        "status": "new",
    }
    assert make_safe(meta, lambda name: name == "material/home") == (meta, [])


@pytest.mark.parametrize(
    ("meta", "refusal"),
    [
        (
            {"template": "main.html"},
            Refusal(
                "template",
                "it chooses the theme template the page is rendered with; a page "
                "from the plan cannot choose one (remove the key)",
            ),
        ),
        (
            {"icon": "material/home"},
            Refusal(
                "icon",
                "the theme has no icon 'material/home' (icons look like material/home or fontawesome/brands/github)",
            ),
        ),
        ({"icon": "Material/Home"}, Refusal("icon", "expected an icon name like material/home, found 'Material/Home'")),
        ({"icon": "home"}, Refusal("icon", "expected an icon name like material/home, found 'home'")),
        ({"icon": 5}, Refusal("icon", "expected an icon name like material/home, found '5'")),
        ({"title": {"x": 1}}, Refusal("title", "expected text, found a mapping")),
        (
            {"hide": ["toc", 1]},
            Refusal("hide", "expected a list of feedback, footer, navigation, path, tags, toc, found a list"),
        ),
        (
            {"search": {"boost": "high"}},
            Refusal(
                "search", "expected a mapping with exclude: true/false and boost: a number, found 'boost': str 'high'"
            ),
        ),
        ({"tags": [["nested"]]}, Refusal("tags", "expected a list of tags, found a list")),
    ],
)
def test_refused(meta: dict[str, object], refusal: Refusal) -> None:
    safe, refused = make_safe(meta, lambda name: False)
    assert refused == [refusal] and safe == {}


def test_aliases_are_counted_each_time_they_are_used() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    meta = yaml.safe_load(bomb)  # shared references: small in memory, 10**9 strings when walked
    safe, refused = make_safe(meta)
    assert [r.key for r in refused] == ["d"] and list(safe) == ["a", "b", "c"]
    assert make_safe({"tags": ["t"] * (MAX_VALUES - 1)})[1] == []  # the list is a value too
    assert make_safe({"tags": ["t"] * MAX_VALUES})[1][0].key == "tags"


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 990])  # 990: below PyYAML's limit, past Python's recursion limit
def test_deep_nesting_is_refused(depth: int) -> None:
    from mkdocs.utils.meta import get_data

    _doc, meta = get_data(f"---\nx: {'[' * depth}{']' * depth}\n---\n# Page\n")
    safe, refused = make_safe(meta)
    assert refused == [Refusal("x", "the front matter nests deeper than 20 levels; keep it flat")] and safe == {}
    assert make_safe(yaml.safe_load(f"x: {'[' * (MAX_DEPTH - 1)}{']' * (MAX_DEPTH - 1)}"))[1] == []
