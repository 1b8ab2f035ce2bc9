// Strings of the campaigns pages, the home page's banner and the event form's campaign field. key -> [fr, uk, en].

import { addStrings } from "./i18n.js";

const STRINGS = {
  campaignsIntro: [
    "Des journées partagées par toutes les associations : chacune y rattache ses événements et ses annonces.",
    "Дні, спільні для всіх асоціацій: кожна приєднує до них свої події та оголошення.",
    "Days shared by every association: each attaches its events and announcements to them."],
  campaignRunning: ["En cours", "Триває", "Running now"],
  campaignDates: ["Du {0} au {1}", "З {0} по {1}", "From {0} to {1}"],
  campaignDay: ["Le jour : {0}", "День: {0}", "The day: {0}"],
  campaignNextDays: ["Prochaines dates : {0}", "Наступні дати: {0}", "Next dates: {0}"],
  campaignEvents: ["Événements par région", "Події за регіонами", "Events by region"],
  campaignNoEvents: ["Aucun événement rattaché pour l’instant.", "Поки що жодної події.", "No event attached yet."],
  campaignNews: ["Annonces", "Оголошення", "Announcements"],
  campaignNoNews: ["Aucune annonce rattachée.", "Жодного оголошення.", "No announcement attached."],
  campaignOnline: ["En ligne", "Онлайн", "Online"],
  campaignSee: ["Voir la campagne", "Переглянути кампанію", "See the campaign"],
  campaignBanner: ["Campagne en cours : {0}", "Поточна кампанія: {0}", "Running campaign: {0}"],
  campaignEventsCount: ["{0} événement(s) prévu(s)", "Заплановано подій: {0}", "{0} event(s) planned"],
  campaignNone: ["Aucune campagne à venir.", "Немає запланованих кампаній.", "No campaign coming up."],
  campaignField: ["Campagne", "Кампанія", "Campaign"],
  campaignFieldHint: ["Facultatif : l’événement doit avoir lieu pendant la campagne.",
    "Необов’язково: подія має відбутися під час кампанії.", "Optional: the event must take place during the campaign."],
  // admins
  campaignNew: ["Nouvelle campagne", "Нова кампанія", "New campaign"],
  campaignSlug: ["Identifiant dans l’adresse (slug)", "Ідентифікатор в адресі (slug)", "Identifier in the address (slug)"],
  campaignSlugHint: ["Minuscules et tirets, p. ex. vychyvanka", "Малі латинські літери й дефіси, напр. vychyvanka",
    "Lower case and hyphens, e.g. vychyvanka"],
  campaignName: ["Nom", "Назва", "Name"],
  campaignDescription: ["Description", "Опис", "Description"],
  campaignStart: ["Premier jour", "Перший день", "First day"],
  campaignEnd: ["Dernier jour", "Останній день", "Last day"],
  campaignCreate: ["Créer la campagne", "Створити кампанію", "Create the campaign"],
  campaignArchive: ["Archiver", "Архівувати", "Archive"],
  campaignArchived: ["Campagne archivée.", "Кампанію заархівовано.", "Campaign archived."],
  gapMap: ["Carte des manques", "Карта прогалин", "Gap map"],
  gapMapIntro: [
    "Les régions sans événement prévu sont en blanc. Invitez les associations de ces départements : chacune ne reçoit l’invitation qu’une fois.",
    "Регіони без запланованих подій — білі. Запросіть асоціації цих департаментів: кожна отримає запрошення лише один раз.",
    "Regions with no planned event are white. Invite the associations of those departments: each gets the invitation once only."],
  gapRegionEvents: ["{0} : {1} événement(s)", "{0}: подій — {1}", "{0}: {1} event(s)"],
  gapUncovered: ["Sans événement", "Без подій", "No event"],
  gapNoAssociations: ["Sans événement ni association vérifiée :", "Без подій і без перевірених асоціацій:",
    "No event and no verified association:"],
  gapInvited: ["déjà invitée", "вже запрошено", "already invited"],
  gapDraft: ["Préparer l’invitation", "Підготувати запрошення", "Draft the invitation"],
  gapSubject: ["Objet", "Тема", "Subject"],
  gapBody: ["Message", "Повідомлення", "Message"],
  gapSend: ["Envoyer l’invitation", "Надіслати запрошення", "Send the invitation"],
  gapSent: ["Invitation envoyée à {0} association(s).", "Запрошення надіслано асоціаціям: {0}.",
    "Invitation sent to {0} association(s)."],
  gapPick: ["Choisissez au moins une association.", "Виберіть принаймні одну асоціацію.", "Pick at least one association."],
};

// "{0}" and "{1}" stand for the arguments of t(key, ...args).
const withArgs = (text) => (text.includes("{0}") ? (...args) => text.replace(/\{(\d)\}/g, (_, i) => String(args[i])) : text);
addStrings(Object.fromEntries(Object.entries(STRINGS).map(([key, texts]) => [key, texts.map(withArgs)])));
