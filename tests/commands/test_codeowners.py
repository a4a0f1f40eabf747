"""planops codeowners: .github/CODEOWNERS from the plan's owners; --check fails when stale."""

from __future__ import annotations

import pytest
from tests.helpers.gitrepo import Repo, repo_fixture  # noqa: F401  (the fixture)

from planops.cli import main

EXPECTED = """\
# BEGIN planops: generated from the plan's owners; regenerate with 'planops codeowners'
# Do not edit the lines between these markers by hand: set 'owner:' on plan objects
# and 'github:' on Team roles, then run 'planops codeowners'. Later lines win on GitHub.
/plan/ @demo/leads
/plan/calendars.yaml @demo/leads
/plan/plan.yaml @demo/leads
/plan/routing.yaml @demo/leads
/plan/scenarios/tickets.yaml @demo/leads
/plan/service.yaml @demo/billing @demo/leads
/plan/team.yaml @demo/leads
/plan/workflows/dispute.yaml @demo/billing
# END planops
"""


def codeowners(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["codeowners", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_writes_then_checks(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    assert codeowners(capsys, "--check") == (
        1,
        "",
        ".github/CODEOWNERS is missing: run 'planops codeowners' to regenerate it\n",
    )
    assert codeowners(capsys) == (0, "wrote .github/CODEOWNERS\n", "")
    assert (repo.root / ".github" / "CODEOWNERS").read_text() == EXPECTED
    repo.commit("CODEOWNERS")
    assert codeowners(capsys, "--check") == (0, ".github/CODEOWNERS is up to date\n", "")

    repo.edit("workflows/dispute.yaml", "owner: billing-lead\ninitial", "owner: lead\ninitial")
    repo.commit("The lead owns disputes now")
    assert codeowners(capsys, "--check") == (
        1,
        "",
        ".github/CODEOWNERS is stale: run 'planops codeowners' to regenerate it\n",
    )
    assert repo.git("status", "--porcelain") == ""  # --check writes nothing
    assert codeowners(capsys)[0] == 0
    assert "/plan/workflows/dispute.yaml @demo/leads\n" in (repo.root / ".github" / "CODEOWNERS").read_text()


def test_roles_without_a_handle_are_skipped_with_a_warning(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit("calendars.yaml", "name: office\n", "name: office\nowner: scribe\n")
    code, out, err = codeowners(capsys)
    assert (code, out) == (0, "wrote .github/CODEOWNERS\n")
    assert err == (
        "planops codeowners: warning: role 'scribe' has no 'github:' handle, so it is not asked to review "
        "plan/calendars.yaml: add github: '@user' or '@org/team' to the role\n"
    )
    # nobody else owns something there: the Plan owner is asked instead
    assert "/plan/calendars.yaml @demo/leads\n" in (repo.root / ".github" / "CODEOWNERS").read_text()


def test_hand_written_lines_are_kept(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo.root / ".github" / "CODEOWNERS"
    path.parent.mkdir()
    path.write_text("# ours\n* @demo/admins\n/docs/ @demo/writers\n")
    assert codeowners(capsys)[0] == 0
    assert path.read_text() == "# ours\n* @demo/admins\n/docs/ @demo/writers\n\n" + EXPECTED
    path.write_text(path.read_text().replace("/plan/team.yaml @demo/leads\n", "") + "/src/ @demo/devs\n")
    assert codeowners(capsys, "--check")[0] == 1
    assert codeowners(capsys)[0] == 0
    assert path.read_text() == "# ours\n* @demo/admins\n/docs/ @demo/writers\n\n" + EXPECTED + "/src/ @demo/devs\n"


def test_other_output_and_plan_folder(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.git("mv", "plan", "support-plan")
    assert codeowners(capsys, "--plan", "support-plan", "--output", "docs/CODEOWNERS")[0] == 0
    text = (repo.root / "docs" / "CODEOWNERS").read_text()
    assert "/support-plan/ @demo/leads\n/support-plan/calendars.yaml @demo/leads\n" in text


def test_plan_with_errors_writes_nothing(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit("routing.yaml", "rules:\n", "rules: [\n")
    code, out, err = codeowners(capsys)
    assert (code, out) == (1, "")
    assert err.startswith("plan/routing.yaml:5:3: error[yaml-syntax]: ")
    assert err.endswith("planops codeowners: the plan does not load; fix it first (1 error(s))\n")
    assert not (repo.root / ".github").exists()


@pytest.mark.parametrize(
    "name",
    [
        "*.yaml",
        "?lan.yaml",
        "a#b.yaml",
        "x\n* @evil/all\n.yaml",
        "[s]ervice.yaml",
        "!team.yaml",
        "back\\slash.yaml",
        "\x1b[2Jclear.yaml",
    ],
)
def test_a_file_name_never_writes_a_rule_for_other_files(
    repo: Repo, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    repo.write(name, "kind: KPI\nname: extra\nmeasures: csat\nstatistic: mean\ntarget: {min: 4}\nowner: billing-lead\n")
    code, out, err = codeowners(capsys)
    assert (code, out) == (0, "wrote .github/CODEOWNERS\n")
    assert (repo.root / ".github" / "CODEOWNERS").read_text() == EXPECTED
    shown = name.replace("\n", "\\n").replace("\x1b", "\\x1b")
    assert err == (
        f"planops codeowners: warning: 'plan/{shown}' gets no CODEOWNERS line: its name holds a wildcard, "
        "'#', '!', a bracket, a backslash or a control character, which GitHub cannot match exactly; "
        "rename it\n"
    )
