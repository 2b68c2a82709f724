"""Who may read reports: administrators, and members of the `Managers` group.

Managers hold `reporting.view_reports` (and Wagtail admin access) through their group and no
permission on orders, so they read reports without being able to change anything else.
"""

from rest_framework.permissions import BasePermission

from reporting import error_codes

MANAGERS_GROUP = "Managers"
REPORT_PERMISSION = "reporting.view_reports"


def can_read_reports(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(getattr(user, "is_admin", False) or user.has_perm(REPORT_PERMISSION))


class CanReadReports(BasePermission):
    message = "Reports are for administrators and managers."
    code = error_codes.NOT_A_REPORT_READER

    def has_permission(self, request, view) -> bool:
        return can_read_reports(request.user)


def managers_group():
    """The Managers group with its permissions (made by migration 0002; recreated if missing,
    e.g. after a test database flush)."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=MANAGERS_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="reporting", codename="view_reports"),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    return group
