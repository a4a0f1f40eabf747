"""The code list is the truth: read from the source, every code planops can report is a declared constant in CODES.

A finding's code is written once, in its ``Code(...)`` declaration; everything else refers to the constant.
The rules are checked on the source with ``ast`` (and, below, shown to catch each way of breaking them):

* every ``Code(...)`` is a module constant, and CODES lists exactly the declared codes;
* every declared constant is used besides its declaration and the CODES lists (a code nothing emits is not
  listed as if it could be);
* no ``Diagnostic(...)`` or ``.diagnostic(...)`` call is given its code as a literal, and no code is spelled
  as a literal anywhere else;
* only planops.output formats findings: no literal builds ``warning[`` / ``error[`` by hand.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from planops.checks import CODES

SRC = Path(__file__).resolve().parent.parent / "src" / "planops"
Sources = Mapping[str, str]  # module name -> its source text


def sources() -> dict[str, str]:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = ("planops", *path.relative_to(SRC).with_suffix("").parts)
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path.read_text(encoding="utf-8")
    return found


def _is_code_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and (
        (isinstance(node.func, ast.Name) and node.func.id == "Code")
        or (isinstance(node.func, ast.Attribute) and node.func.attr == "Code")
    )


def declarations(src: Sources) -> Iterator[tuple[str, str | None, str | None]]:
    """(module, constant, code) of every ``Code(...)``; constant is None when it is not a module constant."""
    for module, text in src.items():
        tree = ast.parse(text)
        constants = {
            id(node.value): node.targets[0].id
            for node in tree.body
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
        }
        for node in ast.walk(tree):
            if _is_code_call(node):
                assert isinstance(node, ast.Call)
                first = node.args[0] if node.args else None
                code = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
                yield module, constants.get(id(node)), code


def _codes_lists(tree: ast.Module) -> set[int]:
    """The ids of every node inside a ``CODES = ...`` assignment."""
    inside: set[int] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "CODES" for t in targets):
                inside |= {id(n) for n in ast.walk(node)}
    return inside


def _uses(module: str, text: str, src: Sources) -> Iterator[tuple[str, str]]:
    """(declaring module, constant) of every reference to a module constant, outside CODES lists."""
    tree = ast.parse(text)
    skip = _codes_lists(tree)
    names: dict[str, tuple[str, str]] = {}  # local name -> (module, constant) it was imported as
    modules: dict[str, str] = {}  # local name -> module it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                local = alias.asname or alias.name
                if f"{node.module}.{alias.name}" in src:
                    modules[local] = f"{node.module}.{alias.name}"
                else:
                    names[local] = (node.module, alias.name)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            yield names.get(node.id, (module, node.id))
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules:
            yield modules[node.value.id], node.attr


def unused(src: Sources) -> list[tuple[str, str]]:
    declared = {(m, c) for m, c, _ in declarations(src) if c}
    used = {use for module, text in src.items() for use in _uses(module, text, src)}
    return sorted(declared - used)


def _code_argument(node: ast.Call) -> ast.expr | None:
    """The code given to ``Diagnostic(path, line, col, code, …)`` or ``doc.diagnostic(path, code, …)``."""
    if isinstance(node.func, ast.Name) and node.func.id == "Diagnostic":
        index = 3
    elif isinstance(node.func, ast.Attribute) and node.func.attr == "diagnostic":
        index = 1
    else:
        return None
    keyword = [k.value for k in node.keywords if k.arg == "code"]
    return keyword[0] if keyword else node.args[index] if len(node.args) > index else None


def literal_codes(src: Sources) -> list[tuple[str, int, str]]:
    """(module, line, text) of every code given as a literal, or spelled as one outside its declaration."""
    known = {code for *_, code in declarations(src) if code}
    found = []
    for module, text in src.items():
        tree = ast.parse(text)
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and _is_code_call(node)]
        declared = {id(call.args[0]) for call in calls if call.args}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(arg := _code_argument(node), ast.Constant | ast.JoinedStr):
                found.append((module, node.lineno, ast.unparse(arg)))
            elif isinstance(node, ast.Constant) and node.value in known and id(node) not in declared:
                found.append((module, node.lineno, repr(node.value)))
    return sorted(set(found))  # a literal given to Diagnostic(...) is also a code spelled out: one line for both


def formatted_by_hand(src: Sources) -> list[tuple[str, int]]:
    """(module, line) of every literal outside planops.output that writes ``warning[`` or ``error[``."""
    marks = ("warning[", "error[", "info[")
    found = []
    for module, text in src.items():
        if module.startswith("planops.output"):
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and any(m in node.value for m in marks):
                found.append((module, node.lineno))
    return found


# --- the rules, on planops's own source


def test_every_code_is_a_constant_and_codes_lists_exactly_them() -> None:
    found = list(declarations(sources()))
    assert [(m, code) for m, constant, code in found if constant is None or code is None] == []
    codes = [code for *_, code in found]
    assert sorted(codes) == sorted(CODES)  # nothing declared is missing, nothing is listed twice or undeclared
    assert all(CODES[code].code == code for code in CODES)


def test_every_declared_code_is_emitted_somewhere() -> None:
    assert unused(sources()) == []


def test_no_code_is_written_as_a_literal() -> None:
    assert literal_codes(sources()) == []


def test_only_the_output_formats_findings() -> None:
    assert formatted_by_hand(sources()) == []


# --- and that each rule catches what it is for

DECLARED = """
from planops.diagnostics import WARNING, Code
USED = Code("used-code", WARNING, "Used.")
CODES = [USED]
def check(doc):
    yield USED.located("f", 1, 1, "found")
"""


@pytest.mark.parametrize(
    ("extra", "rule", "caught"),
    [
        (
            'NO_TEAM = Code("missing-team", WARNING, "Never emitted.")\nCODES = [USED, NO_TEAM]\n',
            unused,
            [("planops.fake", "NO_TEAM")],
        ),
        (
            'def more(doc):\n    return Diagnostic("f", 1, 1, "used-code", WARNING, "m")\n',
            literal_codes,
            [("planops.fake", 8, "'used-code'")],
        ),
        (
            'def more(doc):\n    return doc.diagnostic((), "yaml-syntax", "m")\n',
            literal_codes,
            [("planops.fake", 8, "'yaml-syntax'")],
        ),
        (
            'def more(doc, c):\n    return doc.diagnostic((), code=f"x-{c}", message="m")\n',
            literal_codes,
            [("planops.fake", 8, "f'x-{c}'")],
        ),
        ('SPELLED = {"used-code"}\n', literal_codes, [("planops.fake", 7, "'used-code'")]),
        ('def line(p):\n    return f"{p}:1:1: warning[used-code]: m"\n', formatted_by_hand, [("planops.fake", 8)]),
    ],
    ids=[
        "unused-constant",
        "literal-in-Diagnostic",
        "literal-in-diagnostic",
        "f-string-code",
        "spelled-code",
        "formatted-by-hand",
    ],
)
def test_the_rules_catch_their_breach(extra: str, rule: object, caught: list[object]) -> None:
    fake = {"planops.fake": DECLARED + extra}
    assert callable(rule)
    assert rule(fake) == caught
    assert rule({"planops.fake": DECLARED}) == []


def test_an_inline_code_is_not_a_constant() -> None:
    fake = {"planops.fake": DECLARED.replace("CODES = [USED]", 'CODES = [USED, Code("inline", WARNING, "x")]')}
    assert [(constant, code) for _, constant, code in declarations(fake)] == [("USED", "used-code"), (None, "inline")]
