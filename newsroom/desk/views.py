from django.http import Http404
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from newsroom.articles.models import Article
from newsroom.articles.views import ArticleDetailView
from newsroom.desk.preview import PreviewLinkExpired, previewed_item
from newsroom.events.models import Event
from newsroom.events.views import EventDetailView


class ArticlePreview(ArticleDetailView):
    template_name = "desk/article_preview.html"

    def get_queryset(self):
        return Article.objects.for_detail()


class EventPreview(EventDetailView):
    template_name = "desk/event_preview.html"

    def get_queryset(self):
        return Event.objects.for_detail()


PREVIEWS = {Article: ArticlePreview, Event: EventPreview}


@method_decorator(never_cache, name="dispatch")
class PreviewView(View):
    """An item, published or not, as its public page shows it, with a "not published" banner.

    The link is the permission: no account is needed, so it is never indexed, cached or sent
    on as a referrer.
    """

    def get(self, request, token):
        try:
            item = previewed_item(token)
        except PreviewLinkExpired:
            response = render(request, "desk/preview_expired.html", status=410)
        else:
            if item is None:
                raise Http404
            view = PREVIEWS[type(item)].as_view()
            response = view(request, pk=item.pk)
        response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
        response["Referrer-Policy"] = "no-referrer"
        return response
