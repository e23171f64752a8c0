"""The REST API: one NinjaAPI, one error format, the routers of each app.

Every error, whatever raised it, is rendered here as
`{"errors": [{"field": ..., "message": ...}]}`.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import TooManyFieldsSent
from django.core.exceptions import ValidationError
from django.http import Http404
from django.http import JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import HttpError
from ninja.errors import ValidationError as SchemaValidationError

from mutua.calls.api import router as calls_router
from mutua.community.api import router as community_router
from mutua.cooperation.api import router as cooperation_router
from mutua.core.api import READ
from mutua.core.errors import Conflict
from mutua.core.errors import NotFound
from mutua.core.errors import Refused
from mutua.core.errors import TooMany
from mutua.core.schemas import PageNotFound
from mutua.directory.api import router as directory_router
from mutua.exchange.api import router as exchange_router
from mutua.matching.api import router as matching_router
from mutua.monitoring.api import router as monitoring_router
from mutua.notifications.api import router as notifications_router

# Parts of a pydantic error location that name where an input came from, not what.
SOURCES = {"body", "payload", "query", "path", "filters"}


# Text may not hold NUL characters: PostgreSQL cannot store them.
NO_NUL = "^[^\\u0000]*$"


def _declare_no_nul(node, components: dict, seen: set[str]) -> None:
    """Say in the description of every text a client sends what `StrictIn`
    refuses: NUL. Answers are left as they are."""
    if isinstance(node, list):
        for item in node:
            _declare_no_nul(item, components, seen)
    if not isinstance(node, dict):
        return
    ref = node.get("$ref", "")
    if ref.startswith(COMPONENT) and ref not in seen:
        seen.add(ref)
        _declare_no_nul(components[ref.removeprefix(COMPONENT)], components, seen)
    if node.get("type") == "string" and not {"enum", "const", "format"} & node.keys():
        if "pattern" in node:
            node.setdefault("allOf", []).append({"pattern": NO_NUL})
        else:
            node["pattern"] = NO_NUL
    for value in node.values():
        _declare_no_nul(value, components, seen)


COMPONENT = "#/components/schemas/"


class MutuaAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        # Function names are unique across routers and read well in clients.
        return operation.view_func.__name__

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Worked out once a process, as it follows from the code alone and takes
        a few hundred milliseconds to build: read it, never change it."""
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        built = self.__dict__.setdefault("_schemas", {})
        if path_prefix not in built:
            schema = super().get_openapi_schema(path_prefix=path_prefix)
            inputs = [
                [operation.get("parameters", []), operation.get("requestBody", {})]
                for path in schema["paths"].values()
                for operation in path.values()
            ]
            _declare_no_nul(inputs, schema["components"]["schemas"], set())
            built[path_prefix] = schema
        return built[path_prefix]


api = MutuaAPI(
    title="Mutua API",
    version="1",
    description=(
        "Requests, offers, opportunities, organizations, partnerships and indicators "
        "of Mutua, the platform "
        "for technical and scientific cooperation on biodiversity. Reads are open; "
        "writes need `Authorization: Bearer <token>` (`mutua create-token EMAIL "
        "NAME`) or a signed-in session with its CSRF token. Records are identified "
        "by their uuid; codes of the reference data are listed in this "
        "description. Errors are "
        '`{"errors": [{"field": ..., "message": ...}]}`: 400 a body that is not '
        "JSON, 401 no valid token, 403 a rule refuses it (the message says which), "
        "404 a record named in the path or the body does not exist, 409 the "
        "records as they are do not allow it (status, or a value already taken), "
        "422 an input that is not valid, 429 more posts than a new account may "
        "write in an hour. Beyond what the schemas say, an end date "
        "may not come before its start, and a renewal runs to a future day."
    ),
    # Each operation names its own; this default also tells the docs page to send
    # the CSRF token with a signed-in session's writes.
    auth=READ,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


def _errors(request, status: int, errors: list[dict]):
    return api.create_response(request, {"errors": errors}, status=status)


def _sentence(message: str) -> str:
    message = message.removeprefix("Value error, ")
    return message if message.endswith(".") else f"{message}."


def _schema_message(error: dict, field: str | None) -> str:
    kind = error.get("type", "")
    if field is None and kind == "missing":
        return "Send a JSON object in the body."
    if field is None and kind in {"model_attributes_type", "dict_type"}:
        return "The body must be a JSON object."
    if kind == "extra_forbidden":
        return "Unknown field."
    return _sentence(error.get("msg", "Invalid."))


@api.exception_handler(SchemaValidationError)
def schema_invalid(request, exc: SchemaValidationError):
    errors = []
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ()) if part not in SOURCES]
        field = ".".join(loc) or None
        errors.append(
            {"field": field or "body", "message": _schema_message(error, field)}
        )
    return _errors(request, 422, errors)


# Codes of Django's uniqueness checks: the input is valid but a record holds it.
UNIQUE = {"unique", "unique_together"}


@api.exception_handler(Conflict)
def conflict(request, exc: Conflict):
    return _errors(request, 409, _messages(exc))


@api.exception_handler(NotFound)
def unknown_record(request, exc: NotFound):
    return _errors(request, 404, _messages(exc))


@api.exception_handler(TooMany)
def too_many(request, exc: TooMany):
    return _errors(request, 429, _messages(exc))


@api.exception_handler(Refused)
def refused_input(request, exc: Refused):
    return _errors(request, 403, _messages(exc))


@api.exception_handler(ValidationError)
def invalid(request, exc: ValidationError):
    fields = getattr(exc, "error_dict", {}).values()
    codes = {error.code for errors in fields for error in errors}
    return _errors(request, 409 if codes and codes <= UNIQUE else 422, _messages(exc))


def _messages(exc: ValidationError) -> list[dict]:
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": None if field == "__all__" else field, "message": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": None, "message": message} for message in exc.messages]
    return errors


@api.exception_handler(PermissionDenied)
def refused(request, exc: PermissionDenied):
    return _errors(
        request, 403, [{"field": None, "message": str(exc) or "Not allowed."}]
    )


@api.exception_handler(Http404)
def missing(request, exc: Http404):
    field = "page" if isinstance(exc, PageNotFound) else None
    return _errors(
        request, 404, [{"field": field, "message": str(exc) or "Not found."}]
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc: AuthenticationError):
    message = exc.message
    if message == "Unauthorized":
        message = "Authentication required: send `Authorization: Bearer <token>`."
    return _errors(request, 401, [{"field": None, "message": message}])


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    # Ninja raises 400 for a body that is not JSON, 403 for a failed CSRF check.
    if exc.status_code == 400:
        return _errors(
            request, 400, [{"field": "body", "message": "The body is not valid JSON."}]
        )
    return _errors(request, exc.status_code, [{"field": None, "message": str(exc)}])


@api.exception_handler(RequestDataTooBig)
@api.exception_handler(TooManyFieldsSent)
def too_big(request, exc: Exception):
    return _errors(
        request, 413, [{"field": "body", "message": "The request is too large."}]
    )


api.add_router("/v1/", directory_router)
api.add_router("/v1/", exchange_router)
api.add_router("/v1/", matching_router)
api.add_router("/v1/", cooperation_router)
api.add_router("/v1/", monitoring_router)
api.add_router("/v1/", calls_router)
api.add_router("/v1/", community_router)
api.add_router("/v1/", notifications_router)


def unknown_path(request):
    """An API path that no endpoint serves: the API's own 404, even with DEBUG on."""
    return JsonResponse(
        {"errors": [{"field": None, "message": "No such API endpoint."}]}, status=404
    )
