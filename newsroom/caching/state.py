"""The version of the public content, shared by every app server through the cache.

Every cached page is stored with the version it was rendered at and is served only while that
version is current. A change to any content bumps the version; so does the moment a scheduled
item becomes public, which is known in advance and kept in the state as its due time.
"""

import logging
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import cache
from django.db.models import Min

from newsroom.articles.models import Article
from newsroom.core.models import Status
from newsroom.events.models import Event

logger = logging.getLogger(__name__)

STATE_KEY = "newsroom:content-state"
# Even without changes, the state is renewed this often: a bound on staleness should a bump be
# lost (the cache unreachable at that moment) and on how long unused pages stay stored.
LONGEST_LIFE = 600


@dataclass(frozen=True)
class ContentState:
    version: str
    changed_at: float  # Unix time of the change, for Last-Modified
    renew_at: float  # the next scheduled publication, or the end of LONGEST_LIFE

    def is_due(self, now: float) -> bool:
        return now >= self.renew_at


def next_scheduled_publication(now: float) -> float | None:
    moment = datetime.fromtimestamp(now, tz=UTC)
    due = [
        model.objects.filter(status=Status.PUBLISHED, published_at__gt=moment).aggregate(
            due=Min("published_at")
        )["due"]
        for model in (Article, Event)
    ]
    due = [when.timestamp() for when in due if when is not None]
    return min(due) if due else None


def new_state() -> ContentState:
    now = time.time()
    renew_at = min(filter(None, [next_scheduled_publication(now), now + LONGEST_LIFE]))
    return ContentState(version=uuid.uuid4().hex[:16], changed_at=now, renew_at=renew_at)


def content_changed() -> ContentState | None:
    """Make every stored page stale, on every app server. Call it after the change commits."""
    state = new_state()
    try:
        cache.set(STATE_KEY, state, timeout=None)
    except Exception:
        logger.warning("The page cache could not be told of a change", exc_info=True)
        return None
    return state
