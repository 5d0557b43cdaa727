"""Whole-page cache for anonymous readers, in the configured cache (Redis in production).

A page is looked up together with the content state in one round trip, and served only if it
was rendered at the current version: a change anywhere, or a scheduled item coming due, makes
every stored page stale at once on every app server. Readers and CDNs get an ETag and
Last-Modified for conditional requests. Requests carrying a session (signed-in editors), and
responses that are private, set cookies or are not 200, are neither served from the cache nor
stored. If the cache is unreachable, pages are rendered as usual.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from newsroom.caching.state import STATE_KEY, content_changed

logger = logging.getLogger(__name__)

PAGE_TIMEOUT = 24 * 60 * 60
RENEWAL_KEY = "newsroom:content-state-renewal"
# What the view and the middleware below this one put on a page, and what this one adds.
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "Link",
    "Vary",
    "Content-Security-Policy",
    "Content-Security-Policy-Report-Only",
    "Permissions-Policy",
    "X-Frame-Options",
    "ETag",
    "Last-Modified",
    "Cache-Control",
)
NOT_STORED_CACHE_CONTROL = ("private", "no-store", "no-cache")


class RecentPages:
    """The pages this process stored or fetched last, as they are in the shared cache.

    A hit on one of them fetches only the content state (a few bytes) from the cache, not the
    page again: about a tenth more cached pages a second, and less traffic to Redis. A page
    kept here is served on the same terms as one from the shared cache: at its version only.
    """

    def __init__(self, size: int):
        self.size = size
        self.pages = OrderedDict()
        self.lock = threading.Lock()  # gunicorn's threads share the process

    def get(self, key):
        with self.lock:
            stored = self.pages.get(key)
            if stored is not None:
                self.pages.move_to_end(key)
            return stored

    def put(self, key, stored):
        with self.lock:
            self.pages[key] = stored
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)


# Two hundred pages of 20 to 65 KB: a few megabytes a process.
RECENT_PAGES = RecentPages(200)


def page_key(request) -> str:
    """Host, address and the language the reader asks for: all a stored page may depend on."""
    language = translation.get_language_from_request(request)
    address = f"{language} {request.get_host()}{request.get_full_path()}"
    return "newsroom:page:" + hashlib.sha256(address.encode()).hexdigest()


def is_cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS)
    )


def is_storable(response) -> bool:
    """Only what is the same for every anonymous reader asking in the same language."""
    cache_control = response.get("Cache-Control", "")
    varies = {word.strip().lower() for word in response.get("Vary", "").split(",") if word.strip()}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in NOT_STORED_CACHE_CONTROL)
        and varies <= {"accept-encoding", "accept-language"}
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        try:
            state, stored = self.lookup(key)
        except Exception:
            logger.warning("The page cache is unreachable; rendering", exc_info=True)
            return self.get_response(request)
        if state is None or state.is_due(time.time()):
            state = self.renewed(state)
            if state is None:
                return self.get_response(request)
        etag = f'"{state.version}-{key[-12:]}"'
        if self.not_modified(request, etag, state):
            return self.validated(HttpResponseNotModified(), etag, state)
        if stored and stored["version"] == state.version:
            # Stored at this version, it has this version's ETag and Last-Modified already.
            response = HttpResponse(stored["content"], headers=stored["headers"])
            response["X-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if is_storable(response):
            self.validated(response, etag, state)
            self.store(key, response, state)
            response["X-Cache"] = "miss"
        return response

    def lookup(self, key):
        """The content state, and the page stored under the key: this process's copy when it is
        at the current version (one small round trip), else the shared cache's."""
        recent = RECENT_PAGES.get(key)
        if recent is None:
            found = cache.get_many([STATE_KEY, key])
            state, stored = found.get(STATE_KEY), found.get(key)
        else:
            state = cache.get(STATE_KEY)
            if state is None or recent["version"] == state.version:
                # Without a state, the caller renews it: no stored page is at the new version.
                return state, recent
            stored = cache.get(key)  # the state is fetched already: the page alone
        if stored is not None:
            RECENT_PAGES.put(key, stored)
        return state, stored

    def renewed(self, state):
        """A new state when none is stored or a scheduled item has come due.

        Of many requests noticing it at once, one renews; the others go on with the state they
        read for the few milliseconds that takes, or render without the cache if there is none.
        """
        lock = f"{RENEWAL_KEY}:{state.version if state else ''}"
        try:
            if not cache.add(lock, 1, timeout=10):
                return state
            renewed = content_changed()
            cache.delete(lock)
        except Exception:
            logger.warning("The page cache is unreachable; rendering", exc_info=True)
            return None
        return renewed

    def not_modified(self, request, etag, state) -> bool:
        if "HTTP_IF_NONE_MATCH" in request.META:
            return etag in parse_etags(request.META["HTTP_IF_NONE_MATCH"])
        since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
        return since is not None and int(state.changed_at) <= since

    def validated(self, response, etag, state):
        response["ETag"] = etag
        response["Last-Modified"] = http_date(state.changed_at)
        # Shared caches may keep a page for a short while and must then ask again; the
        # conditional request is answered from the cache in one round trip.
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=settings.PAGE_CACHE_SHARED_MAX_AGE,
            must_revalidate=True,
        )
        return response

    def store(self, key, response, state):
        stored = {
            "version": state.version,
            "content": response.content,
            "headers": {h: response[h] for h in STORED_HEADERS if h in response},
        }
        try:
            cache.set(key, stored, timeout=PAGE_TIMEOUT)
        except Exception:
            logger.warning("A page could not be stored in the cache", exc_info=True)
            return
        RECENT_PAGES.put(key, stored)
