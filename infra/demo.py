"""Demo accounts and a dozen associations across France, created through the domain use cases."""

from __future__ import annotations

from typing import Any

from infra.demo_pictures import seed_pictures
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


def seed_campaigns(principal: Any) -> dict[str, list[str]]:
    from infra.demo_campaigns import seed_campaigns as seed

    return seed(principal)


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
                         groups=frozenset(account.groups), name=account.name, second_factor=True)

    service = Associations(DynamoAssociationStore())
    created, verified = [], {}
    for name, region, dept, city, postal, cats, langs, fr, uk, en, status in ASSOCIATIONS:
        description = {k: v for k, v in {"fr": fr, "uk": uk, "en": en}.items() if v}
        data = AssociationCreate(name=name, region=region, department=dept, city=city, postal_code=postal,
                                 categories=cats, languages=langs, description=description,
                                 website=f"https://example.org/{postal}", social_links={},
                                 **PUBLISHED_CONTACTS.get(name, {}))
        try:
            association = service.register(principal("owner"), data)
        except Conflict:
            continue
        if status == "verified":
            service.verify(principal("moderator"), association.id, "Statuts et RNA vérifiés")
            verified[name] = association.id
        created.append(association.slug)
    return {"accounts": ACCOUNTS, "associations": created, **seed_events(principal),
            **seed_voting(principal, verified), **seed_twinning(principal), **seed_moderation(principal, verified),
            **seed_subscriptions(principal), **seed_claims(principal),
            **seed_campaigns(principal)}


# ------------------------------------------------------------ mail
# Confirmed readers of the digest (the member through their account; two by e-mail only), so that
# running a digest from the dev mailbox shows real letters in three languages.
READERS = [("lecteur@hromada.test", ["76", "11"], [], "fr", "weekly"),
           ("chytach@hromada.test", ["84"], ["concert", "festival"], "uk", "weekly"),
           ("reader@hromada.test", [], [], "en", "daily")]


def seed_claims(principal: Any) -> dict[str, int]:
    from infra.demo_claims import seed_claims as seed

    return seed(principal)


def seed_subscriptions(principal: Any) -> dict[str, list[str]]:
    from hromada.auth import Principal
    from hromada.domain.subscriptions import Subscriptions
    from hromada.mail import tokens
    from hromada.mail.jobs import Outbox
    from hromada.mail.links import SignedLinks
    from hromada.models.subscription import Preferences
    from hromada.store.subscriptions import DynamoSubscriptionStore

    service = Subscriptions(DynamoSubscriptionStore(), Outbox(), SignedLinks(), tokens.verify)
    service.set_mine(principal("member"), Preferences(regions=["76"], language="fr", frequency="weekly"))
    readers = []
    for email, regions, categories, language, frequency in READERS:
        reader = Principal(user_id=email, email=email, email_verified=True, groups=frozenset())
        service.set_mine(reader, Preferences(regions=regions, categories=categories, language=language,
                                             frequency=frequency))
        readers.append(email)
    return {"readers": [ACCOUNTS["member"].email, *readers]}


