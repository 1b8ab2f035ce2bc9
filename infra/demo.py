"""Demo accounts and a dozen associations across France, created through the domain use cases."""

from __future__ import annotations

from typing import Any

from infra.users import Account, Users

ACCOUNTS = {
    "admin": Account("admin@hromada.test", "Admin-demo-2026", "Olena Admin", ("admins",)),
    "moderator": Account("moderator@hromada.test", "Moderator-demo-2026", "Marc Moderator", ("moderators",)),
    "owner": Account("owner@hromada.test", "Owner-demo-2026", "Iryna Owner"),
    "member": Account("member@hromada.test", "Member-demo-2026", "Julien Member"),
}

# (name, region, department, city, postal code, categories, languages, fr, uk, en, status)
ASSOCIATIONS: list[tuple[Any, ...]] = [
    ("Maison ukrainienne de Toulouse", "76", "31", "Toulouse", "31000", ["culture", "language_school"],
     ["uk", "fr"], "Cours de langue, fêtes traditionnelles et bibliothèque.",
     "Мовні курси, традиційні свята та бібліотека.", "Language classes, traditional feasts and a library.",
     "verified"),
    ("Kalyna Montpellier", "76", "34", "Montpellier", "34000", ["arts", "culture"], ["uk", "fr"],
     "Ensemble de chant et de danse folklorique.", "Ансамбль народної пісні й танцю.", None, "verified"),
    ("Solidarité Ukraine Paris", "11", "75", "Paris", "75011", ["humanitarian_aid"], ["fr", "uk", "en"],
     "Collecte et acheminement d'aide humanitaire.", "Збір і доставка гуманітарної допомоги.",
     "Collecting and shipping humanitarian aid.", "verified"),
    ("École ukrainienne du samedi", "11", "92", "Boulogne-Billancourt", "92100", ["language_school", "youth"],
     ["uk"], "École du samedi pour enfants : langue, histoire, littérature.",
     "Суботня школа для дітей: мова, історія, література.", None, "verified"),
    ("Vyshyvanka Lyon", "84", "69", "Lyon", "69002", ["culture", "arts"], ["uk", "fr"],
     "Ateliers de broderie et exposition de vyshyvankas.", "Майстер-класи з вишивки та виставки.",
     None, "verified"),
    ("Jeunesse ukrainienne de Grenoble", "84", "38", "Grenoble", "38000", ["youth", "sport"], ["uk", "fr", "en"],
     "Rencontres, sport et bénévolat pour les 16–30 ans.", "Зустрічі, спорт і волонтерство для 16–30 років.",
     "Meetups, sport and volunteering for ages 16–30.", "verified"),
    ("Dnipro–Bordeaux Entreprendre", "75", "33", "Bordeaux", "33000", ["business"], ["fr", "uk", "en"],
     "Réseau d'entrepreneurs franco-ukrainiens.", "Мережа франко-українських підприємців.",
     "A network of French-Ukrainian entrepreneurs.", "verified"),
    ("Strasbourg pour l'Ukraine", "44", "67", "Strasbourg", "67000", ["humanitarian_aid", "culture"], ["fr", "uk"],
     "Aide aux familles réfugiées et soirées culturelles.", "Допомога родинам біженців і культурні вечори.",
     None, "verified"),
    ("Vérifié Ukraine", "32", "59", "Lille", "59000", ["media_fact_checking"], ["fr", "uk", "en"],
     "Vérification des faits et lutte contre la désinformation.", "Перевірка фактів і протидія дезінформації.",
     "Fact-checking and countering disinformation.", "verified"),
    ("Bandura Marseille", "93", "13", "Marseille", "13001", ["arts"], ["uk", "fr"],
     "Cours et concerts de bandoura.", "Уроки та концерти бандури.", None, "verified"),
    ("Rennes–Lviv Amitié", "53", "35", "Rennes", "35000", ["culture"], ["fr"],
     "Jumelage citoyen entre Rennes et Lviv.", None, None, "pending"),
    ("Sokil Nantes Sport", "52", "44", "Nantes", "44000", ["sport", "youth"], ["uk", "fr"],
     "Club de football et de volley pour jeunes Ukrainiens.", "Футбольний і волейбольний клуб для молоді.",
     None, "pending"),
]


