import pytest

from byo_core import load_catalog, make_inputs


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture
def seed_inputs():
    """The seed profile on its defaults, at 1,000 users."""
    return make_inputs(users=1000)
