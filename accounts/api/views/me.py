"""/v1/me and /v1/me/addresses: the signed-in user's profile and address book."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts.api.serializers.common import AccountsDetailOutput, AccountsUserOutput
from accounts.api.serializers.me import (
    AddressCreateInput,
    AddressOutput,
    AddressUpdateInput,
    MeEmailChangeInput,
    MeUpdateInput,
)
from accounts.api.serializers.privacy import PrivacyErasureInput
from accounts.api.views.base import AccountsAPIView, validated
from accounts.selectors import address_get_for_user, address_list_for_user, user_profile_get
from accounts.services import addresses, profiles

TAGS = ["me"]


class MeView(AccountsAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="me_retrieve", tags=TAGS, responses={200: AccountsUserOutput})
    def get(self, request):
        return Response(AccountsUserOutput(user_profile_get(user_id=request.user.pk)).data)

    @extend_schema(
        operation_id="me_update",
        tags=TAGS,
        request=MeUpdateInput,
        responses={200: AccountsUserOutput},
        description="Change first name, last name and phone. Role, company, verification, "
        "e-mail and password cannot be set here: such a field answers 400 `field_not_allowed` "
        "and nothing changes.",
    )
    def patch(self, request):
        data = validated(MeUpdateInput, request.data)
        profiles.user_profile_update(user=request.user, data=data)
        return Response(AccountsUserOutput(user_profile_get(user_id=request.user.pk)).data)

    @extend_schema(
        operation_id="me_destroy",
        tags=TAGS,
        request=PrivacyErasureInput,
        parameters=[
            OpenApiParameter(
                "X-Confirm-Password",
                str,
                OpenApiParameter.HEADER,
                required=True,
                description="The current password (or, undocumented by OpenAPI for a DELETE, "
                'a JSON body {"password"}).',
            )
        ],
        responses={204: OpenApiResponse(description="Erased: the account is anonymised.")},
        description="Erase the account (GDPR art. 17): the password is confirmed; names, "
        "e-mail, phone, addresses and free text are removed, sessions revoked and login "
        "disabled. Orders and invoices stay, anonymised, with their amounts. 409 "
        "`erasure_open_orders` while an order is unpaid or in transit.",
    )
    def delete(self, request):
        from accounts.api.views.privacy import erase_me

        return erase_me(request)


class MeEmailView(AccountsAPIView):
    permission_classes = [IsAuthenticated]
    throttle_scope = "auth"

    @extend_schema(
        operation_id="me_email_change",
        tags=TAGS,
        request=MeEmailChangeInput,
        responses={202: AccountsDetailOutput},
        description="Change the login e-mail: give the current password; a confirmation link "
        "goes to the new address, and the change happens when it is followed "
        "(POST /v1/auth/email/confirm).",
    )
    def post(self, request):
        data = validated(MeEmailChangeInput, request.data)
        profiles.email_change_request(user=request.user, **data)
        return Response(
            {"detail": "A confirmation link was sent to the new address."},
            status=status.HTTP_202_ACCEPTED,
        )


class AddressListView(AccountsAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_addresses_list",
        tags=TAGS,
        responses={200: AddressOutput(many=True)},
        description="The address book (not paginated; ACCOUNTS_MAX_ADDRESSES caps it), "
        "defaults first.",
    )
    def get(self, request):
        queryset = address_list_for_user(user=request.user)
        return Response(AddressOutput(queryset, many=True).data)

    @extend_schema(
        operation_id="me_addresses_create",
        tags=TAGS,
        request=AddressCreateInput,
        responses={201: AddressOutput},
        description="Add an address. The first one becomes the default shipping and billing "
        "address; setting a default flag clears it on the previous default.",
    )
    def post(self, request):
        data = validated(AddressCreateInput, request.data)
        address = addresses.address_create(user=request.user, data=data)
        return Response(AddressOutput(address).data, status=status.HTTP_201_CREATED)


class AddressDetailView(AccountsAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="me_addresses_retrieve", tags=TAGS, responses={200: AddressOutput})
    def get(self, request, address_id: int):
        address = address_get_for_user(user=request.user, address_id=address_id)
        return Response(AddressOutput(address).data)

    @extend_schema(
        operation_id="me_addresses_update",
        tags=TAGS,
        request=AddressUpdateInput,
        responses={200: AddressOutput},
    )
    def patch(self, request, address_id: int):
        data = validated(AddressUpdateInput, request.data)
        address = addresses.address_update(user=request.user, address_id=address_id, data=data)
        return Response(AddressOutput(address).data)

    @extend_schema(
        operation_id="me_addresses_delete",
        tags=TAGS,
        description="Delete an address. A default it was passes to the most recently "
        "added address left.",
        responses={204: OpenApiResponse(description="Deleted.")},
    )
    def delete(self, request, address_id: int):
        addresses.address_delete(user=request.user, address_id=address_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
