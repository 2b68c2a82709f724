"""Staff second factor: TOTP (django-otp) plus hashed recovery codes.

Who must have one (`policy`), the recovery codes (`codes`), the API's pre-2FA challenge token
(`challenge`), the Wagtail admin's redirect to enrol/verify and idle timeout (`middleware`).
The writes are services in `accounts.services.mfa`; the screens are `accounts.admin.mfa`.
"""
