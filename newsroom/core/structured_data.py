"""schema.org data of the public pages, for search engines and news aggregators (JSON-LD)."""

from django.conf import settings
from django.utils import timezone

from newsroom.core.models import Status
from newsroom.events.models import Event

ATTENDANCE_MODES = {
    Event.AttendanceMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Event.AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Event.AttendanceMode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def organisation(agency, request) -> dict:
    return {
        "@type": "GovernmentOrganization",
        "name": agency.name,
        "url": request.build_absolute_uri(agency.get_absolute_url()),
    }


def image_url(item, request) -> list[str]:
    return [request.build_absolute_uri(item.lead_image.url)] if item.lead_image else []


def moment(value, *, all_day: bool = False) -> str:
    """A time at +07:00 to the second, or only the day of an event
    whose time is not known."""
    local = timezone.localtime(value)
    return local.date().isoformat() if all_day else local.isoformat(timespec="seconds")


def news_article(article, request) -> dict:
    """NewsArticle: what Google News and others read of an article."""
    url = request.build_absolute_uri(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "id",
        "dateModified": moment(article.updated_at),
        "image": image_url(article, request),
        "author": (
            [{"@type": "Person", "name": article.byline}]
            if article.byline
            else [organisation(link.agency, request) for link in article.agency_links[:1]]
        ),
        "publisher": {"@type": "Organization", "name": settings.NEWSROOM_SITE_NAME},
        "about": [{"@type": "Thing", "name": topic.name} for topic in article.topics.all()],
    }
    if article.published_at:  # a preview of a draft has none yet
        data["datePublished"] = moment(article.published_at)
    if article.source_url:
        data["isBasedOn"] = article.source_url
    return data


def event(item, request) -> dict:
    """Event, with its attendance mode and its place, its online address or both."""
    places = []
    if item.venue:
        places.append({"@type": "Place", "name": item.venue, "address": item.venue})
    if item.online_url:
        places.append({"@type": "VirtualLocation", "url": item.online_url})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": item.title,
        "description": item.summary,
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "startDate": moment(item.starts_at, all_day=item.all_day),
        "eventAttendanceMode": ATTENDANCE_MODES[item.attendance_mode],
        "eventStatus": (
            "https://schema.org/EventCancelled"
            if item.status == Status.WITHDRAWN
            else "https://schema.org/EventScheduled"
        ),
        "location": places,
        "image": image_url(item, request),
        "organizer": [organisation(agency, request) for agency in item.organisers],
    }
    if item.ends_at:
        data["endDate"] = moment(item.ends_at, all_day=item.all_day)
    return data
