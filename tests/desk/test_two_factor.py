"""Two-factor sign-in over HTTP: compulsory for the roles the setting names, set up from a QR
code, asked for at each sign-in once set up, and reset by an administrator."""

import re
from datetime import datetime
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

LOGIN = "/admin/login/"
TWO_FACTOR = "/admin/two-factor/"
PASSWORD = "kata-sandi-uji-7731"
JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.fixture(autouse=True)
def clock():
    """A clock that moves only when told: codes change every 30 seconds and each is used once."""
    with time_machine.travel(datetime(2024, 3, 4, 9, 0, tzinfo=JAKARTA), tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    # Checking a password costs about a second by design.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def required(settings):
    settings.NEWSROOM_REQUIRE_2FA = ("Editor", "Administrator")


def code(device, clock, *, later=60):
    """The code the person's app shows, a while after the last one (a code is used once)."""
    clock.shift(later)
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def text(response) -> str:
    return " ".join(response.content.decode().split())


def with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def set_up(client, clock):
    """Follows the set-up page to its end; the device the person's app now holds."""
    page = client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=page.wsgi_request.user)
    client.post(TWO_FACTOR, {"otp_token": code(device, clock)})
    device.refresh_from_db()
    return device


def sign_in(client, username, otp_token=""):
    return client.post(
        LOGIN,
        {"username": username, "password": PASSWORD, "otp_token": otp_token, "next": "/admin/"},
    )


@pytest.mark.parametrize("role", ["editor", "administrator"])
def test_required_roles_are_kept_out_of_the_desk_until_set_up(client, people, required, role):
    client.force_login(people[role])
    for path in ["/admin/", "/admin/articles/article/", "/admin/auth/user/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == f"{TWO_FACTOR}?next={path.replace('/', '%2F')}"


def test_a_superuser_counts_as_an_administrator(client, db, required):
    client.force_login(UserFactory(is_superuser=True))
    assert client.get("/admin/")["Location"].startswith(TWO_FACTOR)


def test_contributors_are_not_forced_when_only_editors_and_administrators_are(
    client, people, required
):
    client.force_login(people["contributor"])
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/articles/article/").status_code == 200


def test_nobody_is_forced_when_the_setting_is_off(client, people):
    client.force_login(people["administrator"])
    assert client.get("/admin/").status_code == 200


def test_the_set_up_page_shows_the_key_as_a_qr_code_a_link_and_text(client, people, required):
    client.force_login(people["editor"])
    response = client.get(TWO_FACTOR)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    device = TOTPDevice.objects.get(user=people["editor"], confirmed=False)
    uri = urlsplit(response.context["uri"])
    assert (uri.scheme, uri.netloc) == ("otpauth", "totp")
    assert unquote(uri.path) == f"/{settings.NEWSROOM_SITE_NAME}:redaktur"
    secret = parse_qs(uri.query)["secret"][0]
    assert secret == response.context["key"].replace(" ", "")
    assert device.config_url == response.context["uri"]
    page = text(response)
    # The QR code is drawn in the page: no image to fetch, no script.
    assert re.search(r'<svg [^>]*class="desk-qr"><title>Kode QR untuk dipindai</title>', page)
    assert "<script>" not in page
    assert f'href="{response.context["uri"].replace("&", "&amp;")}"' in page
    assert "Atur verifikasi dua langkah" in page
    # Opening the page again shows the same key, which the app may already hold.
    assert client.get(TWO_FACTOR).context["key"] == response.context["key"]


def test_a_wrong_code_is_refused_and_the_desk_stays_closed(client, people, required, clock):
    client.force_login(people["editor"])
    client.get(TWO_FACTOR)
    for wrong in ["000000", "12345", "kode", ""]:
        response = client.post(TWO_FACTOR, {"otp_token": wrong})
        assert response.status_code == 200
        assert "errornote" in response.text
        clock.shift(60)
    assert "Kode itu salah." in text(client.post(TWO_FACTOR, {"otp_token": "000000"}))
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


def test_the_right_code_turns_it_on_and_opens_the_desk(client, people, required, clock):
    client.force_login(people["editor"])
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=people["editor"])
    response = client.post(
        f"{TWO_FACTOR}?next=/admin/articles/article/", {"otp_token": code(device, clock)}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/articles/article/"
    device.refresh_from_db()
    assert device.confirmed
    page = client.get("/admin/", follow=True)
    assert page.status_code == 200
    assert "Verifikasi dua langkah aktif" in text(page)


def test_after_set_up_the_sign_in_asks_for_the_code(client, people, required, clock):
    editor = with_password(people["editor"])
    client.force_login(editor)
    device = set_up(client, clock)
    client.post("/admin/logout/")

    without = sign_in(client, "redaktur")
    assert without.status_code == 200
    assert "Masukkan kode enam angka" in text(without)
    wrong = sign_in(client, "redaktur", "000000")
    assert wrong.status_code == 200
    assert "Kode itu salah." in text(wrong)
    assert client.get("/admin/").status_code == 302

    right = sign_in(client, "redaktur", code(device, clock))
    assert right.status_code == 302
    assert right["Location"] == "/admin/"
    # Signed in and verified: straight into the desk, no detour.
    assert client.get("/admin/").status_code == 200


def test_a_code_is_used_once(client, people, required, clock):
    editor = with_password(people["editor"])
    client.force_login(editor)
    device = set_up(client, clock)
    client.post("/admin/logout/")
    used = code(device, clock)
    assert sign_in(client, "redaktur", used).status_code == 302
    client.post("/admin/logout/")
    assert sign_in(client, "redaktur", used).status_code == 200


def test_codes_tried_one_after_another_are_refused_for_a_while(client, people, required, clock):
    client.force_login(people["editor"])
    device = set_up(client, clock)
    client.logout()
    client.force_login(people["editor"])  # a session that has not given its code
    for _ in range(3):
        client.post(TWO_FACTOR, {"otp_token": "000000"})
    right = code(device, clock, later=0)
    response = client.post(TWO_FACTOR, {"otp_token": right})
    assert "Terlalu banyak kode yang salah" in text(response)
    assert client.get("/admin/").status_code == 302


def test_wrong_codes_count_towards_the_lock_out(client, people, clock):
    editor = with_password(people["editor"])
    client.force_login(editor)
    set_up(client, clock)
    client.post("/admin/logout/")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "redaktur", "000000").status_code == 200
        clock.shift(60)
    assert sign_in(client, "redaktur", "000000").status_code == 429


