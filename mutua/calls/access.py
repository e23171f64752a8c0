"""Who may see and run calls.

The secretariat runs every call; a coordinator runs the calls of the region it
coordinates and of the regions within it. A call is public once it leaves its
draft; a draft exists only for those who may run it.
"""

from mutua.core.access import visible_or_404
from mutua.directory import access as directory
from mutua.directory.access import Actor
from mutua.directory.models import Region

from .models import Application
from .models import Call
from .models import Declaration
from .models import Document
from .models import Question
from .models import Selection


def _with_parents(region: Region) -> set[int]:
    ids = set()
    while region is not None:
        ids.add(region.pk)
        region = region.parent
    return ids


def runs_calls(user: Actor) -> bool:
    """The secretariat and every coordinator: they may draft calls."""
    return directory.is_secretariat(user) or bool(
        directory.coordinated_region_ids(user)
    )


def may_run_calls_for(user: Actor, region: Region | None) -> bool:
    """Create and run a call of this scope (None: a global call)."""
    if directory.is_secretariat(user):
        return True
    if region is None:
        return False
    return bool(directory.coordinated_region_ids(user) & _with_parents(region))


def may_run_call(user: Actor, call: Call) -> bool:
    return may_run_calls_for(user, call.region)


def may_see_call(user: Actor, call: Call) -> bool:
    return call.status != Call.Status.DRAFT or may_run_call(user, call)


def call_for_user(user: Actor, uuid) -> Call:
    """The call, or 404 for one that is missing or a draft not the user's to run."""
    calls = Call.objects.select_related("region__parent__parent")
    return visible_or_404(
        calls, uuid, user=user, rule=may_see_call, missing="No such call."
    )


# Applications and documents -------------------------------------------------------


def owns_application(user: Actor, application: Application) -> bool:
    """The members of the applying organization."""
    return directory.is_member(user, application.organization)


def may_see_application(user: Actor, application: Application) -> bool:
    """Its applicants, those who run its call, and the call's panel members who
    have declared no conflict with it; to anyone else it does not exist."""
    return (
        owns_application(user, application)
        or may_run_call(user, application.call)
        or may_open_for_assessment(user, application)
    )


def application_for_user(user: Actor, uuid) -> Application:
    applications = Application.objects.select_related(
        "call__region__parent__parent", "organization", "region", "partnership"
    )
    return visible_or_404(
        applications,
        uuid,
        user=user,
        rule=may_see_application,
        missing="No such application.",
    )


def may_see_document(user: Actor, document: Document) -> bool:
    if document.application_id:
        return may_see_application(user, document.application)
    return may_see_call(user, document.call)


def document_for_user(user: Actor, uuid) -> Document:
    documents = Document.objects.select_related(
        "call__region__parent__parent",
        "application__organization",
        "application__call__region__parent__parent",
    )
    return visible_or_404(
        documents, uuid, user=user, rule=may_see_document, missing="No such document."
    )


def may_see_question(user: Actor, question: Question) -> bool:
    """A published question is the call's; before that, the asker's and those
    who run the call's only."""
    if question.published_at is not None:
        return may_see_call(user, question.call)
    return (user.is_authenticated and question.asked_by_id == user.pk) or may_run_call(
        user, question.call
    )


def question_for_user(user: Actor, uuid) -> Question:
    questions = Question.objects.select_related("call__region__parent__parent")
    return visible_or_404(
        questions, uuid, user=user, rule=may_see_question, missing="No such question."
    )


# The panel ----------------------------------------------------------------------


def sits_on_panel(user: Actor, call: Call) -> bool:
    return user.is_authenticated and call.panel.filter(user=user).exists()


def declaration_of(user: Actor, application: Application) -> Declaration | None:
    if not user.is_authenticated:
        return None
    return application.declarations.filter(assessor=user).first()


def may_declare(user: Actor, application: Application) -> bool:
    """A panel member, on a submitted application of a call under assessment."""
    call = application.call
    return (
        call.status == Call.Status.ASSESSMENT
        and application.status == Application.Status.SUBMITTED
        and sits_on_panel(user, call)
    )


def may_open_for_assessment(user: Actor, application: Application) -> bool:
    """A panel member who has declared no conflict with the application."""
    if not may_declare(user, application):
        return False
    declaration = declaration_of(user, application)
    return declaration is not None and not declaration.conflict


def may_score(user: Actor, application: Application) -> bool:
    return application.call.assessment_closed_at is None and may_open_for_assessment(
        user, application
    )


def may_see_all_scores(user: Actor, call: Call) -> bool:
    """Every score and comment of a call: those who run it. Nobody else sees
    anything of the assessment before the shortlist is published."""
    return may_run_call(user, call)


def may_see_others_scores(user: Actor, application: Application) -> bool:
    """An assessor sees the others' scores of an application once it has
    submitted its own."""
    if may_see_all_scores(user, application.call):
        return True
    return (
        user.is_authenticated
        and application.sheets.filter(assessor=user).exclude(submitted_at=None).exists()
    )


PUBLISHED_RESULTS = (
    Call.Status.SHORTLISTED,
    Call.Status.SELECTED,
    Call.Status.COMPLETED,
)


def may_see_report(user: Actor, call: Call) -> bool:
    """The shortlist and the assessment report: everyone once published (the
    assessors' comments without their names); before that, those who run it."""
    return call.status in PUBLISHED_RESULTS or may_run_call(user, call)


def selection_for_user(user: Actor, uuid) -> Selection:
    """A selection is public with its call."""
    selections = Selection.objects.select_related(
        "call__region__parent__parent",
        "application__organization__country",
        "application__region",
        "agreement",
    )
    return visible_or_404(
        selections,
        uuid,
        user=user,
        rule=lambda user, found: may_see_call(user, found.call),
        missing="No such selection.",
    )
