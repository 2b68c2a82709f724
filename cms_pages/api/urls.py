from django.urls import path

from cms_pages.api.views import site as views

app_name = "cms_pages"

urlpatterns = [
    path("contact-messages", views.ContactMessageCreateView.as_view(), name="contact-messages"),
    path("redirects", views.RedirectListView.as_view(), name="redirects"),
    path("redirects/resolve", views.RedirectResolveView.as_view(), name="redirects-resolve"),
]
