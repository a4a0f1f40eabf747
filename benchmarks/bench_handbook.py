"""The handbook of a large generated plan vs. mkdocs-material on plain Markdown, side by side.

    python benchmarks/bench_handbook.py [--workflows 300] [--scenarios 4000] [--rounds 2]

Generates the synthetic plan (benchmarks/generate_plan.py) into a temporary
folder and builds its handbook with ``mkdocs build``; then writes as many plain
Markdown pages (headings, paragraphs, tables), each rendering to as much HTML
as the handbook's average page, and builds them with the same theme and search
plugin. Size is compared on the rendered page content (the ``<article>``),
because the handbook hands MkDocs its tables ready-made: its Markdown is far
smaller than a plain page with the same content. Both builds run in
fresh processes (as a user runs them), the median of ``--rounds`` each, with the
plugin's browser assets already cached. Prints both times and the ratio the
handbook issue bounds (≤ 1.5).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate_plan import write_plan

THEME = """\
theme:
  name: material
  font: false
  features: [navigation.sections, search.suggest, content.tabs.link]
"""
HANDBOOK_YML = (
    "site_name: Big handbook\ndocs_dir: plan/pages\n"
    + THEME
    + """\
plugins:
  - search
  - planops:
      changelog: false
"""
)
PLAIN_YML = "site_name: Plain pages\ndocs_dir: docs\n" + THEME + "plugins:\n  - search\n"
PARAGRAPH = (
    "Support agents answer every ticket in the order the queue shows it. When a customer writes "
    "again, the next-response clock starts, and the step's owner gets the ticket in their view. "
)


def _mkdocs(project: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"mkdocs build failed in {project}:\n{result.stderr}")
    return elapsed


def _median(project: Path, rounds: int) -> float:
    return statistics.median(_mkdocs(project) for _ in range(rounds))


def _handbook(root: Path, workflows: int, scenarios: int) -> Path:
    project = root / "handbook"
    write_plan(project, workflows, scenarios)
    (project / "plan" / "pages").mkdir(exist_ok=True)
    (project / "plan" / "pages" / "about.md").write_text("# About\n\n" + PARAGRAPH + "\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(HANDBOOK_YML, encoding="utf-8")
    return project


def _article_size(site: Path) -> tuple[int, int]:
    """How many pages the site has, and the average size of their rendered content in bytes."""
    sizes = []
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        start, end = html.find("<article"), html.find("</article>")
        if page.name != "404.html" and 0 <= start < end:
            sizes.append(end - start)
    return len(sizes), sum(sizes) // len(sizes)


def _plain_page(title: str, html_size: int) -> str:
    import markdown

    body = [f"# {title}", ""]
    while len(markdown.markdown("\n".join(body), extensions=["tables", "toc"])) < html_size:
        n = len(body)
        body += [
            f"## Section {n}",
            "",
            PARAGRAPH * 2,
            "",
            "| Step | Owner | Timer |",
            "| --- | --- | --- |",
            *(f"| step-{n}-{k} | agent | after {k}h |" for k in range(6)),
            "",
        ]
    return "\n".join(body)


def _plain(root: Path, count: int, html_size: int) -> Path:
    project = root / "plain"
    docs = project / "docs"
    docs.mkdir(parents=True)
    template = _plain_page("Page {i}", html_size)
    for i in range(count):
        name = "index.md" if i == 0 else f"page-{i:04d}.md"
        (docs / name).write_text(template.replace("{i}", str(i)), encoding="utf-8")
    (project / "mkdocs.yml").write_text(PLAIN_YML, encoding="utf-8")
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workflows", type=int, default=300)
    parser.add_argument("--scenarios", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="planops-bench-"))
    handbook = _handbook(root, args.workflows, args.scenarios)
    _mkdocs(handbook)  # fills the asset cache, so that no round measures a download
    count, size = _article_size(handbook / "site")
    plain = _plain(root, count, size)
    print(
        f"{args.workflows} workflows, {args.scenarios} scenarios -> {count} pages, "
        f"~{size / 1000:.1f} kB of rendered content each"
    )
    hb = _median(handbook, args.rounds)
    pl = _median(plain, args.rounds)
    print(f"planops handbook ({count} pages):      {hb:.2f} s")
    print(f"mkdocs-material, {count} plain pages: {pl:.2f} s")
    print(f"ratio: {hb / pl:.2f} (bound: 1.5)")


if __name__ == "__main__":
    main()
