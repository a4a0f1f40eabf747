"""Safe YAML 1.2 loading that remembers where every key and value was written.

PyYAML's C parser composes the node tree (with line marks); this module builds
plain Python data from it instead of PyYAML's constructor, so that in the same
pass it can

* resolve scalars by the YAML 1.2 core schema (only ``true``/``false`` are
  booleans, ``NO`` and ``on`` stay strings, dates stay strings for the models);
* refuse every explicit tag but the core ones (``!!python/...`` is never run),
  remembering the refused nodes so that what they cause is not reported twice;
* read every key as the name it is written as (``1:``, ``1.0:`` and ``true:``
  are three keys: in Python ``1 == 1.0 == True`` would make them one);
* report duplicate keys, which PyYAML silently overwrites;
* bound alias expansion, in values and in repeated text, so a billion-laughs
  file or a long text aliased a hundred times is refused, not expanded;
* refuse numbers beyond what a float or a CEL integer holds exactly;
* keep the node tree, from which any path's line and column is read when a
  finding needs it (most documents never need one).
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from planops.diagnostics import Code, Diagnostic, shown
from planops.limits import MAX_ALIAS_NODES, MAX_ALIAS_TEXT, MAX_FILE_BYTES, MAX_INTEGER, MAX_YAML_DEPTH
from planops.loader import codes
from planops.loader.document import Document, position

MAX_DEPTH = MAX_YAML_DEPTH
MAX_ALIAS_EXPANSION = MAX_ALIAS_NODES
_INT_RANGE = f"numbers are at most ±{MAX_INTEGER:,}"
_FLOAT_RANGE = "it overflows to infinity"

_CORE = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_CORE + t for t in ("str", "int", "float", "bool", "null"))
_MAP, _SEQ = _CORE + "map", _CORE + "seq"
_SCALAR_TAGS = frozenset((_STR, _INT, _FLOAT, _BOOL, _NULL))

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The YAML 1.2 core schema, as one pattern: the group that matches names the tag.
_CORE_SCALAR = re.compile(
    r"""(?P<bool>true|True|TRUE|false|False|FALSE)
      |(?P<null>~|null|Null|NULL)
      |(?P<int>[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)
      |(?P<float>[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))""",
    re.X,
)
_TAG_OF = {"bool": _BOOL, "null": _NULL, "int": _INT, "float": _FLOAT}
_MAYBE_CORE = frozenset("tTfF~nN-+.0123456789")


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The C loader with the YAML 1.2 core schema's implicit resolution.

    ``resolve`` is called from the C composer for every node; one pattern
    instead of PyYAML's list of YAML 1.1 resolvers keeps it cheap.
    """

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if not implicit[0]:
                return _STR
            if not value:
                return _NULL
            if value[0] in _MAYBE_CORE:
                match = _CORE_SCALAR.fullmatch(value)
                if match:
                    return _TAG_OF[match.lastgroup or ""]
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


class _Builder:
    """Turns one composed node tree into plain data, checking as it goes."""

    def __init__(self, doc: Document, aliases: bool) -> None:
        self.doc = doc
        self.findings: list[Diagnostic] = []
        self.memo: dict[int, tuple[Any, int]] = {}
        self.expanded = 0
        # Text repeated through aliases, counted only where the file could hold an alias at all.
        self.scalars: set[int] | None = set() if aliases else None
        self.texts: dict[int, int] = {}
        self.repeated_text = 0

    def fail(self, node: Node, code: Code, message: str) -> None:
        mark = node.start_mark
        self.findings.append(code.located(self.doc.path, mark.line + 1, mark.column + 1, message))

    def refuse(self, node: Node) -> None:
        """A tag that is not allowed: the value becomes None, and what it causes downstream is not reported again."""
        self.doc.refused.add(id(node))
        self.fail(node, codes.YAML_TAG, f"tag '{_short(node.tag)}' is not allowed: plan files hold plain data only")

    def build(self, node: Node, depth: int = 0) -> tuple[Any, int]:
        """Return (value, number of nodes it expands to)."""
        if node.__class__ is ScalarNode:
            if self.scalars is not None:
                self.seen_scalar(node)
            return self.scalar(node), 1
        seen = self.memo.get(id(node))
        if seen is not None:
            self.expanded += seen[1]
            if self.expanded > MAX_ALIAS_EXPANSION:
                raise _TooManyAliases(node)
            self.repeat_text(node, self.text_of(node, depth))
            return seen
        if depth > MAX_DEPTH:
            self.fail(node, codes.YAML_TOO_DEEP, f"nesting deeper than {MAX_DEPTH} levels is not supported")
            return None, 1
        if isinstance(node, SequenceNode):
            result = self.sequence(node, depth)
        else:
            assert isinstance(node, MappingNode)
            result = self.mapping(node, depth)
        self.memo[id(node)] = result
        return result

    def seen_scalar(self, node: ScalarNode) -> None:
        """Count the text of a scalar written once and aliased again."""
        assert self.scalars is not None
        if id(node) in self.scalars:
            self.repeat_text(node, len(node.value))
        else:
            self.scalars.add(id(node))

    def repeat_text(self, node: Node, size: int) -> None:
        self.repeated_text += size
        if self.repeated_text > MAX_ALIAS_TEXT:
            raise _TooManyAliases(node, text=True)

    def text_of(self, node: Node, depth: int) -> int:
        """Characters of the scalars below ``node``, as far down as ``build`` goes (cached per node)."""
        if node.__class__ is ScalarNode:
            return len(node.value)
        found = self.texts.get(id(node))
        if found is None:
            if depth > MAX_DEPTH:
                return 0
            children = node.value if isinstance(node, SequenceNode) else [n for pair in node.value for n in pair]
            found = self.texts[id(node)] = sum(self.text_of(child, depth + 1) for child in children)
        return found

    def scalar(self, node: ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == _STR:
            return value
        if tag == _INT:
            return self.number(node, _to_int(value), _INT_RANGE)
        if tag == _FLOAT:
            return self.number(node, _to_float(value), _FLOAT_RANGE)
        if tag == _BOOL:
            return value.lower() == "true"
        if tag == _NULL:
            return None
        self.refuse(node)
        return None

    def number(self, node: ScalarNode, value: float | None, why: str) -> float | None:
        if value is None:
            message = f"{shown(node.value)} is too large: {why} (write an identifier in quotes, as text)"
            self.doc.refused.add(id(node))  # the None it becomes is not reported again as a wrong type
            self.fail(node, codes.NUMBER_TOO_LARGE, message)
        return value

    def sequence(self, node: SequenceNode, depth: int) -> tuple[Any, int]:
        if node.tag != _SEQ:
            self.refuse(node)
            return None, 1
        items, size = [], 1
        for child in node.value:
            item, n = self.build(child, depth + 1)
            items.append(item)
            size += n
        return items, size

    def mapping(self, node: MappingNode, depth: int) -> tuple[Any, int]:
        if node.tag != _MAP:
            self.refuse(node)
            return None, 1
        result: dict[Any, Any] = {}
        first_at: dict[Any, int] = {}
        size = 1
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                self.fail(key_node, codes.YAML_KEY, "a key must be a plain word, not a list or a mapping")
                continue
            if key_node.tag not in _SCALAR_TAGS:
                self.refuse(key_node)
                continue
            if self.scalars is not None:
                self.seen_scalar(key_node)
            key = key_node.value  # a key is a name, as written: 1, 1.0 and true are three keys, not one
            if key == "<<" and key_node.tag == _STR and not key_node.style:
                size += self.merge(value_node, depth, result)
                continue
            if key in first_at:
                self.fail(
                    key_node,
                    codes.DUPLICATE_KEY,
                    f"key '{key}' appears twice in this mapping (first at line {first_at[key]}); "
                    "YAML keeps only one of them: remove or merge the other",
                )
                continue
            first_at[key] = key_node.start_mark.line + 1
            result[key], n = self.build(value_node, depth + 1)
            size += n
        return result, size

    def merge(self, node: Node, depth: int, into: dict[Any, Any]) -> int:
        """``<<: *defaults`` — copy keys not yet set (YAML merge keys)."""
        sources = node.value if isinstance(node, SequenceNode) else [node]
        size = 0
        for source in sources:
            value, n = self.build(source, depth + 1)
            if not isinstance(value, dict):
                self.fail(source, codes.YAML_MERGE, "'<<' merges mappings only")
                continue
            for key, item in value.items():
                into.setdefault(key, item)
            size += n
        return size


class _TooManyAliases(Exception):
    def __init__(self, node: Node, *, text: bool = False) -> None:
        self.node, self.text = node, text


def _to_int(value: str) -> int | None:
    """The integer, or None beyond MAX_INTEGER (the length is checked first: int() of 5,000 digits raises)."""
    if len(value) > 24:
        return None
    number = int(value[2:], 8 if value[1] == "o" else 16) if value.startswith(("0o", "0x")) else int(value)
    return number if -MAX_INTEGER <= number <= MAX_INTEGER else None


def _to_float(value: str) -> float | None:
    """The float (``.inf`` and ``.nan`` as written), or None when the digits overflow to infinity."""
    lowered = value.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    number = float(value)
    return None if math.isinf(number) else number


def _short(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def decode(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to text, or one finding saying why the file cannot be read."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [too_large(path, len(raw))]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        return None, [codes.NOT_UTF8.located(path, line, col, message)]


def too_large(path: str, size: int) -> Diagnostic:
    message = f"file is {size / 1024 / 1024:.1f} MB; plan files may be at most 5 MB"
    return _file_error(path, codes.FILE_TOO_LARGE, message)


def _file_error(path: str, code: Code, message: str) -> Diagnostic:
    return code.located(path, 1, 1, message)


def load_documents(text: str, path: str) -> tuple[list[Document], list[Diagnostic]]:
    """Every document of one file, with its locations, and what was wrong."""
    docs: list[Document] = []
    findings: list[Diagnostic] = []
    aliases = "*" in text  # once per file: a file of 100,000 documents would scan its text once each
    loader = _Loader(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            doc = Document(path, None, node, text)
            builder = _Builder(doc, aliases)
            try:
                doc.data, _ = builder.build(node)
            except _TooManyAliases as exc:
                mark = exc.node.start_mark
                message = (
                    f"aliases of the value anchored here repeat more than {MAX_ALIAS_TEXT:,} characters of text; "
                    "write long text once, where it is used"
                    if exc.text
                    else f"aliases here expand to more than {MAX_ALIAS_EXPANSION:,} values; "
                    "this looks like a 'billion laughs' file and is refused"
                )
                findings.append(codes.YAML_ALIASES.located(path, mark.line + 1, mark.column + 1, message))
                return docs, findings
            findings.extend(builder.findings)
            docs.append(doc)
    except yaml.MarkedYAMLError as exc:
        findings.append(_syntax_finding(path, exc))
    except yaml.reader.ReaderError as exc:
        findings.append(_character_finding(path, text, exc))
    except yaml.YAMLError as exc:
        findings.append(_file_error(path, codes.YAML_SYNTAX, _one_line(f"not valid YAML: {exc}")))
    finally:
        loader.dispose()
    return docs, findings


def _syntax_finding(path: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "not valid YAML"
    context = f" {exc.context}" if exc.context else ""
    return codes.YAML_SYNTAX.located(path, line, col, _one_line(f"{problem}{context}"))


def _character_finding(path: str, text: str, exc: yaml.reader.ReaderError) -> Diagnostic:
    """A character YAML does not allow (NUL, other control characters, U+FFFE), at its own line and column.

    The reader's position counts bytes (libyaml) or characters (PyYAML); the
    first such character in the text is the one it stopped at.
    """
    char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
    index = text.find(char)
    line, col = position(text, index) if index >= 0 else (1, 1)
    kind = "a control character" if unicodedata.category(char) == "Cc" else "a character YAML does not allow"
    code = f"U+{ord(char):04X}"
    message = f"{code} is {kind}: remove it, or write it as \\u{ord(char):04X} inside a double-quoted string"
    return codes.YAML_SYNTAX.located(path, line, col, message)


def _one_line(message: str) -> str:
    return " ".join(message.split())
