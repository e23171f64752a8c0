"""API shapes of cooperation."""

import datetime as dt
from typing import Literal
from uuid import UUID

from ninja import Field
from ninja import Schema
from pydantic import StrictBool

from mutua.core.schemas import Date
from mutua.core.schemas import PageIn
from mutua.core.schemas import StrictIn
from mutua.core.schemas import one_given
from mutua.core.schemas import page_url
from mutua.core.schemas import said
from mutua.directory.models import Organization
from mutua.directory.schemas import Iso3
from mutua.directory.schemas import LanguageCode
from mutua.directory.schemas import ModalityCode
from mutua.directory.schemas import TargetGroupCode
from mutua.directory.schemas import TargetNumber

from .cooperation_type import CooperationType
from .models import Activity
from .models import Attendance
from .models import Participant
from .models import Partnership
from .models.activities import Delivery

Role = Literal[tuple(Participant.Role.values)]


class PartnershipQuery(PageIn):
    q: str = Field("", max_length=200, description="Words of the title.")
    type: Literal[tuple(t.value for t in CooperationType)] | None = None


class ParticipantOut(Schema):
    role: str
    name: str
    organization: UUID | None
    country: str | None = Field(None, description="ISO alpha-3.")

    @staticmethod
    def resolve_name(obj: Participant) -> str:
        return obj.display_name

    @staticmethod
    def resolve_organization(obj: Participant) -> UUID | None:
        return obj.organization.uuid if obj.organization else None

    @staticmethod
    def resolve_country(obj: Participant) -> str | None:
        place = obj.place
        return place.iso3 if place else None


class PartnershipOut(Schema):
    uuid: UUID
    title: str
    description: str
    origin: str
    status: str
    started_on: dt.date
    ended_on: dt.date | None
    cooperation_type: str = Field(..., description="Derived; empty if undetermined.")
    country: str | None = Field(None, description="The first beneficiary's, ISO3.")
    targets: list[int]
    participants: list[ParticipantOut]
    page_url: str = Field(..., description="The record's page on the site.")

    @staticmethod
    def resolve_country(obj: Partnership) -> str | None:
        return obj.country.iso3 if obj.country else None

    @staticmethod
    def resolve_targets(obj: Partnership) -> list[int]:
        return [t.number for t in obj.targets.all()]

    @staticmethod
    def resolve_participants(obj: Partnership) -> list[Participant]:
        return list(obj.participants.all())

    @staticmethod
    def resolve_page_url(obj: Partnership, context) -> str:
        return page_url(context["request"], obj)


class PartnershipPage(Schema):
    count: int
    page: int
    pages: int
    items: list[PartnershipOut]


class ParticipantIn(StrictIn):
    role: Role
    organization: UUID | None = None
    country: Iso3 | None = None
    name: str = Field("", max_length=200)

    # Each participant is an organization, or a country (its government).
    model_config = one_given("organization", "country")


class PartnershipIn(StrictIn):
    title: said(200)
    description: str = Field("", max_length=5000)
    status: Literal[tuple(Partnership.Status.values)] = "active"
    started_on: Date
    ended_on: Date | None = None
    targets: list[TargetNumber] = Field(default_factory=list, max_length=23)
    participants: list[ParticipantIn] = Field(
        ...,
        min_length=2,
        max_length=50,
        description="A beneficiary and at least one other participant.",
        json_schema_extra={
            "contains": {
                "required": ["role"],
                "properties": {"role": {"const": Participant.Role.BENEFICIARY}},
            }
        },
    )


class AttendanceIn(StrictIn):
    stakeholder_type: Literal[tuple(Organization.Type.values)]
    role: Literal[tuple(Attendance.Role.values)]
    gender: Literal[tuple(Attendance.Gender.values)]
    count: int = Field(..., ge=1, le=10_000_000)


class ActivityIn(StrictIn):
    uuid: UUID | None = Field(
        None, description="Yours, to send the same report again safely."
    )
    title: said(200)
    modality: ModalityCode = Field(..., examples=["joint_training"])
    delivery: Literal[tuple(Delivery.values)]
    held_on: Date
    lead_organization: UUID | None = None
    lead_name: str = Field("", max_length=200)
    lead_country: Iso3 | None = None
    lead_is_iplc: StrictBool = False
    languages: list[LanguageCode] = Field(default_factory=list, max_length=20)
    in_local_language: StrictBool = False
    target_groups: list[TargetGroupCode] = Field(default_factory=list, max_length=20)
    people_reached: int = Field(0, ge=0, le=2_000_000_000)
    attendance: list[AttendanceIn] = Field(default_factory=list, max_length=200)
    attendance_reason: str = Field(
        "",
        max_length=1000,
        description="Why more took part than the people reached, if they did.",
    )


class AttendanceOut(Schema):
    stakeholder_type: str
    role: str
    gender: str
    count: int


class ActivityOut(Schema):
    id: int
    uuid: UUID
    title: str
    modality: str
    delivery: str
    held_on: dt.date
    lead: str
    lead_country: str | None
    languages: list[str]
    in_local_language: bool
    target_groups: list[str]
    people_reached: int
    attendance: list[AttendanceOut]

    @staticmethod
    def resolve_modality(obj: Activity) -> str:
        return obj.modality.code

    @staticmethod
    def resolve_lead(obj: Activity) -> str:
        return obj.lead_organization.name if obj.lead_organization else obj.lead_name

    @staticmethod
    def resolve_lead_country(obj: Activity) -> str | None:
        return obj.lead_country.iso3 if obj.lead_country else None

    @staticmethod
    def resolve_languages(obj: Activity) -> list[str]:
        return [language.code for language in obj.languages.all()]

    @staticmethod
    def resolve_target_groups(obj: Activity) -> list[str]:
        return [group.code for group in obj.target_groups.all()]

    @staticmethod
    def resolve_attendance(obj: Activity) -> list[Attendance]:
        return list(obj.attendance.all())
