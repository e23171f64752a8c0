"""Writes of documents: a call's own, and an application's attachments.

A file is taken only if its content is a PDF, DOCX, XLSX or ODT document
(`documents.kind_of`, whatever its name says), not empty, and not over the cap.
"""

from pathlib import PurePath

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from mutua.core.errors import PermissionDenied
from mutua.core.errors import TransitionError
from mutua.core.errors import ValidationError

from ..access import may_run_call
from ..access import owns_application
from ..documents import MAX_BYTES
from ..documents import kind_of
from ..models import Application
from ..models import Call
from ..models import Document
from .applications import editable_for

MAX_DOCUMENTS = 10


def _checked(upload: UploadedFile | None) -> str:
    """The file's kind, or a refusal naming the field and why."""
    if upload is None or not upload.size:
        raise ValidationError({"file": _("The file is empty: choose another.")})
    if upload.size > MAX_BYTES:
        raise ValidationError(
            {"file": _("A file is at most %(mb)d MB.") % {"mb": MAX_BYTES // 2**20}}
        )
    kind = kind_of(upload)
    if kind is None:
        raise ValidationError(
            {
                "file": _(
                    "Send a PDF, DOCX, XLSX or ODT document: this file is none of "
                    "them, whatever its name says."
                )
            }
        )
    return kind


def store(
    call: Call, application: Application | None, upload: UploadedFile, by: User
) -> Document:
    """Keep a checked file as a document of the call or of one application."""
    kind = _checked(upload)
    held = Document.objects.filter(call=call, application=application).count()
    if held >= MAX_DOCUMENTS:
        raise ValidationError(
            {
                "file": _("At most %(n)d documents: remove one first.")
                % {"n": MAX_DOCUMENTS}
            }
        )
    name = PurePath(upload.name or "document").name[:200] or "document"
    document = Document(
        call=call,
        application=application,
        name=name,
        kind=kind,
        size=upload.size,
        uploaded_by=by,
    )
    document.file.save(name, upload, save=False)
    try:
        document.full_clean()
        document.save()
    except Exception:
        document.file.delete(save=False)  # nothing half-written is left behind
        raise
    return document


@transaction.atomic
def document_add_to_call(*, call: Call, by: User, upload: UploadedFile) -> Document:
    """A document of the call itself: public once the call is."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if not may_run_call(by, call):
        raise PermissionDenied(_("Only those who run this call add its documents."))
    if call.status not in (Call.Status.DRAFT, Call.Status.OPEN):
        raise TransitionError(_("Documents are added while the call is open."))
    return store(call, None, upload, by)


@transaction.atomic
def document_add_to_application(
    *, application: Application, by: User, upload: UploadedFile
) -> Document:
    """An attachment of an application, until its call closes."""
    application = editable_for(application, by)
    return store(application.call, application, upload, by)


@transaction.atomic
def document_remove(*, document: Document, by: User) -> None:
    document = Document.objects.select_related(
        "call", "application__organization", "application__call"
    ).get(pk=document.pk)
    if document.application is not None:
        if not owns_application(by, document.application):
            raise PermissionDenied(_("Only the applying organization removes this."))
        editable_for(document.application, by)
    elif not may_run_call(by, document.call):
        raise PermissionDenied(_("Only those who run this call remove its documents."))
    document.delete()
    transaction.on_commit(lambda: document.file.delete(save=False))
