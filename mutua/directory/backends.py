"""The API's bearer tokens as an authentication backend (AUTHENTICATION_BACKENDS),
through which `core.api.TokenAuth` checks them."""

from django.contrib.auth.backends import BaseBackend

from . import services


class ApiTokenBackend(BaseBackend):
    def authenticate(self, request, api_token: str | None = None, **kwargs):
        if api_token is None:
            return None
        return services.api_token_authenticate(api_token)
