import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import NetworkStaffFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The cache outlives each test's transaction: start every test from an empty one."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client():
    """A browser that asks for English; pages under /fr/ stay French (the URL decides there)."""
    return Client(headers={"accept-language": "en"})


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def network_manager(db):
    return NetworkStaffFactory(user__full_name="Claire Martin").user


@pytest.fixture
def office_manager(db):
    return NetworkStaffFactory(office_manager=True).user


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def manager_client(client, network_manager):
    client.force_login(network_manager)
    return client


@pytest.fixture
def network(db):
    """The Network singleton (its row comes from a migration, but transactional tests flush it)."""
    from network.models import Network

    instance, _created = Network.objects.get_or_create(id=1)
    return instance