# ------------------------------------------------------------ events and announcements
# Where the demo venues are (WGS 84), for the event page's map.
VENUE_COORDINATES: dict[tuple[str, str], tuple[float, float]] = {
    ("Maison ukrainienne", "Toulouse"): (43.60622, 1.44131),
    ("Salle Pétrarque", "Montpellier"): (43.61193, 3.87884),
    ("Mairie du 11e", "Paris"): (48.85741, 2.37998),
    ("Place de la République", "Paris"): (48.86737, 2.36363),
    ("Espace Landowski", "Boulogne-Billancourt"): (48.83561, 2.24169),
    ("Mairie du 2e", "Lyon"): (45.75431, 4.82762),
    ("Stade Lesdiguières", "Grenoble"): (45.17108, 5.73561),
    ("Cinéma Star", "Strasbourg"): (48.58453, 7.74372),
    ("Maison des associations", "Strasbourg"): (48.57731, 7.75619),
    ("Maison de la vie associative", "Lille"): (50.64047, 3.05802),
    ("Théâtre de l'Œuvre", "Marseille"): (43.30049, 5.38104),
}
# (association, titles fr/uk/en, Markdown description, in N days, local start "HH:MM", hours, venue, online link,
#  categories, languages, extra fields). Venues: (name, address, postal code, city, department, region).
EVENTS: list[tuple[Any, ...]] = [
    ("Maison ukrainienne de Toulouse", ("Soirée de poésie ukrainienne", "Вечір української поезії",
                                       "Ukrainian poetry evening"),
     "Lectures bilingues de **Lessia Oukraïnka** et de **Serhiy Jadan**, suivies d'un échange.", 6, "19:00", 2,
     ("Maison ukrainienne", "12 rue des Lois", "31000", "Toulouse", "31", "76"), None, ["talk"], ["uk", "fr"],
     {"capacity": 40, "registration_required": True}),
    ("Maison ukrainienne de Toulouse", ("Cours d'ukrainien pour débutants", "Українська для початківців", None),
     "Premier cours : l'alphabet cyrillique et les salutations. Apportez un cahier !", 9, "18:30", 1.5,
     ("Maison ukrainienne", "12 rue des Lois", "31000", "Toulouse", "31", "76"), None, ["language_class"],
     ["uk", "fr"], {"capacity": 12, "registration_required": True}),
    ("Kalyna Montpellier", ("Concert de chants traditionnels", "Концерт народної пісні", None),
     "Polyphonies des Carpates et chants de Noël (*koliadky*).", 14, "20:00", 2,
     ("Salle Pétrarque", "2 place Pétrarque", "34000", "Montpellier", "34", "76"), None, ["concert"], ["uk", "fr"],
     {"is_free": False, "price_cents": 1000, "ticket_url": "https://example.org/billets/kalyna"}),
    ("Solidarité Ukraine Paris", ("Collecte de matériel médical", "Збір медичного обладнання",
                                  "Medical supplies drive"),
     "Nous collectons pansements, garrots et médicaments **non périmés**. Liste complète sur place.", 4, "10:00",
     7, ("Mairie du 11e", "12 place Léon Blum", "75011", "Paris", "75", "11"), None, ["fundraiser"],
     ["fr", "uk", "en"], {}),
    ("Solidarité Ukraine Paris", ("Rassemblement de soutien à l'Ukraine", "Мітинг на підтримку України", None),
     "Rendez-vous place de la République. Drapeaux bienvenus.", 20, "14:00", 2,
     ("Place de la République", "Place de la République", "75011", "Paris", "75", "11"), None, ["rally"],
     ["fr", "uk"], {}),
    ("École ukrainienne du samedi", ("Atelier pysanky pour enfants", "Майстер-клас з писанкарства для дітей", None),
     "Décoration d'œufs à la cire, dès 6 ans. Matériel fourni.", 11, "14:00", 2.5,
     ("Espace Landowski", "28 avenue André Morizet", "92100", "Boulogne-Billancourt", "92", "11"), None,
     ["workshop"], ["uk"], {"capacity": 15, "registration_required": True}),
    ("Vyshyvanka Lyon", ("Exposition : broderies de Poltava", "Виставка: полтавська вишивка",
                         "Exhibition: Poltava embroidery"),
     "Trente chemises brodées du XIXe siècle à nos jours.", 3, "10:00", 14 * 24 + 8,
     ("Mairie du 2e", "2 rue d'Enghien", "69002", "Lyon", "69", "84"), None, ["exhibition"], ["fr", "uk", "en"], {}),
    ("Jeunesse ukrainienne de Grenoble", ("Tournoi de football solidaire", "Благодійний футбольний турнір", None),
     "Équipes de 7, inscriptions jusqu'à la veille. Les dons vont aux clubs de jeunes de Kharkiv.", 25, "09:00",
     9, ("Stade Lesdiguières", "Rue Albert Reynier", "38000", "Grenoble", "38", "84"), None,
     ["sport", "fundraiser"], ["uk", "fr"], {"registration_required": True}),
    ("Dnipro–Bordeaux Entreprendre", ("Webinaire : entreprendre entre la France et l'Ukraine",
                                      "Вебінар: бізнес між Францією та Україною",
                                      "Webinar: doing business between France and Ukraine"),
     "Trois entrepreneurs racontent, puis questions-réponses.", 8, "12:30", 1, None,
     "https://meet.example.org/dnipro-bordeaux", ["talk"], ["fr", "uk", "en"], {}),
    ("Strasbourg pour l'Ukraine", ("Projection : « 20 jours à Marioupol »", "Показ: «20 днів у Маріуполі»", None),
     "Documentaire de Mstyslav Tchernov, suivi d'un débat.", 16, "20:00", 2.5,
     ("Cinéma Star", "27 rue du Jeu-des-Enfants", "67000", "Strasbourg", "67", "44"), None, ["film"], ["fr", "uk"],
     {"is_free": False, "price_cents": 800}),
    ("Strasbourg pour l'Ukraine", ("Atelier cuisine : varenyky", "Кулінарний майстер-клас: вареники", None),
     "Petit groupe : deux places seulement, liste d'attente ouverte.", 10, "18:00", 2,
     ("Maison des associations", "1a place des Orphelins", "67000", "Strasbourg", "67", "44"), None, ["workshop"],
     ["uk", "fr"], {"capacity": 2, "registration_required": True}),
    ("Vérifié Ukraine", ("Atelier : repérer la désinformation", "Воркшоп: як розпізнати дезінформацію",
                         "Workshop: spotting disinformation"),
     "Méthodes de vérification d'images et de vidéos. Sur place ou en ligne.", 12, "18:00", 2,
     ("Maison de la vie associative", "72 rue Royale", "59000", "Lille", "59", "32"),
     "https://meet.example.org/verifie", ["workshop", "talk"], ["fr", "uk", "en"], {}),
    ("Bandura Marseille", ("Concert de bandoura", "Концерт бандуристів", "Bandura concert"),
     "Répertoire classique et contemporain pour bandoura.", 30, "19:30", 1.5,
     ("Théâtre de l'Œuvre", "1 rue Mission de France", "13001", "Marseille", "13", "93"), None, ["concert"],
     ["uk", "fr"], {"capacity": 80}),
    ("Kalyna Montpellier", ("Bal folklorique", "Фольклорні танці", None), "Initiation aux danses hutsules.", 22,
     "20:00", 3, ("Salle Pétrarque", "2 place Pétrarque", "34000", "Montpellier", "34", "76"), None, ["festival"],
     ["uk", "fr"], {"cancel": "La salle n'est plus disponible ; le bal est reporté."}),
]
# Past events (the archive): published back then, through the same use case with its clock set back.
PAST_EVENTS: list[tuple[Any, ...]] = [
    ("Maison ukrainienne de Toulouse", ("Fête de l'indépendance", "День Незалежності", "Independence Day"),
     "Concert, buffet et exposition de photos.", -40, "17:00", 5,
     ("Maison ukrainienne", "12 rue des Lois", "31000", "Toulouse", "31", "76"), None, ["festival"], ["uk", "fr"],
     {}),
    ("Solidarité Ukraine Paris", ("Concert caritatif", "Благодійний концерт", None),
     "Au profit des hôpitaux de Kherson.", -25, "20:00", 2,
     ("Mairie du 11e", "12 place Léon Blum", "75011", "Paris", "75", "11"), None, ["concert", "fundraiser"],
     ["fr", "uk"], {}),
]
# (association, type, title fr, body fr (Markdown), region, categories, extra fields)
ANNOUNCEMENTS: list[tuple[Any, ...]] = [
    ("Solidarité Ukraine Paris", "project", "Une ambulance pour Kharkiv",
     "Nous finançons une ambulance équipée pour l'hôpital n° 4 de Kharkiv. **Chaque don compte**.", "11",
     ["humanitarian_aid"], {"needs": ["donations", "volunteers"], "donation_target_eur": 45000,
                            "donation_url": "https://example.org/dons/ambulance", "pinned": True}),
    ("Vérifié Ukraine", "fact_check", "Non, cette vidéo ne montre pas un défilé à Kyiv en 2025",
     "La vidéo date de 2019 : comparez les façades et la signalisation (voir les sources).", None,
     ["media_fact_checking"], {"sources": [
         {"title": "Archive de la vidéo originale (2019)", "url": "https://example.org/archive/2019"},
         {"title": "Géolocalisation détaillée", "url": "https://example.org/verification/geoloc"}]}),
    ("Maison ukrainienne de Toulouse", "news", "Nouveaux horaires de la bibliothèque",
     "La bibliothèque ouvre désormais le **mercredi de 14 h à 19 h** et le samedi matin.", "76", ["culture"], {}),
    ("Vyshyvanka Lyon", "call_for_partners", "Nous cherchons des lieux d'exposition",
     "Médiathèques, mairies, galeries : accueillez notre exposition de broderies en 2026.", "84",
     ["culture", "arts"], {}),
    ("Jeunesse ukrainienne de Grenoble", "project", "Collecte de fournitures scolaires",
     "Cahiers, stylos, cartables : dépôt le samedi au local de l'association.", "84", ["youth", "humanitarian_aid"],
     {"needs": ["goods"], "expires_in_days": 60}),
]


