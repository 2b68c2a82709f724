from django.urls import path

from quotes.api.views import quotes as views

app_name = "quotes"

urlpatterns = [
    path("quotes", views.QuoteListCreateView.as_view(), name="list"),
    path("quotes/<uuid:quote_id>", views.QuoteDetailView.as_view(), name="detail"),
    path(
        "quotes/<uuid:quote_id>/messages", views.QuoteMessageCreateView.as_view(), name="messages"
    ),
    path(
        "quotes/<uuid:quote_id>/request-changes",
        views.QuoteRequestChangesView.as_view(),
        name="request-changes",
    ),
    path("quotes/<uuid:quote_id>/accept", views.QuoteAcceptView.as_view(), name="accept"),
    path("quotes/<uuid:quote_id>/decline", views.QuoteDeclineView.as_view(), name="decline"),
    path("quotes/<uuid:quote_id>/cancel", views.QuoteCancelView.as_view(), name="cancel"),
    path(
        "quotes/<uuid:quote_id>/versions", views.QuoteVersionCreateView.as_view(), name="versions"
    ),
    path(
        "quotes/<uuid:quote_id>/versions/<int:number>/pdf",
        views.QuoteVersionPdfView.as_view(),
        name="version-pdf",
    ),
    path("quotes/<uuid:quote_id>/reject", views.QuoteRejectView.as_view(), name="reject"),
]
