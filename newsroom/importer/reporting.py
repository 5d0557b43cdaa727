"""How an import is told to the person who ran it, in the terminal and in the admin."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.articles.models import ArticleAgency
from newsroom.events.models import Event
from newsroom.importer.extraction import Flag

FLAG_MESSAGES = {
    Flag.HEADLINE_PROPOSED: gettext_lazy(
        "The document has no headline: the one given is proposed from its first sentence."
    ),
    Flag.PUBLISHED_FROM_STORY: gettext_lazy(
        "The document gives no publication date: the day the story reports was taken, at noon."
    ),
    Flag.NO_PUBLICATION_TIME: gettext_lazy("The document gives no date at all."),
    Flag.NO_LEAD_AGENCY: gettext_lazy("No agency from the directory was recognised."),
    Flag.UNKNOWN_AGENCIES: gettext_lazy(
        "Some names look like agencies the directory does not have: add them if they are."
    ),
}


def flag_messages(flags) -> list[str]:
    return [str(FLAG_MESSAGES[flag]) for flag in flags if flag in FLAG_MESSAGES]


def describe(report, *, dry_run: bool = False) -> str:
    """A report as a few lines of text."""
    prefix = _("(dry run) ") if dry_run else ""
    lines = [f"{prefix}{report.name}: {report.get_outcome_display()}"]
    if report.message:
        lines.append(f"  {report.message}")
    if report.article is not None:
        lines.append(
            "  "
            + _("article: “%(title)s” (%(slug)s, %(status)s)")
            % {
                "title": report.article.title,
                "slug": report.article.slug,
                "status": report.article.get_status_display(),
            }
        )
    extraction = report.extraction
    if extraction is not None:
        published = extraction.published_at.isoformat() if extraction.published_at else "–"
        lines.append("  " + _("published: %(time)s") % {"time": published})
        credits = ", ".join(
            value
            for value in [extraction.outlet, extraction.byline, extraction.editor, extraction.place]
            if value
        )
        lines.append(
            "  " + _("outlet, byline, editor, place: %(credits)s") % {"credits": credits or "–"}
        )
        lead = ArticleAgency.Role.LEAD.label
        agencies = [f"{extraction.lead_agency} ({lead})"] if extraction.lead_agency else []
        agencies += extraction.agencies
        lines.append("  " + _("agencies: %(list)s") % {"list": ", ".join(agencies) or "–"})
        people = [
            f"{p['name']} ({p['title']})" if p["title"] else p["name"] for p in extraction.people
        ]
        lines.append("  " + _("people: %(list)s") % {"list": "; ".join(people) or "–"})
        for event in extraction.events:
            lines.append(
                "  "
                + _("event: %(title)s, %(day)s, %(attendance)s")
                % {
                    "title": event.title,
                    "day": event.day.isoformat(),
                    "attendance": Event.AttendanceMode(event.attendance).label,
                }
            )
        if extraction.unknown_agencies:
            lines.append(
                "  "
                + _("not in the directory: %(list)s")
                % {"list": "; ".join(extraction.unknown_agencies)}
            )
        lines += [f"  ! {message}" for message in flag_messages(extraction.flags)]
    return "\n".join(lines)
