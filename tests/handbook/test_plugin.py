"""The MkDocs plugin, through a real ``mkdocs build --strict``."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from tests.handbook.conftest import mkdocs
from tests.helpers import edit


def _set_option(project: Path, line: str) -> None:
    edit(project / "mkdocs.yml", "      changelog: false\n", f"      changelog: false\n      {line}\n")


def test_strict_build_makes_every_page(built_site: Path) -> None:
    for page in [
        "index.html",
        "kpis/index.html",
        "segments/index.html",
        "channels/index.html",
        "sla/index.html",
        "routing/index.html",
        "workflows/refund/index.html",
        "team/index.html",
        "budget/index.html",
        "scenarios/refund/index.html",
        "review/index.html",
        "reference/index.html",
        "guide/index.html",
    ]:
        assert (built_site / page).is_file(), page


def test_nothing_is_written_into_docs_dir(project: Path) -> None:
    before = sorted(p.name for p in (project / "plan" / "pages").iterdir())
    assert mkdocs(project).returncode == 0
    assert sorted(p.name for p in (project / "plan" / "pages").iterdir()) == before


def test_navigation_sections(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    for title in ["The plan", "Workflows", "Worked examples", "Team and budget", "Guides", "Review and reference"]:
        assert title in html, title


def test_section_titles_can_be_renamed(project: Path) -> None:
    _set_option(project, "sections: {plan: Unser Plan, workflows: Abläufe}")
    assert mkdocs(project).returncode == 0
    html = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "Unser Plan" in html and "Abläufe" in html


def test_unknown_section_key_is_a_config_error(project: Path) -> None:
    _set_option(project, "sections: {plans: Typo}")
    result = mkdocs(project)
    assert result.returncode != 0
    assert "unknown section 'plans'" in result.stderr
    assert "Traceback" not in result.stderr


def test_cross_links(built_site: Path) -> None:
    wf = (built_site / "workflows" / "refund" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../team/#role-agent"' in wf  # a role links to its team entry
    assert 'href="#state-lead-approval"' in wf and 'id="state-lead-approval"' in wf  # a state to its anchor
    assert '<pre class="mermaid">' in wf
    routing = (built_site / "routing" / "index.html").read_text(encoding="utf-8")
    assert 'href="../workflows/refund/"' in routing  # a workflow to its page
    assert 'id="rule-big-refund"' in routing


def test_planted_script_is_gone(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "__planopsPwned" not in text, page
        assert "javascript:" not in text, page


def test_plan_json_validates_against_its_schema(built_site: Path) -> None:
    data = json.loads((built_site / "plan.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "planops.schema.json").read_text(encoding="utf-8"))
    assert data["format"] == "planops-plan/1" and data["version"] == "2026.1"
    objects = [obj for group in data["objects"].values() for obj in group]
    assert {o["kind"] for o in objects} >= {"Plan", "Workflow", "Scenario", "Team", "Routing"}
    for obj in objects:
        jsonschema.validate(obj, schema)
    assert data["sources"]["Workflow/refund"] == "plan/workflows/refund.yaml:1"
    assert data["pages"]["workflows/refund.md"] == "workflows/refund/"


def test_llms_txt_lists_every_page(built_site: Path) -> None:
    text = (built_site / "llms.txt").read_text(encoding="utf-8")
    assert text.startswith("# Small Shop Support Plan\n")
    for url in ["workflows/refund.md", "team.md", "sla.md", "scenarios/refund.md", "plan.json", "guide.md"]:
        assert f"]({url})" in text, url
    pages = [line for line in text.splitlines() if line.startswith("- [")]
    assert all(": " in line.split(")", 1)[1] for line in pages if "guide" not in line)


def test_offline_assets_and_no_cdn(built_site: Path) -> None:
    assert (built_site / "assets" / "planops" / "mermaid.min.js").stat().st_size > 100_000
    html = (built_site / "workflows" / "refund" / "index.html").read_text(encoding="utf-8")
    assert 'src="../../assets/planops/mermaid.min.js"' in html
    assert "fonts.googleapis.com" not in html and "unpkg.com" not in html


def test_offline_plugin_gets_the_local_iframe_worker(project: Path) -> None:
    edit(project / "mkdocs.yml", "  - search\n", "  - search\n  - offline\n")
    assert mkdocs(project).returncode == 0
    html = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert '<script src="assets/planops/iframe-worker-shim.js"></script>' in html
    assert "unpkg.com" not in html
    assert (project / "site" / "search" / "search_index.js").is_file()


def test_broken_plan_fails_with_findings_and_no_traceback(project: Path) -> None:
    edit(project / "plan" / "workflows" / "refund.yaml", "approve: resolved", "approve: resolvd")
    edit(project / "plan" / "team.yaml", "tier: 2,", "tier: two,")
    result = mkdocs(project)
    assert result.returncode == 1
    assert (
        "plan/workflows/refund.yaml:22:19: error[unknown-state]: 'resolvd' is not a state of workflow "
        "'refund' (did you mean 'resolved'?)"
    ) in result.stderr
    assert "plan/team.yaml:7:43: error[wrong-type]" in result.stderr
    assert "Traceback" not in result.stderr
    assert "planops: the plan in 'plan' has 2 errors" in result.stderr


def test_same_findings_as_validate(project: Path) -> None:
    import subprocess
    import sys

    edit(project / "plan" / "workflows" / "refund.yaml", "approve: resolved", "approve: resolvd")
    validate = subprocess.run(
        [sys.executable, "-m", "planops", "validate"], cwd=project, capture_output=True, text=True
    )
    build = mkdocs(project)
    findings = [line for line in validate.stdout.splitlines() if "error[" in line]
    assert findings and all(line in build.stderr for line in findings)


def test_warning_fails_strict_build(project: Path) -> None:
    edit(project / "plan" / "service.yaml", "  normal: {first_response: 8h, resolution: 40h}\n", "")
    result = mkdocs(project)
    assert result.returncode == 1
    assert "warning[sla-gap]" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_plan_folder_is_one_line(project: Path) -> None:
    _set_option(project, "plan: nowhere")
    result = mkdocs(project)
    assert result.returncode == 1
    assert "plan folder 'nowhere' not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_page_that_would_replace_a_generated_one(project: Path) -> None:
    (project / "plan" / "pages" / "team.md").write_text("# Mine\n", encoding="utf-8")
    result = mkdocs(project)
    assert result.returncode == 1
    assert "team.md would replace a generated handbook page" in result.stderr


@pytest.mark.parametrize("option", ["today: '2026-13-01'", "today: soon"])
def test_bad_today(project: Path, option: str) -> None:
    _set_option(project, option)
    result = mkdocs(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "is not a date like 2026-10-01" in result.stderr


def test_today_may_be_a_yaml_date(project: Path) -> None:
    edit(project / "mkdocs.yml", 'today: "2026-11-01"', "today: 2026-11-01")
    assert mkdocs(project).returncode == 0


def test_hostile_titles_stay_text(project: Path) -> None:
    import re

    hostile = "Refund </title><script>window.x=1</script><img src=x onerror=alert(1)>"
    edit(project / "plan" / "workflows" / "refund.yaml", "title: Refund request", f'title: "{hostile}"')
    (project / "plan" / "pages" / "evil.md").write_text(
        "# Guide &lt;img src=x onerror=alert(2)&gt;\n\nText.\n", encoding="utf-8"
    )
    assert mkdocs(project).returncode == 0
    for page in (project / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", text, re.S)
        assert title is not None and "</title" not in title.group(1).replace("<\u200b/", "")
        body = text.replace(title.group(0), "")
        assert "<img src=x" not in body and "<script>window.x" not in body, page


def test_this_repository_builds_strict(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[2]
    result = mkdocs(repo, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "workflows" / "billing-dispute.html").is_file()
    assert (tmp_path / "site" / "llms.txt").is_file()


def test_a_failing_scenario_is_shown_and_fails_strict(project: Path) -> None:
    edit(project / "plan" / "scenarios" / "refunds.yaml", "  segment: standard\n", "  segment: vip\n")
    result = mkdocs(project)
    assert result.returncode == 1
    assert (
        "plan/scenarios/refunds.yaml:24:1: warning[scenario-fails]: scenario 'small-question' does not run "
        "as it expects (segment: expected vip, got standard)"
    ) in result.stderr
    assert mkdocs(project, "build").returncode == 0  # not strict: built, and the example says so
    page = (project / "site" / "scenarios" / "refund" / "index.html").read_text(encoding="utf-8")
    assert "Does not run as expected" in page and "expected vip, got standard" in page
