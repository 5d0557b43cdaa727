"""Signing in to the desk over HTTP: throttling and lock-out, unlocking, passwords, sessions."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import timezone

from newsroom.desk.signin import client_address

LOGIN = "/admin/login/"
PASSWORD = "kata-sandi-uji-7731"
# Documentation addresses (RFC 5737): two offices.
OFFICE, ELSEWHERE = "192.0.2.10", "198.51.100.20"


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    # Checking a password costs about a second by design; these tests check dozens.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(people):
    user = people["editor"]
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, username, password, *, address=OFFICE, **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        headers=headers,
    )


def fail(client, times, *, username="redaktur", **kwargs):
    return [sign_in(client, username, "salah-sekali-ini", **kwargs) for _ in range(times)]


def text(response) -> str:
    return " ".join(response.content.decode().split())


def is_locked_out(response):
    return response.status_code == 429 and "Terlalu banyak upaya masuk" in text(response)


def test_a_right_password_signs_in(client, editor):
    response = sign_in(client, "redaktur", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_failures_below_the_limit_get_the_form_again_with_its_message(client, editor):
    for response in fail(client, settings.AXES_FAILURE_LIMIT - 1):
        assert response.status_code == 200
        assert "nama pengguna dan sandi yang benar" in response.text
    assert sign_in(client, "redaktur", PASSWORD).status_code == 302


def test_the_limit_locks_the_account_at_that_address_with_a_message(client, editor):
    *before, last = fail(client, settings.AXES_FAILURE_LIMIT)
    assert not any(is_locked_out(response) for response in before)
    assert is_locked_out(last)
    assert "Coba lagi dalam 15 menit" in text(last)
    assert "minta administrator membuka kunci akun" in text(last)
    assert last["Retry-After"] == "900"
    # Even the right password is refused now, with the same page and no session.
    locked = sign_in(client, "redaktur", PASSWORD)
    assert is_locked_out(locked)
    assert client.get("/admin/").status_code == 302


def test_a_lock_out_holds_the_account_at_that_address_only(client, editor):
    fail(client, settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, "redaktur", PASSWORD, address=ELSEWHERE).status_code == 302


def test_the_lock_out_ends_by_itself_after_the_cool_off(client, editor):
    fail(client, settings.AXES_FAILURE_LIMIT)
    later = timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        assert sign_in(client, "redaktur", PASSWORD).status_code == 302


def test_failures_are_forgotten_after_a_sign_in_that_succeeds(client, editor):
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(client, "redaktur", PASSWORD).status_code == 302
    client.post("/admin/logout/")
    responses = fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert not any(is_locked_out(response) for response in responses)


def test_an_unknown_username_is_throttled_too(client, db):
    *_, last = fail(client, settings.AXES_FAILURE_LIMIT, username="tidak-ada")
    assert is_locked_out(last)


def test_an_administrator_unlocks_an_account(client, editor, people):
    fail(client, settings.AXES_FAILURE_LIMIT)
    administrator = Client()
    administrator.force_login(people["administrator"])
    users = administrator.get("/admin/auth/user/")
    assert "Buka kunci masuk" in text(users)
    response = administrator.post(
        "/admin/auth/user/",
        {"action": "unlock_sign_in", "_selected_action": [editor.pk]},
        follow=True,
    )
    assert "1 akun dapat masuk lagi." in text(response)
    assert sign_in(client, "redaktur", PASSWORD).status_code == 302


def test_the_list_of_users_shows_who_is_locked_out(client, editor, people):
    fail(client, settings.AXES_FAILURE_LIMIT)
    client.force_login(people["administrator"])
    response = client.get("/admin/auth/user/")
    locked = {user.username for user in response.context["cl"].result_list if user.is_locked_out}
    assert locked == {"redaktur"}


def test_contributors_cannot_unlock_accounts(client, editor, people):
    fail(client, settings.AXES_FAILURE_LIMIT)
    client.force_login(people["contributor"])
    response = client.post(
        "/admin/auth/user/", {"action": "unlock_sign_in", "_selected_action": [editor.pk]}
    )
    assert response.status_code == 403
    client.logout()
    assert is_locked_out(sign_in(client, "redaktur", PASSWORD))


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        (0, "203.0.113.5", OFFICE),  # no proxy said to be there: the header is not believed
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "10.9.9.9, 203.0.113.5", "203.0.113.5"),  # what the client wrote itself comes first
        (2, "203.0.113.5, 192.0.2.99", "203.0.113.5"),
        (2, "203.0.113.5", OFFICE),  # fewer addresses than proxies: misconfigured, not believed
        (1, "not-an-address", OFFICE),
        (1, "", OFFICE),
    ],
)
def test_the_client_address_behind_proxies(settings, proxies, forwarded, expected):
    settings.NEWSROOM_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=OFFICE, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_behind_a_proxy_each_reader_is_counted_at_their_own_address(client, editor, settings):
    settings.NEWSROOM_PROXY_COUNT = 1
    fail(client, settings.AXES_FAILURE_LIMIT, x_forwarded_for="203.0.113.5")
    proxy = {"address": OFFICE}
    response = sign_in(client, "redaktur", PASSWORD, **proxy, x_forwarded_for="203.0.113.6")
    assert response.status_code == 302


def test_without_a_proxy_a_forged_header_does_not_escape_the_lock_out(client, editor):
    fail(client, settings.AXES_FAILURE_LIMIT, x_forwarded_for="203.0.113.5")
    assert is_locked_out(sign_in(client, "redaktur", PASSWORD, x_forwarded_for="203.0.113.6"))


@pytest.mark.parametrize(
    "password, message",
    [
        ("pendek-7", "Kata sandi terlalu pendek. Harus mengandung setidaknya 12 karakter."),
        ("sebelas-ch1", "Kata sandi terlalu pendek. Harus mengandung setidaknya 12 karakter."),
        ("123456789012345", "Kata sandi ini seluruhnya terdiri dari angka."),
        ("password1234", "Kata sandi ini terlalu umum"),
    ],
)
def test_a_weak_password_is_refused(client, editor, password, message):
    client.force_login(editor)
    response = client.post(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    assert message in response.text
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_a_password_of_twelve_characters_or_more_is_taken(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "banjir-surut-di-pantura",
            "new_password2": "banjir-surut-di-pantura",
        },
    )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password("banjir-surut-di-pantura")


def test_an_administrator_cannot_give_a_new_person_a_short_password(client, people):
    client.force_login(people["administrator"])
    response = client.post(
        "/admin/auth/user/add/",
        {
            "username": "baru",
            "usable_password": "true",
            "password1": "pendek-7",
            "password2": "pendek-7",
            "membership_set-TOTAL_FORMS": "0",
            "membership_set-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Kata sandi terlalu pendek. Harus mengandung setidaknya 12 karakter." in response.text


def test_a_sign_in_lasts_a_working_day_and_ends_with_the_browser(client, editor):
    sign_in(client, "redaktur", PASSWORD)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    # A browser-session cookie: closing the browser forgets it.
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert client.session.get_expiry_age() == 8 * 60 * 60
    with time_machine.travel(timezone.now() + timedelta(hours=7, minutes=59), tick=False):
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(hours=8, minutes=1), tick=False):
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)


@pytest.mark.django_db
def test_a_lockout_is_logged_and_the_start_of_a_process_is_not(client, editor, caplog, monkeypatch):
    from axes.apps import AppConfig

    monkeypatch.setattr(AppConfig, "initialized", False)
    with caplog.at_level("INFO", logger="axes"):
        AppConfig.initialize()
        fail(client, settings.AXES_FAILURE_LIMIT)
    assert "AXES: BEGIN" not in caplog.text
    assert "AXES: Locking out" in caplog.text
