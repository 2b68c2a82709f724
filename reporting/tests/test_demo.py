import io

import pytest

from reporting.demo import MANAGER_EMAIL, load
from reporting.permissions import can_read_reports

pytestmark = pytest.mark.django_db


def test_demo_manager_is_created_once_and_reads_reports():
    lines = load(stdout=io.StringIO())
    load(stdout=io.StringIO())
    from accounts.models import User

    [manager] = User.objects.filter(email=MANAGER_EMAIL)
    assert can_read_reports(manager)
    assert MANAGER_EMAIL in lines[0]
