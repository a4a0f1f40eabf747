"""The command line edge: fast start, exit codes, one-line errors."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from planops.cli import COMMANDS, main


def test_help_imports_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "from planops.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pydantic', 'mkdocs', 'transitions', 'duckdb', 'cel', 'holidays', 'yaml', 'vl_convert',"
        " 'z3') "
        "if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]"), out


def test_validate_imports_only_what_it_needs(plan_dir: Path) -> None:
    # validate routes scenario tickets (CEL) but runs no machine and builds no handbook; it loads the holidays
    # package only to check a calendar's holidays.country (test_validate_without_a_holiday_country_…, below);
    # the cel package's command-line tool (typer, rich, prompt_toolkit) is never loaded
    code = (
        "import gc, sys\n"
        "from planops.cli import main\n"
        "code = main(['validate', '--plan', 'plan'], process=True)\n"
        "print(gc.isenabled())\n"
        "unneeded = ('mkdocs', 'material', 'transitions', 'cel.cli', 'typer', 'rich', 'prompt_toolkit',"
        " 'pygments', 'nh3', 'jinja2', 'markdown', 'duckdb', 'vl_convert')\n"
        "print(code, 'cel.cel' in sys.modules, [m for m in unneeded if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=plan_dir.parent, timeout=120
    )
    assert result.stdout.splitlines()[-2:] == ["False", "0 True []"], result.stdout + result.stderr
    assert result.stderr == "plan: no findings\n"


def test_validate_without_a_holiday_country_loads_no_holidays(plan_dir: Path) -> None:
    (plan_dir / "service.yaml").write_text(
        (plan_dir / "service.yaml")
        .read_text()
        .replace("  country: GB\n  subdivision: ENG\n", "  dates: [2027-12-24]\n")
    )
    code = (
        "import sys\n"
        "from planops.cli import main\n"
        "code = main(['validate', '--plan', 'plan'], process=True)\n"
        "print(code, 'holidays' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=plan_dir.parent, timeout=120
    )
    assert result.stdout.splitlines()[-1] == "0 False", result.stdout + result.stderr


def test_validate_in_a_longer_process_keeps_the_garbage_collector(plan_dir: Path) -> None:
    # only the console script (a process that ends with the command) runs it without the cyclic collector
    assert gc.isenabled()
    assert main(["validate", "--plan", str(plan_dir)]) == 0
    assert gc.isenabled()


def test_review_and_codeowners_load_no_engine_library(plan_dir: Path) -> None:
    # they read the plan (calendars included) but never route a ticket
    code = (
        "import sys\n"
        "from planops.cli import main\n"
        f"main(['review', '--plan', {str(plan_dir)!r}, '--as-of', '2026-10-01'])\n"
        f"main(['codeowners', '--plan', {str(plan_dir)!r}, '--check'])\n"
        "print([m for m in ('transitions', 'cel', 'holidays') if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=plan_dir.parent).stdout
    assert out.strip().endswith("[]"), out


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS)


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--nope"])
    assert exit_info.value.code == 2


def test_missing_plan_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--plan", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "plan folder" in err and "not found (use --plan DIR to point at it)" in err


def test_python_m_planops_runs() -> None:
    result = subprocess.run([sys.executable, "-m", "planops", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("planops ")
