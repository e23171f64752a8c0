"""Names in the reader's language: of ISO codes (countries, languages,
currencies) from the translations pycountry ships (Debian's iso-codes, kept by
translators of every language), and of shipped data from its own translations."""

import functools
import gettext

import pycountry
from django.utils.translation import get_language
from django.utils.translation import to_locale

# pycountry names its catalogues by country where Django names the script.
CATALOGUES = {"zh_Hans": "zh_CN", "zh_Hant": "zh_TW"}


@functools.cache
def _catalogue(domain: str, locale: str) -> gettext.NullTranslations:
    return gettext.translation(
        domain, pycountry.LOCALES_DIR, languages=[locale], fallback=True
    )


def iso_names(domain: str) -> gettext.NullTranslations:
    """The catalogue of `domain` ("iso3166-1", "iso639-3", "iso4217") in the
    active language; a name it lacks is given back in English."""
    locale = to_locale(get_language() or "en")
    return _catalogue(domain, CATALOGUES.get(locale, locale))


def iso_name(domain: str, record, english: str) -> str:
    """The translation of an ISO record's name in the active language, or `english`
    (in English, without a record, or where the catalogue has no translation)."""
    if record is None or get_language() in (None, "en"):
        return english
    translated = iso_names(domain).gettext(record.name)
    return english if translated == record.name else translated


def country_name(iso3: str, english: str) -> str:
    """A country's name in the active language: ISO 3166-1's, as pycountry's
    translators give it; in English, or where none is at hand, `english`."""
    return iso_name("iso3166-1", pycountry.countries.get(alpha_3=iso3), english)


def in_language(names: dict[str, str], english: str) -> str:
    """The name in the active language from {language code: name}, or `english`."""
    return names.get(get_language() or "en") or english
