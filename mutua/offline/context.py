from .access import account_key


def account(request) -> dict:
    """The page's account, for the field reports its script keeps (app.js)."""
    return {"offline_account": account_key(request.user)}
