"""The base of every plan object: what all kinds share."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from planops.model.types import Day, Name, Ref, Text


class Model(BaseModel):
    """Immutable, strict about unknown keys: a typo is a finding, not ignored; numbers are finite."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False)


class PlanObject(Model):
    """Fields every kind may carry."""

    kind: str = Field(description="What this document describes.")
    name: Name = Field(description="Unique among objects of the same kind; other objects refer to it by this name.")
    title: str | None = Field(None, description="A human title for the handbook (defaults to the name).")
    owner: Ref | None = Field(None, description="The Team role that owns this object and reviews it.")
    reviewed: Day | None = Field(None, description="When this object was last reviewed (YYYY-MM-DD).")
    description: Text | None = Field(None, description="Markdown shown in the handbook.")

    @property
    def label(self) -> str:
        return self.title or self.name
