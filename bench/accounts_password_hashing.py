"""Cost of a login's password check with the production hashers (Argon2 first, PBKDF2 legacy).

Run: .venv/bin/python bench/accounts_password_hashing.py [--rounds 20] [--smoke]
(local settings by default; --smoke: 2 rounds, seconds).
Prints milliseconds per hash and per verification, and the login rate one core can sustain.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vwb_site.settings.local")

import django

django.setup()

from django.contrib.auth.hashers import Argon2PasswordHasher, PBKDF2PasswordHasher  # noqa: E402

ROUNDS = {"n": 20}
PASSWORD = "barrel-Oak-2026-smoky"  # noqa: S105 - benchmark input


def timed(fn) -> float:
    samples = []
    for _ in range(ROUNDS["n"]):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS["n"])
    parser.add_argument("--smoke", action="store_true", help="2 rounds: seconds")
    args = parser.parse_args()
    ROUNDS["n"] = 2 if args.smoke else args.rounds
    for hasher in (Argon2PasswordHasher(), PBKDF2PasswordHasher()):
        encoded = hasher.encode(PASSWORD, hasher.salt())
        hash_ms = timed(lambda h=hasher: h.encode(PASSWORD, h.salt()))
        verify_ms = timed(lambda h=hasher, e=encoded: h.verify(PASSWORD, e))
        print(
            f"{hasher.algorithm:>14}: hash {hash_ms:6.1f} ms, verify {verify_ms:6.1f} ms "
            f"(median of {ROUNDS['n']}); about {1000 / verify_ms:5.1f} verifications/s per core"
        )


if __name__ == "__main__":
    main()
