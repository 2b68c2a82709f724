"""Wagtail admin registration: Accounts > Customers, Companies (with Verify / Reject), Audit log,
Login lockouts (with Clear); the second-factor screens (enrol, verify, an admin's reset)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from accounts.admin import mfa as mfa_views
from accounts.admin.users import AccountsViewSetGroup
from accounts.services.admin_users import user_access_change_record, user_access_state


@hooks.register("register_admin_viewset")
def register_accounts_viewsets():
    return AccountsViewSetGroup()


@hooks.register("register_admin_urls")
def register_mfa_urls():
    return [
        path("2fa/enrol/", mfa_views.enrol, name="accounts_mfa_enrol"),
        path("2fa/verify/", mfa_views.verify, name="accounts_mfa_verify"),
        path("accounts/2fa/reset/<int:user_id>/", mfa_views.reset, name="accounts_mfa_reset"),
    ]


@hooks.register("register_user_listing_buttons")
def mfa_reset_button(user, request_user):
    if request_user.is_admin and request_user.pk != user.pk:
        yield Button(
            "Reset second factor",
            reverse("accounts_mfa_reset", args=[user.pk]),
            priority=90,
        )


_BEFORE = "_accounts_user_access_before"


@hooks.register("before_edit_user")
def remember_user_access(request, user):
    setattr(request, _BEFORE, user_access_state(type(user).objects.get(pk=user.pk)))


@hooks.register("after_edit_user")
def record_user_access_change(request, user):
    user_access_change_record(user=user, actor=request.user, before=getattr(request, _BEFORE, None))


@hooks.register("after_create_user")
def record_user_created(request, user):
    user_access_change_record(user=user, actor=request.user, before=None)
