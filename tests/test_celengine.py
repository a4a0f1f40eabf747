"""The CEL evaluator is loaded without the cel package's command-line tool, and falls back to the package."""

from __future__ import annotations

import subprocess
import sys

from planops.celengine import NEEDED, cel


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_module_evaluates_expressions() -> None:
    assert all(hasattr(cel, name) for name in NEEDED)
    program = cel.compile("ticket.amount > 500.0")
    assert program.execute(cel.Context({"ticket": {"amount": 900.0}})) is True


def test_loaded_straight_from_the_extension_without_the_package_init() -> None:
    out = _run(
        "import sys\n"
        "from planops.celengine import cel\n"
        "print(cel.__name__, 'cel' in sys.modules, 'cel.cli' in sys.modules)\n"
    )
    assert out == "cel.cel False False"


def test_a_later_import_of_the_package_reuses_the_extension() -> None:
    out = _run(
        "from planops.celengine import cel as loaded\n"
        "import cel\n"
        "print(cel.compile is loaded.compile, cel.Context is loaded.Context)\n"
    )
    assert out == "True True"


def test_falls_back_to_the_package_when_the_extension_is_not_found() -> None:
    out = _run(
        "import importlib.util\n"
        "importlib.util.find_spec = lambda name, package=None: None\n"
        "from planops.celengine import cel\n"
        "print(cel.__name__, hasattr(cel, '__path__'), cel.compile('1 + 1').execute(cel.Context({})))\n"
    )
    assert out == "cel True 2"
