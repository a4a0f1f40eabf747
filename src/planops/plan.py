"""The compiled plan: every object once, immutable, with where it was written.

Validation, the engine, the handbook and the diff all read this form; nothing
re-parses YAML on its own.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from planops.costs import Costs, costs
from planops.loader.document import Document
from planops.model import (
    KPI,
    Budget,
    Calendar,
    Channel,
    Plan,
    PlanObject,
    Routing,
    Scenario,
    Segmentation,
    SLAPolicy,
    Team,
    Workflow,
)
from planops.model.team import Role

if TYPE_CHECKING:
    from planops.celcheck.checker import Env
    from planops.ticketfields import Conflict, TicketField

T = TypeVar("T", bound=PlanObject)


class TicketSchema(NamedTuple):
    """The plan's ticket fields by name, and the declarations that could not be merged into them."""

    fields: dict[str, TicketField]
    conflicts: list[Conflict]


@dataclass(frozen=True, slots=True)
class Entry:
    obj: PlanObject
    doc: Document


@dataclass(frozen=True)
class CompiledPlan:
    """All objects of a plan by kind and name, in file order."""

    root: str
    entries: tuple[Entry, ...]
    files: tuple[str, ...] = ()
    broken: frozenset[tuple[str | None, str | None]] = frozenset()
    """(kind, name) of documents whose shape was wrong, or files that could not
    be read: already reported, so references to them are not reported again as
    unknown. None stands for a kind or name that is not known (it may be any)."""
    sources: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}), compare=False, repr=False)
    """The text of each plan file that could be read, by its path: the lines findings quote (read once)."""

    @classmethod
    def build(
        cls,
        root: str,
        entries: list[Entry],
        files: list[str],
        broken: list[tuple[str | None, str | None]] | None = None,
        sources: Mapping[str, str] | None = None,
    ) -> CompiledPlan:
        return cls(root, tuple(entries), tuple(files), frozenset(broken or ()), MappingProxyType(dict(sources or {})))

    def is_broken(self, kind: str, name: str | None = None) -> bool:
        """Whether a document of ``kind`` (named ``name``, or any) failed its shape check, or may be in a file
        that could not be read."""
        return any(k in (kind, None) and (name is None or n in (name, None)) for k, n in self.broken)

    def all(self, kind: type[T]) -> tuple[T, ...]:
        """Every object of a kind, duplicates included, in file order."""
        return tuple(e.obj for e in self.entries if isinstance(e.obj, kind))

    def named(self, kind: type[T]) -> Mapping[str, T]:
        """Objects of a kind by name; the first wins where a name repeats."""
        result: dict[str, T] = {}
        for obj in self.all(kind):
            result.setdefault(obj.name, obj)
        return MappingProxyType(result)

    def where(self, obj: PlanObject) -> Document:
        """The document that holds ``obj``."""
        return self._documents[id(obj)]

    @cached_property
    def _documents(self) -> Mapping[int, Document]:
        return MappingProxyType({id(e.obj): e.doc for e in self.entries})

    def _first(self, kind: type[T]) -> T | None:
        found = self.all(kind)
        return found[0] if found else None

    # The kinds, by name ---------------------------------------------------

    @cached_property
    def manifest(self) -> Plan | None:
        return self._first(Plan)

    @cached_property
    def kpis(self) -> Mapping[str, KPI]:
        return self.named(KPI)

    @cached_property
    def segmentation(self) -> Segmentation | None:
        return self._first(Segmentation)

    @cached_property
    def channels(self) -> Mapping[str, Channel]:
        return self.named(Channel)

    @cached_property
    def calendars(self) -> Mapping[str, Calendar]:
        return self.named(Calendar)

    @cached_property
    def sla_policies(self) -> tuple[SLAPolicy, ...]:
        """Policies in the order they are tried."""
        return tuple(sorted(self.named(SLAPolicy).values(), key=lambda p: p.order))

    @cached_property
    def routing(self) -> Routing | None:
        return self._first(Routing)

    @cached_property
    def teams(self) -> Mapping[str, Team]:
        return self.named(Team)

    @cached_property
    def workflows(self) -> Mapping[str, Workflow]:
        return self.named(Workflow)

    @cached_property
    def budget(self) -> Budget | None:
        return self._first(Budget)

    @cached_property
    def scenarios(self) -> Mapping[str, Scenario]:
        return self.named(Scenario)

    @cached_property
    def roles(self) -> Mapping[str, Role]:
        """Every role of every team by name; the first wins where a name repeats (as for objects)."""
        result: dict[str, Role] = {}
        for role in self.all_roles:
            result.setdefault(role.name, role)
        return MappingProxyType(result)

    @cached_property
    def all_roles(self) -> tuple[Role, ...]:
        """Every role of every Team document, repeats included, in file order: the people the plan pays."""
        return tuple(role for team in self.all(Team) for role in team.roles)

    @cached_property
    def costs(self) -> Costs:
        """The month's money, by the one rule the budget check, the diff and the handbook share (planops.costs)."""
        return costs(self.all(Team), self.all(Budget))

    @cached_property
    def queues(self) -> frozenset[str]:
        return frozenset(q for role in self.roles.values() for q in role.queues)

    @cached_property
    def segment_names(self) -> tuple[str, ...]:
        seg = self.segmentation
        return tuple(s.name for s in seg.segments) if seg else ()

    @cached_property
    def ticket_schema(self) -> TicketSchema:
        """Every field a ticket may carry: the built-in ones (this plan's names as their values) and the declared."""
        from planops.ticketfields import build

        names = {"channel": tuple(self.channels), "segment": self.segment_names}  # given queues are kept as they are
        declared = self.manifest.ticket_fields if self.manifest else {}
        return TicketSchema(*build(declared, names))

    @cached_property
    def cel_env(self) -> Env:
        """What the plan's expressions may read, for the static CEL checks (planops.celcheck)."""
        from planops.celcheck.checker import Env
        from planops.parameters import cel_types
        from planops.ticketfields import TicketField

        if self.manifest is None and self.is_broken("Plan"):
            return Env(None, None)  # its ticket fields and parameters are unknown: no follow-on findings
        parameters = {name: TicketField(kind) for name, kind in cel_types(self.manifest).items()}
        return Env(self.ticket_schema.fields, parameters)

    def owner_of(self, obj: PlanObject) -> str | None:
        """Who answers for an object: its own ``owner:``, else the Plan's (review dates and CODEOWNERS alike)."""
        manifest = self.manifest
        return obj.owner or (manifest.owner if manifest else None)

    def last_review(self, obj: PlanObject) -> date | None:
        """When an object was last reviewed: its own ``reviewed:``, else the Plan's."""
        manifest = self.manifest
        return obj.reviewed or (manifest.reviewed if manifest else None)

    def objects(self) -> Iterator[PlanObject]:
        return (e.obj for e in self.entries)


@dataclass(frozen=True)
class ValidPlan(CompiledPlan):
    """A plan whose shape and meaning checks found no error: the only form the engine accepts.

    ``planops.pipeline`` makes it, after the checks.
    """

    memo: dict[type, object] = field(default_factory=dict, init=False, repr=False, compare=False)
    """What the layers above build from the plan once (its engine), kept exactly as long as the plan."""

    @classmethod
    def of(cls, plan: CompiledPlan) -> ValidPlan:
        return cls(plan.root, plan.entries, plan.files, plan.broken, plan.sources)
