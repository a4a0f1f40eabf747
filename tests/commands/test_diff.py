"""planops diff BASE [HEAD]: real commits of real plan changes, compared from git objects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.helpers.gitrepo import BIG_BILLING_FIRST, PLAN, Repo, repo_fixture  # noqa: F401  (the fixture)

from planops.cli import main


def diff(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args])
    out, err = capsys.readouterr()
    return code, out, err


def short(repo: Repo, rev: str) -> str:
    return repo.git("rev-parse", "--short=7", rev)


def test_tightened_sla_target(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit("service.yaml", "high: {first_response: 4h,", "high: {first_response: 2h,")
    repo.edit("plan.yaml", 'version: "2026.1"', 'version: "2026.2"')
    repo.commit("Answer high-priority standard tickets faster")
    code, out, err = diff(capsys, "HEAD~1", "HEAD")
    assert code == 0
    assert out == (
        "<!-- planops-diff -->\n"
        f"## Plan changes: `HEAD~1 ({short(repo, 'HEAD~1')})` → `HEAD ({short(repo, 'HEAD')})`\n"
        "\n"
        "Version: 2026.1 → 2026.2\n"
        "\n"
        "### SLA targets\n"
        "\n"
        "- `standard` high first_response: 4h → 2h (tightened)\n"
    )
    assert err == ""


def test_reformatting_and_comments_are_no_change_in_meaning(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write(
        "routing.yaml",
        (
            "# Routing, rewritten in block style with comments; same rules, same order.\n"
            "kind: Routing\n"
            "name: default\n"
            "rules:\n"
            "- name: billing       # small amounts\n"
            "  when: ticket.category == 'billing'\n"
            "  set:\n"
            "    workflow: dispute\n"
            "    queue: billing\n"
            "    priority: normal\n"
            "- name: big-billing\n"
            "  when: >-\n"
            "    ticket.category == 'billing' && ticket.amount > 500.0\n"
            "  set: {workflow: dispute, queue: billing, priority: high}\n"
            "- {name: everything-else, set: {priority: normal, queue: frontline, workflow: dispute}}\n"
        ),
    )
    repo.edit(
        "service.yaml",
        "normal: {first_response: 8h, resolution: 40h}",
        "normal:   { resolution: 40h, first_response: 480m }   # 8 business hours",
    )
    repo.commit("Reformat routing and SLA files")
    code, out, err = diff(capsys, "HEAD~1", "HEAD")
    assert code == 0
    assert out.splitlines()[2:] == ["", "Version: 2026.1", "", "No change in meaning."]
    assert err == ""


def test_working_tree_is_the_default_head_and_is_never_touched(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit("calendars.yaml", "dates: [2026-12-24, 2026-12-31]", "dates: [2026-12-24, 2026-12-28, 2026-12-31]")
    before = (repo.plan / "calendars.yaml").read_bytes()
    status = repo.git("status", "--porcelain")
    code, out, _ = diff(capsys, "main")
    assert code == 0
    assert f"## Plan changes: `main ({short(repo, 'main')})` → `working tree`" in out
    assert "### Calendars\n\n- `office` holiday dates added: 2026-12-28\n" in out
    assert (repo.plan / "calendars.yaml").read_bytes() == before
    assert repo.git("status", "--porcelain") == status


def test_version_not_bumped_warns_in_markdown_and_on_stderr(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit("calendars.yaml", "dates: [2026-12-24, 2026-12-31]", "dates: [2026-12-24]")
    repo.commit("Open on New Year's Eve")
    code, out, err = diff(capsys, "HEAD~1", "HEAD")
    warning = (
        'The plan\'s meaning changed but its version is still "2026.1": raise `version:` in plan/plan.yaml '
        "so readers can tell the versions apart."
    )
    assert code == 0
    assert f"> [!WARNING]\n> {warning}\n" in out
    assert "- `office` holiday dates removed (was 2026-12-31)" in out
    assert err == f"planops diff: warning: {warning}\n"


def test_reordered_rules_show_the_tickets_that_now_route_differently(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.edit("routing.yaml", *BIG_BILLING_FIRST)
    repo.edit("plan.yaml", 'version: "2026.1"', 'version: "2026.2"')
    repo.commit("Big disputes first")
    code, out, _ = diff(capsys, "HEAD~1", "HEAD")
    assert code == 0
    assert "### Routing\n\n- `default` rule `big-billing` position: 2 → 1\n" in out
    assert (
        "### Tickets that now route differently\n"
        "\n"
        "1 of 3 scenario tickets, routed through both versions (priority 1, due first_response 1, due resolution 1):\n"
        "\n"
        "| Scenario | What | Before | After |\n"
        "|---|---|---|---|\n"
        "| `big-billing` | priority | normal | high |\n"
        "| `big-billing` | due first_response | 2026-03-03T10:00:00+01:00 | 2026-03-02T14:00:00+01:00 |\n"
        "| `big-billing` | due resolution | 2026-03-09T10:00:00+01:00 | 2026-03-05T10:00:00+01:00 |\n"
    ) in out


def test_added_workflow_state_with_before_and_after_diagrams(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit(
        "workflows/dispute.yaml",
        "    on: {resolve: resolved}\n",
        "    on: {resolve: resolved, ask_customer: waiting}\n"
        "  waiting:\n    owner: agent\n    pause: [resolution]\n    on: {customer_reply: review}\n",
    )
    repo.commit("Wait for the customer during review")
    code, out, _ = diff(capsys, "HEAD~1", "HEAD")
    assert code == 0
    assert (
        "### Workflows\n\n"
        "- `dispute` state `waiting` added: owner agent\n"
        "- `dispute` state `review` on `ask_customer` added: waiting\n"
    ) in out
    details = out[out.index("<details>") :]
    assert details.startswith("<details>\n<summary>Workflow <code>dispute</code>: before and after</summary>\n")
    before, after = details.split("**After**")
    assert "```mermaid\nstateDiagram-v2\n" in before and "waiting" not in before
    assert "    class review changed\n" in before
    assert '    state "waiting (agent)" as waiting\n' in after
    assert "    review --> waiting: ask_customer\n" in after
    assert "    class review, waiting changed\n" in after
    assert out.rstrip().endswith("</details>")


def test_broken_base_is_one_line_not_a_traceback(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit("routing.yaml", "rules:\n", "rules: [\n")
    repo.commit("Oops")
    repo.edit("routing.yaml", "rules: [\n", "rules:\n")
    repo.commit("Fix it")
    code, out, err = diff(capsys, "HEAD~1", "HEAD")
    assert code == 0
    reason = (
        f"the base plan `HEAD~1 ({short(repo, 'HEAD~1')})` does not load: plan/routing.yaml:5:3: error[yaml-syntax]: "
    )
    assert out.splitlines()[-1].startswith(f"Cannot compare: {reason}")
    assert err.startswith(f"planops diff: {reason}") and err.count("\n") == 1
    assert "Traceback" not in out + err


@pytest.mark.parametrize(("args", "bad"), [(["nope"], "nope"), (["HEAD~5"], "HEAD~5"), (["main", "v9"], "v9")])
def test_unknown_revision(repo: Repo, capsys: pytest.CaptureFixture[str], args: list[str], bad: str) -> None:
    code, out, err = diff(capsys, *args)
    message = f"planops diff: error: unknown revision '{bad}': no commit by that name in this repository\n"
    assert (code, out, err) == (2, "", message)


def test_not_a_git_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "plan").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    code, out, err = diff(capsys, "main")
    assert (code, out) == (2, "")
    assert err == "planops diff: error: 'plan' is not inside a git repository\n"


def test_json_for_tools(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit("team.yaml", "headcount: 2, monthly_cost: 3000", "headcount: 3, monthly_cost: 3000")
    repo.commit("Hire an agent")
    code, out, _ = diff(capsys, "HEAD~1", "HEAD", "--format", "json")
    report = json.loads(out)
    assert code == 0
    assert report["meaning_changed"] is True
    assert report["base"]["version"] == report["head"]["version"] == "2026.1"
    assert report["changes"][0] == {
        "kind": "team",
        "object_kind": "Team",
        "object": "support",
        "what": "role `agent` headcount",
        "before": "2",
        "after": "3",
        "direction": None,
        "material": True,
        "action": "changed",
    }
    assert report["tickets"] == [] and report["tickets_routed"] == 3
    assert report["warnings"][0].startswith("The plan's meaning changed but its version is still")


def test_plan_folder_elsewhere_and_run_from_a_subfolder(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo.root / "ops").mkdir()
    repo.git("mv", "plan", "ops/plan")
    repo.commit("Move the plan")
    (repo.root / "ops" / "plan" / "plan.yaml").write_text(
        (repo.root / "ops" / "plan" / "plan.yaml").read_text().replace("target: {max: 4h}", "target: {max: 5h}")
    )
    monkeypatch.chdir(repo.root / "ops")
    code, out, _ = diff(capsys, "HEAD")
    assert code == 0
    assert "- `first-response` target max: 4h → 5h (loosened)" in out


def test_a_base_from_before_the_plan_existed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = Repo(tmp_path / "new")
    (repo.root / "README.md").write_text("Our support plan will live here.")
    repo.commit("Start")
    for name, text in PLAN.items():
        repo.write(name, text)
    repo.commit("The first plan")
    monkeypatch.chdir(repo.root)
    code, out, err = diff(capsys, "HEAD~1", "HEAD")
    assert code == 0 and err == ""
    assert f"## Plan changes: `HEAD~1 ({short(repo, 'HEAD~1')}), no plan yet` → " in out
    assert "(no such workflow)" in out and "    class " not in out  # a new workflow: nothing to highlight
    assert "Version: none → 2026.1\n" in out
    assert "### Workflows\n\n- `dispute` added\n" in out


def test_a_side_with_errors_is_compared_and_its_errors_named(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    """A head that loads but fails its meaning checks: the changes are shown, its tickets are not routed."""
    repo.edit("workflows/dispute.yaml", "        - to: review\n", "        - to: reveiw\n")
    repo.edit("service.yaml", "high: {first_response: 4h,", "high: {first_response: 2h,")
    repo.commit("A typo and a tighter target")
    code, out, err = diff(capsys, "HEAD~1", "HEAD")
    assert code == 0
    assert "- `standard` high first_response: 4h → 2h (tightened)" in out
    warning = (
        f"The head plan `HEAD ({short(repo, 'HEAD')})` has 2 errors, so its scenario tickets were not routed "
        "(run `planops validate`): plan/workflows/dispute.yaml:"
    )
    assert f"> {warning}" in out
    assert "error[unknown-state]: 'reveiw' is not a state of workflow 'dispute'" in out
    assert f"planops diff: warning: {warning}" in err
    assert "Traceback" not in out + err and "Could not route" not in out


def test_tickets_append_the_backtest_without_ticket_ids(
    repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.actuals.test_backtest import EVENTS, TICKETS

    export = tmp_path / "export"
    export.mkdir()
    (export / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (export / "events.csv").write_text(EVENTS, encoding="utf-8")
    repo.edit("routing.yaml", *BIG_BILLING_FIRST)
    code, out, _ = diff(capsys, "HEAD", "--tickets", str(export))
    assert code == 0
    section = out[out.index("### On 6 tickets from 2026-Q1\n") :]
    assert f"Replayed through `HEAD ({short(repo, 'HEAD')})` and `working tree`." in section
    assert "3 of 6 tickets routed differently under head than under base" in section
    assert "| priority | 2026-Q1 | normal | high | 3 |\n" in section
    assert "t1" not in section and "t6" not in section
    code, out, _ = diff(capsys, "HEAD", "--tickets", str(export), "--format", "json")
    data = json.loads(out)["backtest"]
    assert code == 0 and data["rerouted"] == 3 and "examples" not in data["reroutes"][0]


def test_tickets_of_a_missing_export_are_one_line(
    repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = diff(capsys, "HEAD", "--tickets", str(tmp_path / "none"))
    assert (code, out) == (2, "") and err.startswith("planops diff: error: ") and err.count("\n") == 1
