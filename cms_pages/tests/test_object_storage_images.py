"""Wagtail images and renditions on object storage (moto's S3 server): the original and its
rendition are objects of the public bucket, and the rendition's URL is served by the bucket
itself, anonymously, with no signature."""

import urllib.request

import pytest
from django.core.files.storage import default_storage

from cms_pages.tests.factories import make_image

pytestmark = pytest.mark.django_db


def test_an_uploaded_image_and_its_rendition_are_served_from_the_bucket(s3_storage):
    image = make_image(title="Cellar on S3", size=(800, 500))
    assert default_storage.__class__.__name__ == "S3Storage"
    assert default_storage.bucket_name == s3_storage["bucket"]
    assert default_storage.exists(image.file.name)

    rendition = image.get_rendition("fill-400x250")
    url = rendition.url
    prefix = f"{s3_storage['endpoint']}/{s3_storage['bucket']}/{default_storage.location}/"
    assert url.startswith(prefix), url
    assert "Signature" not in url
    with urllib.request.urlopen(url, timeout=5) as response:
        assert response.status == 200
        body = response.read()
    assert body[:4] in {b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb", b"\xff\xd8\xff\xe2"}
    assert rendition.width == 400 and rendition.height == 250
