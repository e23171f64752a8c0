"""The words of notifications, in the reader's language.

A notification keeps its sentence in English, as marked for translation where
the event happens (`gettext_noop`), with its values apart: whoever reads it,
in the inbox or an e-mail, reads it in their own language, a country's name
and a date or a time included.
"""

from contextlib import contextmanager

from django.conf import settings
from django.utils import timezone
from django.utils import translation
from django.utils.dateparse import parse_date
from django.utils.dateparse import parse_datetime
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
    if "date" in values:
        values = values | {"date": _as_pages_write(values["date"])}
    try:
        return gettext(notification.sentence) % values
    except (KeyError, TypeError, ValueError):
        # A translation that lost a placeholder: the English still reads.
        return notification.sentence % values


def _as_pages_write(when: str) -> str:
    """An ISO date or time, written as the reader's pages write it (a time with its
    zone, as `calls/_when.html`); anything else as it is."""
    day = parse_date(when)
    if day is not None:
        return date_format(day)
    moment = parse_datetime(when)
    if moment is None or timezone.is_naive(moment):
        return when
    moment = timezone.localtime(moment)
    return f"{date_format(moment, 'DATETIME_FORMAT')} ({date_format(moment, 'T')})"


def language_of(user) -> str:
    profile = getattr(user, "profile", None)
    return (profile and profile.language) or settings.LANGUAGE_CODE


@contextmanager
def in_language_of(user):
    with translation.override(language_of(user)):
        yield
