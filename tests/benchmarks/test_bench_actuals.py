"""The actuals benchmark's baseline query computes the report's measures: on the bundled sample, every KPI of
every period and every SLA verdict count equal those of ``planops report`` run in calendar time (so that the
benchmark's ratio compares the same work), and a plan whose numbers differ from it is caught."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "benchmarks" / "bench_actuals.py"
PLANOPS = Path(sys.executable).with_name("planops")


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample as the Parquet files the benchmark reads."""
    out = tmp_path_factory.mktemp("export")
    sample = ROOT / "samples" / "acme-2026-Q3"
    with duckdb.connect() as con:
        for table in ("tickets", "events"):
            source = f"read_csv('{sample / table}.csv', header = true)"
            con.execute(f"COPY (SELECT * FROM {source}) TO '{out / table}.parquet' (FORMAT parquet)")
    return out


def check(export: Path, plan: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(BENCH), "check", str(export), "--plan", str(plan), "--planops", str(PLANOPS)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_baseline_equals_the_calendar_time_report(export: Path) -> None:
    done = check(export, ROOT / "plan")
    assert done.returncode == 0, done.stdout + done.stderr
    assert " 0 differ, 0 of the baseline unmatched" in done.stdout


def test_a_plan_the_baseline_does_not_write_out_is_caught(export: Path, tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(ROOT / "plan", plan)
    sla = plan / "sla.yaml"
    text = sla.read_text(encoding="utf-8")
    assert text.count("low:    {first_response: 20h") == 1  # the standard policy's: 20h → 2h
    sla.write_text(text.replace("low:    {first_response: 20h", "low:    {first_response: 2h"), encoding="utf-8")
    done = check(export, plan)
    assert done.returncode == 1
    assert "differs:" in done.stdout and '"sla_policy": "standard", "priority": "low"' in done.stdout
