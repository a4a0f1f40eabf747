"""The function table promises only what the evaluator has: every entry runs, with the type the table gives."""

from __future__ import annotations

import datetime

import pytest

from planops.celcheck.checker import Env
from planops.celcheck.functions import FUNCTIONS, MACROS
from planops.celengine import cel

SAMPLES = {
    "string": "'abc'",
    "sized": "'abc'",
    "*": "1",
    "timestamp": "timestamp('2026-03-02T09:30:00Z')",
    "duration": "duration('90m')",
    "list": "[1, 2]",
    "map": "{'a': 1}",
    "bytes": "b'ab'",
    "int": "3",
    "uint": "3u",
    "double": "2.5",
}
ARGUMENTS = {"timestamp": "'2026-03-02T09:30:00Z'", "duration": "'90m'", "bytes": "'ab'", "int": "'3'", "uint": "'3'"}
ARGUMENTS["double"] = "'2.5'"
PYTHON = {"int": int, "uint": int, "double": float, "string": str, "bool": bool, "bytes": bytes, "type": object}
PYTHON.update({"timestamp": datetime.datetime, "duration": datetime.timedelta, "dyn": object})

CALLS = [
    (name, receivers, params, result)
    for name, overloads in FUNCTIONS.items()
    for receivers, params, result in overloads
    for _ in [0]
]


def _written(name: str, receivers: frozenset[str] | None, params: tuple[str, ...]) -> str:
    if receivers is None:
        args = [ARGUMENTS.get(name, SAMPLES[p]) if p == "string" else "3" if p == "*" else SAMPLES[p] for p in params]
        return f"{name}({', '.join(args)})"
    target = SAMPLES[sorted(receivers)[0]]
    args = ["'Europe/Berlin'" if p == "string" and name.startswith("get") else SAMPLES[p] for p in params]
    return f"{target}.{name}({', '.join(args)})"


@pytest.mark.parametrize(
    ("name", "receivers", "params", "result"), CALLS, ids=[f"{c[0]}-{i}" for i, c in enumerate(CALLS)]
)
def test_every_function_in_the_table_runs_and_gives_its_type(
    name: str, receivers: frozenset[str] | None, params: tuple[str, ...], result: str
) -> None:
    written = _written(name, receivers, params)
    value = cel.evaluate(written)
    assert isinstance(value, PYTHON[result]), (written, value)
    assert Env({}).check(f"{written} == {written}") == []


@pytest.mark.parametrize("name", sorted(MACROS))
def test_every_macro_runs(name: str) -> None:
    written = "has({'a': 1}.a)" if name == "has" else f"[1, 2].{name}(x, x > 1)"
    cel.evaluate(written)
    assert [f.kind for f in Env({}).check(f"{written} == {written}")] == []


@pytest.mark.parametrize("name", ["lowerAscii", "split", "trim", "indexOf", "replace", "format"])
def test_functions_the_evaluator_lacks_are_unknown_to_the_checker(name: str) -> None:
    with pytest.raises((ValueError, RuntimeError, TypeError)):
        cel.evaluate(f"'abc'.{name}('a')")
    assert [f.kind for f in Env({}).check(f"'abc'.{name}('a') == 'x'")] == ["function"]


@pytest.mark.parametrize(
    "written",
    [
        "int(true)",
        "int(timestamp('2026-03-02T09:30:00Z'))",
        "int(duration('1h'))",
        "uint(b'1')",
        "double(true)",
        "string(true)",
        "string([1])",
        "string({'a': 1})",
        "bytes(1)",
        "timestamp(1)",
        "duration(1)",
    ],
)
def test_conversions_the_evaluator_lacks_are_type_findings(written: str) -> None:
    with pytest.raises(RuntimeError, match="Undefined variable or function"):
        cel.evaluate(written)
    assert [f.kind for f in Env({}).check(f"{written} == {written}")] == ["types", "types"]
