"""CMS endpoints under /v1/: the contact form and redirects."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from cms_pages import error_codes
from cms_pages.api.serializers.site import (
    ContactMessageCreateInput,
    ContactMessageCreateOutput,
    RedirectOutput,
)
from cms_pages.selectors import redirect_list, redirect_resolve
from cms_pages.services import contact_message_submit
from vwb_site.exceptions import NotFoundError


class ContactMessageCreateView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_scope = "contact"

    @extend_schema(
        operation_id="contact_messages_create",
        request=ContactMessageCreateInput,
        responses={202: ContactMessageCreateOutput},
        tags=["cms"],
        summary="Send a message through the contact form",
        description=(
            "Stores the message and e-mails it to staff. Rate limited per IP (`contact` scope). "
            "The `website` field is a honeypot: leave it out or empty."
        ),
    )
    def post(self, request):
        data = ContactMessageCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        contact_message_submit(honeypot=values.pop("website"), **values)
        return Response(
            ContactMessageCreateOutput({"status": "received"}).data,
            status=status.HTTP_202_ACCEPTED,
        )


def _redirect_data(redirect) -> dict:
    return {
        "old_path": redirect.old_path,
        "location": redirect.link or "",
        "is_permanent": redirect.is_permanent,
    }


class RedirectListView(ListAPIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    serializer_class = RedirectOutput

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request, no DB
            return Redirect.objects.none()
        return redirect_list(site=Site.find_for_request(self.request))

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response([_redirect_data(r) for r in page])

    @extend_schema(operation_id="redirects_list", tags=["cms"], summary="List redirects")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class RedirectResolveQuery(serializers.Serializer):
    path = serializers.CharField(max_length=255)


class RedirectResolveView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="redirects_resolve",
        parameters=[OpenApiParameter("path", str, required=True, description="e.g. /old-page/")],
        responses={200: RedirectOutput},
        tags=["cms"],
        summary="Where an old storefront path redirects to (404 when it does not)",
    )
    def get(self, request):
        query = RedirectResolveQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        redirect = redirect_resolve(
            path=query.validated_data["path"], site=Site.find_for_request(request)
        )
        if redirect is None or not redirect.link:
            raise NotFoundError("No redirect for this path.", code=error_codes.REDIRECT_NOT_FOUND)
        return Response(RedirectOutput(_redirect_data(redirect)).data)
