"""The French and Spanish catalogs: complete, compiled, and served to visitors.

The catalogs are read as files (a small PO reader and a small MO reader) so that
a missing, fuzzy or stale translation fails here rather than showing English on
a page; the pages are then checked through HTTP, as a browser asks for them.
"""

import ast
import re
import struct
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from mutua.exchange.models import Request
from mutua.exchange.services.requests import request_create
from mutua.exchange.services.requests import request_transition
from mutua.testing.builders import request_fields

# Every language the project ships but English, as its catalog names it.
LANGUAGES = [
    translation.to_locale(code) for code, _ in settings.LANGUAGES if code != "en"
]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
TAG = re.compile(r"</?([a-z]+)")
HREF = re.compile(r'href="([^"]*)"')


@dataclass
class Entry:
    """One message of a PO file, with its strings as the file spells them."""

    strings: dict[str, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def msgid(self) -> str:
        return self.strings.get("msgid", "")

    @property
    def plural(self) -> str | None:
        return self.strings.get("msgid_plural")

    @property
    def translations(self) -> list[str]:
        keys = sorted(k for k in self.strings if k.startswith("msgstr"))
        return [self.strings[k] for k in keys]

    @property
    def key(self) -> str:
        """The entry's original as a compiled catalog stores it."""
        context = self.strings.get("msgctxt")
        original = self.msgid if context is None else f"{context}\x04{self.msgid}"
        return original if self.plural is None else f"{original}\x00{self.plural}"


def read_po(path: Path) -> list[Entry]:
    """The entries of a PO file, the header first."""
    entries: list[Entry] = []
    entry, key = Entry(), ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if line.startswith("#~"):  # an obsolete entry: its strings follow the mark
            entry.obsolete, line = True, line[2:].strip()
        if not line:
            if entry.strings:
                entries.append(entry)
            entry, key = Entry(), ""
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry.strings[key] += ast.literal_eval(line)
        else:
            key, _space, value = line.partition(" ")
            entry.strings[key] = ast.literal_eval(value)
    return entries


def read_mo(path: Path) -> dict[str, str]:
    """The originals and translations of a compiled catalog (GNU MO format)."""
    data = path.read_bytes()
    order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"
    _revision, count, originals, translations = struct.unpack(f"{order}4I", data[4:20])

    def string(table: int, index: int) -> str:
        start = table + 8 * index
        length, offset = struct.unpack(f"{order}2I", data[start : start + 8])
        return data[offset : offset + length].decode("utf-8")

    return {string(originals, i): string(translations, i) for i in range(count)}


def catalog(language: str, suffix: str) -> Path:
    return (
        Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / f"django.{suffix}"
    )


def plural_count(header: Entry) -> int:
    found = re.search(r"nplurals=(\d+)", header.translations[0])
    assert found, "the header names no plural forms"
    return int(found.group(1))


# The catalogs -------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    header, *messages = read_po(catalog(language, "po"))
    assert header.msgid == "" and f"Language: {language}\n" in header.translations[0]
    assert "fuzzy" not in header.flags
    forms = plural_count(header)
    assert len(messages) > 400
    untranslated = [e.msgid for e in messages if not all(e.translations)]
    fuzzy = [e.msgid for e in messages if "fuzzy" in e.flags]
    obsolete = [e.msgid for e in messages if e.obsolete]
    short = [e.msgid for e in messages if e.plural and len(e.translations) != forms]
    assert (untranslated, fuzzy, obsolete, short) == ([], [], [], [])


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_tags_and_links(language):
    def shape(text: str):
        return (
            sorted(PLACEHOLDER.findall(text)),
            sorted(TAG.findall(text)),
            sorted(HREF.findall(text)),
        )

    _header, *messages = read_po(catalog(language, "po"))
    broken = [
        (e.msgid, translated)
        for e in messages
        for translated in e.translations
        if shape(translated) != shape(e.plural or e.msgid)
    ]
    assert broken == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_matches_its_source(language):
    entries = read_po(catalog(language, "po"))
    expected = {e.key: "\x00".join(e.translations) for e in entries}
    # msgfmt leaves the creation date of the template out of the compiled header.
    expected[""] = re.sub(r"POT-Creation-Date: [^\n]*\n", "", expected[""])
    assert read_mo(catalog(language, "mo")) == expected


@pytest.mark.parametrize(
    ("language", "request_", "offer", "reject", "results"),
    [
        ("fr", "Demandes", "Offres", "rejeter", ["1 résultat", "2 résultats"]),
        ("es", "Solicitudes", "Ofertas", "rechazar", ["1 resultado", "2 resultados"]),
        ("ru", "Запросы", "Предложения", "отклонить", ["1 результат", "2 результата"]),
        ("zh-hans", "需求", "供给", "拒绝", ["1 个结果", "2 个结果"]),
        ("ar", "الطلبات", "العروض", "رفض", ["1 نتيجة", "2 نتيجتان"]),
    ],
)
def test_django_finds_the_translations_of_known_strings(
    language, request_, offer, reject, results
):
    with translation.override(language):
        assert translation.gettext("Requests") == request_
        assert translation.gettext("Offers") == offer
        assert translation.pgettext("lifecycle verb", "reject") == reject
        assert [
            translation.ngettext("%(counter)s result", "%(counter)s results", n)
            % {"counter": n}
            for n in (1, 2)
        ] == results


def test_french_uses_the_singular_for_zero():
    with translation.override("fr"):
        text = translation.ngettext("%(counter)s result", "%(counter)s results", 0) % {
            "counter": 0
        }
    assert text == "0 résultat"


# The pages ----------------------------------------------------------------------


def published(people) -> Request:
    draft = request_create(
        by=people.focal_point, country=people.malawi, **request_fields()
    )
    submitted = request_transition(
        request=draft, action="submit", by=people.focal_point
    )
    return request_transition(
        request=submitted, action="publish", by=people.coordinator
    )


def test_the_home_page_speaks_french_to_a_french_browser(client, people):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,en;q=0.5")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr" dir="ltr"' in body
    assert "Coopération technique et scientifique en matière de biodiversité" in body
    assert "Dernières demandes" in body and "Latest requests" not in body
    assert ">Demandes</a>" in body and ">Se connecter</a>" in body


def test_the_request_list_speaks_french_to_a_french_browser(client, people):
    published(people)
    response = client.get("/requests/", HTTP_ACCEPT_LANGUAGE="fr")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Demandes · Mutua</title>" in body
    assert "1 résultat" in body
    assert "Cible du Cadre mondial" in body and "Appliquer les filtres" in body
    assert "GBF target" not in body and "Apply filters" not in body


def test_choosing_spanish_keeps_every_page_in_spanish(client, people):
    published(people)
    response = client.post(
        reverse("set_language"), {"language": "es", "next": "/requests/"}
    )
    assert response.status_code == 302 and response["Location"] == "/requests/"
    body = client.get("/requests/").content.decode()
    assert '<html lang="es" dir="ltr"' in body
    assert "<title>Solicitudes · Mutua</title>" in body and "1 resultado" in body
    assert "Meta del Marco Mundial" in body and "Aplicar los filtros" in body
    home = client.get("/").content.decode()
    assert "Cooperación técnica y científica en materia de biodiversidad" in home
    assert "Últimas solicitudes" in home


def test_an_unknown_language_gets_english(client, people):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="en" dir="ltr"' in body and "Latest requests" in body


def test_the_switcher_names_each_language_in_that_language(client, people):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    names = re.findall(
        r'<button class="link" name="language"[^>]*>([^<]*)</button>', body
    )
    assert names == ["العربيّة", "简体中文", "English", "Français", "Русский", "Español"]


def test_arabic_reads_right_to_left(client, people):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl"' in body
    assert "الطلبات" in body


def test_a_refusal_from_the_services_comes_in_the_visitors_language(client, people):
    request = request_transition(
        request=request_create(
            by=people.focal_point, country=people.malawi, **request_fields()
        ),
        action="submit",
        by=people.focal_point,
    )
    client.force_login(people.coordinator)
    url = reverse(
        "exchange:request_action", kwargs={"uuid": request.uuid, "action": "reject"}
    )
    response = client.post(url, {"reason": " "}, follow=True, HTTP_ACCEPT_LANGUAGE="fr")
    assert "Indiquez le motif pour rejeter." in response.content.decode()
    request.refresh_from_db()
    assert request.status == Request.Status.UNDER_REVIEW


def test_import_problems_come_in_the_visitors_language(client, people):
    client.force_login(people.member)
    upload = SimpleUploadedFile("rows.csv", b"title,colour\nMangroves,red\n")
    response = client.post(
        "/import/",
        {"file": upload, "kind": "requests"},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert "Columna desconocida (columna B) para solicitudes." in body
    assert "Falta una columna obligatoria." in body
    assert not Request.objects.exists()


def test_a_signed_in_users_choice_of_language_is_kept_for_the_emails(client, people):
    client.force_login(people.member)
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    assert response.status_code == 302
    assert people.member.profile.language == "ar"
    assert 'dir="rtl"' in client.get("/").content.decode()
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    people.member.profile.refresh_from_db()
    assert people.member.profile.language == "ar"


def test_a_visitors_choice_of_language_is_kept_by_the_browser_only(client, people):
    response = client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    assert response.status_code == 302
    assert "Запросы" in client.get("/").content.decode()
