from django.urls import include, path

app_name = "commerce"

urlpatterns: list = []

# --- shipping (commerce.shipping.api.urls) ---------------------------------------------------
urlpatterns += [path("", include("commerce.shipping.api.urls"))]
