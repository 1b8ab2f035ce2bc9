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
    created = []
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
        created.append(association.slug)
    return {"accounts": ACCOUNTS, "associations": created, **seed_twinning(principal)}


# ---------------------------------------------------------------- partnerships and initiatives
# (proposing association, title, french territory, ukrainian territory, partner body, domains, fr, uk,
#  contact, status reached: proposed, in_discussion or signed)
PARTNERSHIPS: list[tuple[Any, ...]] = [
    ("Maison ukrainienne de Toulouse", "Occitanie – Lviv : échanges culturels", {"region": "76"},
     {"oblast": "UA-46"}, "Lviv Oblast Council", ["culture", "education"],
     "Résidences d'artistes, festivals croisés et bibliothèques jumelées.",
     "Мистецькі резиденції, спільні фестивалі та побратимські бібліотеки.",
     ("Oksana Melnyk", "Chargée des relations internationales", "oksana.melnyk@example.org"), "signed"),
    ("Dnipro–Bordeaux Entreprendre", "Nouvelle-Aquitaine – Mykolaïv : filières agricoles", {"region": "75"},
     {"oblast": "UA-48"}, "Mykolaiv Oblast Council", ["agriculture", "business"],
     "Coopération entre coopératives céréalières et formation à l'irrigation.",
     "Співпраця зернових кооперативів і навчання зрошенню.",
     ("Pierre Laval", "Coordinateur agricole", "pierre.laval@example.org"), "in_discussion"),
    ("Vyshyvanka Lyon", "Lyon – Kharkiv : jeunesse et écoles",
     {"region": "84", "department": "69", "commune": "Lyon", "postal_code": "69002"},
     {"oblast": "UA-63", "hromada": "Kharkivska miska hromada"}, "Kharkiv City Council", ["youth", "education"],
     "Échanges scolaires et colonies de vacances pour les enfants de Kharkiv.",
     "Шкільні обміни та літні табори для дітей Харкова.", ("Iryna Bondar", "Enseignante", None), "proposed"),
]

# (association, kind, title, domain, region, oblast, hromada, fr, uk)
INITIATIVES: list[tuple[Any, ...]] = [
    ("Solidarité Ukraine Paris", "need", "Équipement de traitement de l'eau pour Mykolaïv", "reconstruction",
     None, "UA-48", "Mykolaivska miska hromada",
     "Le réseau d'eau potable a été endommagé : la hromada cherche des unités de potabilisation.",
     "Мережу водопостачання пошкоджено: громада шукає установки для очищення води."),
    ("Dnipro–Bordeaux Entreprendre", "offer", "Unités mobiles de potabilisation", "reconstruction", "75", None,
     None, "Une entreprise girondine met à disposition des unités mobiles de traitement de l'eau.",
     "Компанія з Жиронди пропонує мобільні установки для очищення води."),
    ("Dnipro–Bordeaux Entreprendre", "need", "Savoir-faire en irrigation pour céréaliers", "agriculture", "75",
     "UA-48", None, "Des exploitations céréalières cherchent une formation à l'irrigation goutte-à-goutte.",
     "Зернові господарства шукають навчання крапельному зрошенню."),
    ("Maison ukrainienne de Toulouse", "offer", "Formations en agronomie en Occitanie", "agriculture", "76", None,
     None, "Des lycées agricoles d'Occitanie accueillent des stagiaires ukrainiens.",
     "Аграрні ліцеї Окситанії приймають українських стажерів."),
]


def seed_twinning(principal: Any) -> dict[str, list[str]]:
    """A few partnerships at different stages and needs and offers that match, through the use cases."""
    from hromada.domain.initiatives import Initiatives
    from hromada.domain.partnerships import Partnerships
    from hromada.domain.text import make_slug
    from hromada.domain.twinning_ports import ListQuery
    from hromada.models.initiative import InitiativeCreate
    from hromada.models.partnership import PartnershipProposal, StatusTarget
    from hromada.store.associations import DynamoAssociationStore
    from hromada.store.initiatives import DynamoInitiativeStore
    from hromada.store.matches import DynamoMatchIndex
    from hromada.store.partnerships import DynamoPartnershipStore

    partnerships = Partnerships(DynamoPartnershipStore(), DynamoMatchIndex())
    initiatives = Initiatives(DynamoInitiativeStore(), DynamoMatchIndex())
    if partnerships.directory(ListQuery(limit=1)).items:  # already seeded
        return {"partnerships": [], "initiatives": []}
    associations = DynamoAssociationStore()

    def association_id(name: str) -> str:
        found = associations.get_by_slug(make_slug(name))
        if found is None:
            raise LookupError(f"demo association {name!r} is missing")
        return found.id

    owner, moderator = principal("owner"), principal("moderator")
    made: dict[str, list[str]] = {"partnerships": [], "initiatives": []}
    for name, title, french, ukrainian, body, domains, fr, uk, contact, status in PARTNERSHIPS:
        contact_name, role, email = contact
        proposal = PartnershipProposal.model_validate({
            "title": title, "description": {"fr": fr, "uk": uk}, "french": french, "ukrainian": ukrainian,
            "partner": {"name": body}, "domains": domains,
            "contacts": [{"name": contact_name, "role": role, **({"email": email} if email else {})}],
            "documents": [{"title": "Lettre d'intention", "url": "https://example.org/jumelage/lettre.pdf"}],
            "milestones": [{"date": "2026-02-10", "title": "Première rencontre", "done": True},
                           {"date": "2026-10-01", "title": "Signature de la convention",
                            "done": status == "signed"}]})
        partnership = partnerships.propose(owner, association_id(name), proposal)
        if status != "proposed":
            partnerships.confirm(moderator, partnership.id, "Partenaire territorial joint par la modération")
        if status == "signed":
            partnerships.change_status(owner, partnership.id, StatusTarget.SIGNED, "Convention signée")
        made["partnerships"].append(partnership.id)
    for name, kind, title, domain, region, oblast, hromada, fr, uk in INITIATIVES:
        data = InitiativeCreate.model_validate({
            "kind": kind, "title": title, "domain": domain, "description": {"fr": fr, "uk": uk},
            **{k: v for k, v in {"region": region, "oblast": oblast, "hromada": hromada}.items() if v}})
        made["initiatives"].append(initiatives.publish(owner, association_id(name), data).id)
    return made
