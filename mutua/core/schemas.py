"""Shapes every API endpoint shares: the errors, strict inputs, and pages.

Request bodies are strict: unknown fields, over-long text and NUL characters are
refused with the field named. What a schema can say (a rule between fields,
text that must say something, ISO dates), it says in the API description.
"""

import datetime as dt
import re
from typing import Annotated
from typing import Any

from django.db.models import Model
from django.db.models import QuerySet
from django.http import Http404
from django.http import HttpRequest
from ninja import Field
from ninja import Schema
from pydantic import BeforeValidator
from pydantic import ConfigDict
from pydantic import WithJsonSchema
from pydantic import create_model
from pydantic import field_validator
from pydantic.fields import FieldInfo

from .paginator import KeysFirstPaginator

# Errors ----------------------------------------------------------------------


class ErrorOut(Schema):
    field: str | None = Field(
        ..., description="The input at fault (dotted for nested items), or null."
    )
    message: str


class ErrorsOut(Schema):
    """The one error format of the API."""

    errors: list[ErrorOut]


def error_responses(
    *, body: bool = False, conflict: bool = False, limited: bool = False
) -> dict[int, type[Schema]]:
    """The error statuses an operation declares.

    400 is a body that is not JSON; 409 a move the record's status does not allow,
    or a value another record already holds; 429 more than its author may send
    for now.
    """
    codes = [401, 403, 404, 422]
    if body:
        codes.append(400)
    if conflict:
        codes.append(409)
    if limited:
        codes.append(429)
    return {code: ErrorsOut for code in sorted(codes)}


# Inputs ----------------------------------------------------------------------


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_has_nul(item) for item in value)
    return False


class StrictIn(Schema):
    """An input: unknown fields are errors, text is trimmed, NUL is refused."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, use_enum_values=True
    )

    @field_validator("*", mode="after")
    @classmethod
    def _refuse_nul(cls, value: Any) -> Any:
        # PostgreSQL cannot store NUL in text; refuse it on every database.
        if _has_nul(value):
            raise ValueError("Text may not contain NUL characters.")
        return value


class QueryIn(StrictIn):
    """Query parameters: unknown parameters are ignored, bad values are errors."""

    model_config = ConfigDict(
        extra="ignore", str_strip_whitespace=True, use_enum_values=True
    )


SEEN = (
    "The values you read of the fields you change. A field whose stored value "
    "is no longer the one you read is refused with 409, and the message shows "
    "the stored value; fields you do not change are ignored. Without it, the "
    "fields are changed as sent."
)


def patch_of(schema: type[StrictIn], name: str) -> type[StrictIn]:
    """The same fields, each optional, and `seen`: the values the client read.

    An explicit null stays an error where refused.
    """
    fields = {
        field: (info.annotation, FieldInfo.merge_field_infos(info, default=None))
        for field, info in schema.model_fields.items()
    }
    seen = create_model(f"{name}Seen", __base__=schema, **fields)
    return create_model(
        name,
        __base__=schema,
        seen=(seen | None, Field(None, description=SEEN)),
        **fields,
    )


def patch_fields(payload: StrictIn) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The fields the client sent, and the values it read of them (or None)."""
    fields = payload.model_dump(exclude_unset=True, exclude={"seen"})
    seen = payload.seen.model_dump(exclude_unset=True) if payload.seen else None
    return fields, seen


# Text that says something: a character other than the white space trimmed away.
NON_BLANK = (
    "[^\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a"
    "\\u2028\\u2029\\u202f\\u205f\\u3000]"
)


def said(max_length: int):
    """Text that must say something: it is trimmed, so white space alone is empty."""
    return Annotated[
        str,
        Field(
            min_length=1,
            max_length=max_length,
            json_schema_extra={"pattern": NON_BLANK},
        ),
    ]


def required_when(field: str, values: list, **needs: dict) -> ConfigDict:
    """Declare a rule between fields: when `field` takes one of `values`, the
    fields of `needs` must be given, each matching its schema."""
    return ConfigDict(
        json_schema_extra={
            "if": {"required": [field], "properties": {field: {"enum": values}}},
            "then": {"required": list(needs), "properties": needs},
        }
    )


REASON_GIVEN = {"type": "string", "pattern": NON_BLANK}


def one_given(*fields: str) -> ConfigDict:
    """Declare that at least one of these fields must be given (not null)."""
    return ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": [name], "properties": {name: {"not": {"type": "null"}}}}
                for name in fields
            ]
        }
    )


# A web address of a form that the site's own check (Django's URLValidator)
# always takes: http(s), a host name with a dot, then an optional path.
WEB_ADDRESS = (
    r"^(https?://([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
    r"([/?#][!-~]*)?)?$"
)


def _web_address(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(WEB_ADDRESS, value):
        raise ValueError("Enter a web address such as https://example.org.")
    return value


WebAddress = Annotated[
    str,
    BeforeValidator(_web_address),
    Field(
        max_length=200,
        json_schema_extra={"pattern": WEB_ADDRESS},
        examples=["https://example.org"],
    ),
]
# An e-mail address, or none.
Email = Annotated[
    str,
    Field(max_length=254, examples=["contact@example.org"]),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "maxLength": 0},
                {"type": "string", "format": "email", "maxLength": 254},
            ]
        }
    ),
]

# Dates are ISO 8601 text, as the description says: a number is not a date.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})?"
)


def _iso(form: re.Pattern, example: str):
    def check(value: Any) -> Any:
        if not isinstance(value, str | dt.date) or (
            isinstance(value, str) and not form.fullmatch(value.strip())
        ):
            raise ValueError(f"Write it in ISO 8601, e.g. {example}.")
        return value

    return BeforeValidator(check)


Date = Annotated[dt.date, _iso(ISO_DATE, "2026-12-31")]
DateTime = Annotated[dt.datetime, _iso(ISO_DATETIME, "2026-12-31T09:30:00Z")]


# Pages -----------------------------------------------------------------------

MAX_PAGE_SIZE = 100


class PageIn(QueryIn):
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class PageNotFound(Http404):
    """A page past the last of a list."""


def page_of(
    queryset: QuerySet, query: PageIn, *, count: int | None = None
) -> dict[str, Any]:
    """One page of a list as {"count", "page", "pages", "items"}.

    `count`, when the caller knows it, spares a COUNT. A page past the last is a
    well-formed question about a page that does not exist: 404, naming `page`.
    """
    paginator = KeysFirstPaginator(queryset, query.page_size, count=count)
    if query.page > paginator.num_pages:
        raise PageNotFound(
            f"There are {paginator.num_pages} pages; ask for one of them."
        )
    return {
        "count": paginator.count,
        "page": query.page,
        "pages": paginator.num_pages,
        "items": list(paginator.page(query.page).object_list),
    }


def page_url(request: HttpRequest, obj: Model) -> str:
    return request.build_absolute_uri(obj.get_absolute_url())


def utc(moment: dt.datetime) -> dt.datetime:
    """A client's time; one without a zone is taken as UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment
