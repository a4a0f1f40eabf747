"""The JSON Schema: generated from the models, fresh, valid for editors and CI tools."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from planops.cli import main
from planops.schema import build_schema, render_schema
from tests.conftest import REPO, STARTER

PLANS = [REPO / "plan", STARTER / "plan"]


def test_schema_is_valid_for_draft_07_and_2020_12() -> None:
    schema = build_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.Draft202012Validator.check_schema(schema)
    text = json.dumps(schema)
    assert "prefixItems" not in text
    assert "$schema" not in schema


def test_field_descriptions_reach_the_schema() -> None:
    workflow = build_schema()["definitions"]["Workflow"]
    assert workflow["properties"]["initial"]["description"] == "The state a new ticket starts in."


def test_committed_schema_is_fresh() -> None:
    assert (REPO / "schema/planops.schema.json").read_text(encoding="utf-8") == render_schema()


def test_schema_check_detects_stale_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "schema.json"
    assert main(["schema", "--check", "--output", str(target)]) == 1
    assert "is missing: run 'planops schema'" in capsys.readouterr().err
    assert main(["schema", "--output", str(target)]) == 0
    assert main(["schema", "--check", "--output", str(target)]) == 0
    target.write_text(target.read_text().replace("Workflow", "Workflov", 1))
    assert main(["schema", "--check", "--output", str(target)]) == 1
    assert "is stale" in capsys.readouterr().err


def _split(plan: Path, into: Path) -> list[Path]:
    """check-jsonschema reads one document per file: split multi-document files."""
    out = []
    for file in sorted(plan.rglob("*.yaml")):
        for i, doc in enumerate(re.split(r"(?m)^---\s*$", file.read_text(encoding="utf-8"))):
            if doc.strip() and not all(line.startswith("#") for line in doc.strip().splitlines()):
                target = into / f"{file.stem}-{len(out)}-{i}.yaml"
                target.write_text(doc, encoding="utf-8")
                out.append(target)
    return out


def _check_jsonschema(files: list[Path]) -> subprocess.CompletedProcess[str]:
    schema = str(REPO / "schema/planops.schema.json")
    cmd = [sys.executable, "-m", "check_jsonschema", "--schemafile", schema, *map(str, files)]
    return subprocess.run(cmd, capture_output=True, text=True)


@pytest.mark.parametrize("plan", PLANS, ids=["bundled", "starter"])
def test_check_jsonschema_accepts_every_plan_file(plan: Path, tmp_path: Path) -> None:
    files = _split(plan, tmp_path)
    assert len(files) >= 10
    result = _check_jsonschema(files)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("doc", "complaint"),
    [
        ("kind: Workflow\nname: w\ninitial: a\nstates: {a: {fnal: true}}\n", "'fnal' was unexpected"),
        ("kind: Channel\nname: chat\ntargets: {first_response: soon}\n", "does not match"),
        ("kind: Workflw\nname: w\n", "is not one of"),
        ("kind: SLAPolicy\nname: p\norder: 1\ntargets: {critical: {first_response: 1h}}\n", "critical"),
    ],
)
def test_check_jsonschema_rejects_broken_files(doc: str, complaint: str, tmp_path: Path) -> None:
    target = tmp_path / "broken.yaml"
    target.write_text(doc, encoding="utf-8")
    result = _check_jsonschema([target])
    assert result.returncode == 1
    assert complaint in result.stdout


@pytest.mark.parametrize("plan", PLANS, ids=["bundled", "starter"])
def test_every_plan_file_names_the_schema(plan: Path) -> None:
    for file in plan.rglob("*.yaml"):
        depth = len(file.relative_to(plan).parts)
        expected = "# yaml-language-server: $schema=" + "../" * depth + "schema/planops.schema.json"
        assert file.read_text(encoding="utf-8").splitlines()[0] == expected, file
