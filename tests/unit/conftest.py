"""Fixtures shared by the unit tests."""

from tests.unit.event_world import world  # noqa: F401 - a fixture, found by name
