"""Settings shared by every environment: the project-wide ones (`core.py`) and each app's own
block (`apps.py`).

Values come from the environment (django-environ); `.env.example` documents each variable.
Environment-specific modules (local, test, production) import this one and override.
"""

from .apps import *
from .core import env  # noqa: F401 - `from .base import env` in the environment modules
