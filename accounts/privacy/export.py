"""Right of access and portability: every row the registry ties to a person, as zipped JSON.

Small exports are answered at once; larger ones are built by a Celery task, stored, and a
signed, expiring link is e-mailed (the link itself is the credential, like a password reset).
"""

import io
import json
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from accounts import error_codes
from accounts.models import User
from accounts.models_privacy import DataExport
from accounts.privacy.registry import SECRET, installed_entries, rows_for
from vwb_site.exceptions import NotFoundError
from vwb_site.tasks import dispatch_on_commit

SIGNING_SALT = "accounts.privacy.export"
FORMAT_VERSION = 1


def _row(instance: models.Model, secret: set[str]) -> dict:
    data = {}
    for f in instance._meta.concrete_fields:
        if f.name in secret:
            continue
        value = getattr(instance, f.attname)
        if isinstance(f, models.FileField):
            value = value.name if value else ""
        data[f.attname if f.is_relation else f.name] = value
    return data


def export_row_count(*, user: User) -> int:
    return sum(rows_for(e, m, user).count() for e, m in installed_entries() if e.export)


def export_build(*, user: User) -> dict:
    """{"format_version", "generated_at", "data": {model label: [rows]}}."""
    data: dict[str, list[dict]] = {}
    for entry, model in installed_entries():
        if not entry.export or entry.actor_only:
            continue
        secret = {name for name, strategy in entry.personal.items() if strategy == SECRET}
        data[entry.model] = [_row(obj, secret) for obj in rows_for(entry, model, user)]
    return {
        "format_version": FORMAT_VERSION,
        "generated_at": timezone.now(),
        "subject": {"user_id": user.pk, "email": user.email},
        "kept_for_legal_reasons": {
            e.model: e.keep_reasons for e, _ in installed_entries() if e.keep_reasons
        },
        "data": data,
    }


def export_zip(*, user: User) -> bytes:
    payload = json.dumps(
        export_build(user=user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("personal-data.json", payload)
    return buffer.getvalue()


@transaction.atomic
def export_request(*, user: User) -> DataExport:
    """Queue a background export; the task e-mails the link when it is ready."""
    from accounts.privacy import tasks

    export = DataExport.objects.create(user=user)
    dispatch_on_commit(tasks.privacy_export_build, str(export.pk))
    return export


def export_get_for_user(*, user: User, export_id) -> DataExport:
    export = DataExport.objects.filter(user=user, pk=export_id).first()
    if export is None:
        raise NotFoundError("No such export.", code=error_codes.EXPORT_NOT_FOUND)
    return export


def export_link(export: DataExport) -> str:
    token = signing.dumps(str(export.pk), salt=SIGNING_SALT)
    path = reverse("v1:accounts:me-export-download")
    return f"{settings.PRIVACY_EXPORT_BASE_URL.rstrip('/')}{path}?token={token}"


def export_from_token(token: str) -> DataExport:
    """The ready export a signed link points to (404 when forged, expired or deleted)."""
    max_age = settings.PRIVACY_EXPORT_LINK_HOURS * 3600
    try:
        export_id = signing.loads(token or "", salt=SIGNING_SALT, max_age=max_age)
    except signing.BadSignature:
        raise NotFoundError(
            "This download link is not valid or has expired.", code=error_codes.EXPORT_LINK_INVALID
        ) from None
    export = DataExport.objects.filter(pk=export_id, status=DataExport.Status.READY).first()
    if export is None or not export.file:
        raise NotFoundError(
            "This download link is not valid or has expired.", code=error_codes.EXPORT_LINK_INVALID
        )
    return export


def export_build_and_send(*, export_id: str) -> bool:
    """Build the archive of a pending export, store it and e-mail the link. Idempotent."""
    from accounts.services.emails import send_templated

    with transaction.atomic():
        export = DataExport.objects.select_for_update().filter(pk=export_id).first()
        if export is None or export.status != DataExport.Status.PENDING:
            return False
        content = export_zip(user=export.user)
        export.file.save(f"{export.pk}.zip", ContentFile(content), save=False)
        now = timezone.now()
        export.status = DataExport.Status.READY
        export.size_bytes = len(content)
        export.ready_at = now
        export.expires_at = now + timedelta(hours=settings.PRIVACY_EXPORT_LINK_HOURS)
        export.save()
        user = export.user
    send_templated(
        to=[user.email],
        template="privacy_export_ready",
        context={
            "user": user,
            "link": export_link(export),
            "hours": settings.PRIVACY_EXPORT_LINK_HOURS,
        },
    )
    return True


def exports_expire(*, now=None) -> int:
    """Delete the files of exports past their expiry (hourly beat)."""
    now = now or timezone.now()
    count = 0
    for export in DataExport.objects.filter(status=DataExport.Status.READY, expires_at__lt=now):
        export.file.delete(save=False)
        export.status = DataExport.Status.EXPIRED
        export.save(update_fields=["file", "status"])
        count += 1
    return count
