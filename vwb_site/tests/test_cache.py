"""The cache helper serves reads from Redis, and from the database when Redis is down."""

import time

import pytest
from django.core.cache import cache

from accounts.models import User
from vwb_site.cache import cached, cached_in_namespace, invalidate, make_key, namespace_key

pytestmark = pytest.mark.django_db


def make_user(email: str) -> User:
    return User.objects.create_user(email=email, password="a-long-password-1")


def emails() -> list[str]:
    return list(User.objects.order_by("email").values_list("email", flat=True))


def test_cached_reads_the_database_once_then_serves_from_redis(django_assert_num_queries):
    make_user("a@example.com")
    with django_assert_num_queries(1):
        assert cached("users", 60, emails) == ["a@example.com"]
    with django_assert_num_queries(0):
        assert cached("users", 60, emails) == ["a@example.com"]
    assert cache.client.get_client().exists(cache.make_key("users"))  # really in Redis


def test_cached_keeps_a_none_result_without_recomputing():
    calls = []
    assert cached("nothing", 60, lambda: calls.append(1)) is None
    assert cached("nothing", 60, lambda: calls.append(1)) is None
    assert calls == [1]


def test_invalidating_a_namespace_drops_all_its_keys_at_once(django_assert_num_queries):
    make_user("a@example.com")
    first = namespace_key("users", "page", 1)
    assert cached(first, 60, emails) == ["a@example.com"]
    make_user("b@example.com")
    assert cached(namespace_key("users", "page", 1), 60, emails) == ["a@example.com"]

    invalidate("users")
    second = namespace_key("users", "page", 1)
    assert second != first
    with django_assert_num_queries(1):
        assert cached(second, 60, emails) == ["a@example.com", "b@example.com"]


def test_keys_from_arbitrary_input_are_short_and_safe():
    key = make_key("catalog", "?q=oak barrel&x=" + "y" * 500)
    assert len(key) <= 200
    assert " " not in key
    assert make_key("a", "b") == "a:b"


def test_with_redis_down_cached_reads_fall_back_to_the_database(redis_down):
    make_user("a@example.com")
    started = time.monotonic()
    assert cached(namespace_key("users"), 60, emails) == ["a@example.com"]
    make_user("b@example.com")  # nothing was cached: the next read sees the new row
    assert cached(namespace_key("users"), 60, emails) == ["a@example.com", "b@example.com"]
    invalidate("users")  # and invalidation is a no-op rather than an error
    assert time.monotonic() - started < 2


@pytest.mark.urls("vwb_site.tests.probe_views")
def test_with_redis_down_an_api_read_answers_from_the_database(client, redis_down):
    make_user("buyer@example.com")
    response = client.get("/v1/probe/cached-users")
    assert response.status_code == 200, response.content
    assert response.json() == {"emails": ["buyer@example.com"]}


@pytest.mark.urls("vwb_site.tests.probe_views")
def test_with_redis_up_the_same_api_read_is_served_from_the_cache(
    client, django_assert_num_queries
):
    make_user("buyer@example.com")
    client.get("/v1/probe/cached-users")
    with django_assert_num_queries(0):
        response = client.get("/v1/probe/cached-users")
    assert response.json() == {"emails": ["buyer@example.com"]}


@pytest.mark.urls("vwb_site.tests.probe_views")
def test_with_redis_down_throttles_let_requests_through(client, redis_down, throttle_rates):
    throttle_rates(contact="2/min", anon="2/min")
    statuses = {client.get("/v1/probe/cached-users").status_code for _ in range(4)}
    assert statuses == {200}


@pytest.mark.urls("vwb_site.tests.probe_views")
def test_with_redis_up_the_same_throttles_do_count(client, throttle_rates):
    throttle_rates(contact="2/min")
    statuses = [client.get("/v1/probe/cached-users").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_with_redis_down_the_wagtail_page_api_still_answers(client, redis_down):
    from wagtail.models import Page, Site

    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", root_page=root, is_default_site=True)
    # Wagtail's API serializers use the Django cache; a dead Redis must not turn into a 500.
    response = client.get("/api/v2/pages/")
    assert response.status_code == 200, response.content[:300]
    assert "items" in response.json()


def test_cached_in_namespace_serves_the_current_version_only(django_assert_num_queries):
    make_user("a@example.com")
    with django_assert_num_queries(1):
        assert cached_in_namespace("people", ("all",), 60, emails) == ["a@example.com"]
    with django_assert_num_queries(0):
        assert cached_in_namespace("people", ("all",), 60, emails) == ["a@example.com"]
    make_user("b@example.com")
    invalidate("people")
    with django_assert_num_queries(1):
        assert cached_in_namespace("people", ("all",), 60, emails) == [
            "a@example.com",
            "b@example.com",
        ]


def test_cached_in_namespace_survives_a_lost_version_key(django_assert_num_queries):
    make_user("a@example.com")
    assert cached_in_namespace("people", ("all",), 60, emails) == ["a@example.com"]
    make_user("b@example.com")
    cache.delete("ns-version:people")  # evicted: the next version is a new one
    with django_assert_num_queries(1):
        assert len(cached_in_namespace("people", ("all",), 60, emails)) == 2
