from django.http import HttpResponse
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls


def bare(request):
    """The baseline, as in Newsroom's benchmark: a view that does nothing, through the same
    middleware and server as the pages."""
    return HttpResponse("ok", content_type="text/plain")


# As `wagtail start` lays them out, Wagtail's page serving last.
urlpatterns = [
    path("bench/bare/", bare),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include(wagtail_urls)),
]
