"""Education work areas (党建, 学前教育, 义务教育, …) of an item, from keyword data.

Placeholder until the topic taxonomy lands: no topics.
"""

from __future__ import annotations


def topics_of(text: str, section_path: list[str]) -> list[str]:
    """Topic names for an item's text and the titles of its enclosing sections."""
    return []
