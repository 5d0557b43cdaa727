from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

UTC = ZoneInfo("UTC")


def render(template, **context):
    return Template("{% load newsroom %}" + template).render(Context(context))


@pytest.mark.parametrize(
    "language, expected",
    [
        ("id", "Selasa, 27 Desember 2022 14:08 WIB"),
        ("en", "Tuesday, 27 December 2022 14:08 WIB"),
    ],
)
def test_a_moment_reads_the_same_everywhere(language, expected):
    moment = datetime(2022, 12, 27, 7, 8, tzinfo=UTC)
    with translation.override(language):
        assert render("{% show_time moment %}", moment=moment) == (
            f'<time datetime="2022-12-27T14:08+07:00">{expected}</time>'
        )


def test_a_day_without_a_known_time_shows_only_the_date():
    moment = datetime(2023, 1, 2, 17, 0, tzinfo=UTC)  # midnight on 3 January in Jakarta
    assert (
        render("{% show_time moment date_only=True %}", moment=moment)
        == '<time datetime="2023-01-03">Selasa, 3 Januari 2023</time>'
    )


def test_nothing_is_shown_for_no_time():
    assert render("{% show_time None %}") == ""
