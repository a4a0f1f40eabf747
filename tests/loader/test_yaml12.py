"""The YAML 1.2 loader: scalars as plan authors mean them, locations, and refusals."""

from __future__ import annotations

import pytest

from planops.loader.yaml12 import MAX_FILE_BYTES, decode, load_documents


def load(text: str):  # type: ignore[no-untyped-def]
    docs, found = load_documents(text, "f.yaml")
    return docs, [(d.line, d.col, d.code) for d in found]


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("NO", "NO"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("42", 42),
        ("012", 12),
        ("0o17", 15),
        ("0x1F", 31),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        (".inf", float("inf")),
        ("-.inf", float("-inf")),
        ("2026-10-01", "2026-10-01"),
        ("09:00", "09:00"),
        ("1_000", "1_000"),
        ("'true'", "true"),
        ('"42"', "42"),
    ],
)
def test_scalars_follow_the_yaml_1_2_core_schema(source: str, value: object) -> None:
    docs, found = load(f"key: {source}\n")
    assert found == []
    assert docs[0].data == {"key": value}


def test_on_as_a_key_stays_a_string() -> None:
    docs, _ = load("on: {resolve: done}\n")
    assert docs[0].data == {"on": {"resolve": "done"}}


def test_locations_of_keys_and_values() -> None:
    docs, _ = load("kind: Workflow\nstates:\n  triage:\n    on: {escalate: review}\n")
    doc = docs[0]
    assert doc.loc(("states", "triage", "on", "escalate")) == (4, 20)
    assert doc.loc(("states", "triage"), key=True) == (3, 3)
    assert doc.loc(("states", "triage", "missing", 3)) == (4, 5)  # nearest known place


def test_duplicate_keys_are_findings_at_the_second_key() -> None:
    docs, found = load("kind: Channel\ncalendar: a\nname: chat\ncalendar: b\n")
    assert found == [(4, 1, "duplicate-key")]
    assert docs[0].data["calendar"] == "a"


def test_python_tags_are_refused_and_never_run(tmp_path) -> None:  # type: ignore[no-untyped-def]
    marker = tmp_path / "ran"
    text = f"name: !!python/object/apply:os.system ['touch {marker}']\nother: !custom 3\n"
    docs, found = load(text)
    assert found == [(1, 7, "yaml-tag"), (2, 8, "yaml-tag")]
    assert not marker.exists()
    assert docs[0].data["name"] is None


def test_billion_laughs_is_refused_not_expanded() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    _docs, found = load("\n".join(lines) + "\n")
    assert [code for *_, code in found] == ["yaml-aliases"]


def test_modest_aliases_are_fine() -> None:
    docs, found = load("base: &t {first_response: 1h}\nvip: *t\nstd: *t\n")
    assert found == []
    assert docs[0].data["std"] == {"first_response": "1h"}


def test_merge_keys_fill_in_missing_keys() -> None:
    docs, found = load("base: &b {a: 1, b: 2}\nchild:\n  <<: *b\n  b: 3\n")
    assert found == []
    assert docs[0].data["child"] == {"a": 1, "b": 3}


def test_syntax_error_is_located() -> None:
    _docs, found = load("kind: Routing\nrules: [a, b\nname: x\n")
    assert len(found) == 1 and found[0][2] == "yaml-syntax"
    assert found[0][0] == 3


def test_several_documents() -> None:
    docs, found = load("kind: A\n---\nkind: B\n---\n")
    assert found == []
    assert [d.data for d in docs] == [{"kind": "A"}, {"kind": "B"}, None]
    assert docs[1].loc(("kind",)) == (3, 7)


def test_non_utf8_is_one_clear_finding() -> None:
    text, found = decode(b"name: caf\xe9\n", "f.yaml")
    assert text is None
    assert [(d.line, d.col, d.code) for d in found] == [(1, 10, "not-utf8")]


def test_oversized_file_is_refused() -> None:
    text, found = decode(b"#" * (MAX_FILE_BYTES + 1), "f.yaml")
    assert text is None
    assert found[0].code == "file-too-large"
    assert "at most 5 MB" in found[0].message


def test_text_loc_maps_positions_inside_quoted_and_block_strings() -> None:
    docs, _ = load('a: "ticket.x > 1"\nb: |\n  ticket.y\n  && ticket.z\n')
    doc = docs[0]
    assert doc.text_loc(("a",), 1, 8) == (1, 12)
    assert doc.text_loc(("b",), 2, 4) == (4, 6)
