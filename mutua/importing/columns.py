"""The columns of each kind of import file, and its blank template.

The columns are documented in `docs/import.md`.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutua.directory.models import ELIGIBILITY_GROUPS
from mutua.directory.models import Language
from mutua.directory.models import Modality
from mutua.directory.models import Organization
from mutua.directory.models import ResourceType
from mutua.exchange.models import Beneficiary
from mutua.exchange.models import IplcLands
from mutua.exchange.models import Offer
from mutua.exchange.models import Request

from . import cells
from .sheets import FileProblem

KINDS = ("organizations", "requests", "offers")
KIND_NAMES = {
    "organizations": gettext_lazy("organizations"),
    "requests": gettext_lazy("requests"),
    "offers": gettext_lazy("offers"),
}


@dataclass(frozen=True)
class Column:
    name: str
    parse: cells.Parse
    required: bool = False
    example: str = ""


UUID = Column("uuid", cells.uuid, example="")
TARGETS = Column("targets", cells.targets, example="4;20")
MODALITIES = Column(
    "modalities",
    cells.terms(Modality, gettext_lazy("modality")),
    example="joint_training;networking",
)
RESOURCES = Column(
    "resources",
    cells.terms(ResourceType, gettext_lazy("resource type")),
    example="expertise",
)
LANGUAGES = Column(
    "languages",
    cells.terms(
        Language,
        gettext_lazy("language"),
        gettext_lazy("Use ISO 639-1 codes, such as en, fr, es."),
    ),
    example="en;fr",
)


def _required_text(model: type[Model], name: str, example: str) -> Column:
    return Column(name, cells.text(model, name), required=True, example=example)


def _texts(model: type[Model], examples: dict[str, str]) -> list[Column]:
    return [
        Column(name, cells.text(model, name), example=example)
        for name, example in examples.items()
    ]


ORGANIZATION_COLUMNS = [
    _required_text(Organization, "name", "Nyika Highlands Conservation Trust"),
    Column("country", cells.country, required=True, example="MWI"),
    Column("type", cells.choice(Organization.Type), required=True, example="ngo"),
    *_texts(
        Organization,
        {
            "website": "https://nyika.example.org",
            "description": "Restores montane grassland and forest on the Nyika plateau.",
        },
    ),
    UUID,
]

REQUEST_COLUMNS = [
    _required_text(Request, "title", "Barcoding of freshwater fish in Lake Malawi"),
    Column("country", cells.country, required=True, example="MWI"),
    Column("organization", cells.organization, example="Lilongwe Wetlands Trust"),
    *_texts(Request, {"contact_name": "Grace Banda", "contact_email": ""}),
    _required_text(
        Request,
        "challenge",
        "Cichlid species are declining and cannot be told apart in surveys.",
    ),
    *_texts(
        Request,
        {
            "barriers": "No DNA barcoding laboratory and no trained taxonomists.",
            "assistance_sought": "Training in DNA barcoding, to run national surveys.",
            "national_priorities": "NBSAP target 3: freshwater monitoring.",
            "thematic_areas": "freshwater; taxonomy",
        },
    ),
    TARGETS,
    MODALITIES,
    RESOURCES,
    LANGUAGES,
    Column("level", cells.choice(Request.Level), example="national"),
    Column(
        "beneficiaries",
        cells.list_of(Beneficiary.values, gettext_lazy("beneficiary")),
        example="iplc;youth",
    ),
    *_texts(
        Request,
        {
            "beneficiaries_detail": "",
            "other_governments": "",
            "existing_initiatives": "",
            "other_programmes": "",
            "objectives": "",
            "activities": "",
            "expected_outputs": "",
            "expected_outcomes": "",
            "indicators": "",
            "co_financing": "",
        },
    ),
    Column("budget_amount", cells.decimal, example="15000"),
    Column("budget_currency", cells.currency, example="USD"),
    Column("start_date", cells.date, example=""),
    Column("end_date", cells.date, example=""),
    Column("touches_iplc_lands", cells.choice(IplcLands), example="no"),
    UUID,
]

OFFER_COLUMNS = [
    _required_text(Offer, "title", "DNA barcoding laboratory training"),
    # The country comes first: it tells organizations of the same name apart.
    Column("country", cells.country, example="ZAF"),
    Column("organization", cells.organization, example="University of Cape Town"),
    *_texts(Offer, {"contact_name": "", "contact_email": ""}),
    _required_text(
        Offer, "description", "Two-week hands-on course on barcoding freshwater fauna."
    ),
    *_texts(Offer, {"track_record": ""}),
    TARGETS,
    MODALITIES,
    RESOURCES,
    LANGUAGES,
    Column("serves", cells.serves, example="002;BRA"),
    Column("serves_as", cells.choice(Offer.Serves), example="preference"),
    Column(
        "eligibility",
        cells.list_of(
            [g.value for g in ELIGIBILITY_GROUPS], gettext_lazy("country group")
        ),
        example="LDC;SIDS",
    ),
    Column("capacity", cells.integer, example="2"),
    *_texts(Offer, {"funding": "Travel and accommodation of two trainees."}),
    Column("covers_operational_costs", cells.boolean, example="yes"),
    Column("valid_from", cells.date, example=""),
    Column("valid_until", cells.date, required=True, example="{next_year}-12-31"),
    UUID,
]

COLUMNS: dict[str, list[Column]] = {
    "organizations": ORGANIZATION_COLUMNS,
    "requests": REQUEST_COLUMNS,
    "offers": OFFER_COLUMNS,
}


def template_csv(kind: str, *, today: dt.date) -> str:
    """A blank template: the header row and one example row."""
    columns = COLUMNS[kind]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    writer.writerow([c.example.format(next_year=today.year + 1) for c in columns])
    return "\ufeff" + out.getvalue()


def infer_kind(header: list[str]) -> str:
    """The kind whose columns the header names most; ties are not guessed."""
    names = set(header)
    scores = {k: len(names & {c.name for c in cols}) for k, cols in COLUMNS.items()}
    best = max(scores.values())
    winners = [kind for kind, score in scores.items() if score == best]
    if best == 0 or len(winners) > 1:
        raise FileProblem(
            _(
                "The header row does not tell whether the file holds organizations, "
                "requests or offers: choose the kind, or start from a template."
            )
        )
    return winners[0]
