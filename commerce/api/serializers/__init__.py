from commerce.api.serializers.inputs import *  # noqa: F403
from commerce.api.serializers.outputs import *  # noqa: F403
