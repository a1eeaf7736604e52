"""The records korex returns: the JSON contract of docs/OUTPUT.md as pydantic models.

These models are the contract's source of truth; ``korex schema`` prints their JSON Schema.
Fields may be added, never renamed or dropped. Offsets are Unicode code points into the
input text as given, end exclusive.
"""
from __future__ import annotations

from enum import Enum
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field


class StrEnum(str, Enum):
    def __str__(self) -> str:
        return self.value


class EntityType(StrEnum):
    COMPANY = "COMPANY"
    ORGANIZATION = "ORGANIZATION"
    PERSON = "PERSON"
    LOCATION = "LOCATION"
    DATE = "DATE"
    TIME = "TIME"
    MONEY = "MONEY"
    QUANTITY = "QUANTITY"


class Source(StrEnum):
    MODEL = "model"
    RULE = "rule"
    DICTIONARY = "dictionary"
    COREF = "coref"


class DealType(StrEnum):
    MOU = "MOU"
    PARTNERSHIP = "PARTNERSHIP"
    JOINT_VENTURE = "JOINT_VENTURE"
    ACQUISITION = "ACQUISITION"
    MERGER = "MERGER"
    INVESTMENT = "INVESTMENT"
    CONTRACT = "CONTRACT"
    SETTLEMENT = "SETTLEMENT"


class DealStatus(StrEnum):
    DISCUSSED = "discussed"
    PLANNED = "planned"
    SIGNED = "signed"
    CANCELLED = "cancelled"


class Role(StrEnum):
    PARTY = "party"
    ACQUIRER = "acquirer"
    TARGET = "target"
    SELLER = "seller"
    INVESTOR = "investor"
    INVESTEE = "investee"
    BUYER = "buyer"


class DateMod(StrEnum):
    START = "START"
    MID = "MID"
    END = "END"


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=True)


class Span(_Record):
    """A stretch of the input: ``text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class TextSpan(Span):
    text: str


class Mention(TextSpan):
    """One occurrence of an entity; ``input[start:end] == text`` always."""

    source: Source
    score: float = Field(ge=0.0, le=1.0)
    rule: Optional[str] = Field(default=None, description="id of the rule or lexicon entry that found it")


class _EntityBase(_Record):
    id: str
    # each kind narrows the type; declared here so that it comes second in the JSON
    type: str
    name: str = Field(description="the fullest form of the entity in the text")
    aliases: list[str] = Field(default_factory=list, description="every distinct surface form that is a name")
    mentions: list[Mention] = Field(default_factory=list)


class NamedEntity(_EntityBase):
    type: Literal["COMPANY", "ORGANIZATION", "LOCATION", "QUANTITY"]


class PersonEntity(_EntityBase):
    type: Literal["PERSON"]
    titles: list[str] = Field(default_factory=list)
    affiliation: Optional[str] = Field(default=None, description="id of the employer entity")


class DateEntity(_EntityBase):
    type: Literal["DATE", "TIME"]
    value: Optional[str] = Field(default=None, description="ISO 8601 as far as the expression fixes it; X for open digits")
    mod: Optional[DateMod] = None


# a whole amount is an integer of any size, exactly; a fraction a number whose decimal digits
# are those of the text (at most 15 significant); null where the text gives no exact value
MoneyValue = Optional[Union[int, float]]
MONEY_VALUE_HELP = ("the amount in units of the currency: an integer (any size, exact) or a decimal number "
                    "(at most 15 significant digits); null when the text gives no exact value")


class MoneyEntity(_EntityBase):
    type: Literal["MONEY"]
    value: MoneyValue = Field(default=None, description=MONEY_VALUE_HELP)
    currency: Optional[str] = Field(default=None, description="ISO 4217")


Entity = Annotated[Union[NamedEntity, PersonEntity, DateEntity, MoneyEntity], Field(discriminator="type")]


class Relation(_Record):
    type: Literal["EMPLOYEE_OF"] = "EMPLOYEE_OF"
    head: str
    tail: str
    title: Optional[str] = None
    evidence: Span


class Party(_Record):
    entity: str
    role: Role = Role.PARTY


class Amount(_Record):
    text: str
    value: MoneyValue = Field(default=None, description=MONEY_VALUE_HELP)
    currency: Optional[str] = None


class Deal(_Record):
    id: str
    type: DealType
    parties: list[Party]
    status: DealStatus
    date: Optional[str] = None
    date_entity: Optional[str] = None
    amount: Optional[Amount] = None
    trigger: TextSpan
    evidence: Span
    score: float = Field(ge=0.0, le=1.0)


class Document(_Record):
    """Everything korex found in one input text."""

    id: Optional[str] = None
    reference_date: Optional[str] = None
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    deals: list[Deal] = Field(default_factory=list)
    meta: Optional[dict[str, Any]] = Field(default=None, description="fields of a JSONL input carried through")

    def entity(self, entity_id: str):
        """The entity with this id, or None."""
        return next((e for e in self.entities if e.id == entity_id), None)


def json_schema() -> dict:
    return Document.model_json_schema()
