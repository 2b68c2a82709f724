"""Recovery codes of the staff second factor, stored hashed.

django-otp's own `StaticToken` (otp_static, 1.7.5) keeps its tokens in clear text (a lookup by
`token=`), so a database dump would hand over working second factors. A recovery code here is
a random 50-bit value shown once; only its keyed hash (HMAC-SHA256 with the project's secret,
`accounts.mfa.codes`) is stored. A keyed fast hash is enough: the codes are random, not chosen
by people, and a lookup by hash keeps verification one indexed query.
"""

from django.conf import settings
from django.db import models


class RecoveryCode(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mfa_recovery_codes"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "used_at"])]

    def __str__(self) -> str:
        return f"recovery code {self.pk} of user {self.user_id}"
