"""CODEOWNERS from the plan: GitHub asks the owners of the objects in a file to review it.

Each plan file gets one line with the GitHub handles (a role's ``github:``) of
the owners of the objects in it; an object without ``owner:`` is the Plan
owner's. A line for the whole plan folder, first, gives new files to the Plan
owner. The lines sit between two marker comments, so hand-written lines of the
same file (for code outside the plan) are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from planops.errors import PlanopsError
from planops.plan import CompiledPlan

BEGIN = "# BEGIN planops: generated from the plan's owners; regenerate with 'planops codeowners'"
END = "# END planops"
HEADER = (
    "# Do not edit the lines between these markers by hand: set 'owner:' on plan objects\n"
    "# and 'github:' on Team roles, then run 'planops codeowners'. Later lines win on GitHub."
)


@dataclass
class Owners:
    """The generated lines, and the roles that could not be turned into handles."""

    lines: list[str] = field(default_factory=list)
    skipped: dict[str, list[str]] = field(default_factory=dict)  # role -> files it owns objects in
    warnings: list[str] = field(default_factory=list)

    def block(self) -> str:
        return "\n".join([BEGIN, HEADER, *self.lines, END]) + "\n"


def owners(plan: CompiledPlan, repo_root: Path) -> Owners:
    """One line per plan file (repository-relative) with its owners' handles, sorted."""
    manifest = plan.manifest
    default = _handle(plan, manifest.owner if manifest else None)
    result = Owners()
    plan_root = _pattern(Path(plan.root), repo_root, folder=True)
    if default and plan_root:
        result.lines.append(f"{plan_root} {default}")
    by_file: dict[str, set[str]] = {path: set() for path in plan.files}
    for obj in plan.objects():
        path = plan.where(obj).path
        role = plan.owner_of(obj)
        handle = _handle(plan, role)
        if handle:
            by_file.setdefault(path, set()).add(handle)
        elif role is not None:
            result.skipped.setdefault(role, []).append(path)
    patterns = {path: _pattern(Path(path), repo_root) for path in by_file}
    result.warnings = list(_warnings(plan, result.skipped))
    if plan_root is None:
        result.warnings.append(_unmatchable(str(plan.root)))
    result.warnings += [_unmatchable(path) for path in sorted(by_file) if patterns[path] is None]
    for path, pattern in sorted(((p, q) for p, q in patterns.items() if q), key=lambda item: item[1]):
        handles = by_file[path] or ({default} if default else set())
        if handles:
            result.lines.append(f"{pattern} {' '.join(sorted(handles))}")
    return result


def _handle(plan: CompiledPlan, role: str | None) -> str | None:
    found = plan.roles.get(role) if role else None
    return found.github if found else None


def _pattern(path: Path, repo_root: Path, *, folder: bool = False) -> str | None:
    """``/plan/sla.yaml``: anchored at the repository root, spaces escaped; None when no pattern matches
    exactly that name (a file name from a pull request must not write a rule for other files)."""
    try:
        relative = PurePosixPath(path.resolve().relative_to(repo_root.resolve()).as_posix())
    except ValueError:
        raise PlanopsError(f"'{path}' is outside '{repo_root}', where CODEOWNERS applies") from None
    if not str(relative).isprintable() or _UNMATCHABLE.search(str(relative)):
        return None
    text = "/" + str(relative).replace(" ", "\\ ")
    return text.rstrip("/") + "/" if folder else text


# GitHub reads * and ? as wildcards and # as a comment, a line ends at a newline, and it supports neither
# ranges ([ ]), negation (!) nor backslash escapes other than "\\ ": names with these have no exact pattern.
_UNMATCHABLE = re.compile(r"[*?\[\]!#\\]")


def _unmatchable(path: str) -> str:
    return (
        f"'{path}' gets no CODEOWNERS line: its name holds a wildcard, '#', '!', a bracket, a backslash or a "
        "control character, which GitHub cannot match exactly; rename it"
    )


def is_codeowners(path: Path, text: str) -> bool:
    """Whether ``merge`` may write over this file: it is named CODEOWNERS or holds the generated block."""
    return path.name == "CODEOWNERS" or any(line.startswith("# BEGIN planops") for line in text.splitlines())


def merge(current: str | None, block: str) -> str:
    """The file with the generated block replaced (or appended after the hand-written lines)."""
    if not current:
        return block
    lines = current.splitlines(keepends=True)
    begin = next((i for i, line in enumerate(lines) if line.startswith("# BEGIN planops")), None)
    end = next((i for i, line in enumerate(lines) if begin is not None and i > begin and line.strip() == END), None)
    if begin is None or end is None:
        return current.rstrip("\n") + "\n\n" + block
    return "".join(lines[:begin]) + block + "".join(lines[end + 1 :])


def _warnings(plan: CompiledPlan, skipped: dict[str, list[str]]) -> Iterable[str]:
    for role, paths in sorted(skipped.items()):
        files = ", ".join(sorted(set(paths)))
        if role not in plan.roles:
            yield f"owner '{role}' is not a Team role, so nobody is asked to review it in {files}"
        else:
            yield (
                f"role '{role}' has no 'github:' handle, so it is not asked to review {files}: "
                "add github: '@user' or '@org/team' to the role"
            )


def repo_root(output: Path) -> Path:
    """The repository root for a CODEOWNERS file: GitHub reads it from the root, .github/ or docs/."""
    folder = output.parent
    return folder.parent if folder.name in (".github", "docs") else folder
