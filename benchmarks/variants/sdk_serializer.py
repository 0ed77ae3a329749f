"""Replaces muscle_twitch/skill/serializer.py in the benchmark's "SDK serializer" package.

It is the skill as it would be with the planned serializer deleted: `build_skill` still assigns
`PlannedSerializer()`, which here is the SDK's own DefaultSerializer, and the Lambda entry's
event reading (`deserialize_data`) goes through JSON text, as the entry does for any serializer
that is not the planned one. builder.py and entry.py are left as they are.
"""

import json
from typing import Any

from ask_sdk_core.serialize import DefaultSerializer


class PlannedSerializer(DefaultSerializer):
    def deserialize_data(self, data: Any, obj_type: Any) -> Any:
        return self.deserialize(json.dumps(data), obj_type)
