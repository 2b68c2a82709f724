from django.urls import path

from accounts.api.views import admin, auth, me
from accounts.api.views import privacy as privacy_views

app_name = "accounts"

urlpatterns = [
    path("auth/register", auth.RegisterView.as_view(), name="register"),
    path("auth/token", auth.TokenObtainView.as_view(), name="token"),
    path("auth/token/2fa", auth.TokenMfaView.as_view(), name="token-2fa"),
    path("auth/token/refresh", auth.TokenRefreshView.as_view(), name="token-refresh"),
    path("auth/logout", auth.LogoutView.as_view(), name="logout"),
    path("auth/password/change", auth.PasswordChangeView.as_view(), name="password-change"),
    path("auth/password/reset", auth.PasswordResetView.as_view(), name="password-reset"),
    path(
        "auth/password/reset/confirm",
        auth.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("auth/email/confirm", auth.EmailConfirmView.as_view(), name="email-confirm"),
    path(
        "auth/email/confirm/resend",
        auth.EmailConfirmResendView.as_view(),
        name="email-confirm-resend",
    ),
    path("me", me.MeView.as_view(), name="me"),
    path("me/email", me.MeEmailView.as_view(), name="me-email"),
    path("me/addresses", me.AddressListView.as_view(), name="addresses"),
    path("me/addresses/<int:address_id>", me.AddressDetailView.as_view(), name="address"),
    path("admin/users", admin.AdminUserListView.as_view(), name="admin-users"),
    path("admin/users/<int:user_id>", admin.AdminUserDetailView.as_view(), name="admin-user"),
    path("admin/companies", admin.AdminCompanyListView.as_view(), name="admin-companies"),
    path(
        "admin/companies/<int:company_id>",
        admin.AdminCompanyDetailView.as_view(),
        name="admin-company",
    ),
    path(
        "admin/companies/<int:company_id>/verify",
        admin.AdminCompanyVerifyView.as_view(),
        name="admin-company-verify",
    ),
    path(
        "admin/companies/<int:company_id>/reject",
        admin.AdminCompanyRejectView.as_view(),
        name="admin-company-reject",
    ),
    # --- privacy ---
    path("me/export", privacy_views.MeExportView.as_view(), name="me-export"),
    path(
        "me/export/download",
        privacy_views.MeExportDownloadView.as_view(),
        name="me-export-download",
    ),
    path(
        "me/exports/<uuid:export_id>",
        privacy_views.MeExportDetailView.as_view(),
        name="me-export-detail",
    ),
    path("me/consents", privacy_views.MeConsentsView.as_view(), name="me-consents"),
    path("site-config", privacy_views.SiteConfigView.as_view(), name="site-config"),
]
