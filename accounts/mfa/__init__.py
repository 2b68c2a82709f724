"""Staff second factor: TOTP (django-otp) plus hashed recovery codes.

Who must have one (`policy`), the recovery codes (`codes`), the API's pre-2FA challenge token
(`challenge`), the Wagtail admin's enrol/verify screens and idle timeout (`views`,
`middleware`). The writes are services in `accounts.services.mfa`.
"""
