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
from reportlab.lib.styles import ParagraphStyle
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
STYLES.add(ParagraphStyle("Comment", parent=STYLES["BodyText"], fontSize=8, leading=10))
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
    """An application: its standing, a small table of the criteria by number
    (mean score and spread), then the assessors' comments as flowing text, which
    a long report lays out many times faster than text in table cells."""
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
    numbers = [str(n) for n in range(1, len(reported.criteria) + 1)]
    rows = [
        [_("Criterion"), *numbers],
        [_("Mean score"), *(_number(a.mean) for a in reported.criteria)],
        [
            _("Spread"),
            *(
                "—" if a.lowest is None else f"{a.lowest}–{a.highest}"
                for a in reported.criteria
            ),
        ],
    ]
    table = Table(rows, hAlign="LEFT")
    table.setStyle(GRID)
    story = [_p(heading, "Heading4"), _p(facts), table]
    for number, applied in zip(numbers, reported.criteria, strict=True):
        if applied.comments:
            story.append(_p(f"{number}. " + " · ".join(applied.comments), "Comment"))
    return [*story, Spacer(1, 0.3 * cm)]


def _criteria(call, scopes) -> Table:
    """The criteria by number, with their weights, once for the whole report."""
    first = next((r for scope in scopes for r in scope.entries), None)
    applied = first.criteria if first else []
    rows = [[_("Criterion"), "", _("Weight")]] + [
        [str(n), _p(a.name), a.weight] for n, a in enumerate(applied, 1)
    ]
    table = Table(rows, colWidths=[1.2 * cm, 13 * cm, 2 * cm], hAlign="LEFT")
    table.setStyle(GRID)
    return table


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
        _criteria(call, scopes),
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
