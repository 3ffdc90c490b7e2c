"""Shared fixtures: builders for trials and the people who use the site."""

import pytest

from tests.builders import make_staff


@pytest.fixture
def alice(db):
    """Alice is an editor on our staff."""
    return make_staff("alice")
