"""/v1/admin/users and /v1/admin/companies: administrators only (accounts.permissions.IsAdmin)."""

from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from accounts.api.serializers.admin import (
    AdminCompanyFilterInput,
    AdminCompanyOutput,
    AdminCompanyRejectInput,
    AdminCompanyVerifyInput,
    AdminUserFilterInput,
    AdminUserOutput,
    AdminUserUpdateInput,
)
from accounts.api.views.base import AccountsAPIView, validated
from accounts.models import Company, User
from accounts.permissions import IsAdmin
from accounts.selectors import company_get, company_list, user_get, user_list
from accounts.services import admin_users, companies

TAGS = ["admin"]


class AdminUserListView(AccountsAPIView, GenericAPIView):
    permission_classes = [IsAdmin]
    serializer_class = AdminUserOutput
    queryset = User.objects.none()  # the selector builds the real one

    @extend_schema(
        operation_id="admin_users_list",
        tags=TAGS,
        parameters=[AdminUserFilterInput],
        responses={200: AdminUserOutput(many=True)},
    )
    def get(self, request):
        filters = validated(AdminUserFilterInput, request.query_params)
        page = self.paginate_queryset(user_list(**filters))
        return self.get_paginated_response(AdminUserOutput(page, many=True).data)


class AdminUserDetailView(AccountsAPIView):
    permission_classes = [IsAdmin]

    @extend_schema(operation_id="admin_users_retrieve", tags=TAGS, responses={200: AdminUserOutput})
    def get(self, request, user_id: int):
        return Response(AdminUserOutput(user_get(user_id=user_id)).data)

    @extend_schema(
        operation_id="admin_users_update",
        tags=TAGS,
        request=AdminUserUpdateInput,
        responses={200: AdminUserOutput},
        description="Change role, activation, names, phone or company. Role admin makes the "
        "user staff and superuser (Wagtail admin); any other role removes both. Deactivating "
        "ends the user's sessions. Administrators cannot demote or deactivate themselves.",
    )
    def patch(self, request, user_id: int):
        data = validated(AdminUserUpdateInput, request.data)
        admin_users.user_update_by_admin(user_id=user_id, actor=request.user, data=data)
        return Response(AdminUserOutput(user_get(user_id=user_id)).data)


class AdminCompanyListView(AccountsAPIView, GenericAPIView):
    permission_classes = [IsAdmin]
    serializer_class = AdminCompanyOutput
    queryset = Company.objects.none()  # the selector builds the real one

    @extend_schema(
        operation_id="admin_companies_list",
        tags=TAGS,
        parameters=[AdminCompanyFilterInput],
        responses={200: AdminCompanyOutput(many=True)},
    )
    def get(self, request):
        filters = validated(AdminCompanyFilterInput, request.query_params)
        page = self.paginate_queryset(company_list(**filters))
        return self.get_paginated_response(AdminCompanyOutput(page, many=True).data)


class AdminCompanyDetailView(AccountsAPIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="admin_companies_retrieve", tags=TAGS, responses={200: AdminCompanyOutput}
    )
    def get(self, request, company_id: int):
        return Response(AdminCompanyOutput(company_get(company_id=company_id)).data)


class AdminCompanyVerifyView(AccountsAPIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="admin_companies_verify",
        tags=TAGS,
        request=AdminCompanyVerifyInput,
        responses={200: AdminCompanyOutput},
        description="Verify the company (from pending or rejected): B2B prices and "
        "quotes open to its members, who are told by e-mail.",
    )
    def post(self, request, company_id: int):
        data = validated(AdminCompanyVerifyInput, request.data)
        companies.company_verify(company_id=company_id, actor=request.user, note=data["note"])
        return Response(AdminCompanyOutput(company_get(company_id=company_id)).data)


class AdminCompanyRejectView(AccountsAPIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="admin_companies_reject",
        tags=TAGS,
        request=AdminCompanyRejectInput,
        responses={200: AdminCompanyOutput},
        description="Reject the company (from pending), or withdraw a verification. "
        "The reason is sent to its members.",
    )
    def post(self, request, company_id: int):
        data = validated(AdminCompanyRejectInput, request.data)
        companies.company_reject(company_id=company_id, actor=request.user, reason=data["reason"])
        return Response(AdminCompanyOutput(company_get(company_id=company_id)).data)
