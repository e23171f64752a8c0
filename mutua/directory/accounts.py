"""Sign-up that takes as long for a registered address as for a new one.

With mandatory verification allauth answers a registered address as it answers
a new one (the same page; a mail to the owner instead of a confirmation), so
the page tells no one who is registered. The time would: a new address costs
a password hash, the slowest step of the request, and a registered one did not.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # The same work as hashing the new account's password, thrown away.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
