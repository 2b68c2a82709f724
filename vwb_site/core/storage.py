"""Where files live, and how private ones are read back.

Two storages (settings STORAGES): "default" for public files (Wagtail images and renditions),
"private" for order documents, quote PDFs, report files and privacy exports. Both are the
local filesystem under MEDIA_ROOT unless AWS_STORAGE_BUCKET_NAME is set; then both are S3
(any S3-compatible store through AWS_S3_ENDPOINT_URL) and the private one is a separate bucket
or prefix whose objects are written with ACL private and whose URLs, if anything asked for
one, would be short-lived signed URLs. The API never hands those out: private files are
streamed through the views that check who asks (see `open_private_file`).
"""

from typing import IO, Any

from boto3.exceptions import S3UploadFailedError  # type: ignore[import-untyped]
from botocore.exceptions import BotoCoreError, ClientError  # type: ignore[import-untyped]
from django.core.files.storage import Storage, storages
from django.core.signals import setting_changed
from django.db.models.fields.files import FieldFile
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class StorageUnavailable(Exception):
    """The file store did not answer (down, timed out, refused): the API answers 503."""


class _PrivateStorage(LazyObject):
    """STORAGES["private"], looked up when first used (and again after a settings change)."""

    def _setup(self) -> None:
        self._wrapped = storages["private"]


private_storage: Any = _PrivateStorage()


def get_private_storage() -> Storage:
    """The `storage=` callable of every private FileField (migrations record its name only)."""
    return private_storage


@receiver(setting_changed)
def _reset_private_storage(*, setting: str, **_: Any) -> None:
    if setting in {"STORAGES", "MEDIA_ROOT", "MEDIA_URL"} or setting.startswith("AWS_"):
        private_storage._wrapped = empty


def _store_error(exc: Exception) -> bool:
    """Whether `exc` means the store is unreachable or failing (not: this object is missing)."""
    if isinstance(exc, ClientError):
        error = getattr(exc, "response", {}).get("Error", {})
        status = getattr(exc, "response", {}).get("ResponseMetadata", {}).get("HTTPStatusCode")
        if error.get("Code") in {"404", "NoSuchKey", "NotFound"} or status == 404:
            return False
        return status is None or status >= 500 or status in {403, 429}
    return isinstance(exc, BotoCoreError)


def is_store_outage(exc: BaseException) -> bool:
    """Whether `exc`, raised by a storage call, means the store is down, slow or failing: worth
    trying again later (a task defers itself through the outbox, see vwb_site.tasks), unlike a
    missing object or a refused request."""
    if isinstance(exc, StorageUnavailable):
        return True
    if isinstance(exc, S3UploadFailedError):  # boto3 wraps the upload's ClientError
        cause = exc.__cause__ or exc.__context__
        return cause is None or is_store_outage(cause)
    if isinstance(exc, (BotoCoreError, ClientError)):
        return _store_error(exc)
    return False


def open_private_file(file: FieldFile) -> IO[bytes]:
    """Open a stored file for streaming through a view, fetched now so that a store that is down
    or slow fails here, as StorageUnavailable (503), and not half way through the response.

    Raises FileNotFoundError when the object is gone."""
    try:
        handle = file.storage.open(str(file.name), "rb")
        handle.read(0)  # the S3 backend fetches the object on first read: do it inside the view
        handle.seek(0)
    except FileNotFoundError:
        raise
    except (BotoCoreError, ClientError) as exc:
        if isinstance(exc, ClientError) and not _store_error(exc):
            raise FileNotFoundError(file.name) from exc
        raise StorageUnavailable(str(exc)) from exc
    return handle
