"""Who may write to the catalog API: administrators (role admin, or a superuser).

Read from `request.user` on every request (never from the token's claims), so a demoted or
deactivated administrator loses access at once.
"""

from rest_framework.permissions import BasePermission


class IsCatalogAdmin(BasePermission):
    message = "Only administrators can do this."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and getattr(user, "is_admin", False))


def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and getattr(user, "is_admin", False))