def seed_events(principal: Any) -> dict[str, int]:
    """Demo events (upcoming, past, one cancelled, one full with a waitlist) and announcements."""
    from datetime import UTC, date, datetime, timedelta

    from hromada.bus import OutboxPublisher
    from hromada.domain.announcements import Announcements
    from hromada.domain.events import Events
    from hromada.domain.rsvps import Rsvps
    from hromada.models.announcement import AnnouncementCreate
    from hromada.models.event import EventCreate
    from hromada.reference.text import make_slug
    from hromada.store.announcements import DynamoAnnouncementStore
    from hromada.store.associations import DynamoAssociationStore
    from hromada.store.events import DynamoEventStore

    associations = DynamoAssociationStore()
    ids = {name: associations.get_by_slug(make_slug(name)) for name, *_ in ASSOCIATIONS}
    store, publisher = DynamoEventStore(), OutboxPublisher()
    owner = principal("owner")

    def publish(row: tuple[Any, ...], service: Events) -> Any:
        name, titles, text, days, at, hours, venue, online, categories, languages, extra = row
        extra = dict(extra)
        cancel = extra.pop("cancel", None)
        start = datetime.combine(date.today() + timedelta(days=days), datetime.strptime(at, "%H:%M").time())
        fields: dict[str, Any] = {
            "title": {k: v for k, v in zip(("fr", "uk", "en"), titles, strict=True) if v},
            "description": {"fr": text}, "start": start.isoformat(),
            "end": (start + timedelta(hours=hours)).isoformat(), "categories": categories, "languages": languages,
            "online_url": online, **extra}
        if venue:
            fields["venue"] = dict(zip(("name", "address", "postal_code", "city", "department", "region"), venue,
                                       strict=True))
            if (where := VENUE_COORDINATES.get((venue[0], venue[3]))) is not None:
                fields["venue"] |= {"latitude": where[0], "longitude": where[1]}
        event, _ = service.create(owner, ids[name].id, EventCreate.model_validate(fields))
        if cancel:
            service.cancel(owner, event.id, cancel)
        return event

    events = Events(store, associations, publisher)
    published = [publish(row, events) for row in EVENTS]
    back_then = datetime.now(UTC) - timedelta(days=60)
    archive = Events(store, associations, publisher, now=lambda: back_then)
    past = [publish(row, archive) for row in PAST_EVENTS]

    rsvps = Rsvps(store, publisher)
    by_title = {e.title["fr"]: e for e in published}
    rsvps.join(principal("member"), by_title["Soirée de poésie ukrainienne"].id)
    rsvps.join(principal("member"), by_title["Concert de bandoura"].id)
    cooking = by_title["Atelier cuisine : varenyky"].id
    for role in ("admin", "moderator", "member"):  # two seats: the member waits, first in line
        rsvps.join(principal(role), cooking)

    board = Announcements(DynamoAnnouncementStore(), associations)
    announced = []
    for name, kind, title, body, region, categories, extra in ANNOUNCEMENTS:
        extra = dict(extra)
        days = extra.pop("expires_in_days", None)
        if days:
            extra["expires_at"] = (datetime.now(UTC) + timedelta(days=days)).isoformat()
        announced.append(board.create(owner, ids[name].id, AnnouncementCreate.model_validate({
            "type": kind, "title": {"fr": title}, "body": {"fr": body}, "region": region,
            "categories": categories, **extra})))
    # Pictures on most items, not all: cards must read well both with and without one.
    pictured = ([("association", a.id) for a in ids.values() if a is not None][::2]
                + [("event", e.id) for e in published][::2]
                + [("announcement", a.id) for a in announced if a.type == "project"])
    return {"events": len(published) + len(past), "announcements": len(ANNOUNCEMENTS),
            "pictures": seed_pictures(principal, pictured), "shifts": seed_shifts(principal, announced)}


