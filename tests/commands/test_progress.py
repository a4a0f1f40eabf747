"""The report's progress display: on a terminal only (a real pty), never in a pipe or a CI log."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from planops.commands.progress import CLEAR, TerminalProgress, terminal_progress

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "acme-2026-Q3"


def _on_a_terminal(args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    """Run planops with standard error on a pseudo-terminal; (exit code, stdout, what the terminal got)."""
    main, child = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "planops", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=child,
        env=env,
        cwd=REPO,
    ) as proc:
        os.close(child)
        seen = b""
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the child closed the terminal (EIO on Linux)
                break
            if not chunk:
                break
            seen += chunk
        assert proc.stdout is not None
        out = proc.stdout.read()
        code = proc.wait(timeout=300)
    os.close(main)
    return code, out.decode(), seen.decode()


def _env(**more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "TERM")}
    return {**env, "TERM": "xterm", **more}


def test_a_terminal_sees_each_step_and_then_a_clean_line() -> None:
    code, out, seen = _on_a_terminal(["report", str(SAMPLE), "--plan", "plan", "--format", "json"], _env())
    assert code == 0 and out.startswith("[")
    shown = [s for s in seen.replace("\r\n", "\n").split(CLEAR) if s]
    steps = [s for s in shown if not re.fullmatch(r".*… (100|[1-9]?[0-9])%", s)]  # DuckDB's share done, if any
    assert all(re.fullmatch(r"(reading|routing|measuring).*… (100|[1-9]?[0-9])%", s) for s in shown if s not in steps)
    assert steps[:5] == [
        "reading tickets.csv…",
        "read tickets.csv: 3,211 rows",
        "reading events.csv…",
        "read events.csv: 23,189 rows",
        "routing 3,211 tickets…",
    ]
    assert steps[5] == "measuring…"
    assert steps[6] == "3,211 tickets measured\n"  # the line is erased before the summary


def test_in_ci_a_terminal_gets_no_progress() -> None:
    code, _, seen = _on_a_terminal(["report", str(SAMPLE), "--plan", "plan", "--format", "json"], _env(CI="true"))
    assert code == 0 and seen.replace("\r\n", "\n") == "3,211 tickets measured\n"


def test_pipes_and_files_get_none() -> None:
    assert terminal_progress(io.StringIO()) is None
    done = subprocess.run(
        [sys.executable, "-m", "planops", "report", str(SAMPLE), "--plan", "plan"],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=REPO,
        timeout=300,
    )
    assert done.returncode == 0 and done.stderr == "3,211 tickets measured\n"


def test_a_step_is_made_safe_and_closing_erases_it() -> None:
    stream = io.StringIO()
    progress = TerminalProgress(stream)
    progress("reading \x1b[31mred.csv…")
    progress.close()
    progress.close()
    assert stream.getvalue() == CLEAR + "reading \\x1b[31mred.csv…" + CLEAR
