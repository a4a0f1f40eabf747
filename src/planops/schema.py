"""The JSON Schema of plan files, generated from the models.

Editors read it through yaml-language-server, which supports draft-07 and
below, while CI tools speak 2020-12: the schema keeps to what both read alike
(``definitions`` with plain JSON-pointer ``$ref``, ``if``/``then`` on ``kind``,
no ``prefixItems``, no ``$schema`` pinning a draft).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode

from planops.kinds import MODELS

SCHEMA_ID = "https://planops.dev/schema/planops.schema.json"
SCHEMA_PATH = "schema/planops.schema.json"


class _Generator(GenerateJsonSchema):
    def generate(self, schema: Any, mode: JsonSchemaMode = "validation") -> Any:
        result = super().generate(schema, mode)
        result.pop("$schema", None)
        return result


def build_schema() -> dict[str, Any]:
    """One schema for every kind, chosen by the document's ``kind``."""
    definitions: dict[str, Any] = {}
    branches = []
    for kind, model in MODELS.items():
        schema = model.model_json_schema(ref_template="#/definitions/{model}", schema_generator=_Generator)
        definitions.update(schema.pop("$defs", {}))
        schema["properties"]["kind"] = {"const": kind, "description": f"Always {kind} for this kind of document."}
        schema.setdefault("required", [])
        if "kind" not in schema["required"]:
            schema["required"].insert(0, "kind")
        definitions[kind] = schema
        branches.append(
            {
                "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                "then": {"$ref": f"#/definitions/{kind}"},
            }
        )
    return {
        "$id": SCHEMA_ID,
        "title": "planops plan file",
        "description": "One document of a planops customer-service plan, chosen by its kind.",
        "type": "object",
        "required": ["kind", "name"],
        "properties": {
            "kind": {"enum": list(MODELS), "description": "What this document describes."},
            "name": {"type": "string", "description": "Unique among objects of the same kind."},
        },
        "allOf": branches,
        "definitions": dict(sorted(definitions.items())),
    }


def render_schema() -> str:
    return json.dumps(build_schema(), indent=2, sort_keys=False) + "\n"


def is_schema(text: str) -> bool:
    """Whether a file's text is a schema planops wrote (of any version): its ``$id`` comes first."""
    return f'"$id": "{SCHEMA_ID}"' in text[:1024]
