"""AppTest fixtures (helpers live in app_helpers.py)."""

from collections.abc import Callable

import pytest
from app_helpers import open_page
from streamlit.testing.v1 import AppTest


@pytest.fixture
def app() -> Callable[..., AppTest]:
    return open_page
