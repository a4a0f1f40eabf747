"""The plan's changelog (``planops.review.history``) as plain Markdown, e.g. for release notes."""

from __future__ import annotations

from planops.output.escape import md_code, md_text
from planops.review.history import Release


def changelog_markdown(releases: list[Release], *, level: int = 2) -> str:
    """A heading per version, who and when, its changes in meaning. Versions and author names are escaped."""
    hashes = "#" * level
    lines: list[str] = []
    for release in releases:
        others = [a for a in release.authors if a != release.author]
        by: str = md_text(release.author, start=False)
        if others:
            by += f" (with {md_text(', '.join(others), start=False)})"
        lines += [f"{hashes} {md_text(release.version)} — {release.date.isoformat()}", "",
                  f"By {by} · commit {md_code(release.commit[:7])}", ""]
        if release.first:
            lines.append("The first recorded version of the plan.")
        elif not release.summary:
            lines.append("No change in meaning.")
        else:
            lines += [f"- {item}" for item in release.summary]
        lines.append("")
    return "\n".join(lines) if lines else "No versions of the plan are recorded in git yet.\n"
