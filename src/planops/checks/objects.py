"""Checks on the plan as a set of objects: names, the manifest, owners, review dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from planops.diagnostics import ERROR, WARNING, Code, Diagnostic, did_you_mean
from planops.kinds import KINDS
from planops.loader.document import Path
from planops.model import Plan, PlanObject
from planops.plan import CompiledPlan

DUPLICATE_NAME = Code(
    "duplicate-name",
    ERROR,
    "Two objects of the same kind share a name, or two entries of a list do (roles across every Team, budget "
    "lines, routing rules, segments, goals): references would be ambiguous. Reported at the second.",
    "kind: Workflow\nname: billing\n---\nkind: Workflow\nname: billing\n",
)
NO_PLAN = Code("missing-plan", ERROR, "The plan has no `kind: Plan` manifest.", "")
EMPTY = Code(
    "empty-plan",
    ERROR,
    "The plan folder holds no plan document: no YAML files, or only empty ones and comments.",
    "# plan/plan.yaml, with nothing but this comment\n",
)
SEVERAL = Code(
    "several-objects",
    ERROR,
    "More than one Plan, Routing, Segmentation or Budget: a plan has at most one of each (one Budget holds all "
    "cost lines and the one monthly limit; planops.costs).",
    "kind: Routing\nname: default\n# … and another file with\nkind: Routing\nname: other\n",
)
UNKNOWN_ROLE = Code(
    "unknown-role",
    ERROR,
    "An owner (or state owner, or reports_to) that is no Team role.",
    "kind: KPI\nname: csat\nowner: head-of-suport\n",
)
FUTURE_REVIEW = Code(
    "review-in-future", ERROR, "A `reviewed:` date after today.", "kind: Plan\nname: acme\nreviewed: 2099-01-01\n"
)
NO_TEAM = Code(
    "missing-team",
    WARNING,
    "Owners (of objects or of workflow states) name roles, but the plan has no Team to define them.",
    "kind: KPI\nname: csat\nowner: support-lead   # and no kind: Team anywhere\n",
)
REVIEW_OVERDUE = Code(
    "review-overdue",
    WARNING,
    "An object whose review is due (one cadence period after its last `reviewed:`), or that was never reviewed. "
    "Reported by `planops review --format github`; an error under `--strict`.",
    "kind: Plan\nname: acme\nreview: {every: quarter}\nreviewed: 2020-01-01\n",
)


def check(plan: CompiledPlan, today: date) -> Iterator[Diagnostic]:
    yield from _duplicates(plan)
    yield from _singletons(plan)
    yield from _owners(plan)
    yield from _review_dates(plan, today)


def _duplicates(plan: CompiledPlan) -> Iterator[Diagnostic]:
    seen: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(plan.entries):
        key = (entry.obj.kind, entry.obj.name)
        if key in seen:
            first = plan.entries[seen[key]].doc
            yield DUPLICATE_NAME.at(
                plan,
                entry.obj,
                ("name",),
                f"{entry.obj.kind} '{entry.obj.name}' is already defined at {first.path}:{first.loc(('name',))[0]}",
                hint="rename one of them",
            )
        else:
            seen[key] = index


def _singletons(plan: CompiledPlan) -> Iterator[Diagnostic]:
    if not plan.entries and not plan.broken:
        held = f"{len(plan.files)} YAML files, all empty or comments only" if plan.files else "no .yaml or .yml files"
        hint = "add plan.yaml with kind: Plan, as planops init writes it, or point --plan at the plan folder"
        yield EMPTY.located(plan.root, 1, 1, f"the plan holds no documents ({held})", hint)
    if not plan.all(Plan) and plan.entries and not plan.is_broken("Plan"):
        yield NO_PLAN.located(
            plan.root,
            1,
            1,
            "the plan has no 'kind: Plan' manifest",
            "add plan.yaml with kind: Plan (see planops init)",
        )
    for kind in (k for k in KINDS if k.one):
        objects = plan.all(kind.model)
        for extra in objects[1:]:
            first = plan.where(objects[0])
            yield SEVERAL.at(
                plan,
                extra,
                ("kind",),
                f"a plan has one {kind.name}; another is at {first.path}:{first.loc()[0]}",
                hint="merge them into one",
            )


def _owner_names(plan: CompiledPlan) -> Iterator[tuple[PlanObject, Path, str]]:
    """Every role an owner names: an object's ``owner:`` and a workflow state's, where each is written."""
    for obj in plan.objects():
        if obj.owner is not None:
            yield obj, ("owner",), obj.owner
    for wf in plan.workflows.values():
        for name, state in wf.states.items():
            if state.owner is not None:
                yield wf, ("states", name, "owner"), state.owner


def _owners(plan: CompiledPlan) -> Iterator[Diagnostic]:
    if plan.is_broken("Team"):  # its roles are unknown: reported already
        return
    named = list(_owner_names(plan))
    if not plan.teams:
        yield from _no_team(plan, named)
        return
    roles = plan.roles
    if not roles:
        return
    for obj, path, owner in named:
        if owner not in roles:
            yield UNKNOWN_ROLE.at(
                plan, obj, path, f"owner '{owner}' is not a role of any Team", hint=did_you_mean(owner, roles)
            )
    for team in plan.teams.values():
        for i, role in enumerate(team.roles):
            if role.reports_to is not None and role.reports_to not in roles:
                yield UNKNOWN_ROLE.at(
                    plan,
                    team,
                    ("roles", i, "reports_to"),
                    f"reports_to '{role.reports_to}' is not a role",
                    hint=did_you_mean(role.reports_to, roles),
                )


def _no_team(plan: CompiledPlan, named: list[tuple[PlanObject, Path, str]]) -> Iterator[Diagnostic]:
    """One warning, at the first owner: without a Team no owner's role can be told right or wrong."""
    if named:
        obj, path, owner = named[0]
        more = f"; {len(named) - 1} other owners name roles too" if len(named) > 1 else ""
        yield NO_TEAM.at(
            plan,
            obj,
            path,
            f"owner '{owner}' names a Team role, but the plan has no Team{more}",
            hint="add a Team whose roles: include the owners (planops init writes one), or remove the owners",
        )


def _review_dates(plan: CompiledPlan, today: date) -> Iterator[Diagnostic]:
    for obj in plan.objects():
        if obj.reviewed is not None and obj.reviewed > today:
            yield FUTURE_REVIEW.at(
                plan,
                obj,
                ("reviewed",),
                f"reviewed {obj.reviewed.isoformat()} is in the future (today is {today.isoformat()})",
            )


CODES = [DUPLICATE_NAME, NO_PLAN, EMPTY, SEVERAL, UNKNOWN_ROLE, NO_TEAM, FUTURE_REVIEW, REVIEW_OVERDUE]