def seed(info: dict[str, str]) -> dict[str, Any]:
    """Idempotent enough for a fresh stack: creates accounts, then associations (skips taken slugs)."""
    from hromada.auth import Principal
    from hromada.domain.associations import Associations
    from hromada.errors import Conflict
    from hromada.models.association import AssociationCreate
    from hromada.store.associations import DynamoAssociationStore

    users = Users.from_info(info)
    subs = {}
    for role, account in ACCOUNTS.items():
        users.ensure(account)
        attrs = users.cognito.admin_get_user(UserPoolId=users.pool, Username=account.email)["UserAttributes"]
        subs[role] = next(a["Value"] for a in attrs if a["Name"] == "sub")

    def principal(role: str) -> Principal:
        account = ACCOUNTS[role]
        return Principal(user_id=subs[role], email=account.email, email_verified=True,
                         groups=frozenset(account.groups), name=account.name)

    service = Associations(DynamoAssociationStore())
    created, verified = [], {}
    for name, region, dept, city, postal, cats, langs, fr, uk, en, status in ASSOCIATIONS:
        description = {k: v for k, v in {"fr": fr, "uk": uk, "en": en}.items() if v}
        data = AssociationCreate(name=name, region=region, department=dept, city=city, postal_code=postal,
                                 categories=cats, languages=langs, description=description,
                                 website=f"https://example.org/{postal}", social_links={})
        try:
            association = service.register(principal("owner"), data)
        except Conflict:
            continue
        if status == "verified":
            service.verify(principal("moderator"), association.id, "Statuts et RNA vérifiés")
            verified[name] = association.id
        created.append(association.slug)
    return {"accounts": ACCOUNTS, "associations": created, **seed_voting(principal, verified)}


# ---------------------------------------------------------------- polls and elections
# (association, candidate, e-mail, statement fr, uk, en)
CANDIDATES = [
    ("Jeunesse ukrainienne de Grenoble", "Sofiia Melnyk", "sofiia.melnyk@hromada.test",
     "Un réseau de jeunes dans chaque région, des échanges avec l'Ukraine.",
     "Молодіжна мережа в кожному регіоні, обміни з Україною.",
     "A youth network in every region, exchanges with Ukraine."),
    ("École ukrainienne du samedi", "Maksym Bondarenko", "maksym.bondarenko@hromada.test",
     "La langue ukrainienne pour tous les jeunes, partout en France.",
     "Українська мова для всієї молоді, по всій Франції.", "Ukrainian for every young person, all over France."),
    ("Vyshyvanka Lyon", "Chloé Martin", "chloe.martin@hromada.test",
     "Plus de culture : ateliers, festivals, tournées des ensembles.",
     "Більше культури: майстер-класи, фестивалі, гастролі ансамблів.",
     "More culture: workshops, festivals, touring ensembles."),
]


def seed_voting(principal: Any, verified: dict[str, str]) -> dict[str, str]:
    """An open poll, and an election in its voting phase with candidates nominated by demo associations:
    all through the use cases (nominate, consent, approve, open), as people would do it."""
    from datetime import UTC, datetime, timedelta

    from hromada.auth import Principal
    from hromada.domain.elections import Elections
    from hromada.domain.polls import Polls
    from hromada.models.election import ElectionCreate, NominationIn
    from hromada.models.poll import PollCreate
    from hromada.store.associations import DynamoAssociationStore
    from hromada.store.ballots import DynamoBallotBox
    from hromada.store.elections import DynamoElectionStore
    from hromada.store.polls import DynamoPollStore

    now = datetime.now(UTC)
    box = DynamoBallotBox()
    polls = Polls(DynamoPollStore(), box)
    poll = polls.create(principal("moderator"), PollCreate.model_validate({
        "question": {"fr": "Quel atelier voulez-vous cet automne ?", "uk": "Який майстер-клас ви хочете восени?",
                     "en": "Which workshop would you like this autumn?"},
        "options": [{"fr": "Broderie", "uk": "Вишивка", "en": "Embroidery"},
                    {"fr": "Bandoura", "uk": "Бандура", "en": "Bandura"},
                    {"fr": "Cuisine", "uk": "Кухня", "en": "Cooking"}],
        "results": "live", "closes_at": now + timedelta(days=30)}))
    elections = Elections(DynamoElectionStore(), box, DynamoAssociationStore())
    admin = principal("admin")
    election = elections.create(admin, ElectionCreate.model_validate({
        "title": {"fr": "Présidence du Conseil de la jeunesse de France", "uk": "Голова Молодіжної ради Франції",
                  "en": "Head of the Youth Council of France"},
        "description": {"fr": "Les associations vérifiées présentent leurs candidats ; chaque membre classe les "
                              "candidats (méthode Schulze).",
                        "uk": "Верифіковані асоціації висувають кандидатів; кожен член ранжує їх (метод Шульце).",
                        "en": "Verified associations nominate; every member ranks the candidates (Schulze)."},
        "method": "schulze", "electorate": "members", "nominations_per_association": 2,
        "nominations_open_at": now - timedelta(days=7), "voting_opens_at": now + timedelta(days=1),
        "voting_closes_at": now + timedelta(days=14)}))
    elections.open(admin, election.id)  # nominations
    for association, name, email, fr, uk, en in CANDIDATES:
        if association not in verified:
            continue
        candidate = elections.nominate(principal("owner"), election.id, NominationIn.model_validate({
            "association_id": verified[association], "name": name, "email": email,
            "statement": {"fr": fr, "uk": uk, "en": en}}))
        elections.consent(Principal(user_id=f"demo-{email}", email=email, email_verified=True,
                                    groups=frozenset()), election.id, candidate.id)
        elections.approve(admin, election.id, candidate.id)
    elections.open(admin, election.id)  # voting, a day early: the demo is about voting
    return {"election": election.id, "poll": poll.id}
