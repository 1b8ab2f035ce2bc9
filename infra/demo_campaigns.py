"""Demo campaigns: four yearly days of Ukraine, each with a window around the day."""

from __future__ import annotations

from typing import Any

CAMPAIGNS: list[dict[str, Any]] = [
    {"slug": "holodomor",
     "name": {"fr": "Journée du souvenir de l'Holodomor", "uk": "День пам'яті жертв Голодомору",
              "en": "Holodomor Remembrance Day"},
     "description": {"fr": "Le quatrième samedi de novembre, on allume une bougie en mémoire des victimes de la "
                           "famine organisée de 1932-1933.",
                     "uk": "Четвертої суботи листопада запалюємо свічку пам'яті жертв Голодомору 1932–1933 років.",
                     "en": "On the fourth Saturday of November, a candle is lit for the victims of the man-made "
                           "famine of 1932-1933."},
     "recurrence": {"month": 11, "weekday": 5, "nth": 4, "days_before": 6, "days_after": 1}},
    {"slug": "independance",
     "name": {"fr": "Jour de l'indépendance de l'Ukraine", "uk": "День Незалежності України",
              "en": "Independence Day of Ukraine"},
     "description": {"fr": "Le 24 août, l'Ukraine fête son indépendance (1991).",
                     "uk": "24 серпня Україна святкує свою незалежність (1991).",
                     "en": "On 24 August, Ukraine celebrates its independence (1991)."},
     "recurrence": {"month": 8, "day": 24, "days_before": 3, "days_after": 3}},
    {"slug": "vychyvanka",
     "name": {"fr": "Journée de la vychyvanka", "uk": "День вишиванки", "en": "Vyshyvanka Day"},
     "description": {"fr": "Le troisième jeudi de mai, on porte la chemise brodée ukrainienne.",
                     "uk": "Третього четверга травня вдягаємо вишиванку.",
                     "en": "On the third Thursday of May, people wear the Ukrainian embroidered shirt."},
     "recurrence": {"month": 5, "weekday": 3, "nth": 3, "days_before": 3, "days_after": 3}},
    {"slug": "dignite-liberte",
     "name": {"fr": "Journée de la dignité et de la liberté", "uk": "День Гідності та Свободи",
              "en": "Day of Dignity and Freedom"},
     "description": {"fr": "Le 21 novembre rappelle la Révolution orange (2004) et la Révolution de la dignité "
                           "(2013).",
                     "uk": "21 листопада згадуємо Помаранчеву революцію (2004) і Революцію Гідності (2013).",
                     "en": "21 November recalls the Orange Revolution (2004) and the Revolution of Dignity (2013)."},
     "recurrence": {"month": 11, "day": 21, "days_before": 2, "days_after": 2}},
]


def seed_campaigns(principal: Any) -> dict[str, list[str]]:
    from hromada.domain.campaigns import Campaigns
    from hromada.errors import Conflict
    from hromada.models.campaign import CampaignCreate
    from hromada.store.campaigns import DynamoCampaignStore

    service = Campaigns(DynamoCampaignStore())
    created = []
    for body in CAMPAIGNS:
        try:
            created.append(service.create(principal("admin"), CampaignCreate.model_validate(body)).slug)
        except Conflict:
            continue  # seeded before
    return {"campaigns": created}
