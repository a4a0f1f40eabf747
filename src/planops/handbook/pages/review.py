"""Review: who owns each part of the plan, when it was last reviewed, and what is due or overdue."""

from __future__ import annotations

from planops.handbook import markup
from planops.handbook.context import Context, object_target
from planops.review.cadence import DUE_SOON_DAYS, ReviewStatus, cadence, review_status
from planops.review.history import Release

TITLE = "Review status"
SUMMARY = "Owners, last review and next due date of every part of the plan, overdue reviews first."
CHANGELOG_SUMMARY = "What changed in the plan, commit by commit, from the repository history."
_BADGES = {"overdue": "<strong>overdue</strong>", "due soon": "due soon", "ok": "ok"}


def manifest_status(ctx: Context) -> str:
    """One line for the home page: the plan's own review state."""
    statuses = [s for s in review_status(ctx.plan, ctx.today) if s.kind == "Plan"]
    if not statuses:
        return "not reviewed"
    s = statuses[0]
    last = s.reviewed.isoformat() if s.reviewed else "never"
    due = s.due.isoformat() if s.due else "now"
    return markup.text(f"reviewed {last}, next due {due} ({s.status})")


def render(ctx: Context) -> str:
    statuses = review_status(ctx.plan, ctx.today)
    overdue = [s for s in statuses if s.status == "overdue"]
    every = cadence(ctx.plan)
    intro = (
        f"The plan is reviewed every **{markup.text(every)}**: each object's next review is due one "
        f"{markup.text(every)} after its last. Status as of {ctx.today.isoformat()}."
    )
    notice = (
        markup.admonition(
            "warning",
            f"{len(overdue)} overdue",
            "Ask the owners below to review and set `reviewed:` in a pull request.",
        )
        if overdue
        else markup.admonition("success", "Nothing overdue", f"Reviews due within {DUE_SOON_DAYS} days are marked.")
    )
    rows = [_row(ctx, s) for s in statuses]
    return markup.join(
        "# Review status",
        intro,
        notice,
        "## By owner {#by-owner}",
        _owners(ctx, statuses),
        "## Every object {#objects}",
        markup.table(["Status", "Object", "Owner", "Last review", "Due"], rows),
        "Values in *italics* are taken from the Plan manifest because the object does not give its own.",
    )


def _owners(ctx: Context, statuses: list[ReviewStatus]) -> str:
    owners: dict[str, list[ReviewStatus]] = {}
    for s in statuses:
        owners.setdefault(s.owner or "", []).append(s)
    rows = []
    for owner, owned in sorted(owners.items()):
        due = min((s.due for s in owned if s.due), default=None)
        counts = [sum(s.status == k for s in owned) for k in ("overdue", "due soon")]
        rows.append(
            [
                ctx.role(owner) if owner else "nobody",
                str(len(owned)),
                markup.strong(str(counts[0])) if counts[0] else "0",
                str(counts[1]),
                due.isoformat() if due else "now",
            ]
        )
    return markup.table(
        ["Owner", "Objects", "Overdue", "Due soon", "Next due"], rows, ["left", "right", "right", "right", "left"]
    )


def _row(ctx: Context, s: ReviewStatus) -> list[str]:
    uri, anchor = object_target(s.kind, s.name)
    label = ctx.scenario(s.name) if s.kind == "Scenario" else ctx.link(markup.text(s.name), uri, anchor)
    owner = ctx.role(s.owner) if s.owner else "none"
    last = s.reviewed.isoformat() if s.reviewed else "never"
    return [
        _BADGES[s.status],
        f"{markup.text(s.kind)} {label}",
        markup.em(owner) if s.owner_inherited else owner,
        markup.em(last) if s.reviewed_inherited else last,
        s.due.isoformat() if s.due else "now",
    ]


def render_changelog(ctx: Context) -> str:
    """The Changelog page from the repository history, or empty when there is none to read."""
    if not ctx.releases:
        return ""
    return markup.join(
        "# Changelog",
        "Each version of the plan, newest first, from the repository's history: who set it, when, "
        "and what changed in meaning since the version before. A version holds every commit after the "
        "version before was set, up to and including the one that set it; commits after the newest "
        "version are listed as unreleased.",
        *(_release(r) for r in ctx.releases),
    )


def _release(release: Release) -> str:
    others = [a for a in release.authors if a != release.author]
    by = markup.text(release.author) + (f" (with {markup.text(', '.join(others))})" if others else "")
    if release.first:
        body = "The first recorded version of the plan."
    elif not release.summary:
        body = "No change in meaning."
    else:
        body = "\n".join(f"- {markup.inline(item)}" for item in release.summary)
    if release.unreleased:
        return markup.join(
            markup.heading(2, "Unreleased", "unreleased"),
            f"Committed after version {markup.text(release.version)}, not in a version yet: set a new "
            "`version:` in the Plan to release it.",
            f"By {by} · latest commit {markup.code(release.commit[:7])}",
            body,
        )
    return markup.join(
        markup.heading(2, f"{release.version} — {release.date.isoformat()}"),
        f"By {by} · commit {markup.code(release.commit[:7])}",
        body,
    )
