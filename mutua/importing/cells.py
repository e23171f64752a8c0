"""Turn the cells of an import file into the values the services take.

Each parser takes the cell, the reference data and the values already parsed
from the same row, and returns a value or raises `CellError` with a message
for the person who filled in the spreadsheet.
"""

import datetime as dt
import re
import uuid as uuid_lib
from collections.abc import Callable
from decimal import Decimal
from decimal import InvalidOperation
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.db.models import TextChoices
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from mutua.core.currencies import CODES
from mutua.core.text import fold
from mutua.directory.models import Country
from mutua.directory.models import GbfTarget
from mutua.directory.models import Language
from mutua.directory.models import Modality
from mutua.directory.models import Organization
from mutua.directory.models import Region
from mutua.directory.models import ResourceType

from .sheets import as_text

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SEPARATOR = re.compile(r"[;,]")


class CellError(Exception):
    """A cell whose value cannot be used; the message says why."""


class Lookups:
    """Reference data, loaded once per import."""

    @cached_property
    def countries(self) -> dict[str, Country]:
        countries = list(Country.objects.all())
        return {fold(c.name): c for c in countries} | {c.iso3: c for c in countries}

    @cached_property
    def regions(self) -> dict[str, Region]:
        return {r.code: r for r in Region.objects.all()}

    @cached_property
    def targets(self) -> dict[str, GbfTarget]:
        return {str(t.number): t for t in GbfTarget.objects.all()}

    @cached_property
    def terms(self) -> dict[type[Model], dict[str, Model]]:
        return {
            model: {t.code.lower(): t for t in model.objects.all()}
            for model in (Modality, ResourceType, Language)
        }

    def organization(self, value: str, country: Country | None) -> Organization:
        """The organization of that uuid or name; a country tells namesakes apart."""
        try:
            found = list(Organization.objects.filter(uuid=uuid_lib.UUID(value)))
        except ValueError:
            found = list(Organization.objects.filter(name__iexact=value))
        if len(found) > 1 and country is not None:
            found = [o for o in found if o.country_id == country.pk]
        if not found:
            raise CellError(_("Unknown organization: %(name)s.") % {"name": value})
        if len(found) > 1:
            raise CellError(
                _(
                    "Several organizations are named %(name)s: give the country, or "
                    "the organization's uuid."
                )
                % {"name": value}
            )
        return found[0]


Parse = Callable[[object, Lookups, dict], object]


def text(model: type[Model], name: str) -> Parse:
    """Free text, checked against the model field's length and validators."""
    model_field = model._meta.get_field(name)

    def parse(value, lookups, row):
        value = as_text(value)
        limit = model_field.max_length
        if limit and len(value) > limit:
            raise CellError(
                _("At most %(limit)s characters (this has %(length)s).")
                % {
                    "limit": number_format(limit, force_grouping=True),
                    "length": number_format(len(value), force_grouping=True),
                }
            )
        try:
            model_field.run_validators(value)
        except ValidationError as exc:
            raise CellError(" ".join(exc.messages)) from exc
        return value

    return parse


def choice(choices: type[TextChoices]) -> Parse:
    def parse(value, lookups, row):
        code = as_text(value).lower()
        if code not in choices.values:
            raise CellError(
                _("Unknown value: %(value)s. Use one of: %(codes)s.")
                % {"value": as_text(value), "codes": ", ".join(choices.values)}
            )
        return code

    return parse


def _unknown(what: str, codes: list[str], advice: str) -> str:
    return _("Unknown %(what)s: %(codes)s. %(advice)s") % {
        "what": what,
        "codes": ", ".join(codes),
        "advice": advice,
    }


def codes_of(value) -> list[str]:
    """The codes of a list cell, such as "4;20", without blanks or repeats."""
    codes = [code.strip() for code in SEPARATOR.split(as_text(value))]
    return list(dict.fromkeys(code for code in codes if code))


