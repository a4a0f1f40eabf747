"""Saved actuals read back: untrusted files checked, left out with one line naming them, never a traceback."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planops.actuals.archive import actuals_dir, period_end, read_history, read_saved
from planops.limits import MAX_SAVED_BYTES


def saved(period: str, grain: str = "quarter", value: float = 1.0) -> dict[str, Any]:
    row = {"kpi": "frt", "period": period, "by": {}, "value": value, "unit": "minutes", "target": {"max": 5.0}}
    return {"planops": "planops actuals", "period": period, "grain": grain, "kpis": [{**row, "met": True}]}


def write(folder: Path, name: str, data: object) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return Path("actuals")


@pytest.mark.parametrize(
    ("plan", "expected"),
    [("plan", "actuals"), ("a/plan", "a/actuals"), ("./plan/", "actuals"), ("/x/y/plan", "/x/y/actuals")],
)
def test_actuals_are_next_to_the_plan_folder(plan: str, expected: str) -> None:
    assert actuals_dir(plan) == Path(expected)


@pytest.mark.parametrize(
    ("period", "end"),
    [("2026-Q3", date(2026, 9, 30)), ("2026-Q4", date(2026, 12, 31)), ("2026-02", date(2026, 2, 28)),
     ("2026-W27", date(2026, 7, 5)), ("2026-W53", date(2027, 1, 3)), ("2025-W53", date(2025, 12, 31))],
)  # fmt: skip
def test_period_end(period: str, end: date) -> None:
    assert period_end(period) == end


def test_the_latest_periods_grain_oldest_first(folder: Path) -> None:
    for period, grain in (("2026-Q2", "quarter"), ("2026-Q3", "quarter"), ("2026-08", "month")):
        write(folder, f"{period}.json", saved(period, grain))
    history = read_history(folder)
    assert [s.period for s in history.periods] == ["2026-Q2", "2026-Q3"] and history.problems == ()
    assert history.latest is not None and history.latest.overall[0].value == 1.0


def test_no_folder_no_history(folder: Path) -> None:
    assert read_history(folder).periods == () and read_history(folder).latest is None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("2026-Q3.json", "[1,", "actuals/2026-Q3.json: not readable JSON (Expecting value: line 1 column 4 (char 3)); "
         "regenerate it with planops report --save"),
        ("2026-Q3.json", {**saved("2026-Q3"), "planops": "mine"}, "actuals/2026-Q3.json: not saved actuals as "
         "planops writes them (planops: Input should be 'planops actuals'); regenerate it"),
        ("2026-Q3.json", saved("2026-Q3", value=float("nan")), "actuals/2026-Q3.json: not saved actuals as planops "
         "writes them (kpis.0.value: Input should be a finite number); regenerate it"),
        ("2026-Q3.json", {**saved("2026-Q3"), "period": "2026-Q5"}, "actuals/2026-Q3.json: not saved actuals as "
         "planops writes them (period: String should match pattern '^[0-9]{4}-(Q[1-4]|0[1-9]|1[0-2]|W(0[1-9]|[1-4]"
         "[0-9]|5[0-3]))$'); regenerate it"),
        ("2026-Q2.json", saved("2026-Q3"), "actuals/2026-Q2.json: holds period 2026-Q3; name it 2026-Q3.json"),
        ("2026-Q3.json", {**saved("2026-Q3"), "kpis": [{"kpi": "x" * 101, "value": 1}]}, "actuals/2026-Q3.json: not "
         "saved actuals as planops writes them (kpis.0.kpi: String should have at most 100 characters; 1 more); "
         "regenerate it"),
        ("2026-Q3.json", b"\xff\xfe", "actuals/2026-Q3.json: not readable JSON ('utf-8' codec can't decode byte 0xff "
         "in position 0: invalid start byte); regenerate it with planops report --save"),
        ("2026-Q3.json", {**saved("2026-Q3"), "kpis": [{"kpi": "a\x1b[31m", "by": {"\x07": "x"}, "value": 1}] * 9},
         "actuals/2026-Q3.json: not saved actuals as planops writes them (kpis.0.by.\\x07: String should have at least"
         " ..."),
    ],
)  # fmt: skip
def test_a_bad_file_is_left_out_with_one_line(folder: Path, name: str, content: object, message: str) -> None:
    folder.mkdir()
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        write(folder, name, content)
    found, problem = read_saved(path)
    assert found is None and problem is not None
    if message.endswith("..."):
        assert "\x1b" not in problem and "\x07" not in problem
    else:
        assert problem == message
    history = read_history(folder)
    assert history.periods == () and len(history.problems) == 1


def test_a_large_file_or_a_link_is_not_read(folder: Path, tmp_path: Path) -> None:
    big = write(folder, "2026-Q3.json", " " * (MAX_SAVED_BYTES + 1))
    assert read_saved(big) == (None, f"actuals/2026-Q3.json: {MAX_SAVED_BYTES + 1} bytes, over the 16777216 a saved "
                                     "period may have; left out")  # fmt: skip
    outside = write(tmp_path, "elsewhere.json", saved("2026-Q2"))
    (folder / "2026-Q2.json").symlink_to(outside)
    assert read_saved(folder / "2026-Q2.json") == (
        None,
        "actuals/2026-Q2.json: not a regular file (links are not followed); left out",
    )
