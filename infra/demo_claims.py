"""Demo claims: common narratives against Ukraine, each with its verdict and a fact-check by Vérifié Ukraine
(neutral, factual wording), recorded by the demo moderator through the use cases."""

from __future__ import annotations

from typing import Any

# (claim fr, uk, en; verdict; first seen on, where; addresses spreading it; fact-check title fr, body fr)
CLAIMS: list[tuple[Any, ...]] = [
    (("Une vidéo montre un défilé militaire à Kyiv en 2025",
      "Відео показує військовий парад у Києві у 2025 році",
      "A video shows a military parade in Kyiv in 2025"),
     "false", "2025-08-24", "Telegram", ["https://example.org/spread/video-defile-kyiv"], None),
    (("Les sanctions contre la Russie nuisent davantage à l’Europe qu’à la Russie",
      "Санкції проти Росії шкодять Європі більше, ніж Росії",
      "Sanctions against Russia hurt Europe more than Russia"),
     "misleading", "2025-03-10", "X (Twitter)", ["https://example.org/spread/sanctions-europe"],
     ("Sanctions : ce que montrent les chiffres",
      "Les prix de l’énergie ont fortement augmenté en Europe en 2022 puis sont redescendus ; les recettes "
      "d’exportation de la Russie et l’accès de son industrie aux composants restent, eux, durablement réduits. "
      "L’affirmation ne retient qu’une partie des données (voir les sources).")),
    (("Des laboratoires militaires américains fabriquent des armes biologiques en Ukraine",
      "Американські військові лабораторії створюють біологічну зброю в Україні",
      "US military laboratories make biological weapons in Ukraine"),
     "false", "2022-03-06", "Chaînes de télévision d’État russes", ["https://example.org/spread/biolabs"],
     ("Les « biolabs » en Ukraine : des laboratoires de santé publique",
      "Les laboratoires cités sont des laboratoires de santé publique ukrainiens, soutenus par un programme de "
      "coopération connu et documenté. Aucune enquête indépendante n’a trouvé d’armes biologiques.")),
]


def seed_claims(principal: Any) -> dict[str, int]:
    from hromada.domain.announcement_ports import AnnouncementQuery
    from hromada.domain.announcements import Announcements
    from hromada.domain.claims import Claims
    from hromada.errors import Conflict
    from hromada.models.announcement import AnnouncementCreate, AnnouncementType
    from hromada.models.claim import ClaimCreate
    from hromada.reference.text import make_slug
    from hromada.store.announcements import DynamoAnnouncementStore
    from hromada.store.associations import DynamoAssociationStore
    from hromada.store.claims import DynamoClaimStore

    associations = DynamoAssociationStore()
    checker = associations.get_by_slug(make_slug("Vérifié Ukraine"))
    board = Announcements(DynamoAnnouncementStore(), associations)
    registry = Claims(DynamoClaimStore())
    moderator = principal("moderator")
    existing = board.listing(AnnouncementQuery(association_id=checker.id, type=AnnouncementType.FACT_CHECK.value,
                                               limit=20)).items if checker else []
    recorded = 0
    for (fr, uk, en), verdict, seen_on, seen_where, urls, fact_check in CLAIMS:
        try:
            claim = registry.create(moderator, ClaimCreate.model_validate({
                "text": {"fr": fr, "uk": uk, "en": en}, "verdict": verdict, "first_seen_on": seen_on,
                "first_seen_where": seen_where, "urls": urls}))
        except Conflict:
            continue  # seeded already
        recorded += 1
        if checker is None:
            continue
        if fact_check is None:  # the fact-check already in the demo announcements (the Kyiv parade video)
            answer = next((a for a in existing if "défilé" in a.title.get("fr", "")), None)
        else:
            title, body = fact_check
            answer = board.create(principal("owner"), checker.id, AnnouncementCreate.model_validate({
                "type": "fact_check", "title": {"fr": title}, "body": {"fr": body},
                "categories": ["media_fact_checking"],
                "sources": [{"title": "L’affirmation telle qu’elle a circulé", "url": urls[0]},
                            {"title": "Données et documents", "url": f"https://example.org/verification/{claim.id}"}]}))
        if answer is not None:
            registry.link(moderator, claim.id, answer.id)
    return {"claims": recorded}
