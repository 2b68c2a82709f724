"""Wagtail admin: the outbox, read-only (filter by status); a dead row's page has "Send again"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from wagtail.admin.viewsets.model import ModelViewSet

from vwb_site.outbox.models import OutboxMessage
from vwb_site.outbox.services import outbox_retry


class OutboxMessageViewSet(ModelViewSet):
    model = OutboxMessage
    name = "outbox"
    url_prefix = "outbox"
    menu_label = "Outbox"
    icon = "mail"
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "created_at",
        "task_name",
        "status",
        "attempts",
        "sent_how",
        "sent_at",
        "last_error",
    ]
    list_filter = ["status", "task_name", "sent_how"]
    search_fields = ["task_name", "last_error", "request_id"]
    search_backend_name = None
    ordering = ["-created_at"]
    form_fields = ["status"]  # required by ModelViewSet; no add/edit view is exposed
    inspect_view_fields = [
        "id",
        "task_name",
        "args",
        "kwargs",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "available_at",
        "sent_at",
        "sent_how",
        "request_id",
    ]

    inspect_template_name = "outbox/admin/inspect.html"

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            add_url_name=None, edit_url_name=None, delete_url_name=None, **kwargs
        )

    def retry_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        message = get_object_or_404(OutboxMessage, pk=pk)
        if not message.can_retry:
            messages.error(request, "Only a dead row can be sent again.")
        else:
            outbox_retry(message=message)
            messages.success(request, f"{message.task_name} will be sent again.")
        return redirect(self.get_url_name("index"))

    def get_urlpatterns(self):
        kept = [
            p for p in super().get_urlpatterns() if p.name in {"index", "index_results", "inspect"}
        ]
        return [*kept, path("retry/<str:pk>/", self.retry_view, name="retry")]
