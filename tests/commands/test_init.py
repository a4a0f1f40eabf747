"""planops init: a starter that validates as written and never overwrites."""

from __future__ import annotations

from pathlib import Path

import pytest

from planops.cli import main


def test_init_writes_a_plan_that_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["init", str(tmp_path / "acme")]) == 0
    root = tmp_path / "acme"
    for rel in (
        "mkdocs.yml",
        "plan/plan.yaml",
        "schema/planops.schema.json",
        ".github/workflows/planops.yml",
        ".gitignore",
    ):
        assert (root / rel).is_file(), rel
    monkeypatch.chdir(root)
    capsys.readouterr()
    assert main(["validate", "--strict"]) == 0
    assert main(["schema", "--check"]) == 0


def test_init_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: mine\n")
    assert main(["init", str(tmp_path)]) == 1
    assert "refusing to overwrite existing files" in capsys.readouterr().err
    assert (tmp_path / "mkdocs.yml").read_text() == "site_name: mine\n"
    assert not (tmp_path / "plan").exists()


def test_init_keeps_an_existing_gitignore(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("node_modules/\n")
    assert main(["init", str(tmp_path)]) == 0
    assert (tmp_path / ".gitignore").read_text() == "node_modules/\n"


def test_the_starter_comes_with_a_sample_export_that_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    assert main(["init", str(tmp_path / "acme")]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[-1] == "  planops report samples/our-support-2026-Q4/    # the plan's KPIs on a sample export"
    monkeypatch.chdir(tmp_path / "acme")
    assert {p.name for p in Path("samples/our-support-2026-Q4").iterdir()} == {"README.md", "tickets.csv", "events.csv"}
    assert main(["report", "samples/our-support-2026-Q4/", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    rows = json.loads(out)
    assert err == "369 tickets measured\n"
    assert [(r["kpi"], r["period"], r["tickets"]) for r in rows if "verdicts" not in r] == [
        ("first-response-time", "2026-Q4", 369),
        ("csat", "2026-Q4", 369),
    ]
    assert all(r["value"] is not None for r in rows)
