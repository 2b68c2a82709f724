import io

import pytest

from quotes import demo
from quotes.models import Quote

pytestmark = pytest.mark.django_db


def test_demo_quotes_load_once():
    from accounts import demo as accounts_demo
    from catalog import demo as catalog_demo

    accounts_demo.load(stdout=io.StringIO())
    catalog_demo.load(stdout=io.StringIO())
    lines = demo.load(stdout=io.StringIO())
    assert "one pending, one with an offer" in lines[0]
    assert sorted(Quote.objects.values_list("status", flat=True)) == ["approved", "pending"]
    demo.load(stdout=io.StringIO())
    assert Quote.objects.count() == 2
