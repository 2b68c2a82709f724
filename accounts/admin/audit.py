"""Wagtail admin: the audit log, read-only and filterable (no add, edit or delete views)."""

from wagtail.admin.viewsets.model import ModelViewSet

from accounts.audit.models import AuditEntry


class AuditEntryViewSet(ModelViewSet):
    model = AuditEntry
    name = "accounts_audit"
    url_prefix = "accounts/audit"
    menu_label = "Audit log"
    icon = "history"
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "created_at",
        "actor",
        "action",
        "source",
        "target_type",
        "target_id",
        "status_code",
        "ip",
        "request_id",
    ]
    list_filter = ["source", "action", "target_type", "actor", "created_at"]
    search_fields = ["action", "target_type", "target_id", "path", "request_id"]
    search_backend_name = None
    ordering = ["-created_at"]
    form_fields = ["action"]  # required by ModelViewSet; no add/edit view is exposed
    inspect_view_fields = [
        "created_at",
        "actor",
        "action",
        "source",
        "target_type",
        "target_id",
        "target_repr",
        "changes",
        "method",
        "path",
        "status_code",
        "ip",
        "user_agent",
        "request_id",
    ]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            add_url_name=None, edit_url_name=None, delete_url_name=None, **kwargs
        )

    def get_urlpatterns(self):
        return [
            p for p in super().get_urlpatterns() if p.name in {"index", "index_results", "inspect"}
        ]
