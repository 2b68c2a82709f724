"""Object storage (S3 API, django-storages) when AWS_STORAGE_BUCKET_NAME is set.

A function of the environment, so that the tests check the very settings production builds.
"""

from typing import Any

import environ
from botocore.config import Config


def object_storage(env: environ.Env) -> dict[str, Any]:
    """The settings to add: {} (filesystem, the default) or the AWS_* values and the "default"
    and "private" entries of STORAGES (under the key "STORAGES")."""
    aws_storage_bucket_name = env("AWS_STORAGE_BUCKET_NAME", default="")
    if not aws_storage_bucket_name:
        return {}

    # Any S3-compatible store (MinIO, Ceph, R2, ...) by its endpoint; empty means AWS itself.
    aws_s3_endpoint_url = env("AWS_S3_ENDPOINT_URL", default="") or None
    aws_s3_region_name = env("AWS_S3_REGION_NAME", default="") or None
    # Credentials: from these variables, or (empty) boto3's own chain (instance role, IRSA).
    aws_s3_access_key_id = env("AWS_S3_ACCESS_KEY_ID", default="") or None
    aws_s3_secret_access_key = env("AWS_S3_SECRET_ACCESS_KEY", default="") or None
    aws_s3_addressing_style = env("AWS_S3_ADDRESSING_STYLE", default="") or None
    # A slow or dead store must never hold a web worker for minutes: short connect and read
    # timeouts, and few retries (boto3's "standard" mode backs off between them).
    aws_s3_client_config = Config(
        connect_timeout=env.float("AWS_S3_CONNECT_TIMEOUT", default=2.0),
        read_timeout=env.float("AWS_S3_READ_TIMEOUT", default=10.0),
        retries={"max_attempts": env.int("AWS_S3_MAX_ATTEMPTS", default=2), "mode": "standard"},
        signature_version="s3v4",
        s3={"addressing_style": aws_s3_addressing_style} if aws_s3_addressing_style else None,
    )
    aws_s3_file_overwrite = False
    # Public files: readable from the bucket (or a CDN in front: AWS_S3_CUSTOM_DOMAIN), plain
    # unsigned URLs, cached long (renditions never change under one name).
    default = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": aws_storage_bucket_name,
            "location": env("AWS_PUBLIC_LOCATION", default="public"),
            "default_acl": env("AWS_PUBLIC_ACL", default="public-read") or None,
            "querystring_auth": False,
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            "object_parameters": {"CacheControl": "public, max-age=31536000"},
        },
    }
    # Private files: their own bucket when AWS_PRIVATE_STORAGE_BUCKET_NAME is set (advised),
    # else a prefix of the same bucket; ACL private either way, and signed short-lived URLs if
    # anything asked for one. The API streams them after its own checks and never links here.
    private = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_PRIVATE_STORAGE_BUCKET_NAME", default="")
            or aws_storage_bucket_name,
            "location": env("AWS_PRIVATE_LOCATION", default="private-files"),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env.int("AWS_PRIVATE_URL_EXPIRE", default=60),
            "custom_domain": None,
            "object_parameters": {"CacheControl": "private, no-store"},
        },
    }
    return {
        "AWS_STORAGE_BUCKET_NAME": aws_storage_bucket_name,
        "AWS_S3_ENDPOINT_URL": aws_s3_endpoint_url,
        "AWS_S3_REGION_NAME": aws_s3_region_name,
        "AWS_S3_ACCESS_KEY_ID": aws_s3_access_key_id,
        "AWS_S3_SECRET_ACCESS_KEY": aws_s3_secret_access_key,
        "AWS_S3_CLIENT_CONFIG": aws_s3_client_config,
        "AWS_S3_FILE_OVERWRITE": aws_s3_file_overwrite,
        "STORAGES": {"default": default, "private": private},
    }
