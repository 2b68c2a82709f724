"""Wagtail admin screens of the second factor: enrol, verify (the sign-in's second step), and
an administrator's reset of a colleague's factor. The writes are accounts.services.mfa."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.exceptions import AccountLockedError, AuthenticationError
from accounts.mfa.policy import confirmed_device, is_enrolled
from accounts.models import User
from accounts.services import mfa

ENROL_SESSION_KEY = "_mfa_enrol_device"


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("wagtailadmin_home")


@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    user = request.user
    if is_enrolled(user) and not request.user.is_verified():
        return redirect(f"{reverse('accounts_mfa_verify')}?next={_next(request)}")
    error = ""
    if request.method == "POST":
        device_id = request.session.get(ENROL_SESSION_KEY)
        try:
            codes = mfa.mfa_enrol_confirm(
                user=user, device_id=int(device_id or 0), code=request.POST.get("code", "")
            )
        except mfa.MfaError as exc:
            error = exc.message
        else:
            request.session.pop(ENROL_SESSION_KEY, None)
            otp_login(request, TOTPDevice.objects.get(pk=device_id))
            # Shown once: only their hashes are kept.
            return render(
                request,
                "accounts/mfa/recovery_codes.html",
                {"codes": codes, "next": _next(request)},
            )
    enrolment = mfa.mfa_enrol_begin(user=user)
    request.session[ENROL_SESSION_KEY] = enrolment.device_id
    return render(
        request,
        "accounts/mfa/enrol.html",
        {"enrolment": enrolment, "error": error, "next": _next(request)},
    )


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not is_enrolled(user):
        return redirect(f"{reverse('accounts_mfa_enrol')}?next={_next(request)}")
    error = ""
    if request.method == "POST":
        try:
            device, _ = mfa.mfa_verify(
                request=request,
                user=user,
                code=request.POST.get("code", ""),
                recovery_code=request.POST.get("recovery_code", ""),
            )
        except AccountLockedError as exc:
            error = exc.message
        except AuthenticationError as exc:
            error = exc.message
        else:
            otp_login(request, device)
            return redirect(_next(request))
    status = 429 if error.startswith("Too many") else (400 if error else 200)
    return render(
        request,
        "accounts/mfa/verify.html",
        {"error": error, "next": _next(request)},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def reset(request: HttpRequest, user_id: int) -> HttpResponse:
    if not request.user.is_admin:
        raise PermissionDenied
    colleague = get_object_or_404(User, pk=user_id)
    if request.method == "POST":
        mfa.mfa_reset(user=colleague, actor=request.user)
        messages.success(request, f"Second factor of {colleague.email} reset: they enrol again.")
        return redirect("wagtailusers_users:index")
    return render(
        request,
        "accounts/mfa/reset.html",
        {"colleague": colleague, "enrolled": confirmed_device(colleague) is not None},
    )
