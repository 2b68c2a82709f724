from rest_framework.permissions import BasePermission


class IsAdministrator(BasePermission):
    """Role admin (or superuser), active."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_admin)
