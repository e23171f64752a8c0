"""An attachment's kind, told from real files built in memory, whatever their name."""

import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from mutua.calls.documents import DOCX
from mutua.calls.documents import KINDS
from mutua.calls.documents import ODT
from mutua.calls.documents import PDF
from mutua.calls.documents import XLSX
from mutua.calls.documents import kind_of

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n"
ODT_TYPE = "application/vnd.oasis.opendocument.text"


def _zip(members: dict[str, str]) -> io.BytesIO:
    file = io.BytesIO()
    with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    file.seek(0)
    return file


def _docx() -> io.BytesIO:
    return _zip(
        {
            "[Content_Types].xml": "<Types/>",
            "_rels/.rels": "<Relationships/>",
            "word/document.xml": "<w:document/>",
        }
    )


def _xlsx() -> io.BytesIO:
    file = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "Budget"
    workbook.save(file)
    return file


def _odt(mimetype: str = ODT_TYPE) -> io.BytesIO:
    file = io.BytesIO()
    with zipfile.ZipFile(file, "w") as archive:
        archive.writestr("mimetype", mimetype, zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return file


@pytest.mark.parametrize(
    ("file", "kind"),
    [
        (io.BytesIO(PDF_BYTES), PDF),
        (_docx(), DOCX),
        (_xlsx(), XLSX),
        (_odt(), ODT),
        (io.BytesIO(b""), None),
        (io.BytesIO(b"hello"), None),
        (io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(24)), None),
        (_zip({"notes.txt": "a random archive"}), None),
        (_zip({"[Content_Types].xml": "<Types/>"}), None),  # neither text nor sheet
        (_odt("application/vnd.oasis.opendocument.spreadsheet"), None),
        (_odt(ODT_TYPE + "-template"), None),  # the type exactly, no more
        (io.BytesIO(_docx().getvalue()[:60]), None),  # cut short
        (io.BytesIO(b"<html>" + _docx().getvalue()), None),  # not from its start
    ],
)
def test_the_kind_is_told_from_the_content(file, kind):
    file.seek(3)
    assert kind_of(file) == kind
    assert file.tell() == 0


def test_the_name_counts_for_nothing(tmp_path):
    fake = tmp_path / "budget.pdf"
    fake.write_bytes(b"hello")
    real = tmp_path / "budget.txt"
    real.write_bytes(PDF_BYTES)
    with fake.open("rb") as file:
        assert kind_of(file) is None
    with real.open("rb") as file:
        assert kind_of(file) == PDF


def test_a_broken_archive_is_no_kind():
    data = bytearray(_docx().getvalue())
    directory = data.index(b"PK\x01\x02")
    data[directory : directory + 4] = b"XXXX"
    assert zipfile.is_zipfile(io.BytesIO(data))
    assert kind_of(io.BytesIO(bytes(data))) is None


@given(st.sampled_from([b"", b"%PDF-", b"PK\x03\x04"]), st.binary(max_size=2000))
def test_any_bytes_get_a_kind_or_none_and_the_file_is_left_at_its_start(head, rest):
    file = io.BytesIO(head + rest)
    assert kind_of(file) in {*KINDS, None}
    assert file.tell() == 0


def test_each_kind_is_served_as_itself():
    assert {key: (k.content_type, k.extension) for key, k in KINDS.items()} == {
        PDF: ("application/pdf", "pdf"),
        DOCX: (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        XLSX: (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        ODT: (ODT_TYPE, "odt"),
    }
    assert all(str(kind.label) for kind in KINDS.values())
