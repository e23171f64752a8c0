"""Each page names its account (see `access.account_key`), for the service worker."""

from .access import account_key


def account_header(get_response):
    def middleware(request):
        response = get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            response["Mutua-Account"] = account_key(request.user)
        return response

    return middleware
