import pytest

from tests.factories import AgencyFactory, UserFactory


@pytest.fixture
def own_agency(db):
    return AgencyFactory(short_name="Diskominfo", slug="diskominfo")


@pytest.fixture
def other_agency(db):
    return AgencyFactory(short_name="Dinkes", slug="dinkes")


@pytest.fixture
def people(roles, own_agency):
    """One person of each role; the contributor writes for own_agency."""
    return {
        "contributor": UserFactory(username="penulis", role="Contributor", agencies=[own_agency]),
        "editor": UserFactory(username="redaktur", role="Editor"),
        "administrator": UserFactory(username="administrator", role="Administrator"),
    }


@pytest.fixture
def client_as(client, people):
    def sign_in(role):
        client.force_login(people[role])
        return client

    return sign_in
