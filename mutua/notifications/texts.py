"""The words of notifications, in the reader's language.

A notification keeps its sentence in English, as marked for translation where
the event happens (`gettext_noop`), with its values apart: whoever reads it,
in the inbox or an e-mail, reads it in their own language.
"""

from contextlib import contextmanager

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext


def sentence(notification) -> str:
    """The notification's sentence in the active language, its values filled in."""
    try:
        return gettext(notification.sentence) % notification.values
    except (KeyError, TypeError, ValueError):
        # A translation that lost a placeholder: the English still reads.
        return notification.sentence % notification.values


def language_of(user) -> str:
    profile = getattr(user, "profile", None)
    return (profile and profile.language) or settings.LANGUAGE_CODE


@contextmanager
def in_language_of(user):
    with translation.override(language_of(user)):
        yield
