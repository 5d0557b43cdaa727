from base64 import b32encode

from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.articles.models import Article
from newsroom.articles.views import ArticleDetailView
from newsroom.desk.preview import PreviewLinkExpired, previewed_item
from newsroom.desk.signin import CodeForm, confirmed_device, qr_code_svg
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


@never_cache
@staff_member_required
def two_factor(request):
    """Two-factor sign-in for the signed-in person: set up an authenticator app by scanning a QR
    code and giving its first code, or give the code when this sign-in has not had one."""
    user = request.user
    device = confirmed_device(user)
    setting_up = device is None
    if setting_up:
        device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
        device = device or TOTPDevice.objects.create(
            user=user, name=_("Authenticator app"), confirmed=False
        )
    elif user.is_verified():
        context = {**admin.site.each_context(request), "title": _("Two-factor sign-in")}
        return render(request, "admin/desk/two_factor.html", {**context, "is_on": True})
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        if setting_up:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            messages.success(
                request, _("Two-factor sign-in is on: each sign-in now asks for a code.")
            )
        otp_login(request, device)
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
            next_url = "admin:index"
        return redirect(next_url)
    context = {
        **admin.site.each_context(request),
        "title": _("Set up two-factor sign-in") if setting_up else _("Two-factor sign-in"),
        "form": form,
        "setting_up": setting_up,
    }
    if setting_up:
        key = b32encode(device.bin_key).decode()
        context.update(
            uri=device.config_url,
            qr_code=qr_code_svg(device.config_url),
            key=" ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        )
    return render(request, "admin/desk/two_factor.html", context)
