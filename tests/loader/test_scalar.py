"""The map from a string's characters back to the file: checked against every style PyYAML itself writes."""

from __future__ import annotations

import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from planops.loader.document import position
from planops.loader.scalar import char_sources
from planops.loader.yaml12 import _Loader

STYLES = [None, "'", '"', "|", ">"]
TEXT = st.text(alphabet=st.sampled_from(list("ab c\n\t'\"\\#:-é😀\x85")), min_size=1, max_size=30)


def _scalars(node: Node) -> list[ScalarNode]:
    if isinstance(node, ScalarNode):
        return [node]
    if isinstance(node, MappingNode):
        return [s for _, value in node.value for s in _scalars(value)]
    assert isinstance(node, SequenceNode)
    return [s for item in node.value for s in _scalars(item)]


def _written(value: str, style: str | None, width: int, nest: int) -> tuple[str, ScalarNode]:
    """``value`` written by PyYAML's emitter in ``style`` (it picks another where that style cannot hold it)."""
    data: object = value
    for level in range(nest):
        data = {"k": data} if level % 2 == 0 else [data]
    node = yaml.SafeDumper(None).represent_data(data)  # type: ignore[no-untyped-call]
    for scalar in _scalars(node):
        scalar.style = style
    text = yaml.serialize(node, width=width, allow_unicode=True)
    loader = _Loader(text)
    try:
        loader.check_node()
        scalars = _scalars(loader.get_node())
    finally:
        loader.dispose()
    return text, scalars[0]


@settings(max_examples=400, deadline=None)
@given(TEXT, st.sampled_from(STYLES), st.sampled_from([4, 12, 80]), st.integers(min_value=1, max_value=4))
def test_every_character_maps_to_where_it_was_written(value: str, style: str | None, width: int, nest: int) -> None:
    text, node = _written(value, style, width, nest)
    assume(node.value == value)  # PyYAML writes a lone NEL that libyaml reads back as a space
    sources = char_sources(text, node)
    assert sources is not None, (text, node.style)
    assert len(sources) == len(value) + 1
    for char, at in zip(value, sources, strict=False):
        written = text[at]
        # a character is written as itself, as an escape, or (a space or a break) as a fold of lines
        assert written in (char, "\\") or (char in " \n\x85" and written in " \n\r\x85"), (text, value)
    assert sources[:-1] == sorted(sources[:-1])


def test_a_map_that_does_not_rebuild_the_value_is_not_used() -> None:
    loader = _Loader("k: 'abc'\n")
    loader.check_node()
    node = loader.get_node().value[0][1]
    loader.dispose()
    node.value = "something else"
    assert char_sources("k: 'abc'\n", node) is None


def test_positions_count_line_breaks_as_yaml_does() -> None:
    text = "a\r\nb\rc\x85d\u2028e\u2029f\ng"
    assert [position(text, text.index(c)) for c in "abcdefg"] == [(i, 1) for i in range(1, 8)]
    assert position("é😀x", 2) == (1, 3)
