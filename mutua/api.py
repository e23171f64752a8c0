"""The REST API: one NinjaAPI, one error format, the routers of each app."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as SchemaValidationError

from mutua.directory.api import router as directory_router

api = NinjaAPI(
    title="Mutua API",
    version="1",
    description=(
        "Requests, offers, opportunities and organizations of Mutua, the platform "
        "for technical and scientific cooperation on biodiversity. Authenticate "
        "writes with `Authorization: Bearer <token>`. Errors are "
        '`{"errors": [{"field": ..., "message": ...}]}`.'
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


def _errors(request, status: int, errors: list[dict]):
    return api.create_response(request, {"errors": errors}, status=status)


@api.exception_handler(SchemaValidationError)
def schema_invalid(request, exc: SchemaValidationError):
    errors = []
    for error in exc.errors:
        loc = [
            str(part)
            for part in error.get("loc", ())
            if part not in ("body", "payload", "query", "path")
        ]
        errors.append(
            {"field": ".".join(loc) or None, "message": error.get("msg", "Invalid.")}
        )
    return _errors(request, 422, errors)


@api.exception_handler(ValidationError)
def invalid(request, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": None if field == "__all__" else field, "message": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": None, "message": message} for message in exc.messages]
    return _errors(request, 422, errors)


@api.exception_handler(PermissionDenied)
def refused(request, exc: PermissionDenied):
    return _errors(
        request, 403, [{"field": None, "message": str(exc) or "Not allowed."}]
    )


@api.exception_handler(Http404)
def missing(request, exc: Http404):
    return _errors(request, 404, [{"field": None, "message": str(exc) or "Not found."}])


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc: AuthenticationError):
    return _errors(
        request, 401, [{"field": None, "message": "Authentication required."}]
    )


api.add_router("/v1/", directory_router)
