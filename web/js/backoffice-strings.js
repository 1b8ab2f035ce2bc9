// Strings of the back office (an association's dashboard and forms, moderation's queue) and of the
// partnerships and initiatives pages: loaded with them. key -> [fr, uk, en].

import { addStrings } from "./i18n.js";

addStrings({
  // the dashboard's key numbers
  statUpcoming: ["Événements à venir", "Майбутні події", "Upcoming events"],
  statRegistrations: ["Inscriptions", "Реєстрації", "Registrations"],
  statWaitlisted: ["En liste d’attente", "У списку очікування", "On waiting lists"],
  statFollowers: ["Abonnés", "Підписники", "Followers"],
  nextEvent: ["Prochain événement", "Найближча подія", "Next event"],
  // long forms in parts
  formParts: ["Parties du formulaire", "Розділи форми", "Parts of the form"],
  partIdentity: ["Présentation", "Про асоціацію", "About the association"],
  partPlace: ["Adresse", "Адреса", "Address"],
  partContact: ["Contact et immatriculation", "Контакти й реєстрація", "Contact and registration"],
  partAbout: ["Présentation", "Опис", "About the event"],
  partWhen: ["Date et heure", "Дата й час", "Date and time"],
  partWhere: ["Lieu", "Місце", "Place"],
  partSeats: ["Places et tarif", "Місця й ціна", "Seats and price"],
  partText: ["Type et texte", "Тип і текст", "Kind and text"],
  partAudience: ["Diffusion", "Поширення", "Audience"],
  typeHint: ["Un projet indique ses besoins ; une vérification des faits, ses sources.",
    "Проєкт зазначає свої потреби, фактчек — свої джерела.",
    "A project says what it needs; a fact-check lists its sources."],
  regionDefaultHint: ["Par défaut, la région de l’association.", "Типово — регіон асоціації.",
    "By default, the association’s region."],
  sourceLinks: ["Liens vers les sources", "Посилання на джерела", "Links to the sources"],
  // moderation: what a decision needs
  rnaNumber: ["Numéro RNA", "Номер RNA", "RNA number"],
  rnaLookup: ["Chercher dans l’annuaire officiel des associations", "Шукати в офіційному довіднику асоціацій",
    "Look it up in the official directory of associations"],
  noRna: ["Aucun numéro RNA donné", "Номер RNA не вказано", "No RNA number given"],
  ownerDomain: ["Domaine de l’e-mail vérifié du responsable", "Домен підтвердженої пошти власника",
    "Domain of the owner’s verified e-mail"],
  contactLabel: ["Contact", "Контакт", "Contact"],
  notGiven: ["non renseigné", "не вказано", "not given"],
  createdOn: ["Créée sur Hromada le", "Створено на Hromada", "Created on Hromada on"],
  placeLabel: ["Lieu", "Місце", "Place"],
});
