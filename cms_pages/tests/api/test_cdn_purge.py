"""Publishing, unpublishing or deleting a page posts its surrogate keys to the CDN after commit."""

import pytest
from django.db import transaction

from cms_pages.tests.factories import build_standard
from vwb_site.tests.fake_cdn import cdn  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def test_publish_unpublish_and_delete_purge_the_page_and_the_lists(cdn, cms_home):  # noqa: F811
    about = build_standard(cms_home)
    cdn.purges.clear()  # what building the tree published
    about.title = "About us, renamed"
    about.save_revision().publish()
    keys = sorted(["page-list", f"page-{about.pk}"])
    assert cdn.purges == [keys]
    about.unpublish()
    assert cdn.purges == [keys, keys]
    with pytest.raises(RuntimeError), transaction.atomic():
        about.delete()
        raise RuntimeError("roll back")
    assert len(cdn.purges) == 2
    about.delete()
    assert cdn.purges[-1] == keys and cdn.rejected == []
