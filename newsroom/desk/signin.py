"""Signing in to the desk: throttling, the code of two-factor sign-in, and who must give one.

django-axes counts failed sign-ins (settings: AXES_*) and calls locked_out() past the limit;
django-otp keeps each person's authenticator app (a TOTP device) and whether this session's
sign-in was confirmed with its code. Who must use two-factor sign-in is a rule of the roles, in
newsroom.desk.permissions.
"""

import ipaddress
import math

import segno
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.desk import permissions

# What someone who must use two-factor sign-in may still open in the desk before giving a code.
OPEN_BEFORE_CODE = {"admin:login", "admin:logout"}


def client_address(request) -> str:
    """The address sign-in failures are counted against.

    Behind NEWSROOM_PROXY_COUNT proxies, the one the outermost proxy saw: each proxy adds the
    address it saw to X-Forwarded-For, so that entry is the last one a client cannot write. With
    no proxy said to be there, the header is not believed: anyone could send it.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.NEWSROOM_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if count <= 0 or len(forwarded) < count:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote


def locked_out(request, response=None, credentials=None):
    """The page shown instead of the sign-in form while an account is locked at an address."""
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in locked"),
        "minutes": minutes,
    }
    # Rendered here: django-axes's middleware puts it in place of the response on the way out.
    response = render(request, "admin/desk/locked_out.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def code_problem(device: TOTPDevice, code: str) -> str | None:
    """Why a code from the authenticator app does not confirm a sign-in, or None when it does.

    django-otp's device refuses codes for a while after each wrong one, longer each time, so
    codes cannot be tried one after another.
    """
    code = "".join(code.split())
    if not code:
        return _("Enter the six-digit code that your authenticator app shows.")
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, _reason = device.verify_is_allowed()
        if not allowed:
            return _("Too many wrong codes. Wait a minute, then enter the newest code.")
        if not device.verify_token(code):
            return _("That code is not right. Enter the code your app shows now.")
    return None


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        attrs = {"inputmode": "numeric", "autocomplete": "one-time-code", "size": 8}
        super().__init__(max_length=16, widget=forms.TextInput(attrs=attrs), **kwargs)


class SignInForm(AdminAuthenticationForm):
    """The desk's sign-in: the password, then the code for whoever has an authenticator app."""

    otp_token = CodeField(
        label=gettext_lazy("Code from your authenticator app"),
        required=False,
        help_text=gettext_lazy("Only if you have set up two-factor sign-in."),
    )

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        device = confirmed_device(user)
        if device is not None:
            if problem := code_problem(device, cleaned_data.get("otp_token", "")):
                # A wrong code counts towards the lock-out like a wrong password.
                user_login_failed.send(
                    sender=type(self),
                    credentials={"username": user.get_username()},
                    request=self.request,
                )
                raise forms.ValidationError(problem, code="otp")
            # django-otp keeps it in the session when the person is logged in.
            user.otp_device = device
        return cleaned_data


class CodeForm(forms.Form):
    otp_token = CodeField(label=gettext_lazy("Code from your authenticator app"))

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self):
        if problem := code_problem(self.device, self.cleaned_data["otp_token"]):
            raise forms.ValidationError(problem, code="otp")
        return self.cleaned_data["otp_token"]


def qr_code_svg(text: str) -> str:
    """A QR code as inline SVG, drawn here: no script, no request elsewhere."""
    svg = segno.make(text, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", svgclass="desk-qr", title=_("QR code to scan")
    )
    return mark_safe(svg)  # noqa: S308 (segno's markup: the text is only in the drawing)


def two_factor_url(request) -> str:
    return f"{reverse('two-factor')}?{urlencode({'next': request.get_full_path()})}"


class TwoFactorMiddleware:
    """Keeps those who must use two-factor sign-in out of the desk until they have given a
    code in this session: first to set up their app, afterwards at each sign-in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if "admin" not in match.namespaces or match.view_name in OPEN_BEFORE_CODE:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if not permissions.must_use_two_factor(user):
            return None
        return redirect(two_factor_url(request))
