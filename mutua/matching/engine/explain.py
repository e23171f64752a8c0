"""Plain-language reasons for a suggestion, from the engine's (code, details).

"Both work in French; provider in the same subregion (Western Africa) —
South-South; covers GBF targets 2 and 3".
"""

from collections.abc import Callable
from collections.abc import Iterable

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

Names = Callable[[str, str], str]  # (kind, code) -> label


def _codes(name: Names, kind: str, codes: Iterable) -> str:
    return get_text_list([name(kind, str(c)) for c in codes], _("and"))


def _phrase(reason: tuple, name: Names) -> str:
    code, *details = reason
    match code:
        case "language":
            return _("Both work in %(languages)s") % {
                "languages": _codes(name, "language", details[0])
            }
        case "subregion":
            return _("provider in the same subregion (%(area)s)") % {"area": details[0]}
        case "region":
            return _("provider in the same region (%(area)s)") % {"area": details[0]}
        case "serves":
            return _("serves %(place)s") % {"place": details[0]}
        case "worked_there":
            return _("has worked in %(place)s") % {"place": details[0]}
        case "worked_nearby":
            return _("has worked nearby (%(area)s)") % {"area": details[0]}
        case "targets":
            return ngettext(
                "covers GBF target %(targets)s",
                "covers GBF targets %(targets)s",
                len(details[0]),
            ) % {"targets": get_text_list([str(t) for t in details[0]], _("and"))}
        case "modalities":
            return _("offers %(modalities)s") % {
                "modalities": _codes(name, "modality", details[0]).lower()
            }
        case "resources":
            return _("brings %(resources)s") % {
                "resources": _codes(name, "resource", details[0]).lower()
            }
        case "text":
            return _("close in wording to the request")
        case "track_record":
            return ngettext(
                "%(n)d partnership completed",
                "%(n)d partnerships completed",
                details[0],
            ) % {"n": details[0]}
        case "capacity":
            return ngettext("%(n)d place left", "%(n)d places left", details[0]) % {
                "n": details[0]
            }
    return ""


def describe(reasons: Iterable[tuple], name: Names = lambda kind, code: code) -> str:
    """One sentence: reasons joined by semicolons, cooperation type after a dash."""
    phrases: list[str] = []
    for reason in reasons:
        if reason[0] in ("south_south", "triangular") and phrases:
            label = _("South-South") if reason[0] == "south_south" else _("triangular")
            phrases[-1] = f"{phrases[-1]} — {label}"
            continue
        if reason[0] in ("south_south", "triangular"):
            phrases.append(
                _("South-South") if reason[0] == "south_south" else _("triangular")
            )
            continue
        phrases.append(_phrase(reason, name))
    sentence = "; ".join(p for p in phrases if p)
    return sentence[:1].upper() + sentence[1:]
