"""Shape checks: one YAML document into one model, or located findings."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from planops.diagnostics import Diagnostic, did_you_mean, shown
from planops.kinds import MODELS
from planops.loader import codes
from planops.loader.document import Document, Path
from planops.model import PlanObject

_EXPECTED = {
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "string": "text",
    "dict": "a mapping (key: value)",
    "model": "a mapping (key: value)",
    "list": "a list",
    "tuple": "a list",
    "date": "a date like 2026-10-01",
    "datetime": "a timestamp like 2026-03-27T16:30:00+01:00",
}


def build_object(doc: Document) -> tuple[PlanObject | None, list[Diagnostic]]:
    """Validate one document against the model of its ``kind``."""
    data = doc.data
    if not isinstance(data, dict):
        found = _type_name(data)
        return None, [
            doc.diagnostic((), codes.NOT_A_MAPPING, f"a plan document is a mapping with kind: and name:, found {found}")
        ]
    kind = data.get("kind")
    if kind is None:
        if doc.refused_at(("kind",)):
            return None, []
        return None, [doc.diagnostic((), codes.MISSING_KIND, "document has no 'kind:'", hint=_kinds_hint())]
    model = MODELS.get(kind) if isinstance(kind, str) else None
    if model is None:
        hint = did_you_mean(str(kind), MODELS) or _kinds_hint()
        return None, [doc.diagnostic(("kind",), codes.UNKNOWN_KIND, f"unknown kind {_shown(kind)}", hint=hint)]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, sorted(_findings(doc, model, exc))


def identity(doc: Document) -> tuple[str | None, str | None]:
    """(kind, name) a document that failed its shape check was meant to define; None where that is unknown.

    A misspelt kind counts as the kind it is closest to.
    """
    data = doc.data
    if not isinstance(data, dict):
        return None, None
    kind, name = data.get("kind"), data.get("name")
    if isinstance(kind, str) and kind not in MODELS:
        close = difflib.get_close_matches(kind, list(MODELS), n=1, cutoff=0.6)
        kind = close[0] if close else None
    return (kind if isinstance(kind, str) else None), (name if isinstance(name, str) else None)


def _kinds_hint() -> str:
    return "kinds are " + ", ".join(MODELS)


def _findings(doc: Document, model: type[BaseModel], exc: ValidationError) -> Iterator[Diagnostic]:
    errors = [(_clean_loc(e["loc"], doc.data, e["type"] == "missing"), e) for e in exc.errors(include_url=False)]
    # A union reports every alternative, and a list whose item failed may also
    # report itself as too short: the deepest error says what is wrong.
    deeper = {loc[:i] for loc, _ in errors for i in range(len(loc))}
    seen: set[Path] = set()
    for loc, error in errors:
        if loc in seen or loc in deeper or (_about_value(error) and doc.refused_at(loc)):
            continue  # a refused value (reported as yaml-tag) is None here: its type errors are no news
        seen.add(loc)
        yield _finding(doc, model, loc, error)


def _about_value(error: Any) -> bool:
    return error["type"] != "extra_forbidden" and "[key]" not in error["loc"]


def _clean_loc(loc: tuple[Any, ...], data: Any, missing: bool) -> Path:
    """Keep the parts of pydantic's ``loc`` that are keys or indexes of the data.

    pydantic also names union members and validators in ``loc``
    (``'tuple[Branch, ...]'``); walking the data tells them apart.
    """
    path: list[str | int] = []
    current = data
    for i, part in enumerate(loc):
        if (isinstance(current, dict) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        ):
            current = current[part]
        elif missing and i == len(loc) - 1:
            pass
        else:
            continue
        path.append(part)
    return tuple(path)


def _finding(doc: Document, model: type[BaseModel], loc: Path, error: Any) -> Diagnostic:
    kind, msg, value = error["type"], error["msg"], error.get("input")
    where = f" in {_describe(loc[:-1])}" if len(loc) > 1 else ""
    if "[key]" in error["loc"] and kind == "value_error":  # a validator of the keys (special: dates) says why
        message = f"{_describe(loc[:-1])[1:-1]}: {_strip_prefix(msg)}"
        return doc.diagnostic(loc, codes.INVALID_VALUE, message, key=True)
    if "[key]" in error["loc"]:
        expected = error.get("ctx", {}).get("expected", "")
        hint = did_you_mean(str(value), _literals(expected)) or (f"expected {expected}" if expected else None)
        message = f"{_shown(value)} is not allowed as a key{where}"
        if kind == "value_error":  # a validator of the key says why
            message, hint = _strip_prefix(msg), None
        return doc.diagnostic(loc, codes.INVALID_VALUE, message, hint=hint, key=True)
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        hint = did_you_mean(str(loc[-1]), allowed) or (f"expected one of: {', '.join(allowed)}" if allowed else None)
        return doc.diagnostic(loc, codes.UNKNOWN_KEY, f"unknown key '{shown(loc[-1])}'{where}", hint=hint, key=True)
    if kind == "missing":
        return doc.diagnostic(loc[:-1], codes.MISSING_KEY, f"missing required key '{loc[-1]}'{where}", key=True)
    if kind in ("literal_error", "enum"):
        expected = error.get("ctx", {}).get("expected", "")
        hint = did_you_mean(str(value), _literals(expected)) or f"expected {expected}"
        return doc.diagnostic(loc, codes.INVALID_VALUE, f"{_shown(value)} is not allowed for '{_last(loc)}'", hint=hint)
    if kind == "value_error":
        # A validator may say where inside the value the problem is (hours: the day it is about).
        cause = error.get("ctx", {}).get("error")
        inner = getattr(cause, "where", ())
        return doc.diagnostic(loc + inner, codes.INVALID_VALUE, _strip_prefix(msg), key=getattr(cause, "at_key", False))
    base = kind.split("_")[0]
    if kind.endswith(("_type", "_parsing")) and base in _EXPECTED:
        return doc.diagnostic(
            loc, codes.WRONG_TYPE, f"'{_last(loc)}' should be {_EXPECTED[base]}, found {_type_name(value)}"
        )
    return doc.diagnostic(loc, codes.INVALID_VALUE, f"'{_last(loc)}': {_lower_first(msg)}, found {_type_name(value)}")


def _strip_prefix(msg: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            return msg[len(prefix) :]
    return msg


def _lower_first(msg: str) -> str:
    return msg[:1].lower() + msg[1:]


def _last(loc: Path) -> str:
    named = [str(p) for p in loc if isinstance(p, str)]
    return shown(named[-1]) if named else "value"


def _describe(loc: Path) -> str:
    text = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)
    return "'" + shown(text.lstrip(".")) + "'"


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"{value} (a number)"
    return f"{_quoted(str(value))} (text)"


def _shown(value: Any) -> str:
    """A value as a message names it: text in quotes, anything else by its type."""
    return _quoted(value) if isinstance(value, str) else _type_name(value)


def _quoted(text: str) -> str:
    return f"'{shown(text)}'"  # a whole file could be one string


def _literals(expected: str) -> list[str]:
    return [part.strip(" '") for part in expected.replace(" or ", ",").split(",") if part.strip(" '")]


def _fields_at(model: Any, loc: Path) -> list[str]:
    """The keys allowed at ``loc`` inside ``model``, for did-you-mean."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    fields = getattr(current, "model_fields", None)
    return [field.alias or name for name, field in fields.items()] if fields else []


def _step(tp: Any, part: str | int) -> Any:
    for candidate in _unwrap(tp):
        fields = getattr(candidate, "model_fields", None)
        named = {field.alias or name: field for name, field in (fields or {}).items()}
        if isinstance(part, str) and part in named:
            return named[part].annotation
        origin = typing.get_origin(candidate)
        args = typing.get_args(candidate)
        if origin is dict and args:
            return args[1]
        if origin in (list, tuple) and args and isinstance(part, int):
            return args[0]
    return None


def _unwrap(tp: Any) -> list[Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(tp) for t in _unwrap(arg)]
    return [tp]
