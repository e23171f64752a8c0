"""Partnerships as IATI Standard 2.03 activities, for aid-transparency publishers.

One `iati-activity` per partnership, its elements in the order the schema's
sequence demands (an XSD rejects any other). Codes are from the IATI codelists:
OrganisationRole, OrganisationType, ActivityStatus, ActivityDateType,
CollaborationType, TransactionType and the OECD DAC sectors.
"""

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from decimal import ROUND_DOWN
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.db.models import QuerySet
from django.utils import timezone

from mutua.directory.models import Country
from mutua.directory.models import Organization

from .cooperation_type import CooperationType
from .exports import PLACES
from .models import FundingFlow
from .models import Participant
from .models import Partnership

VERSION = "2.03"
MULTILATERAL = "40"
GOVERNMENT = "10"
# OrganisationRole: who funds, who acts for others, who does the work.
ROLES = {
    Participant.Role.FUNDER: "1",
    Participant.Role.FACILITATOR: "3",
    Participant.Role.COORDINATING_CENTRE: "3",
    Participant.Role.PROVIDER: "4",
    Participant.Role.BENEFICIARY: "4",
}
# OrganisationType. IATI has no type for IPLC, grassroots or regional centres.
ORGANISATION_TYPES = {
    Organization.Type.GOVERNMENT: GOVERNMENT,
    Organization.Type.INTERGOVERNMENTAL: MULTILATERAL,
    Organization.Type.ACADEMIC: "80",
    Organization.Type.NGO: "22",
    Organization.Type.IPLC: "22",
    Organization.Type.GRASSROOTS: "22",
    Organization.Type.PRIVATE: "70",
    Organization.Type.DONOR: "60",
    Organization.Type.REGIONAL_CENTRE: "90",
}
# ActivityStatus: 4 Closed (3 Finalisation leaves the books open), 5 Cancelled.
STATUSES = {
    Partnership.Status.ACTIVE: "2",
    Partnership.Status.COMPLETED: "4",
    Partnership.Status.ENDED: "5",
}
ACTUAL_START, ACTUAL_END = "2", "4"
BIODIVERSITY, DAC_5_DIGIT = "41030", "1"
TRIANGULAR = "8"  # CollaborationType: bilateral, triangular co-operation
INCOMING_FUNDS = "1"
# Characters XML 1.0 forbids; ElementTree would write them and break the file.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
HUNDRED = Decimal(100)


def _text(value: str) -> str:
    return NOT_XML.sub("", value)


def _add(parent: ET.Element, tag: str, text: str = "", **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text:
        ET.SubElement(element, "narrative").text = _text(text)
    return element


def _organisation_type(participant: Participant) -> str | None:
    if participant.organization:
        return ORGANISATION_TYPES[participant.organization.type]
    # A country with no organization or name stands for its government.
    return None if participant.name else GOVERNMENT


def _org(parent: ET.Element, tag: str, participant: Participant, **attributes):
    kind = _organisation_type(participant)
    if kind:
        attributes["type"] = kind
    return _add(parent, tag, participant.display_name, **attributes)


def _is_organisation(participant: Participant) -> bool:
    return bool(participant.organization or participant.name)


def _participating_orgs(activity: ET.Element, participants: list[Participant]):
    # A beneficiary country is a recipient-country, not an organisation.
    taking_part = [
        p
        for p in participants
        if p.role != Participant.Role.BENEFICIARY or _is_organisation(p)
    ]
    for participant in sorted(taking_part, key=lambda p: ROLES[p.role]):
        _org(activity, "participating-org", participant, role=ROLES[participant.role])


def _recipient_countries(participants: list[Participant]) -> list[Country]:
    places = [p.place for p in participants if p.role == Participant.Role.BENEFICIARY]
    return list(dict.fromkeys(place for place in places if place))


def _even_split(parts: int) -> list[Decimal]:
    """Percentages that add up to exactly 100, the last taking the rounding."""
    share = (HUNDRED / parts).quantize(Decimal("0.01"), ROUND_DOWN)
    return [share] * (parts - 1) + [HUNDRED - share * (parts - 1)]


def _recipients(activity: ET.Element, countries: list[Country]) -> None:
    # The standard asks for percentages only when more than one country is named.
    shares = _even_split(len(countries)) if len(countries) > 1 else [None]
    for country, share in zip(countries, shares, strict=False):
        attributes = {"code": country.iso2}
        if share is not None:
            attributes["percentage"] = str(share)
        _add(activity, "recipient-country", **attributes)


def _transaction(activity: ET.Element, flow: FundingFlow) -> None:
    transaction = _add(activity, "transaction")
    _add(transaction, "transaction-type", code=INCOMING_FUNDS)
    _add(transaction, "transaction-date", **{"iso-date": flow.dated.isoformat()})
    value = _add(
        transaction,
        "value",
        currency=flow.currency,
        **{"value-date": flow.dated.isoformat()},
    )
    value.text = str(flow.amount)
    _add(transaction, "description", flow.title)
    _org(transaction, "provider-org", flow.funder)


def _activity(root: ET.Element, partnership: Partnership) -> None:
    activity = _add(
        root,
        "iati-activity",
        **{
            "{http://www.w3.org/XML/1998/namespace}lang": settings.LANGUAGE_CODE[:2],
            "default-currency": settings.REPORTING_CURRENCY,
            "last-updated-datetime": partnership.updated_at.isoformat(
                timespec="seconds"
            ),
        },
    )
    reference = settings.IATI_ORGANISATION_REF
    ET.SubElement(activity, "iati-identifier").text = f"{reference}-{partnership.uuid}"
    _add(
        activity,
        "reporting-org",
        settings.IATI_ORGANISATION_NAME,
        ref=reference,
        type=MULTILATERAL,
        # The platform records cooperation between others, not its own.
        **{"secondary-reporter": "1"},
    )
    _add(activity, "title", partnership.title)
    # The schema requires a description; the title stands in for a missing one.
    _add(activity, "description", partnership.description or partnership.title)
    participants = list(partnership.participants.all())
    _participating_orgs(activity, participants)
    _add(activity, "activity-status", code=STATUSES[partnership.status])
    dates = [(ACTUAL_START, partnership.started_on), (ACTUAL_END, partnership.ended_on)]
    for kind, day in dates:
        if day:
            _add(activity, "activity-date", type=kind, **{"iso-date": day.isoformat()})
    _recipients(activity, _recipient_countries(participants))
    _add(activity, "sector", vocabulary=DAC_5_DIGIT, code=BIODIVERSITY)
    if partnership.cooperation_type == CooperationType.TRIANGULAR:
        _add(activity, "collaboration-type", code=TRIANGULAR)
    for flow in partnership.fundingflow_set.all():
        _transaction(activity, flow)


def _prepared(partnerships: Iterable[Partnership]) -> Iterable[Partnership]:
    if not isinstance(partnerships, QuerySet):
        return partnerships
    with_places = Participant.objects.select_related(*PLACES)
    flows = FundingFlow.objects.select_related(
        *(f"funder__{place}" for place in PLACES)
    ).order_by("dated", "id")
    return partnerships.prefetch_related(
        Prefetch("participants", with_places), Prefetch("fundingflow_set", flows)
    )


def activities_xml(partnerships: Iterable[Partnership]) -> bytes:
    """An `iati-activities` file of these partnerships, UTF-8 encoded."""
    root = ET.Element(
        "iati-activities",
        {
            "version": VERSION,
            "generated-datetime": timezone.now().isoformat(timespec="seconds"),
        },
    )
    for partnership in _prepared(partnerships):
        _activity(root, partnership)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
