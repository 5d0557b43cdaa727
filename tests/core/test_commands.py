import gettext
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command


def run(command, *args):
    output = StringIO()
    call_command(command, *args, stdout=output)
    return output.getvalue()


@pytest.mark.django_db
def test_ensure_admin_generates_a_password_once(monkeypatch):
    monkeypatch.delenv("NEWSROOM_ADMIN_PASSWORD", raising=False)
    first = run("ensure_admin")
    password = first.split("password: ")[1].split()[0]
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser
    assert user.check_password(password)
    second = run("ensure_admin")
    assert password not in second
    user.refresh_from_db()
    assert user.check_password(password)


@pytest.mark.django_db
def test_ensure_admin_takes_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("NEWSROOM_ADMIN_PASSWORD", "kata-sandi-panjang-sekali")
    assert "kata-sandi" not in run("ensure_admin", "--username", "redaktur")
    assert (
        get_user_model()
        .objects.get(username="redaktur")
        .check_password("kata-sandi-panjang-sekali")
    )
    monkeypatch.setenv("NEWSROOM_ADMIN_PASSWORD", "kata-sandi-baru-yang-lain")
    run("ensure_admin", "--username", "redaktur")
    assert (
        get_user_model()
        .objects.get(username="redaktur")
        .check_password("kata-sandi-baru-yang-lain")
    )


@pytest.mark.django_db
def test_ensure_admin_refuses_a_password_the_rules_refuse(monkeypatch):
    monkeypatch.setenv("NEWSROOM_ADMIN_PASSWORD", "pendek-7")
    with pytest.raises(CommandError, match="NEWSROOM_ADMIN_PASSWORD is refused"):
        run("ensure_admin")
    assert not get_user_model().objects.exists()


def test_compile_translations_writes_the_catalogue(settings, tmp_path):
    source = settings.BASE_DIR / "locale" / "id" / "LC_MESSAGES" / "django.po"
    target = tmp_path / "id" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "django.po").write_bytes(source.read_bytes())
    settings.LOCALE_PATHS = [tmp_path]
    settings.BASE_DIR = tmp_path
    run("compile_translations")
    with (target / "django.mo").open("rb") as catalogue:
        assert gettext.GNUTranslations(catalogue).gettext("Latest news") == "Berita terbaru"
