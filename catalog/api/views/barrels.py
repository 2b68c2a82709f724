"""The barrel API: public list and detail (cached, see catalog/api/caching.py), administrator
create, update, delete."""

from functools import partial

from django.core.paginator import Paginator
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from catalog import cache_keys
from catalog.api.caching import (
    LIST_KEYS,
    CacheFirst,
    audience,
    detail_keys,
    edge_policy,
    edge_response,
    json_response,
    list_key,
    render,
    use_cache,
)
from catalog.api.filters import BarrelListQueryInput, parse_list_query
from catalog.api.permissions import IsAdmin, is_admin
from catalog.api.serializers.inputs import BarrelCreateInput, BarrelUpdateInput
from catalog.api.serializers.outputs import (
    BarrelAdminOutput,
    BarrelDetailOutput,
    BarrelListOutput,
    barrel_detail_data,
    barrel_list_item_data,
)
from catalog.search import search_plan
from catalog.selectors import (
    barrel_count_from_facets,
    barrel_facets,
    barrel_get,
    barrel_list,
    sees_tier_prices,
)
from catalog.services.barrels import barrel_create, barrel_delete, barrel_update
from catalog.services.view_counts import barrel_view_record
from vwb_site.api.http_cache import strong_etag
from vwb_site.api.pagination import PageNumberPagination
from vwb_site.core.replica import PRIMARY, read_alias


