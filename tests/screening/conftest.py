"""Fixtures every screening test shares."""

import pytest


@pytest.fixture(autouse=True)
def fresh_trials():
    """The open-trials cache lives per process: each test sees its own trials."""
    from screening import loading

    loading.clear_cache()
    yield
    loading.clear_cache()
