"""Shared fixtures: the seed reports and the gold's government reports, read exactly as annotated."""

from __future__ import annotations

import pytest
import support


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return support.seed_texts()


@pytest.fixture(scope="session")
def gov_texts() -> dict[str, str]:
    """Skips the test when the shared folder holding them is absent."""
    return support.gov_texts()


@pytest.fixture(scope="session")
def char_parse():
    """parse() with character segmentation: structure does not depend on the segmenter."""
    import edureport

    return lambda text: edureport.parse(text, segmenter="char")
