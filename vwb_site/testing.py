"""Test-only helpers that must be importable by settings."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 with minimal cost: same algorithm and code path, fast enough for a test suite."""

    algorithm = "argon2"
    time_cost = 1
    memory_cost = 256
    parallelism = 1
