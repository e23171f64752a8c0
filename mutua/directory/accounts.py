"""Sign-up that takes as long for a registered address as for a new one.

With mandatory verification allauth answers a registered address as it answers
a new one (the same page; a mail to the owner instead of a confirmation), so
the page tells no one who is registered. The time would: a new address costs
a password hash, the slowest step of the request, and the writes of a new
account, and a registered one cost neither. The form hashes for a registered
address too, and the view answers no sooner than SIGNUP_ANSWER_MS milliseconds
after the post arrived, which hides the writes; on a machine so loaded that
the floor is passed, the hash still keeps the two answers close.
"""

import time

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.views import SignupView as AllauthSignupView
from django.conf import settings
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # The same work as hashing the new account's password, thrown away.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)


class SignupView(AllauthSignupView):
    def post(self, request, *args, **kwargs):
        answer_at = time.monotonic() + settings.SIGNUP_ANSWER_MS / 1000
        response = super().post(request, *args, **kwargs)
        time.sleep(max(0.0, answer_at - time.monotonic()))
        return response