def terms(model: type[Model], what: str, hint: str = "") -> Parse:
    """Codes of a shipped taxonomy (modalities, resource types, languages)."""

    def parse(value, lookups, row):
        known = lookups.terms[model]
        codes = [code.lower() for code in codes_of(value)]
        unknown = [code for code in codes if code not in known]
        if unknown:
            advice = hint or _("Use one of: %(codes)s.") % {"codes": ", ".join(known)}
            raise CellError(_unknown(what, unknown, advice))
        return [known[code] for code in codes]

    return parse


def targets(value, lookups, row):
    codes = [code.upper().removeprefix("T") for code in codes_of(value)]
    unknown = [code for code in codes if code not in lookups.targets]
    if unknown:
        raise CellError(
            _("Unknown GBF target: %(codes)s. Targets are numbered 1 to 23.")
            % {"codes": ", ".join(unknown)}
        )
    return [lookups.targets[code] for code in codes]


def list_of(known: list[str], what: str) -> Parse:
    """Codes of a fixed list (beneficiaries, country groups), in their own case."""
    canonical = {code.lower(): code for code in known}

    def parse(value, lookups, row):
        codes = codes_of(value)
        unknown = [code for code in codes if code.lower() not in canonical]
        if unknown:
            advice = _("Use one of: %(codes)s.") % {"codes": ", ".join(known)}
            raise CellError(_unknown(what, unknown, advice))
        return [canonical[code.lower()] for code in codes]

    return parse


def country(value, lookups, row):
    name = as_text(value)
    found = lookups.countries.get(name.upper()) or lookups.countries.get(fold(name))
    if found is None:
        raise CellError(
            _("Unknown country: %(name)s. Use its ISO alpha-3 code, such as MWI.")
            % {"name": name}
        )
    return found


def organization(value, lookups, row):
    return lookups.organization(as_text(value), row.get("country"))


def serves(value, lookups, row):
    """Where an offer is available: M49 regions and ISO3 countries, or * for all."""
    codes = codes_of(value)
    if codes == ["*"]:
        return {"serves_everywhere": True}
    regions, countries, unknown = [], [], []
    for code in codes:
        if code.isdigit() and (region := lookups.regions.get(code.zfill(3))):
            regions.append(region)
        elif not code.isdigit() and (
            found := lookups.countries.get(code.upper())
            or lookups.countries.get(fold(code))
        ):
            countries.append(found)
        else:
            unknown.append(code)
    if unknown:
        raise CellError(
            _(
                "Unknown region or country: %(codes)s. Use M49 region codes (such "
                "as 014), ISO alpha-3 country codes (such as MWI), or *."
            )
            % {"codes": ", ".join(unknown)}
        )
    return {
        "serves_everywhere": False,
        "serves_regions": regions,
        "serves_countries": countries,
    }


def date(value, lookups, row):
    """A date cell of a workbook, or text written as YYYY-MM-DD."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    written = as_text(value)
    if DATE.fullmatch(written):
        try:
            return dt.date.fromisoformat(written)
        except ValueError:
            pass
    raise CellError(
        _("Not a date: %(value)s. Write dates as YYYY-MM-DD, such as 2026-03-31.")
        % {"value": written}
    )


def boolean(value, lookups, row):
    word = as_text(value).lower()
    if word in {"yes", "true", "1"}:
        return True
    if word in {"no", "false", "0"}:
        return False
    raise CellError(
        _("Not yes or no: %(value)s. Write yes, no, true, false, 1 or 0.")
        % {"value": word}
    )


def integer(value, lookups, row):
    written = as_text(value)
    if not re.fullmatch(r"-?\d+", written):
        raise CellError(_("Not a whole number: %(value)s.") % {"value": written})
    return int(written)


def decimal(value, lookups, row):
    written = as_text(value)
    try:
        number = Decimal(written)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise CellError(
            _("Not a number: %(value)s. Write it like 15000.50.") % {"value": written}
        )
    return number


def currency(value, lookups, row):
    code = as_text(value).upper()
    if code not in CODES:
        raise CellError(
            _("Not a currency code: %(code)s. Use ISO 4217, such as USD.")
            % {"code": code}
        )
    return code


def uuid(value, lookups, row):
    try:
        return uuid_lib.UUID(as_text(value))
    except ValueError as exc:
        raise CellError(
            _("Not a uuid: %(value)s.") % {"value": as_text(value)}
        ) from exc