# (in N days, start, end, people, place (address, department, region) or online link, task fr/uk/en)
SHIFTS: list[tuple[Any, ...]] = [
    (5, "09:00", "12:00", 3, ("18 rue de la Roquette, 75011 Paris", "75", "11"), None,
     ("Charger le matériel médical dans l'ambulance", "Завантажити медичне обладнання в карету швидкої",
      "Load the medical equipment into the ambulance")),
    (5, "14:00", "17:00", 2, ("18 rue de la Roquette, 75011 Paris", "75", "11"), None,
     ("Inventaire et étiquetage des cartons", "Інвентаризація та маркування коробок", "Count and label the boxes")),
    (12, "18:00", "19:30", 10, None, "https://meet.example.org/ambulance-kharkiv",
     ("Traduire les documents de l'hôpital (en ligne)", "Перекласти документи лікарні (онлайн)",
      "Translate the hospital's documents (online)")),
]
# The association whose project has shifts publishes its contact: volunteers' replies go there.
PUBLISHED_CONTACTS = {"Solidarité Ukraine Paris": {"contact_email": "benevoles@solidarite-paris.hromada.test",
                                                   "show_contact_email": True}}


def seed_shifts(principal: Any, announced: list[Any]) -> int:
    """Three volunteer shifts on the project seeking volunteers; the member signed up for the first."""
    from datetime import date, timedelta

    from hromada.domain.shifts import Shifts
    from hromada.models.shift import ShiftCreate
    from hromada.store.shifts import DynamoShiftStore

    project = next(a for a in announced if a.type == "project" and "volunteers" in a.needs)
    shifts = Shifts(DynamoShiftStore())
    made = []
    for days, start, end, people, place, online, task in SHIFTS:
        made.append(shifts.create(principal("owner"), project.id, ShiftCreate.model_validate({
            "date": (date.today() + timedelta(days=days)).isoformat(), "start_time": start, "end_time": end,
            "people": people, "online_url": online,
            "place": dict(zip(("address", "department", "region"), place, strict=True)) if place else None,
            "task": dict(zip(("fr", "uk", "en"), task, strict=True))})))
    shifts.join(principal("member"), project.id, made[0].id)
    return len(made)


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
                        "uk": "Перевірені асоціації висувають кандидатів; кожен член ранжує їх (метод Шульце).",
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
    from hromada.domain.twinning_ports import ListQuery
    from hromada.models.initiative import InitiativeCreate
    from hromada.models.partnership import PartnershipProposal, StatusTarget
    from hromada.reference.text import make_slug
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


