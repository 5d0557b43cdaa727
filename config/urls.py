from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.decorators.http import conditional_page
from django.views.generic import TemplateView

from newsroom.agencies.sitemaps import AgencySitemap, PersonSitemap
from newsroom.agencies.views import PersonDetailView
from newsroom.articles.sitemaps import ArticleSitemap, NewsSitemap, TopicSitemap
from newsroom.articles.views import TopicDetailView
from newsroom.core.views import HomeView, media
from newsroom.desk.views import two_factor
from newsroom.events.sitemaps import EventSitemap
from newsroom.operations.views import health

sitemaps = {
    "articles": ArticleSitemap,
    "news": NewsSitemap,
    "events": EventSitemap,
    "agencies": AgencySitemap,
    "topics": TopicSitemap,
    "people": PersonSitemap,
}

# The public pages, in Indonesian at their own address (/berita/) and in English under /en/
# (/en/berita/): the language is in the address, never in a cookie, so the page cache, which
# keys on the address, serves each reader the right language.
urlpatterns = i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("berita/", include("newsroom.articles.urls")),
    path("instansi/", include("newsroom.agencies.urls")),
    path("agenda/", include("newsroom.events.urls")),
    path("topik/<slug:slug>/", TopicDetailView.as_view(), name="topic"),
    path("tokoh/<slug:slug>/", PersonDetailView.as_view(), name="person"),
    prefix_default_language=False,
)

urlpatterns += [
    path("api/", include("newsroom.api.urls")),
    path(
        "sitemap.xml",
        conditional_page(sitemap_views.index),
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        conditional_page(sitemap_views.sitemap),
        {"sitemaps": sitemaps, "template_name": "sitemaps/sitemap.xml"},
        name="sitemap-section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(
            template_name="robots.txt",
            content_type="text/plain; charset=utf-8",
            # Crawlers are asked to keep out of the desk at its well-known address; an address of
            # one's own (NEWSROOM_ADMIN_PATH) is not published, and the desk's pages say noindex.
            extra_context={"admin_is_well_known": settings.NEWSROOM_ADMIN_PATH == "admin/"},
        ),
        name="robots",
    ),
    path("pratinjau/", include("newsroom.desk.urls")),
    path(f"{settings.NEWSROOM_ADMIN_PATH}two-factor/", two_factor, name="two-factor"),
    path(settings.NEWSROOM_ADMIN_PATH, admin.site.urls),
    path("healthz", health, name="health"),
]

handler500 = "newsroom.operations.views.server_error_or_unavailable"

if settings.NEWSROOM_SERVE_MEDIA:
    # The embedded default only (see NEWSROOM_SERVE_MEDIA): production serves media elsewhere.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", media),
    ]