class KnownCountPaginator(Paginator):
    """A Django paginator given its object count instead of running a COUNT query."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count = count  # shadows the cached_property


class _PerMethodPermissions:
    # GET is public; every other method needs an administrator.

    def get_permissions(self):
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return [AllowAny()]
        return [IsAdmin()]


def admin_detail(barrel, request) -> bytes:
    fresh = barrel_get(slug=barrel.slug, user=request.user, any_status=True)
    return render(BarrelAdminOutput(fresh, context={"show_tiers": True}).data)


class BarrelCollectionView(CacheFirst, _PerMethodPermissions, APIView):
    """Barrels: the public catalog (GET) and creation by administrators (POST)."""

    def anonymous_cache_key(self, request, *args, **kwargs) -> str | None:
        try:
            query = parse_list_query(request.GET, is_admin=False)
        except ValidationError:
            return None  # DRF's path answers with the 400
        return list_key(request, query, "public")

    def cached_hit(self, key: str, request, policy: str):
        cached, _version = self.cache_lookup(key)
        if cached is None:
            return None
        etag, body = cached
        return edge_response(
            request, body, etag=etag, keys=LIST_KEYS, policy=policy, cache_state="hit"
        )

    @extend_schema(
        operation_id="barrels_list",
        summary="List barrels with filters, search, ordering and facet counts",
        parameters=[BarrelListQueryInput],
        responses={200: BarrelListOutput},
        auth=[],
    )
    def get(self, request, *args, **kwargs):
        user = request.user
        query = parse_list_query(request.query_params, is_admin=is_admin(user))
        key = None
        policy = edge_policy(request, user)
        if use_cache(user):
            key = list_key(request, query, audience(user))
            hit = self.cached_hit(key, request, policy)
            if hit is not None:
                return hit
            _body, version = self.cache_lookup(key)
        show_tiers = sees_tier_prices(user)
        # The public list may lag a little (the read replica, when there is one); what an
        # administrator lists is read from the primary (vwb_site/core/replica.py).
        using = PRIMARY if is_admin(user) else read_alias(scope=cache_keys.REPLICA_SCOPE)
        plan = search_plan(query.filters.search, status=query.filters.status, using=using)
        facets = barrel_facets(filters=query.filters, plan=plan, using=using)
        paginator = PageNumberPagination()
        # The facet counts already add up to the number of matches: no COUNT query.
        paginator.django_paginator_class = partial(
            KnownCountPaginator, count=barrel_count_from_facets(facets, filters=query.filters)
        )
        page = paginator.paginate_queryset(
            barrel_list(filters=query.filters, user=user, plan=plan, using=using),
            request,
            view=self,
        )
        data = {
            "count": paginator.page.paginator.count,
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "results": [barrel_list_item_data(barrel, show_tiers=show_tiers) for barrel in page],
            "facets": facets,
            "search_corrected_to": plan.corrected or None if plan else None,
        }
        body = render(data)
        etag = strong_etag(body)
        if key:
            cache_keys.cached_set(key, (etag, body), version=version)
        return edge_response(
            request,
            body,
            etag=etag,
            keys=LIST_KEYS,
            policy=policy,
            cache_state="miss" if key else None,
        )

    @extend_schema(
        operation_id="barrels_create",
        summary="Create a barrel (administrators)",
        request=BarrelCreateInput,
        responses={201: BarrelAdminOutput},
    )
    def post(self, request, *args, **kwargs):
        serializer = BarrelCreateInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        barrel = barrel_create(actor=request.user, **serializer.validated_data)
        return json_response(admin_detail(barrel, request), status=201)


class BarrelItemView(CacheFirst, _PerMethodPermissions, APIView):
    """One barrel by slug: public GET (active barrels), administrator PATCH and DELETE."""

    def anonymous_cache_key(self, request, slug: str, *args, **kwargs) -> str:
        return cache_keys.detail_key(slug=slug, audience="public")

    def cached_hit(self, key: str, request, policy: str):
        cached, _version = self.cache_lookup(key)
        if cached is None:
            return None
        barrel_id, etag, body = cached
        barrel_view_record(barrel_id=barrel_id)  # a revalidation (304) is a view too
        return edge_response(
            request,
            body,
            etag=etag,
            keys=detail_keys(barrel_id),
            policy=policy,
            cache_state="hit",
        )

    @extend_schema(
        operation_id="barrels_retrieve",
        summary="One barrel with image renditions, availability and (B2B) tier prices",
        responses={200: BarrelDetailOutput},
        auth=[],
    )
    def get(self, request, slug: str, *args, **kwargs):
        user = request.user
        policy = edge_policy(request, user)
        if is_admin(user):
            barrel = barrel_get(slug=slug, user=user, any_status=True)
            body = render(barrel_detail_data(barrel, show_tiers=True))
            return edge_response(
                request, body, etag=None, keys=detail_keys(barrel.id), policy=policy
            )
        key = None
        if use_cache(user):
            key = cache_keys.detail_key(slug=slug, audience=audience(user))
            hit = self.cached_hit(key, request, policy)
            if hit is not None:
                return hit
            _cached, version = self.cache_lookup(key)
        barrel = barrel_get(slug=slug, user=user)
        body = render(barrel_detail_data(barrel, show_tiers=sees_tier_prices(user)))
        etag = strong_etag(body)
        if key:
            cache_keys.cached_set(key, (barrel.id, etag, body), version=version)
        barrel_view_record(barrel_id=barrel.id)
        return edge_response(
            request,
            body,
            etag=etag,
            keys=detail_keys(barrel.id),
            policy=policy,
            cache_state="miss" if key else None,
        )

    @extend_schema(
        operation_id="barrels_partial_update",
        summary="Change a barrel (administrators); stock changes go through stock-adjustments",
        request=BarrelUpdateInput,
        responses={200: BarrelAdminOutput},
    )
    def patch(self, request, slug: str, *args, **kwargs):
        barrel = barrel_get(slug=slug, user=request.user, any_status=True)
        serializer = BarrelUpdateInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        barrel = barrel_update(barrel=barrel, actor=request.user, **serializer.validated_data)
        return json_response(admin_detail(barrel, request))

    @extend_schema(
        operation_id="barrels_destroy",
        summary="Delete a draft that never had stock (administrators); otherwise archive it",
        responses={204: OpenApiResponse(description="Deleted.")},
    )
    def delete(self, request, slug: str, *args, **kwargs):
        barrel = barrel_get(slug=slug, user=request.user, any_status=True)
        barrel_delete(barrel=barrel, actor=request.user)
        return HttpResponse(status=204)
