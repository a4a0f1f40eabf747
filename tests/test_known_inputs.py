"""Inputs the property tests and the fuzzers found that once reached an internal error; none may again.

Each is (argv, files written into a copy of the starter repository, standard input).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import STARTER
from tests.helpers.inprocess import run_cli

CREATED = b"created: 2027-01-12T09:15:00Z\n"
EXAMPLES = (STARTER / "plan" / "scenarios" / "examples.yaml").read_bytes()

KNOWN_FROM_OTHER_CLASSES: list[tuple[str, list[str], dict[str, bytes], bytes]] = [
    # command-line edges: a folder where a file is written, mkdocs configuration errors, non-UTF-8 stdin
    ("codeowners-output-folder", ["codeowners", "--output", "plan"], {}, b""),
    ("schema-output-folder", ["schema", "--output", "plan"], {}, b""),
    ("junitxml-folder", ["test", "--junitxml", "plan"], {}, b""),
    ("output-under-a-file", ["schema", "--output", "mkdocs.yml/x"], {}, b""),
    ("site-dir-is-a-file", ["build", "-d", "mkdocs.yml"], {}, b""),
    ("init-into-a-file", ["init", "mkdocs.yml"], {}, b""),
    ("init-under-a-file", ["init", "mkdocs.yml/x"], {}, b""),
    ("mkdocs-config-invalid", ["build", "-f", "bad.yml"], {"bad.yml": b"site_name: x\nnav: 3\n"}, b""),
    ("mkdocs-config-is-a-ticket", ["build", "-f", "ticket.yaml"], {"ticket.yaml": b"channel: email\n" + CREATED}, b""),
    ("route-stdin-not-utf8", ["route", "-"], {}, b"channel: \xff\n" + CREATED),
    # numbers and dates that overflow
    ("ticket-5000-digit-int", ["route", "t.yaml"], {"t.yaml": CREATED + b"amount: " + b"9" * 5000 + b"\n"}, b""),
    (
        "plan-5000-digit-int",
        ["validate"],
        {"plan/team.yaml": (STARTER / "plan" / "team.yaml").read_bytes().replace(b"11000", b"9" * 5000)},
        b"",
    ),
    ("ticket-created-year-9999", ["route", "t.yaml"], {"t.yaml": b"created: 9999-12-31T20:00:00Z\n"}, b""),
    (
        "kpi-99999999999h",
        ["validate"],
        {"plan/x.yaml": b"kind: KPI\nname: k\nmeasures: csat\nstatistic: mean\ntarget: {max: 99999999999h}\n"},
        b"",
    ),
    (
        "scenario-until-99999999d",
        ["test"],
        {"plan/scenarios/examples.yaml": EXAMPLES.replace(b"until: +4d", b"until: +99999999d")},
        b"",
    ),
]


@pytest.mark.parametrize(
    ("argv", "files", "stdin"), [c[1:] for c in KNOWN_FROM_OTHER_CLASSES], ids=[c[0] for c in KNOWN_FROM_OTHER_CLASSES]
)
def test_known_input_gives_no_internal_error(
    tmp_path: Path, argv: list[str], files: dict[str, bytes], stdin: bytes
) -> None:
    import shutil

    root = tmp_path / "repo"
    shutil.copytree(STARTER, root)
    for name, raw in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(raw)
    ran = run_cli(argv, root, stdin)
    ran.assert_no_internal_error()
    assert ran.code in (0, 1, 2)


# A character YAML refuses (a control character other than tab and line breaks) is reported at 1:1,
# over two lines, instead of at its place: the loader's location fixes cover it.
UNPRINTABLE_TICKET = b"channel: email\n" + CREATED + b"x: \x7f\n"


def test_a_refused_character_in_a_ticket_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_bytes(UNPRINTABLE_TICKET)
    import shutil

    shutil.copytree(STARTER / "plan", tmp_path / "plan")
    ran = run_cli(["route", "t.yaml"], tmp_path)
    assert ran.code == 1 and ran.err.count("\n") == 1 and ran.err.startswith("planops route: error: t.yaml:3:"), ran


# Inputs on which the loader fuzzer (fuzz/targets.py) crashed once (overflowing durations); none may again.
KNOWN_LOADER_CRASHERS: list[tuple[str, bytes]] = [
    (
        "duration-102-digits",
        b"kind: SLAPolicy\nname: s\norder: 1\ntargets:\n  urgent: {first_response: 8" + b"6" * 101 + b"h}\n",
    ),
]


@pytest.mark.parametrize("raw", [c[1] for c in KNOWN_LOADER_CRASHERS], ids=[c[0] for c in KNOWN_LOADER_CRASHERS])
def test_known_loader_crasher_gives_findings(raw: bytes) -> None:
    from fuzz.targets import loader

    loader(raw)
