"""Reads of calls, by concern; every name is here too, as callers read them."""

from .applications import application_details
from .applications import applications_of
from .applications import applications_to
from .applications import partnerships_of
from .assessment import Applied
from .assessment import AssessedApplication
from .assessment import PanelWork
from .assessment import Reported
from .assessment import ReportScope
from .assessment import Sheet
from .assessment import assessment_overview
from .assessment import assessment_report
from .assessment import assessments_of
from .assessment import panel_names
from .assessment import sheet_initial
from .assessment import sheets_of
from .assessment import shortlist
from .calls_and_questions import CallFilters
from .calls_and_questions import call_details
from .calls_and_questions import calls
from .calls_and_questions import drafts_run_by
from .calls_and_questions import published_questions
from .calls_and_questions import questions_asked_by
from .calls_and_questions import unanswered_questions

__all__ = [
    "Applied",
    "AssessedApplication",
    "CallFilters",
    "PanelWork",
    "ReportScope",
    "Reported",
    "Sheet",
    "application_details",
    "applications_of",
    "applications_to",
    "assessment_overview",
    "assessment_report",
    "assessments_of",
    "call_details",
    "calls",
    "drafts_run_by",
    "panel_names",
    "partnerships_of",
    "published_questions",
    "questions_asked_by",
    "sheet_initial",
    "sheets_of",
    "shortlist",
    "unanswered_questions",
]
