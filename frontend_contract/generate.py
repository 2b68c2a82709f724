"""Regenerate the TypeScript kit (`python -m frontend_contract.generate`).

`make schema` runs it right after writing `openapi.yaml`. It installs the pinned kit with
`npm ci` when `node_modules` is missing.
"""

import sys

import django

from frontend_contract.typescript import GENERATED_TYPES, KIT_DIR, NodeMissing, generate_types


def main() -> int:
    django.setup()
    # Imported once the app registry is ready: it reads every app's error_codes.py.
    from frontend_contract.error_codes_ts import ERROR_CODES_TS, write_error_codes_ts

    write_error_codes_ts()
    print(f"wrote frontend_contract/ts/{ERROR_CODES_TS.name}")
    try:
        for source, target in GENERATED_TYPES:
            generate_types(KIT_DIR / source, KIT_DIR / target)
            print(f"wrote frontend_contract/{target}")
    except NodeMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
