"""The backup's serialisation: Django's JSON, with times to the microsecond.

Django's JSON encoder keeps only milliseconds of a time, so a restored site would differ from
the one backed up wherever a time is shown to the microsecond (feeds, ETags, the API). Loading
is Django's own: it reads any precision.
"""

import datetime

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer

__all__ = ["Deserializer", "Serializer"]


class FullPrecisionEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = FullPrecisionEncoder
