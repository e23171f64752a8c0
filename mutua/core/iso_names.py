"""Names of ISO codes (countries, languages, currencies) in the reader's language,
from the translations pycountry ships (Debian's iso-codes, kept by translators
of every language)."""

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
