"""Settings of the processes `vwb_site.tests.cluster` starts (web instances, workers, relay,
beats): the test settings, with tasks sent to the broker (the workers run them) and the
catalog's worker-local copies on, as in production."""

from vwb_site.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
CATALOG_LOCAL_CACHE_ENTRIES = 1000
