"""Views that use the accounts permission classes, mounted only by test_permissions."""

from django.urls import include, path
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Address
from accounts.permissions import IsAdmin, IsOwner, IsVerifiedB2B, owned_by


class B2BOnlyView(APIView):
    permission_classes = [IsVerifiedB2B]

    def get(self, request):
        return Response({"ok": True})


class AdminOnlyView(APIView):
    permission_classes = [IsAdmin]

    def get(self, request):
        return Response({"ok": True})


class OwnedAddressView(APIView):
    permission_classes = [IsOwner]

    def get(self, request, pk: int):
        address = Address.objects.get(pk=pk)  # deliberately unscoped: the permission decides
        self.check_object_permissions(request, address)
        return Response(
            {
                "id": address.pk,
                "mine": owned_by(Address.objects, request.user).filter(pk=pk).exists(),
            }
        )


probe = [
    path("b2b-only", B2BOnlyView.as_view()),
    path("admin-only", AdminOnlyView.as_view()),
    path("owned/<int:pk>", OwnedAddressView.as_view()),
]
urlpatterns = [path("v1/", include((probe, "v1"), namespace="v1"))]
