"""The API's authentication, shared by every app's endpoints.

A client sends a bearer token (`mutua create-token`) or the site's session
cookie; reads are open to everyone and show what the caller may see.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.errors import AuthorizationError
from ninja.security import APIKeyCookie
from ninja.security import HttpBearer
from ninja.utils import check_csrf

# Authentication --------------------------------------------------------------


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <key>`, with a key from `mutua create-token`."""

    def __call__(self, request: HttpRequest) -> User | None:
        header = request.headers.get("Authorization")
        if not header:
            return None
        scheme, _, key = header.partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            raise AuthenticationError(
                message="Send the token as `Authorization: Bearer <key>`."
            )
        return self.authenticate(request, key.strip())

    def authenticate(self, request: HttpRequest, token: str) -> User:
        # The tokens are the directory's: its backend (AUTHENTICATION_BACKENDS)
        # knows them, so the kernel imports nothing above it.
        user = authenticate(request, api_token=token)
        if user is None:
            raise AuthenticationError(message="Unknown or revoked token.")
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in user of the site; writes need the CSRF token as on the pages."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        if not request.user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise AuthorizationError(
                message="CSRF check failed: send the csrftoken cookie's value "
                "in the X-CSRFToken header."
            )
        return request.user


def anonymous(request: HttpRequest) -> AnonymousUser:
    return AnonymousUser()


# Reads are open to everyone and show what the caller may see; writes need a user.
READ = [TokenAuth(), SessionAuth(), anonymous]
WRITE = READ[:2]
# Options of every read: open to all, and OpenAPI says credentials are optional.
READS: dict[str, Any] = {"auth": READ, "openapi_extra": {"security": [{}]}}


# Endpoints made for each of several kinds ------------------------------------


def named(name: str, doc: str) -> Callable[[Callable], Callable]:
    """Give an endpoint defined once for several kinds the name and docstring of
    its kind's: the API description takes its operation id, summary and URL name
    from the name, and its description from the docstring. It goes under the
    router's decorator, so that the router sees the name."""

    def rename(view: Callable) -> Callable:
        view.__name__ = view.__qualname__ = name
        view.__doc__ = doc
        return view

    return rename
