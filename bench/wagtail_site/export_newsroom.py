"""Print Newsroom's public articles as JSON lines, oldest first, for the Wagtail loader.

Run with Newsroom's Python and its benchmark's environment (bench/run.py's
server_environment): "public" is what Newsroom's own published() means, the published
articles whose publication time has passed.
"""

import json
import sys

import django

django.setup()

from django.db.models import OuterRef, Subquery  # noqa: E402

from newsroom.articles.models import Article, ArticleAgency  # noqa: E402

lead_agency_name = ArticleAgency.objects.filter(
    article=OuterRef("pk"), role=ArticleAgency.Role.LEAD
).values("agency__name")[:1]
articles = (
    Article.objects.published()
    .order_by("published_at", "pk")
    .annotate(agency=Subquery(lead_agency_name))
    .values_list("title", "slug", "summary", "body", "published_at", "agency")
)
for title, slug, summary, body, published_at, agency in articles.iterator(chunk_size=2000):
    record = {
        "title": title,
        "slug": slug,
        "summary": summary,
        "body": body,
        "published_at": published_at.isoformat(),
        "agency": agency,
    }
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
