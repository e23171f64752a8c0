"""The words of notifications, in the reader's language.

A notification keeps its sentence in English, as marked for translation where
the event happens (`gettext_noop`), with its values apart: whoever reads it,
in the inbox or an e-mail, reads it in their own language, a country's name
and a date included.
"""

from contextlib import contextmanager

from django.conf import settings
from django.utils import translation
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext

from mutua.core.local_names import country_name


def country_values(country) -> dict[str, str]:
    """A country among a notification's values: its English name, and the code
    by which each reader reads the name in its own language (`sentence`)."""
    return {"country": country.name, "country_iso3": country.iso3}


def sentence(notification) -> str:
    """The notification's sentence in the active language, its values filled in."""
    values = notification.values
    if "country_iso3" in values:
        values = values | {
            "country": country_name(values["country_iso3"], values["country"])
        }
    day = parse_date(values.get("date", ""))
    if day is not None:  # an ISO date, written as the reader's pages write dates
        values = values | {"date": date_format(day)}
    try:
        return gettext(notification.sentence) % values
    except (KeyError, TypeError, ValueError):
        # A translation that lost a placeholder: the English still reads.
        return notification.sentence % values


def language_of(user) -> str:
    profile = getattr(user, "profile", None)
    return (profile and profile.language) or settings.LANGUAGE_CODE


@contextmanager
def in_language_of(user):
    with translation.override(language_of(user)):
        yield
