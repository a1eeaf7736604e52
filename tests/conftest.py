"""Fixtures shared by the example-of-use tests."""
import pytest

import korex


@pytest.fixture(scope="module")
def rules():
    """korex without the statistical model: the dictionaries and grammars alone, so that a
    test shows what a rule does."""
    return korex.load("rules")
