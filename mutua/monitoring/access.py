"""Who may change what of monitoring: figures are public, the Theory of Change is
the secretariat's to change."""

from django.utils.translation import gettext as _

from mutua.core.errors import PermissionDenied
from mutua.directory import access as directory
from mutua.directory.access import Actor


def may_edit_theory(user: Actor) -> bool:
    return directory.is_secretariat(user)


def refuse_unless_theory_editor(user: Actor) -> None:
    if not may_edit_theory(user):
        raise PermissionDenied(
            _("Only the secretariat may change the Theory of Change.")
        )