# ---------------------------------------------------------------- moderation
# (reporter role, kind, association name or announcement title, reason, comment): below the hiding threshold,
# so the items stay visible and wait in the moderators' queue.
FLAGS: list[tuple[str, str, str, str, str | None]] = [
    ("member", "announcement", "Collecte de fournitures scolaires", "spam", "Publié trois fois cette semaine."),
    ("admin", "announcement", "Collecte de fournitures scolaires", "other", None),
    ("member", "association", "Bandura Marseille", "fraud", "Le site demande des dons sur un compte personnel."),
]


def seed_moderation(principal: Any, verified: dict[str, str]) -> dict[str, int]:
    """A couple of flags in the moderation queue, made through the use case."""
    from hromada.domain.announcement_ports import AnnouncementQuery
    from hromada.domain.announcements import Announcements
    from hromada.domain.moderation import Moderation
    from hromada.domain.moderation_ports import Target
    from hromada.errors import Conflict, NotFound
    from hromada.store.announcements import DynamoAnnouncementStore
    from hromada.store.associations import DynamoAssociationStore
    from hromada.store.moderation import DynamoModerationStore

    board = Announcements(DynamoAnnouncementStore(), DynamoAssociationStore())
    titles = {a.title.get("fr"): a.id for a in board.listing(AnnouncementQuery(limit=100)).items}
    moderation = Moderation(DynamoModerationStore())
    flagged = 0
    for role, kind, name, reason, comment in FLAGS:
        item_id = titles.get(name) if kind == "announcement" else verified.get(name)
        if item_id is None:
            continue
        try:
            moderation.flag(principal(role), Target(kind, item_id), reason, comment)
            flagged += 1
        except (Conflict, NotFound):  # seeded already
            continue
    return {"flags": flagged}
