"""/v1/me/export, /v1/me/exports/{id}, /v1/me/consents, /v1/site-config and erasure."""

from django.conf import settings
from django.http import FileResponse, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from accounts.api.serializers.privacy import (
    PrivacyConsentInput,
    PrivacyConsentListOutput,
    PrivacyErasureInput,
    PrivacyExportOutput,
    PrivacyPasswordInput,
    PrivacySiteConfigOutput,
)
from accounts.api.views.base import AccountsAPIView, validated
from accounts.models_privacy import ConsentRecord
from accounts.privacy import analytics, consent, erasure, export
from accounts.privacy.services import password_confirm
from vwb_site.api.renderers import ZIP_DOWNLOAD
from vwb_site.core.storage import open_private_file

TAGS = ["privacy"]
PASSWORD_HEADER = "X-Confirm-Password"  # noqa: S105 - a header name
EXPORT_RESPONSES = {
    (200, "application/zip"): OpenApiResponse(
        OpenApiTypes.BINARY, description="The archive (personal-data.json inside)."
    ),
    (202, "application/json"): OpenApiResponse(
        PrivacyExportOutput, description="Large export: built in the background, link e-mailed."
    ),
}


def _export_answer(request):
    user = request.user
    if export.export_row_count(user=user) > settings.PRIVACY_EXPORT_SYNC_MAX_ROWS:
        job = export.export_request(user=user)
        return Response(PrivacyExportOutput(job).data, status=status.HTTP_202_ACCEPTED)
    response = HttpResponse(export.export_zip(user=user), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="personal-data.zip"'
    response["Cache-Control"] = "no-store"
    return response


class MeExportView(AccountsAPIView):
    renderer_classes = ZIP_DOWNLOAD
    permission_classes = [IsAuthenticated]
    throttle_scope = "auth"

    @extend_schema(
        operation_id="me_export_retrieve",
        tags=TAGS,
        responses=EXPORT_RESPONSES,
        parameters=[
            OpenApiParameter(
                PASSWORD_HEADER,
                str,
                OpenApiParameter.HEADER,
                required=True,
                description="The current password.",
            )
        ],
        description="All personal data held about the signed-in user, as zipped JSON. The "
        "password is confirmed again (header). Large exports answer 202 and the download link "
        "is e-mailed.",
    )
    def get(self, request):
        password_confirm(user=request.user, password=request.headers.get(PASSWORD_HEADER))
        return _export_answer(request)

    @extend_schema(
        operation_id="me_export_create",
        tags=TAGS,
        request=PrivacyPasswordInput,
        responses=EXPORT_RESPONSES,
        description="As GET, with the password in the body.",
    )
    def post(self, request):
        data = validated(PrivacyPasswordInput, request.data)
        password_confirm(user=request.user, password=data["password"])
        return _export_answer(request)


class MeExportDetailView(AccountsAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_exports_retrieve",
        tags=TAGS,
        responses={200: PrivacyExportOutput},
        description="The state of a background export (someone else's: 404).",
    )
    def get(self, request, export_id):
        job = export.export_get_for_user(user=request.user, export_id=export_id)
        return Response(PrivacyExportOutput(job).data)


class MeExportDownloadView(AccountsAPIView):
    renderer_classes = ZIP_DOWNLOAD
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        operation_id="me_export_download",
        tags=TAGS,
        auth=[],
        parameters=[OpenApiParameter("token", str, OpenApiParameter.QUERY, required=True)],
        responses={(200, "application/zip"): OpenApiTypes.BINARY},
        description="The e-mailed, signed and expiring download link of a background export.",
    )
    def get(self, request):
        job = export.export_from_token(request.query_params.get("token", ""))
        response = FileResponse(
            open_private_file(job.file),
            as_attachment=True,
            filename="personal-data.zip",
            content_type="application/zip",
        )
        response["Cache-Control"] = "no-store"
        return response


def erase_me(request) -> Response:
    """DELETE /v1/me (wired on MeView): erasure after password confirmation.

    The password comes in the X-Confirm-Password header, as for the export (the documented way:
    OpenAPI gives a DELETE no body), or in a JSON body {"password"} as before.
    """
    header = request.headers.get(PASSWORD_HEADER)
    if header is not None and not request.data:
        password = header
    else:
        password = validated(PrivacyErasureInput, request.data)["password"]
    password_confirm(user=request.user, password=password)
    erasure.user_erase(user=request.user)
    return Response(status=status.HTTP_204_NO_CONTENT)


def _consent_state(user) -> dict:
    latest = consent.consent_latest(user=user)
    policy = consent.current_policy_version()
    return {
        "policy_version": policy,
        "consents": [
            {
                "purpose": purpose,
                "granted": bool(r and r.granted and r.policy_version == policy),
                "policy_version": r.policy_version if r else None,
                "decided_at": r.created_at if r else None,
            }
            for purpose, r in latest.items()
        ],
        "history": ConsentRecord.objects.filter(user=user)[:100],
    }


class MeConsentsView(AccountsAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_consents_retrieve",
        tags=TAGS,
        responses={200: PrivacyConsentListOutput},
        description="Current consent per purpose and the last 100 decisions.",
    )
    def get(self, request):
        return Response(PrivacyConsentListOutput(_consent_state(request.user)).data)

    @extend_schema(
        operation_id="me_consents_create",
        tags=TAGS,
        request=PrivacyConsentInput,
        responses={201: PrivacyConsentListOutput},
        description="Grant (granted=true) or withdraw (false) consent for a purpose, "
        "under the current policy version. An unknown purpose answers 400 "
        "`consent_unknown_purpose`.",
    )
    def post(self, request):
        data = validated(PrivacyConsentInput, request.data)
        consent.consent_set(user=request.user, **data)
        return Response(
            PrivacyConsentListOutput(_consent_state(request.user)).data,
            status=status.HTTP_201_CREATED,
        )


class SiteConfigView(AccountsAPIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        operation_id="site_config_retrieve",
        tags=TAGS,
        auth=[],
        responses={200: PrivacySiteConfigOutput},
        description="Public configuration for the frontend: GA4 measurement id "
        "(empty when analytics is off), the consent categories, and the PayPal buttons' client id "
        "and currency (null when PayPal is off; the secret never appears).",
    )
    def get(self, request):
        return Response(PrivacySiteConfigOutput(analytics.site_config()).data)
