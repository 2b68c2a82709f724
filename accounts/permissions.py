"""Permission classes for every app's API.

The user comes from the database on every request (JWTAuthentication loads it by id and refuses
inactive accounts), so a change of role or a deactivation applies to the very next request.

- IsAdmin: role admin (or a Django superuser).
- IsVerifiedB2B: a B2B account whose company an administrator verified; the 403 says which of
  the two is missing (`not_b2b_account` or `company_not_verified`).
- IsOwner: object permission for objects with a `user` (or `owner_field`) foreign key; someone
  else's object answers 404, as if it did not exist. Prefer scoping the queryset with
  `owned_by()` (or a selector) so the object is never loaded at all.
"""

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission

from accounts import error_codes
from accounts.mfa.policy import token_has_mfa
from accounts.models import Company, Role


class IsAdmin(BasePermission):
    message = "This action is reserved to administrators."
    code = error_codes.ADMIN_REQUIRED

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.is_admin):
            return False
        # Also checked by JWTAuthentication; kept here so that no other authentication class
        # can open an admin endpoint with a password-only token.
        if request.auth is not None and not token_has_mfa(request.auth):
            self.message = "Administrator tokens must be issued after the second factor."
            self.code = error_codes.MFA_REQUIRED
            return False
        return True


class IsVerifiedB2B(BasePermission):
    message = "This action is reserved to verified business (B2B) accounts."
    code = error_codes.NOT_B2B_ACCOUNT

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if user.role != Role.B2B or user.company_id is None:
            self.message = (
                "Not a B2B account: B2B prices and quotes are for business accounts. "
                "Register a business account with your company details."
            )
            self.code = error_codes.NOT_B2B_ACCOUNT
            return False
        if not user.is_verified_b2b:
            state = user.company.verification_status
            self.message = (
                "Company not verified: an administrator is still checking your company."
                if state == Company.Verification.PENDING
                else "Company not verified: the verification of your company was refused."
            )
            self.code = error_codes.COMPANY_NOT_VERIFIED
            return False
        return True


class IsOwner(BasePermission):
    """Object permission: `obj.<owner_field>_id == request.user.id`, else 404."""

    owner_field = "user"

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj) -> bool:
        field = getattr(view, "owner_field", self.owner_field)
        if is_owner(obj, request.user, field=field):
            return True
        raise NotFound("Not found.", code="not_found")


def is_owner(obj, user, *, field: str = "user") -> bool:
    return user is not None and user.is_authenticated and getattr(obj, f"{field}_id") == user.pk


def owned_by(queryset: QuerySet, user, *, field: str = "user") -> QuerySet:
    """The part of `queryset` that belongs to `user` (nothing for an anonymous user)."""
    if user is None or not user.is_authenticated:
        return queryset.none()
    return queryset.filter(**{f"{field}_id": user.pk})