def test_a_session_that_has_not_given_its_code_is_asked_for_it(client, people, required, clock):
    client.force_login(people["editor"])
    device = set_up(client, clock)
    client.logout()
    client.force_login(people["editor"])
    assert client.get("/admin/")["Location"].startswith(TWO_FACTOR)
    page = client.get(TWO_FACTOR)
    assert "masukkan kode yang ditampilkan" in text(page)
    assert 'class="desk-qr"' not in text(page)  # the key is not shown again
    assert client.post(TWO_FACTOR, {"otp_token": code(device, clock)}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_anyone_may_turn_it_on_and_is_then_asked_at_sign_in(client, people, clock):
    contributor = with_password(people["contributor"])
    client.force_login(contributor)
    assert client.get("/admin/").status_code == 200
    device = set_up(client, clock)
    assert device.confirmed
    client.post("/admin/logout/")
    assert sign_in(client, "penulis").status_code == 200
    assert sign_in(client, "penulis", code(device, clock)).status_code == 302


def test_an_administrator_resets_a_lost_app(client, people, required, clock):
    editor = people["editor"]
    client.force_login(editor)
    set_up(client, clock)
    administrator = Client()
    administrator.force_login(people["administrator"])
    admin_device = set_up(administrator, clock)
    assert admin_device.confirmed
    response = administrator.post(
        "/admin/auth/user/",
        {"action": "reset_two_factor", "_selected_action": [editor.pk]},
        follow=True,
    )
    assert "1 akun akan mengatur verifikasi dua langkah lagi." in text(response)
    assert not TOTPDevice.objects.filter(user=editor).exists()
    # The editor's session no longer counts as verified: back to setting up.
    assert client.get("/admin/")["Location"].startswith(TWO_FACTOR)
    assert 'class="desk-qr"' in text(client.get(TWO_FACTOR))


def test_the_set_up_page_needs_a_desk_account(client, db):
    response = client.get(TWO_FACTOR)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    client.force_login(UserFactory(is_staff=False))
    assert client.get(TWO_FACTOR)["Location"].startswith(LOGIN)


def test_a_next_address_elsewhere_is_not_followed(client, people, required, clock):
    client.force_login(people["editor"])
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=people["editor"])
    response = client.post(
        f"{TWO_FACTOR}?next=https://elsewhere.example/", {"otp_token": code(device, clock)}
    )
    assert response["Location"] == "/admin/"
