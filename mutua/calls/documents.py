"""The kind of an uploaded attachment, told from its content, never its name.

A name is whatever the uploader typed; the content decides how a file is served.
"""

import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.translation import gettext_lazy as _

MAX_BYTES = 10 * 1024 * 1024
"""The largest attachment accepted, checked before its kind is told: an
application's documents are a few pages, and a large upload is never opened."""

PDF = "pdf"
DOCX = "docx"
XLSX = "xlsx"
ODT = "odt"


@dataclass(frozen=True)
class Kind:
    label: str
    content_type: str
    extension: str


KINDS = {
    PDF: Kind(_("PDF document"), "application/pdf", "pdf"),
    DOCX: Kind(
        _("Word document"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    XLSX: Kind(
        _("Excel workbook"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    ODT: Kind(_("OpenDocument text"), "application/vnd.oasis.opendocument.text", "odt"),
}

_ODT_MIMETYPE = KINDS[ODT].content_type.encode()


def kind_of(file: BinaryIO) -> str | None:
    """PDF, DOCX, XLSX or ODT (a key of KINDS), or None for anything else.

    Reads the start of the file and a ZIP's list of names, never a large member,
    and leaves the file at its start, where whoever stores it reads from.
    """
    try:
        file.seek(0)
        head = file.read(5)
        if head == b"%PDF-":
            return PDF
        # A ZIP from its first byte, not one appended to something else.
        if head[:4] != b"PK\x03\x04" or not zipfile.is_zipfile(file):
            return None
        return _zipped_kind(file)
    finally:
        file.seek(0)


def _zipped_kind(file: BinaryIO) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                return XLSX
            if "mimetype" not in names:
                return None
            with archive.open("mimetype") as member:
                # One byte more than the type, so that a longer one differs.
                mimetype = member.read(len(_ODT_MIMETYPE) + 1)
    # A broken archive fails in the ways of each compression its members use.
    except Exception:
        return None
    return ODT if mimetype == _ODT_MIMETYPE else None
