"""The assessment report of a call as a PDF (¶47 a iv), from what
`selectors.assessment_report` read: no database here.

Drawn with ReportLab's page layout (platypus); user text is escaped, as its
paragraphs read a little markup.
"""

import io
from xml.sax.saxutils import escape

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph
from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from reportlab.platypus import TableStyle

from .assessment import FUNDING_RULE
from .assessment import TIE_RULE

STYLES = getSampleStyleSheet()
GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
    ]
)


def _p(text, style: str = "BodyText") -> Paragraph:
    return Paragraph(escape(str(text)), STYLES[style])


def _number(value) -> str:
    return "—" if value is None else formats.number_format(value, 1)


def _entry(reported) -> list:
    application = reported.application
    organization = application.organization
    heading = (
        f"{application.rank or '—'}. {application.title} — {organization.name}"
        f" ({organization.country.name})"
    )
    facts = _(
        "%(outcome)s · total %(total)s out of 100 · %(assessors)d assessors"
        " · %(conflicts)d conflicts of interest declared"
    ) % {
        "outcome": application.get_outcome_display()
        or application.get_status_display(),
        "total": _number(application.total),
        "assessors": reported.assessors,
        "conflicts": reported.conflicts,
    }
    rows = [[_("Criterion"), _("Weight"), _("Mean score"), _("Spread"), _("Comments")]]
    for applied in reported.criteria:
        spread = (
            "—" if applied.lowest is None else f"{applied.lowest}–{applied.highest}"
        )
        comments = Paragraph(
            "<br/>".join(escape(c) for c in applied.comments) or "—",
            STYLES["BodyText"],
        )
        rows.append(
            [_p(applied.name), applied.weight, _number(applied.mean), spread, comments]
        )
    table = Table(
        rows, colWidths=[4.5 * cm, 1.4 * cm, 1.8 * cm, 1.6 * cm, 7.7 * cm], repeatRows=1
    )
    table.setStyle(GRID)
    return [_p(heading, "Heading4"), _p(facts), table, Spacer(1, 0.4 * cm)]


def report_pdf(call, scopes) -> bytes:
    """The report: the call, its rules, then each scope's applications in rank order."""
    story = [
        _p(_("Assessment report"), "Title"),
        _p(call.title, "Heading2"),
        _p(f"{call.get_kind_display()} · {call.scope} · {call.get_status_display()}"),
        _p(
            _(
                "Each criterion is scored from 0 to %(scale)d; the weighted total is "
                "out of 100."
            )
            % {"scale": call.scale}
        ),
        _p(TIE_RULE),
    ]
    if call.kind == call.Kind.GRANT:
        story.append(_p(FUNDING_RULE))
    for scope in scopes:
        story.append(_p(scope.name, "Heading3"))
        for reported in scope.entries:
            story += _entry(reported)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{_('Assessment report')}: {call.title}",
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
    )
    document.build(story)
    return buffer.getvalue()
