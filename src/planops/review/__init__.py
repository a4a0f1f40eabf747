"""Reviewing a plan over time: git revisions, semantic diff, review cadence, CODEOWNERS.

The pieces other parts of planops call:

* ``planops.review.history.changelog(repo_dir, plan_dir) -> list[Release]`` — the
  releases the handbook's Changelog page shows (``planops.output.changelog.changelog_markdown(releases)``
  writes them as plain Markdown, e.g. for release notes);
* ``planops.review.mermaid.state_diagram(workflow, highlight=...) -> str`` — a
  Mermaid ``stateDiagram-v2`` of a workflow, for the diff and the handbook;
* ``planops.review.semantic.compare(old, new) -> list[Change]`` — what changed in
  meaning between two compiled plans.
"""
