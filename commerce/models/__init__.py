"""Commerce models, one module per area; each area's services live in its own subpackage."""

from commerce.models.orders import *  # noqa: F403
from commerce.models.payments import *  # noqa: F403
from commerce.models.shipping import *  # noqa: F403
from commerce.models.tax import *  # noqa: F403
