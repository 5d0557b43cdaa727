from datetime import date

import pytest
from django.core.exceptions import ValidationError

from newsroom.agencies.models import Agency, AgencyAlias, Role
from tests.factories import AgencyFactory, RoleFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    "start, expected",
    [
        (["kemendagri"], {"kemendagri", "ditjen-polpum"}),
        (["pemkab-indramayu"], {"pemkab-indramayu", "setda-indramayu", "tapem-setda-indramayu"}),
        (["tapem-setda-indramayu"], {"tapem-setda-indramayu"}),
        (["bawaslu", "setda-indramayu"], {"bawaslu", "setda-indramayu", "tapem-setda-indramayu"}),
        ([], set()),
    ],
)
def test_with_descendants_goes_all_the_way_down(agency_tree, start, expected):
    agencies = Agency.objects.filter(slug__in=start).with_descendants()
    assert set(agencies.values_list("slug", flat=True)) == expected


@pytest.mark.django_db
def test_an_agency_cannot_sit_below_itself(agency_tree):
    regency = agency_tree["pemkab-indramayu"]
    regency.parent = agency_tree["tapem-setda-indramayu"]
    with pytest.raises(ValidationError) as error:
        regency.full_clean()
    assert "parent" in error.value.message_dict


@pytest.mark.django_db
def test_an_alias_names_one_agency_whatever_its_case(agency_tree):
    AgencyAlias.objects.create(agency=agency_tree["bawaslu"], name="Badan Pengawas Pemilu")
    duplicate = AgencyAlias(agency=agency_tree["kemendagri"], name="badan pengawas PEMILU")
    with pytest.raises(ValidationError):
        duplicate.full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "day, expected",
    [
        (date(2019, 12, 31), {"Open start"}),
        (date(2020, 1, 1), {"Open start", "Bounded", "Open end"}),
        (date(2022, 12, 27), {"Open start", "Bounded", "Open end"}),
        (date(2023, 1, 1), {"Open start", "Open end"}),
    ],
)
def test_roles_held_on_a_day(db, day, expected):
    RoleFactory(title="Bounded", start_date=date(2020, 1, 1), end_date=date(2022, 12, 31))
    RoleFactory(title="Open end", start_date=date(2020, 1, 1))
    RoleFactory(title="Open start", end_date=date(2030, 1, 1))
    assert set(Role.objects.held_on(day).values_list("title", flat=True)) == expected


@pytest.mark.django_db
def test_a_role_cannot_end_before_it_starts(db):
    role = RoleFactory.build(
        agency=AgencyFactory(), start_date=date(2023, 1, 1), end_date=date(2022, 1, 1)
    )
    role.person.save()
    with pytest.raises(ValidationError, match="Jabatan tidak dapat berakhir sebelum dimulai"):
        role.full_clean()


@pytest.mark.django_db
def test_the_filter_lists_agencies_by_the_name_readers_know(db):
    AgencyFactory(name="Komisi Pemilihan Umum", short_name="KPU")
    AgencyFactory(name="Badan Pengawas Pemilihan Umum", short_name="Bawaslu")
    AgencyFactory(name="Dinas Arsip")
    assert [a.display_name for a in Agency.objects.in_display_order()] == [
        "Bawaslu",
        "Dinas Arsip",
        "KPU",
    ]
