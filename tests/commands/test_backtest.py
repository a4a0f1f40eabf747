"""planops backtest on the command line: formats, the default revisions, and one-line errors (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.actuals.test_backtest import EVENTS, TICKETS
from tests.helpers.gitrepo import BIG_BILLING_FIRST, Repo, repo_fixture  # noqa: F401  (the fixture)

from planops.cli import main


def backtest(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["backtest", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(name="export")
def export_fixture(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (folder / "events.csv").write_text(EVENTS, encoding="utf-8")
    return folder


def test_markdown_names_the_revisions_the_replay_and_the_moves(
    repo: Repo, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.edit("routing.yaml", *BIG_BILLING_FIRST)
    code, out, err = backtest(capsys, str(export), "--format", "markdown")
    base = repo.git("rev-parse", "--short=7", "HEAD")
    assert code == 0, err
    assert out.startswith(
        f"## Backtest on 6 tickets from 2026-Q1: base merge base with main ({base}) → head working tree\n"
    )
    assert "_replay: each revision's rules decide segment, priority, queue, workflow and SLA policy;" in out
    assert "3 of 6 tickets routed differently under head than under base" in out
    assert "| priority | 2026-Q1 | normal | high | 3 | t1, t2, t6 |" in out
    assert err == "6 tickets replayed\n"


def test_json_and_text(repo: Repo, export: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit("routing.yaml", *BIG_BILLING_FIRST)
    first = repo.commit("Big billing first")
    code, out, _ = backtest(
        capsys,
        str(export / "tickets.csv"),
        str(export / "events.csv"),
        "--base",
        "HEAD~1",
        "--head",
        first[:10],
        "--format",
        "json",
    )
    data = json.loads(out)
    assert code == 0 and data["tickets"] == 6 and data["rerouted"] == 3
    assert data["head"] == first[:7] and data["base"].startswith("HEAD~1 (")
    assert [r["field"] for r in data["reroutes"]] == ["moved", "priority"]
    code, out, _ = backtest(capsys, str(export), "--base", "HEAD~1", "--head", "HEAD")
    assert code == 0 and out.splitlines()[0].startswith("Backtest on 6 tickets from 2026-Q1: base HEAD~1 (")
    assert "priority  2026-Q1  normal  high  3        t1, t2, t6" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--base", "nope"],
            "planops backtest: error: unknown revision 'nope': no commit by that name in this repository\n",
        ),
        (
            ["--head", "nope"],
            "planops backtest: error: unknown revision 'nope': no commit by that name in this repository\n",
        ),
    ],
)
def test_a_bad_revision_is_one_line(
    repo: Repo, export: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert backtest(capsys, str(export), *args) == (2, "", message)


def test_no_export_and_an_unreadable_export_are_one_line(
    repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = backtest(capsys, str(tmp_path / "missing.csv"))
    assert (code, out) == (2, "") and err.startswith("planops backtest: error: ") and err.count("\n") == 1
    assert "missing.csv" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("garbage\n", encoding="utf-8")
    assert backtest(capsys, str(bad)) == (
        2,
        "",
        "planops backtest: error: bad.csv: expected the columns id, created_at; id, created_at missing "
        "(found: garbage)\n",
    )


def test_without_a_default_branch_the_base_must_be_given(
    repo: Repo, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.git("branch", "-m", "main", "work")
    assert backtest(capsys, str(export)) == (
        2,
        "",
        "planops backtest: error: no default branch to start from (none of origin/HEAD, main, master exists): "
        "give the base with --base REV\n",
    )


def test_save_adds_the_aggregates_to_the_period_and_report_keeps_them(
    repo: Repo, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from planops.actuals.archive import read_saved

    repo.edit("routing.yaml", *BIG_BILLING_FIRST)
    code, _, err = backtest(capsys, str(export), "--save", "--format", "json")
    path = repo.root / "actuals" / "2026-Q1.json"
    assert code == 0 and err == "6 tickets replayed\nsaved the backtest in actuals/2026-Q1.json (aggregates only)\n"
    text = path.read_text(encoding="utf-8")
    assert not any(f'"t{i}"' in text or f"t{i}," in text for i in range(1, 7))
    found, problem = read_saved(path)
    assert problem is None and found is not None and found.backtest is not None
    assert (found.backtest.tickets, found.backtest.rerouted) == (6, 3)
    assert [(m.field, m.before, m.after, m.tickets) for m in found.backtest.reroutes] == [
        ("moved", None, None, 3),
        ("priority", "normal", "high", 3),
    ]
    assert found.kpis[0].kpi == "first-response"  # a period not saved before is saved whole
    assert main(["report", str(export), "--save"]) == 0
    capsys.readouterr()
    again, _ = read_saved(path)
    assert again is not None and again.backtest == found.backtest


def test_a_head_plan_that_does_not_load_is_one_line_and_exit_1(
    repo: Repo, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write("broken.yaml", "kind: [\n")
    code, out, err = backtest(capsys, str(export))
    assert (code, out) == (1, "") and err.count("\n") == 1
    assert err.startswith("planops backtest: error: the head plan (working tree) does not load: plan/broken.yaml:")


def test_diff_tickets_with_a_broken_side_says_the_tickets_were_not_replayed(
    repo: Repo, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.edit("routing.yaml", "queue: frontline, workflow: dispute}", "queue: frontline, workflow: nosuch}")
    assert main(["diff", "HEAD", "--tickets", str(export)]) == 0
    out = capsys.readouterr().out
    assert out.endswith("\n\n_The tickets were not replayed: both plans must load and pass their checks._\n")


def test_an_export_s_values_cannot_add_markup_or_lines(
    repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    hostile = '"<img src=x>|t1\n::error::x"'  # a quoted CSV field: the line break is in the id
    (folder / "tickets.csv").write_text(TICKETS.replace("\nt1,", f"\n{hostile},"), encoding="utf-8")
    (folder / "events.csv").write_text(EVENTS.replace("\nt1,", f"\n{hostile},"), encoding="utf-8")
    repo.edit("routing.yaml", *BIG_BILLING_FIRST)
    code, out, _ = backtest(capsys, str(folder), "--format", "markdown")
    assert code == 0 and "<img" not in out
    row = next(line for line in out.splitlines() if line.startswith("| priority |"))
    assert row == "| priority | 2026-Q1 | normal | high | 3 | &lt;img src=x&gt;&#124;t1\\\\n::error::x, t2, t6 |"
    code, out, _ = backtest(capsys, str(folder))
    assert code == 0 and not any(line.startswith("::") for line in out.splitlines())
    assert "<img src=x>|t1\\n::error::x, t2, t6" in out
