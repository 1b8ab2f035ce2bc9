"""What kind of event it is: its own module, so that models naming it (subscriptions' topics) do not import
every event model."""

from __future__ import annotations

from enum import StrEnum


class EventCategory(StrEnum):
    CONCERT = "concert"
    LANGUAGE_CLASS = "language_class"
    FUNDRAISER = "fundraiser"
    RALLY = "rally"
    TALK = "talk"
    EXHIBITION = "exhibition"
    WORKSHOP = "workshop"
    FILM = "film"
    FESTIVAL = "festival"
    COMMEMORATION = "commemoration"
    SPORT = "sport"
    MEETUP = "meetup"
    OTHER = "other"
