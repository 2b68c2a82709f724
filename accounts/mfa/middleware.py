"""The Wagtail admin's staff rules, after the password: second factor first, then idle timeout.

For a signed-in user who must use a second factor (`user_requires_mfa`), every admin URL
except the enrol/verify screens, sign-out and sign-in answers a redirect:
- not enrolled yet: to the enrolment screen (QR code, then recovery codes shown once);
- enrolled, this session not verified: to the code screen (the sign-in's second step).
A staff session idle for ACCOUNTS_ADMIN_IDLE_MINUTES ends (signed out, back to sign-in).
"""

import time
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from accounts.mfa.policy import is_enrolled, user_requires_mfa

LAST_SEEN_KEY = "_staff_last_seen"
# Seconds between two writes of the last-seen time (not every request saves the session).
TOUCH_EVERY = 15
ADMIN_PREFIX = "/admin/"
# The screens of the sign-in itself, and the translation catalogue their pages load.
EXEMPT = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/2fa/",
    "/admin/password_reset/",
    "/admin/jsi18n/",
    "/admin/sprite/",  # the icons every admin page fetches (else the redirect lands in the page)
)


class StaffSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(ADMIN_PREFIX):
            answer = self._check(request)
            if answer is not None:
                return answer
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user_requires_mfa(user):
            return None
        now = time.time()
        last = request.session.get(LAST_SEEN_KEY)
        idle = settings.ACCOUNTS_ADMIN_IDLE_MINUTES * 60
        if last is not None and now - float(last) > idle:
            logout(request)
            return HttpResponseRedirect(
                f"{reverse('wagtailadmin_login')}?next={quote(request.get_full_path())}"
            )
        if last is None or now - float(last) >= TOUCH_EVERY:
            request.session[LAST_SEEN_KEY] = now
        if request.path.startswith(EXEMPT) or user.is_verified():
            return None
        name = "accounts_mfa_verify" if is_enrolled(user) else "accounts_mfa_enrol"
        return HttpResponseRedirect(f"{reverse(name)}?next={quote(request.get_full_path())}")
