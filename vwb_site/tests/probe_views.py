"""Views that raise each kind of error, mounted only by the error-format tests."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import include, path
from rest_framework import serializers
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from vwb_site.cache import cached, namespace_key
from vwb_site.exceptions import ConflictError


class ProbeLineSerializer(serializers.Serializer):
    quantity = serializers.IntegerField(min_value=1)


class ProbeInputSerializer(serializers.Serializer):
    quantity = serializers.IntegerField(min_value=1)
    lines = serializers.ListField(child=serializers.DictField(), required=False)
    items = ProbeLineSerializer(many=True, required=False)
    country = serializers.CharField(required=False)

    def validate_country(self, value):
        if value != "DE":
            raise serializers.ValidationError("Unknown country code.", code="unknown_country")
        return value


class ProbeView(APIView):
    permission_classes = [AllowAny]

    def post(self, request):
        data = ProbeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response({"ok": True})


class ProbeConflictView(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        raise ConflictError("Only 2 left in stock.", code="insufficient_stock")


class ProbeDjangoValidationView(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        raise DjangoValidationError({"country": ["Unknown country code."]})


# What a service raises: Django ValidationErrors keyed by field path, with the apps' codes.
SERVICE_ERRORS = {
    "one": {
        "password": DjangoValidationError(
            "The password is not correct.", code="password_confirmation_failed"
        )
    },
    "same": {
        "lines[0].quantity": DjangoValidationError("Too many.", code="invalid_quantity"),
        "lines[1].quantity": DjangoValidationError("Too many.", code="invalid_quantity"),
    },
    "mixed": {
        "lines[0].quantity": DjangoValidationError("Too many.", code="invalid_quantity"),
        "lines[1].barrel": DjangoValidationError("No such barrel.", code="barrel_not_found"),
    },
}


class ProbeServiceValidationView(APIView):
    permission_classes = [AllowAny]

    def get(self, request, case: str):
        raise DjangoValidationError(SERVICE_ERRORS[case])


class ProbeCrashView(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        raise RuntimeError("secret internal detail")


class ProbePrivateView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response({"ok": True})


class ProbeThrottledView(APIView):
    permission_classes = [AllowAny]
    throttle_scope = "contact"

    def get(self, request):
        return Response({"ok": True})


class ProbeCachedUsersView(APIView):
    """A read served from the cache, computed from the database on a miss."""

    permission_classes = [AllowAny]
    throttle_scope = "contact"

    def get(self, request):
        from django.contrib.auth import get_user_model

        def emails() -> list[str]:
            return list(get_user_model().objects.order_by("email").values_list("email", flat=True))

        return Response({"emails": cached(namespace_key("probe:users"), 60, emails)})


def plain_django_crash(request):
    raise RuntimeError("crash outside DRF")


v1_patterns = [
    path("probe", ProbeView.as_view()),
    path("probe/conflict", ProbeConflictView.as_view()),
    path("probe/django-validation", ProbeDjangoValidationView.as_view()),
    path("probe/service-validation/<slug:case>", ProbeServiceValidationView.as_view()),
    path("probe/crash", ProbeCrashView.as_view()),
    path("probe/private", ProbePrivateView.as_view()),
    path("probe/throttled", ProbeThrottledView.as_view()),
    path("probe/plain-crash", plain_django_crash),
    path("probe/cached-users", ProbeCachedUsersView.as_view()),
]

urlpatterns = [
    path("v1/", include((v1_patterns, "v1"), namespace="v1")),
]
