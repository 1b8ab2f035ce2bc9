// UI strings in French (default), Ukrainian and English. Text only: never HTML.
// House rules, shared with the mails (layers/common/hromada/mail/strings.py): the brand is "Hromada" in every
// language, never translated nor declined; French says "e-mail", never "courriel"; Ukrainian says "перевірена"
// (verified) and "список очікування" (waiting list); counted nouns go through Intl.PluralRules (count()).

export const LANGS = ["fr", "uk", "en"];
const KEY = "hromada.lang";

const S = {
  fr: {
    locale: "fr-FR",
    skip: "Aller au contenu",
    tagline: "Les associations de culture ukrainienne près de chez vous",
    langLabel: "Langue",
    navDirectory: "Associations",
    footer: "Hromada — soutenir l’Ukraine, près de chez vous.",
    title: "Annuaire",
    dirTitle: "Associations",
    dirIntro: "Trouvez une association qui fait vivre la culture ukrainienne en France.",
    filters: "Filtres",
    menu: "Menu",
    region: "Région",
    department: "Département",
    category: "Catégorie",
    language: "Langue parlée",
    q: "Recherche",
    qHint: "Nom, ville ou mot de la description",
    qShort: "Saisissez au moins 2 caractères.",
    any: "Toutes",
    anyDept: "Tous",
    searchBtn: "Rechercher",
    resetBtn: "Effacer les filtres",
    loading: "Chargement…",
    loadMoreAssoc: "Afficher plus d’associations",
    count: (n) => `${count(n, "association affichée", "associations affichées")}.`,
    more: "D’autres résultats sont disponibles.",
    empty: "Aucune association ne correspond à ces critères.",
    emptyHint: "Essayez d’élargir la recherche ou d’effacer les filtres.",
    back: "Retour à l’annuaire",
    about: "Présentation",
    noDescription: "Pas encore de description.",
    otherLangs: "Présentation dans d’autres langues",
    details: "Informations",
    place: "Ville",
    categories: "Catégories",
    languages: "Langues parlées",
    website: "Site web",
    email: "E-mail",
    social: "Réseaux sociaux",
    rna: "Numéro RNA",
    verified: "Association vérifiée",
    verifiedOn: (d) => `Vérifiée le ${d}`,
    updated: "Dernière mise à jour",
    logoAlt: (n) => `Logo de ${n}`,
    errTitle: "Une erreur est survenue",
    errNotFound: "Association introuvable",
    errNetwork: "Impossible de joindre le serveur. Vérifiez votre connexion puis réessayez.",
    errHttp: (s) => `Le serveur a répondu par une erreur (${s}).`,
    errCode: (c, s) => `Code : ${c} (${s})`,
    fieldLabel: (f) => `${f} : `,
    retry: "Réessayer",
    pageNotFound: "Page introuvable",
    pageNotFoundText: "Cette adresse ne correspond à aucune page.",
    regionsFailed: "La liste des régions n’a pas pu être chargée.",
  },
  uk: {
    locale: "uk-UA",
    skip: "Перейти до вмісту",
    tagline: "Асоціації української культури поруч із вами",
    langLabel: "Мова",
    navDirectory: "Асоціації",
    footer: "Hromada — підтримка України поруч із вами.",
    title: "Каталог",
    dirTitle: "Асоціації",
    dirIntro: "Знайдіть асоціацію, яка підтримує українську культуру у Франції.",
    filters: "Фільтри",
    menu: "Меню",
    region: "Регіон",
    department: "Департамент",
    category: "Категорія",
    language: "Мова спілкування",
    q: "Пошук",
    qHint: "Назва, місто або слово з опису",
    qShort: "Введіть щонайменше 2 символи.",
    any: "Усі",
    anyDept: "Усі",
    searchBtn: "Шукати",
    resetBtn: "Скинути фільтри",
    loading: "Завантаження…",
    loadMoreAssoc: "Показати більше асоціацій",
    count: (n) => `Показано асоціацій: ${n}.`,
    more: "Є ще результати.",
    empty: "Жодна асоціація не відповідає цим критеріям.",
    emptyHint: "Спробуйте розширити пошук або скинути фільтри.",
    back: "Назад до каталогу",
    about: "Про асоціацію",
    noDescription: "Опису ще немає.",
    otherLangs: "Опис іншими мовами",
    details: "Інформація",
    place: "Місто",
    categories: "Категорії",
    languages: "Мови спілкування",
    website: "Вебсайт",
    email: "Електронна пошта",
    social: "Соціальні мережі",
    rna: "Номер RNA",
    verified: "Перевірена асоціація",
    verifiedOn: (d) => `Перевірено ${d}`,
    updated: "Останнє оновлення",
    logoAlt: (n) => `Логотип: ${n}`,
    errTitle: "Сталася помилка",
    errNotFound: "Асоціацію не знайдено",
    errNetwork: "Не вдається з’єднатися із сервером. Перевірте з’єднання та спробуйте ще раз.",
    errHttp: (s) => `Сервер повернув помилку (${s}).`,
    errCode: (c, s) => `Код: ${c} (${s})`,
    fieldLabel: (f) => `${f}: `,
    retry: "Спробувати ще раз",
    pageNotFound: "Сторінку не знайдено",
    pageNotFoundText: "За цією адресою немає сторінки.",
    regionsFailed: "Не вдалося завантажити список регіонів.",
  },
  en: {
    locale: "en-GB",
    skip: "Skip to content",
    tagline: "Associations of Ukrainian culture near you",
    langLabel: "Language",
    navDirectory: "Associations",
    footer: "Hromada — supporting Ukraine, close to home.",
    title: "Directory",
    dirTitle: "Associations",
    dirIntro: "Find an association that keeps Ukrainian culture alive in France.",
    filters: "Filters",
    menu: "Menu",
    region: "Region",
    department: "Department",
    category: "Category",
    language: "Language spoken",
    q: "Search",
    qHint: "Name, city or a word from the description",
    qShort: "Type at least 2 characters.",
    any: "All",
    anyDept: "All",
    searchBtn: "Search",
    resetBtn: "Clear filters",
    loading: "Loading…",
    loadMoreAssoc: "Show more associations",
    count: (n) => `${count(n, "association shown", "associations shown")}.`,
    more: "More results are available.",
    empty: "No association matches these criteria.",
    emptyHint: "Try a broader search or clear the filters.",
    back: "Back to the directory",
    about: "About",
    noDescription: "No description yet.",
    otherLangs: "Description in other languages",
    details: "Details",
    place: "City",
    categories: "Categories",
    languages: "Languages spoken",
    website: "Website",
    email: "E-mail",
    social: "Social media",
    rna: "RNA number",
    verified: "Verified association",
    verifiedOn: (d) => `Verified on ${d}`,
    updated: "Last updated",
    logoAlt: (n) => `Logo of ${n}`,
    errTitle: "Something went wrong",
    errNotFound: "Association not found",
    errNetwork: "The server cannot be reached. Check your connection and try again.",
    errHttp: (s) => `The server answered with an error (${s}).`,
    errCode: (c, s) => `Code: ${c} (${s})`,
    fieldLabel: (f) => `${f}: `,
    retry: "Try again",
    pageNotFound: "Page not found",
    pageNotFoundText: "There is no page at this address.",
    regionsFailed: "The list of regions could not be loaded.",
  },
};

// Strings of the other pages: key -> [fr, uk, en] (a function is called with t()'s other arguments).
const M = {
  navLabel: ["Navigation principale", "Головна навігація", "Main navigation"],
  navHome: ["Accueil", "Головна", "Home"],
  navEvents: ["Événements", "Події", "Events"],
  navVotes: ["Votes", "Голосування", "Votes"],
  navPartnerships: ["Partenariats", "Партнерства", "Partnerships"],
  navDashboard: ["Mon espace", "Мій простір", "My space"],
  navModeration: ["Modération", "Модерація", "Moderation"],
  navPrivacy: ["Confidentialité", "Конфіденційність", "Privacy"],
  navLegal: ["Mentions légales", "Правова інформація", "Legal information"],
  navOpenData: ["Données ouvertes", "Відкриті дані", "Open data"],
  navClaims: ["Affirmations vérifiées", "Перевірені твердження", "Fact-checked claims"],
  campaigns: ["Campagnes", "Кампанії", "Campaigns"],
  // the cards' fact-check mark (the rest of the claims' strings load with their pages)
  verdict_false: ["Faux", "Неправда", "False"],
  verdict_misleading: ["Trompeur", "Маніпуляція", "Misleading"],
  verdict_missing_context: ["Contexte manquant", "Бракує контексту", "Missing context"],
  verdict_true: ["Vrai", "Правда", "True"],
  factCheckedShort: ["Renvoie à une affirmation vérifiée :", "Посилається на перевірене твердження:",
    "Links to a fact-checked claim:"],
  navSubscribe: ["Recevoir les nouvelles", "Отримувати новини", "Get the news"],
  navAccount: ["Mon compte", "Мій обліковий запис", "My account"],
  signIn: ["Se connecter", "Увійти", "Sign in"],
  signUp: ["Créer un compte", "Створити обліковий запис", "Create an account"],
  signOut: ["Se déconnecter", "Вийти", "Sign out"],
  signedInAs: [(n) => `Connecté·e : ${n}`, (n) => `Ви увійшли: ${n}`, (n) => `Signed in: ${n}`],
  backHome: ["Retour à l’accueil", "На головну", "Back to the home page"],
  errNotFoundPage: ["Introuvable", "Не знайдено", "Not found"],
  loadMore: ["Afficher plus", "Показати більше", "Show more"],
  loadMoreEvents: ["Afficher plus d’événements", "Показати більше подій", "Show more events"],
  nothing: ["Rien pour le moment.", "Поки нічого немає.", "Nothing yet."],
  choose: ["Choisir…", "Оберіть…", "Choose…"],
  none: ["Aucun", "Немає", "None"],
  status: ["Statut", "Статус", "Status"],
  actions: ["Actions", "Дії", "Actions"],
  save: ["Enregistrer", "Зберегти", "Save"],
  saved: ["Modifications enregistrées.", "Зміни збережено.", "Changes saved."],
  publish: ["Publier", "Опублікувати", "Publish"],
  delete: ["Supprimer", "Видалити", "Delete"],
  deleteConfirm: ["Supprimer définitivement ?", "Видалити назавжди?", "Delete for good?"],
  reasonRequired: ["Indiquez un motif.", "Вкажіть причину.", "Give a reason."],
  oneLanguageAtLeast: ["Au moins une langue.", "Принаймні однією мовою.", "At least one language."],
  inLang_fr: ["En français", "Французькою", "In French"],
  inLang_uk: ["En ukrainien", "Українською", "In Ukrainian"],
  inLang_en: ["En anglais", "Англійською", "In English"],
  // home
  homeTitle: ["Près de chez vous", "Поруч із вами", "Near you"],
  homeIntro: ["Choisissez votre région : ses événements, les dernières annonces et les votes en cours.",
    "Оберіть свій регіон: його події, останні оголошення та поточні голосування.",
    "Choose your region: its events, the latest announcements and the votes under way."],
  mapTitle: ["Carte des régions", "Мапа регіонів", "Map of the regions"],
  mapHint: ["Le nombre sur chaque région est celui de ses événements à venir. Au clavier : les flèches passent à la région voisine, Entrée la choisit.",
    "Число на кожному регіоні — кількість його найближчих подій. Клавіатура: стрілки переходять до сусіднього регіону, Enter обирає його.",
    "The number on each region is how many events are coming up there. Keyboard: the arrows move to the neighbouring region, Enter chooses it."],
  regionEvents: [(r, n) => `${r}, ${count(n, "événement à venir", "événements à venir")}`,
    (r, n) => `${r}, ${formatNumber(n)} ${plural(n, { one: "запланована подія", few: "заплановані події", many: "запланованих подій", other: "запланованої події" })}`,
    (r, n) => `${r}, ${count(n, "upcoming event", "upcoming events")}`],
  seeAllFrance: ["Voir toute la France", "Показати всю Францію", "See all of France"],
  mapSelect: ["Ou choisissez dans la liste", "Або оберіть зі списку", "Or choose from the list"],
  overseas: ["Outre-mer", "Заморські регіони", "Overseas"],
  allFrance: ["Toute la France", "Уся Франція", "All of France"],
  eventsIn: [(r) => `Prochains événements : ${r}`, (r) => `Найближчі події: ${r}`, (r) => `Upcoming events: ${r}`],
  eventsAll: ["Prochains événements", "Найближчі події", "Upcoming events"],
  noEventsRegion: ["Aucun événement à venir dans cette région.", "У цьому регіоні немає запланованих подій.",
    "No upcoming event in this region."],
  allEvents: ["Tous les événements", "Усі події", "All events"],
  votesNow: ["Votes en cours", "Поточні голосування", "Votes under way"],
  noVotesNow: ["Aucun vote en cours.", "Зараз немає голосувань.", "No vote under way."],
  signInForPolls: ["Connectez-vous pour voir les sondages.", "Увійдіть, щоб побачити опитування.",
    "Sign in to see the polls."],
  allVotes: ["Toutes les élections et tous les sondages", "Усі вибори та опитування", "All elections and polls"],
  latestNews: ["Dernières annonces", "Останні оголошення", "Latest announcements"],
  noNews: ["Aucune annonce.", "Оголошень немає.", "No announcement."],
  closesOn: [(d) => `clôture le ${d}`, (d) => `завершується ${d}`, (d) => `closes on ${d}`],
  pollOpenUntil: [(d) => `ouvert jusqu’au ${d}`, (d) => `відкрито до ${d}`, (d) => `open until ${d}`],
  pinnedBadge: ["Épinglée", "Закріплено", "Pinned"],
  needs: ["Besoins", "Потреби", "Needs"],
  donationTarget: [(m) => `Objectif : ${m}.`, (m) => `Мета: ${m}.`, (m) => `Target: ${m}.`],
  donate: ["Faire un don", "Зробити пожертву", "Donate"],
  sources: ["Sources", "Джерела", "Sources"],
  eventImage: ["Affiche de l’événement", "Афіша події", "Event poster"],
  editors: ["Éditeurs et éditrices", "Редактори", "Editors"],
  editorsIntro: ["Ils peuvent modifier le profil et publier au nom de l’association.",
    "Вони можуть редагувати профіль і публікувати від імені асоціації.",
    "They can edit the profile and publish on the association’s behalf."],
  inviteEditor: ["Ajouter un éditeur", "Додати редактора", "Add an editor"],
  editorAdded: [(e) => `${e} peut maintenant modifier l’association.`, (e) => `${e} тепер може редагувати асоціацію.`,
    (e) => `${e} can now edit the association.`],
  remove: ["Retirer", "Вилучити", "Remove"],
  removeEditor: [(e) => `Retirer ${e}`, (e) => `Вилучити ${e}`, (e) => `Remove ${e}`],
  // events
  eventsTitle: ["Événements", "Події", "Events"],
  eventsIntro: ["Concerts, cours, rencontres et collectes près de chez vous.",
    "Концерти, курси, зустрічі та збори поруч із вами.", "Concerts, classes, meetups and drives near you."],
  fromDate: ["À partir du", "Від", "From"],
  toDate: ["Jusqu’au", "До", "Until"],
  format: ["Format", "Формат", "Format"],
  anyFormat: ["Sur place ou en ligne", "Наживо чи онлайн", "In person or online"],
  onlineOnly: ["En ligne", "Онлайн", "Online"],
  inPerson: ["Sur place", "Наживо", "In person"],
  eventCount: [(n) => `${count(n, "événement affiché", "événements affichés")}.`, (n) => `Показано подій: ${n}.`,
    (n) => `${count(n, "event shown", "events shown")}.`],
  noEvents: ["Aucun événement ne correspond.", "Жодна подія не відповідає.", "No event matches."],
  calendarFeedList: ["Ces événements dans votre agenda (iCal)", "Ці події у вашому календарі (iCal)",
    "These events in your calendar (iCal)"],
  backEvents: ["Retour aux événements", "Назад до подій", "Back to the events"],
  online: ["En ligne", "Онлайн", "Online"],
  cancelled: ["Annulé", "Скасовано", "Cancelled"],
  seatsLeft: [(n) => count(n, "place restante", "places restantes"), (n) => `Вільних місць: ${n}`,
    (n) => count(n, "seat left", "seats left")],
  full: ["Complet (liste d’attente)", "Місць немає (список очікування)", "Full (waiting list)"],
  when: ["Quand", "Коли", "When"],
  where: ["Où", "Де", "Where"],
  onlineLink: ["Lien en ligne", "Посилання онлайн", "Online link"],
  organiser: ["Organisé par", "Організатор", "Organised by"],
  price: ["Tarif", "Ціна", "Price"],
  free: ["Gratuit", "Безкоштовно", "Free"],
  paid: ["Payant", "Платно", "Paid"],
  tickets: ["Billets", "Квитки", "Tickets"],
  seats: ["Places", "Місця", "Seats"],
  registrationUntil: ["Inscriptions jusqu’au", "Реєстрація до", "Registration until"],
  seatsSummary: [(c, cap, w) => `${count(c, "inscrit", "inscrits")} sur ${count(cap, "place", "places")}, ${w} en liste d’attente`,
    (c, cap, w) => `Зареєстровано ${c} з ${cap}, у списку очікування: ${w}`,
    (c, cap, w) => `${c} of ${count(cap, "seat", "seats")} taken, ${w} on the waiting list`],
  eventAbout: ["Présentation", "Про подію", "About the event"],
  rsvpTitle: ["Participer", "Участь", "Attend"],
  rsvpSignIn: ["Connectez-vous pour vous inscrire.", "Увійдіть, щоб зареєструватися.", "Sign in to register."],
  rsvpJoin: ["Je participe", "Я буду", "I’m going"],
  rsvpLeave: ["Annuler ma participation", "Скасувати участь", "Cancel my place"],
  rsvpConfirmed: ["Vous êtes inscrit·e à cet événement.", "Ви зареєстровані на цю подію.",
    "You are registered for this event."],
  rsvpWaiting: [(p) => `Vous êtes sur la liste d’attente, en position ${p}.`, (p) => `Ви в списку очікування, позиція ${p}.`,
    (p) => `You are on the waiting list, position ${p}.`],
  rsvpLeft: ["Votre participation est annulée.", "Вашу участь скасовано.", "Your place is cancelled."],
  rsvpCancelledEvent: ["Cet événement est annulé.", "Цю подію скасовано.", "This event is cancelled."],
  fullWaitlist: ["C’est complet : vous rejoindrez la liste d’attente.", "Місць немає: ви потрапите до списку очікування.",
    "It is full: you will join the waiting list."],
  shareTitle: ["Agenda et partage", "Календар і поширення", "Calendar and sharing"],
  addToCalendar: ["Ajouter à mon agenda (.ics)", "Додати до календаря (.ics)", "Add to my calendar (.ics)"],
  share: ["Partager", "Поширити", "Share"],
  linkCopied: ["Lien copié.", "Посилання скопійовано.", "Link copied."],
  copied: ["Copié.", "Скопійовано.", "Copied."],
  copyFailed: ["La copie n’est pas autorisée : sélectionnez le texte pour le copier.",
    "Копіювання не дозволено: виділіть текст, щоб скопіювати його.", "Copying is not allowed: select the text to copy it."],
  copyByHand: ["Copiez le lien ci-dessous.", "Скопіюйте посилання нижче.", "Copy the link below."],
  eventLink: ["Lien de l’événement", "Посилання на подію", "Link to the event"],
  // associations
  upcomingEvents: ["Prochains événements", "Найближчі події", "Upcoming events"],
  noEventsAssoc: ["Aucun événement à venir.", "Запланованих подій немає.", "No upcoming event."],
  calendarFeed: ["S’abonner à ses événements (iCal)", "Підписатися на її події (iCal)", "Subscribe to its events (iCal)"],
  announcements: ["Annonces", "Оголошення", "Announcements"],
  allAnnouncements: ["Toutes les annonces", "Усі оголошення", "All announcements"],
  events: ["Événements", "Події", "Events"],
  // votes
  votesTitle: ["Élections et sondages", "Вибори та опитування", "Elections and polls"],
  votesIntro: ["Les associations présentent des candidats, les membres votent ; chaque résultat est publié avec son calcul.",
    "Асоціації висувають кандидатів, члени голосують; кожен результат публікується з розрахунком.",
    "Associations nominate candidates, members vote; every result is published with its working."],
  elections: ["Élections", "Вибори", "Elections"],
  polls: ["Sondages", "Опитування", "Polls"],
  noElections: ["Aucune élection.", "Виборів немає.", "No election."],
  noPolls: ["Aucun sondage.", "Опитувань немає.", "No poll."],
  backVotes: ["Retour aux votes", "Назад до голосувань", "Back to the votes"],
  nominationsUntil: [(d) => `Candidatures jusqu’au ${d}`, (d) => `Висування до ${d}`, (d) => `Nominations until ${d}`],
  nominationsFrom: [(d) => `Candidatures à partir du ${d}`, (d) => `Висування з ${d}`, (d) => `Nominations from ${d}`],
  votingUntil: [(d) => `Vote ouvert jusqu’au ${d}`, (d) => `Голосування триває до ${d}`, (d) => `Voting open until ${d}`],
  closedOn: [(d) => `Clos le ${d}`, (d) => `Завершено ${d}`, (d) => `Closed on ${d}`],
  method: ["Mode de scrutin", "Метод голосування", "Voting method"],
  electorate: ["Qui vote", "Хто голосує", "Who votes"],
  nominationsOpen: ["Ouverture des candidatures", "Початок висування", "Nominations open"],
  votingOpens: ["Ouverture du vote", "Початок голосування", "Voting opens"],
  votingCloses: ["Clôture du vote", "Кінець голосування", "Voting closes"],
  turnout: ["Bulletins déposés", "Подано бюлетенів", "Ballots cast"],
  closeReason: ["Motif de la clôture", "Причина закриття", "Reason for closing"],
  candidates: ["Candidats", "Кандидати", "Candidates"],
  noCandidates: ["Aucun candidat retenu pour l’instant.", "Поки що немає затверджених кандидатів.",
    "No approved candidate yet."],
  results: ["Résultats", "Результати", "Results"],
  yourBallot: ["Votre bulletin", "Ваш бюлетень", "Your ballot"],
  takePart: ["Participer", "Участь", "Take part"],
  closedCounting: ["Le vote est clos ; le dépouillement est en cours.", "Голосування закрито; триває підрахунок.",
    "Voting is closed; the count is under way."],
  nominations: ["Candidatures", "Кандидатури", "Nominations"],
  noNominations: ["Aucune candidature vous concernant.", "Кандидатур, що стосуються вас, немає.",
    "No nomination concerning you."],
  nominationUpdated: ["Candidature mise à jour.", "Кандидатуру оновлено.", "Nomination updated."],
  nominateSignIn: ["Les responsables d’associations vérifiées peuvent présenter des candidats : connectez-vous.",
    "Відповідальні особи перевірених асоціацій можуть висувати кандидатів: увійдіть.",
    "Officers of verified associations may nominate candidates: sign in."],
  nominateOwnersOnly: ["Seuls les responsables d’associations vérifiées peuvent présenter des candidats.",
    "Висувати кандидатів можуть лише відповідальні особи перевірених асоціацій.",
    "Only officers of verified associations may nominate candidates."],
  nominateTitle: ["Présenter un candidat", "Висунути кандидата", "Nominate a candidate"],
  nominate: ["Présenter", "Висунути", "Nominate"],
  nominated: ["Candidature enregistrée : la personne doit maintenant l’accepter.",
    "Кандидатуру зареєстровано: тепер людина має її підтвердити.",
    "Nomination recorded: the person must now accept it."],
  association: ["Association", "Асоціація", "Association"],
  candidateName: ["Nom du candidat", "Ім’я кандидата", "Candidate’s name"],
  candidateEmail: ["E-mail du candidat", "E-mail кандидата", "Candidate’s e-mail"],
  candidateEmailHint: ["La personne accepte sa candidature en se connectant avec cette adresse.",
    "Людина підтверджує кандидатуру, увійшовши з цією адресою.", "The person accepts by signing in with this address."],
  statement: ["Profession de foi", "Програмна заява", "Statement"],
  consent: ["J’accepte d’être candidat·e", "Погоджуюся балотуватися", "I accept to stand"],
  approve: ["Approuver", "Затвердити", "Approve"],
  reject: ["Refuser", "Відхилити", "Reject"],
  withdraw: ["Retirer", "Відкликати", "Withdraw"],
  rejectReasonPrompt: ["Motif du refus :", "Причина відхилення:", "Reason for rejecting:"],
  voteSignIn: ["Connectez-vous pour voter.", "Увійдіть, щоб проголосувати.", "Sign in to vote."],
  notEligible: ["Vous ne faites pas partie du corps électoral de cette élection.",
    "Ви не входите до складу виборців цих виборів.", "You are not in this election’s electorate."],
  alreadyVoted: ["Vous avez déjà voté. Merci !", "Ви вже проголосували. Дякуємо!", "You have already voted. Thank you!"],
  voteFor: ["Voter au nom de", "Голосувати від імені", "Vote on behalf of"],
  castVote: ["Déposer mon bulletin", "Подати бюлетень", "Cast my ballot"],
  ballotIncomplete: ["Le bulletin est incomplet.", "Бюлетень заповнено не повністю.", "The ballot is incomplete."],
  howTo_plurality: ["Choisissez un candidat.", "Оберіть одного кандидата.", "Choose one candidate."],
  howTo_approval: ["Cochez tous les candidats que vous approuvez.", "Позначте всіх кандидатів, яких схвалюєте.",
    "Tick every candidate you approve of."],
  howTo_schulze: ["Classez les candidats, du préféré au moins apprécié.",
    "Розташуйте кандидатів за вподобанням: від найбажанішого до найменш бажаного.",
    "Rank the candidates, from the one you prefer most to the one you prefer least."],
  howTo_irv: ["Classez les candidats, du préféré au moins apprécié.",
    "Розташуйте кандидатів за вподобанням: від найбажанішого до найменш бажаного.",
    "Rank the candidates, from the one you prefer most to the one you prefer least."],
  howTo_majority_judgment: ["Donnez une mention à chaque candidat.", "Дайте оцінку кожному кандидату.",
    "Give every candidate a grade."],
  pickOne: ["Votre choix", "Ваш вибір", "Your choice"],
  pickAny: ["Candidats approuvés", "Схвалені кандидати", "Candidates you approve"],
  rankHelp: ["Faites glisser les noms, ou utilisez les boutons ↑ et ↓ : la position 1 est votre préféré·e.",
    "Перетягуйте імена або користуйтеся кнопками ↑ і ↓: позиція 1 — ваш фаворит.",
    "Drag the names, or use the ↑ and ↓ buttons: position 1 is your favourite."],
  moveUp: [(n) => `Monter ${n}`, (n) => `Підняти: ${n}`, (n) => `Move ${n} up`],
  moveDown: [(n) => `Descendre ${n}`, (n) => `Опустити: ${n}`, (n) => `Move ${n} down`],
  movedTo: [(n, p, of) => `${n} : position ${p} sur ${of}`, (n, p, of) => `${n}: позиція ${p} з ${of}`,
    (n, p, of) => `${n}: position ${p} of ${of}`],
  receiptTitle: ["Votre bulletin est enregistré", "Ваш бюлетень прийнято", "Your ballot is recorded"],
  receiptText: ["Notez ce numéro de suivi : après la publication des résultats, il vous permet de retrouver votre bulletin dans l’urne publiée. Il ne révèle pas votre identité.",
    "Збережіть цей номер відстеження: після оприлюднення результатів за ним можна знайти свій бюлетень в опублікованій урні. Він не розкриває вашої особи.",
    "Keep this tracking number: once the results are published it finds your ballot in the published ballot box. It does not reveal who you are."],
  winnerIs: [(n) => `Élu·e : ${n}`, (n) => `Обрано: ${n}`, (n) => `Elected: ${n}`],
  noWinner: ["Aucun élu.", "Нікого не обрано.", "Nobody elected."],
  ballotsCounted: [(n) => `${count(n, "bulletin dépouillé", "bulletins dépouillés")}.`, (n) => `Підраховано бюлетенів: ${formatNumber(n)}.`,
    (n) => `${count(n, "ballot counted", "ballots counted")}.`],
  blankBallots: [(n) => `Dont ${count(n, "blanc", "blancs")}.`, (n) => `З них порожніх: ${formatNumber(n)}.`,
    (n) => `Of which ${formatNumber(n)} blank.`],
  finalRanking: ["Classement", "Підсумковий рейтинг", "Ranking"],
  votesPerCandidate: ["Voix par candidat", "Голоси за кандидатами", "Votes per candidate"],
  candidate: ["Candidat", "Кандидат", "Candidate"],
  votes: ["Voix", "Голоси", "Votes"],
  chart: ["Graphique", "Діаграма", "Chart"],
  pairwise: ["Duels (nombre d’électeurs préférant la ligne à la colonne)",
    "Попарні порівняння (скільки виборців віддали перевагу рядку над стовпцем)",
    "Pairwise contests (voters preferring the row to the column)"],
  pairwiseHelp: ["En gras : le duel est gagné.", "Жирним: перемога в парі.", "In bold: the contest is won."],
  strongestPaths: ["Chemins les plus forts (méthode Schulze)", "Найсильніші шляхи (метод Шульце)",
    "Strongest paths (Schulze method)"],
  irvRounds: ["Tours de dépouillement", "Тури підрахунку", "Counting rounds"],
  roundN: [(n) => `Tour ${n}`, (n) => `Тур ${n}`, (n) => `Round ${n}`],
  roundElected: [(n) => `Élu·e : ${n}.`, (n) => `Обрано: ${n}.`, (n) => `Elected: ${n}.`],
  roundEliminated: [(n) => `Éliminé·e : ${n}.`, (n) => `Вибуває: ${n}.`, (n) => `Eliminated: ${n}.`],
  roundExhausted: [(n) => `Bulletins épuisés : ${n}.`, (n) => `Вичерпані бюлетені: ${n}.`, (n) => `Exhausted ballots: ${n}.`],
  gradesTitle: ["Mentions reçues", "Отримані оцінки", "Grades received"],
  median: ["Mention majoritaire", "Медіанна оцінка", "Majority grade"],
  tiesTitle: ["Égalités et leur règle", "Нічиї та правило їх розв’язання", "Ties and how they were broken"],
  tieLine: [(b, c, r) => `Entre ${b} : ${c} retenu·e (règle : ${r})`, (b, c, r) => `Між ${b}: обрано ${c} (правило: ${r})`,
    (b, c, r) => `Between ${b}: ${c} chosen (rule: ${r})`],
  verifyTitle: ["Vérifier", "Перевірити", "Verify"],
  digest: ["Empreinte SHA-256 de l’urne :", "Відбиток SHA-256 урни:", "SHA-256 digest of the ballot box:"],
  trackerLabel: ["Numéro de suivi", "Номер відстеження", "Tracking number"],
  checkBallot: ["Retrouver mon bulletin", "Знайти мій бюлетень", "Find my ballot"],
  ballotFound: ["Bulletin trouvé dans l’urne publiée :", "Бюлетень знайдено в опублікованій урні:",
    "Ballot found in the published box:"],
  adminTools: ["Administration", "Адміністрування", "Administration"],
  openNominations: ["Ouvrir les candidatures maintenant", "Відкрити висування зараз", "Open nominations now"],
  openVoting: ["Ouvrir le vote maintenant", "Відкрити голосування зараз", "Open voting now"],
  closeVoting: ["Clore le vote maintenant", "Закрити голосування зараз", "Close voting now"],
  uploadRoll: ["Ajouter à la liste électorale", "Додати до списку виборців", "Add to the voter roll"],
  rollEmails: ["Adresses e-mail des électeurs", "Адреси e-mail виборців", "Voters’ e-mail addresses"],
  rollHint: ["Une par ligne (1 000 au plus par envoi).", "Одна на рядок (до 1000 за раз).",
    "One per line (up to 1,000 at a time)."],
  rollUploaded: [(n) => `${count(n, "adresse reçue", "adresses reçues")}.`, (n) => `Отримано адрес: ${n}.`,
    (n) => `${count(n, "address received", "addresses received")}.`],
  auditLog: ["Journal des actes d’administration", "Журнал адміністративних дій", "Log of administrative acts"],
  noAdminAction: ["Aucune action possible à cette étape.", "На цьому етапі дій немає.", "Nothing to do at this stage."],
  pickOneOption: ["Votre réponse", "Ваша відповідь", "Your answer"],
  pickUpTo: [(n) => `Jusqu’à ${n} réponses`, (n) => `До ${n} відповідей`, (n) => `Up to ${n} answers`],
  askPoll: ["Poser une question (sondage)", "Створити опитування", "Ask a question (poll)"],
  question: ["Question", "Питання", "Question"],
  publishPoll: ["Publier le sondage", "Опублікувати опитування", "Publish the poll"],
  pollOptions: ["Réponses possibles", "Варіанти відповіді", "Possible answers"],
  pollOptionsHint: ["Une par ligne ; « Broderie | Вишивка | Embroidery » pour le français, l’ukrainien et l’anglais.",
    "По одній на рядок; «Broderie | Вишивка | Embroidery» — французькою, українською та англійською.",
    "One per line; “Broderie | Вишивка | Embroidery” gives French, Ukrainian and English."],
  maxChoices: ["Réponses par personne", "Відповідей на особу", "Answers per person"],
  resultsShown: ["Résultats visibles", "Результати видно", "Results shown"],
  resultsLiveOption: ["Pendant le vote", "Під час голосування", "While voting"],
  resultsAfterCloseOption: ["Après la clôture", "Після закриття", "After the close"],
  closesAt: ["Clôture", "Закриття", "Closes"],
  pollsToAll: ["Un sondage pour tous les membres.", "Опитування для всіх членів.", "A poll for every member."],
  pollsToMembers: ["Un sondage pour les membres de l’association.", "Опитування для членів асоціації.",
    "A poll for the association’s members."],
  closePoll: ["Clore le sondage", "Закрити опитування", "Close the poll"],
  pollClosed: ["Sondage clos.", "Опитування закрито.", "Poll closed."],
  pollVoted: ["Votre réponse est enregistrée.", "Вашу відповідь прийнято.", "Your answer is recorded."],
  votersCount: [(n) => count(n, "participant·e", "participant·e·s"), (n) => `Учасників: ${formatNumber(n)}`,
    (n) => count(n, "voter", "voters")],
  resultsAfterClose: ["Les résultats seront visibles après la clôture.", "Результати буде видно після закриття.",
    "Results will be shown after the close."],
  // account
  signInTitle: ["Connexion", "Вхід", "Sign in"],
  signUpTitle: ["Créer un compte", "Створення облікового запису", "Create an account"],
  signUpIntro: ["Un compte permet de s’inscrire aux événements, de voter et de gérer une association.",
    "Обліковий запис дає змогу реєструватися на події, голосувати та керувати асоціацією.",
    "An account lets you register for events, vote and manage an association."],
  emailLabel: ["Adresse e-mail", "Електронна пошта", "E-mail address"],
  passwordLabel: ["Mot de passe", "Пароль", "Password"],
  nameLabel: ["Nom", "Ім’я", "Name"],
  passwordRules: ["Au moins 10 caractères, avec une majuscule, une minuscule et un chiffre.",
    "Щонайменше 10 символів, з великою й малою літерою та цифрою.",
    "At least 10 characters, with an upper-case letter, a lower-case letter and a digit."],
  fillBoth: ["Saisissez l’adresse e-mail et le mot de passe.", "Введіть e-mail і пароль.", "Enter the e-mail and the password."],
  noAccount: ["Pas encore de compte ?", "Ще немає облікового запису?", "No account yet?"],
  alreadySignedIn: [(e) => `Vous êtes déjà connecté·e (${e}).`, (e) => `Ви вже увійшли (${e}).`, (e) => `You are already signed in (${e}).`],
  sessionExpired: ["Votre session a expiré : reconnectez-vous.", "Ваш сеанс завершився: увійдіть знову.",
    "Your session has expired: please sign in again."],
  privacyShort: ["Ce que nous conservons et vos droits :", "Що ми зберігаємо і ваші права:", "What we keep and your rights:"],
  confirmTitle: ["Confirmer votre adresse", "Підтвердження адреси", "Confirm your address"],
  accountCreated: ["Compte créé. Saisissez le code reçu par e-mail.", "Обліковий запис створено. Введіть код з листа.",
    "Account created. Enter the code you received by e-mail."],
  codeLabel: ["Code de confirmation", "Код підтвердження", "Confirmation code"],
  codeHint: [(e) => `Envoyé à ${e}.`, (e) => `Надіслано на ${e}.`, (e) => `Sent to ${e}.`],
  confirm: ["Confirmer", "Підтвердити", "Confirm"],
  resendCode: ["Renvoyer le code", "Надіслати код ще раз", "Send the code again"],
  codeSent: ["Un nouveau code a été envoyé.", "Новий код надіслано.", "A new code has been sent."],
  authBadPassword: ["Adresse e-mail ou mot de passe incorrect.", "Неправильна адреса або пароль.",
    "Incorrect e-mail address or password."],
  authExists: ["Un compte existe déjà avec cette adresse.", "Обліковий запис із цією адресою вже існує.",
    "An account already exists with this address."],
  authWeakPassword: ["Ce mot de passe ne respecte pas les règles.", "Пароль не відповідає вимогам.",
    "This password does not meet the rules."],
  authInvalid: ["Vérifiez les informations saisies.", "Перевірте введені дані.", "Check what you entered."],
  authBadCode: ["Code incorrect ou expiré.", "Неправильний або прострочений код.", "Wrong or expired code."],
  totpTitle: ["Validation en deux étapes", "Двоетапна перевірка", "Two-step verification"],
  totpLabel: ["Code de l’application d’authentification", "Код із застосунку автентифікації", "Code from the authenticator app"],
  totpHint: ["Les six chiffres affichés en ce moment par votre application.", "Шість цифр, які зараз показує ваш застосунок.",
    "The six digits your app shows right now."],
  totpSignInAgain: ["La validation en deux étapes est activée et vos sessions ont été fermées : reconnectez-vous, avec le code de l’application.",
    "Двоетапну перевірку ввімкнено, а ваші сеанси завершено: увійдіть знову з кодом із застосунку.",
    "Two-step verification is on and your sessions were ended: sign in again, with the app’s code."],
  totpSixDigits: ["Saisissez les six chiffres du code.", "Введіть шість цифр коду.", "Enter the code’s six digits."],
  authNotConfirmed: ["Compte non confirmé : saisissez le code reçu par e-mail.",
    "Обліковий запис не підтверджено: введіть код з листа.", "Account not confirmed: enter the code sent by e-mail."],
  authTooMany: ["Trop de tentatives : réessayez dans quelques minutes.", "Забагато спроб: спробуйте за кілька хвилин.",
    "Too many attempts: try again in a few minutes."],
  authFailed: ["La connexion a échoué.", "Не вдалося увійти.", "Signing in failed."],
  // dashboard
  dashTitle: ["Mon espace", "Мій простір", "My space"],
  dashIntro: [(n) => `Bonjour ${n}.`, (n) => `Вітаємо, ${n}.`, (n) => `Hello ${n}.`],
  emailNotVerified: ["Votre adresse e-mail n’est pas vérifiée : certaines actions sont indisponibles.",
    "Ваша адреса не підтверджена: деякі дії недоступні.", "Your e-mail address is not verified: some actions are unavailable."],
  myAssociations: ["Mes associations", "Мої асоціації", "My associations"],
  noAssociations: ["Vous ne gérez aucune association.", "Ви не керуєте жодною асоціацією.", "You manage no association."],
  registerAssoc: ["Inscrire une association", "Зареєструвати асоціацію", "Register an association"],
  registerIntro: ["Elle sera publiée après vérification par l’équipe de modération.",
    "Її буде опубліковано після перевірки модераторами.", "It is published once the moderators have verified it."],
  role_owner: ["Responsable", "Власник", "Owner"],
  role_editor: ["Éditeur·rice", "Редактор", "Editor"],
  backDashboard: ["Retour à mon espace", "Назад до мого простору", "Back to my space"],
  backAssociation: ["Retour à l’association", "Назад до асоціації", "Back to the association"],
  notEditor: ["Vous ne gérez pas cette association.", "Ви не керуєте цією асоціацією.", "You do not manage this association."],
  assocName: ["Nom de l’association", "Назва асоціації", "Name of the association"],
  descriptionLabel: ["Présentation", "Опис", "Description"],
  city: ["Ville", "Місто", "City"],
  postalCode: ["Code postal", "Поштовий індекс", "Postal code"],
  urlHint: ["Adresse complète, commençant par https://", "Повна адреса, що починається з https://",
    "Full address, starting with https://"],
  rnaHint: ["W suivi de 9 chiffres (facultatif)", "W і 9 цифр (необов’язково)", "W followed by 9 digits (optional)"],
  showEmail: ["Afficher l’e-mail de contact sur la page publique", "Показувати контактний e-mail на публічній сторінці",
    "Show the contact e-mail on the public page"],
  assocCreated: ["Association inscrite : elle attend la vérification.", "Асоціацію зареєстровано: вона очікує перевірки.",
    "Association registered: it is waiting for verification."],
  publicPage: ["Page publique", "Публічна сторінка", "Public page"],
  pendingHint: ["Publiée après vérification.", "Буде опублікована після перевірки.", "Published once verified."],
  verifyFirst: ["Disponible une fois l’association vérifiée.", "Доступно після перевірки асоціації.",
    "Available once the association is verified."],
  editProfile: ["Modifier le profil", "Редагувати профіль", "Edit the profile"],
  newEvent: ["Nouvel événement", "Нова подія", "New event"],
  editEvent: ["Modifier l’événement", "Редагувати подію", "Edit the event"],
  publishEvent: ["Publier l’événement", "Опублікувати подію", "Publish the event"],
  titleLabel: ["Titre", "Назва", "Title"],
  bodyLabel: ["Texte", "Текст", "Text"],
  startLabel: ["Début (heure de Paris)", "Початок (час Парижа)", "Start (Paris time)"],
  endLabel: ["Fin (heure de Paris)", "Кінець (час Парижа)", "End (Paris time)"],
  capacity: ["Nombre de places", "Кількість місць", "Number of seats"],
  capacityHint: ["Vide : sans limite.", "Порожньо — без обмежень.", "Empty: no limit."],
  venue: ["Lieu", "Місце", "Venue"],
  venueHint: ["Laissez vide pour un événement seulement en ligne.", "Залиште порожнім для онлайн-події.",
    "Leave empty for an online-only event."],
  venueName: ["Nom du lieu", "Назва місця", "Name of the venue"],
  address: ["Adresse", "Адреса", "Address"],
  registrationRequired: ["Inscription obligatoire", "Обов’язкова реєстрація", "Registration required"],
  priceEuros: ["Prix (euros)", "Ціна (євро)", "Price (euros)"],
  cancelEvent: ["Annuler l’événement", "Скасувати подію", "Cancel the event"],
  cancelReason: ["Motif (communiqué aux inscrits)", "Причина (повідомляється учасникам)", "Reason (told to attendees)"],
  eventCancelled: ["Événement annulé.", "Подію скасовано.", "Event cancelled."],
  deleteEvent: ["Supprimer l’événement", "Видалити подію", "Delete the event"],
  attendees: ["Inscrits", "Учасники", "Attendees"],
  attendeesOf: [(n) => `Inscrits : ${n}`, (n) => `Учасники: ${n}`, (n) => `Attendees: ${n}`],
  attendeesSummary: [(c, cap, w) => `${count(c, "inscrit", "inscrits")} / ${count(cap, "place", "places")}, ${w} en attente.`,
    (c, cap, w) => `${c} зареєстровано / ${cap} місць, ${w} в очікуванні.`,
    (c, cap, w) => `${c} registered / ${cap} seats, ${w} waiting.`],
  exportCsv: ["Exporter en CSV", "Експорт у CSV", "Export as CSV"],
  noAttendees: ["Personne n’est encore inscrit.", "Поки ніхто не зареєструвався.", "Nobody has registered yet."],
  position: ["Position", "Позиція", "Position"],
  joinedAt: ["Inscrit·e le", "Дата реєстрації", "Registered on"],
  rsvp_confirmed: ["Inscrit·e", "Зареєстровано", "Registered"],
  rsvp_waitlisted: ["En attente", "В очікуванні", "Waiting"],
  newAnnouncement: ["Nouvelle annonce", "Нове оголошення", "New announcement"],
  editAnnouncement: ["Modifier l’annonce", "Редагувати оголошення", "Edit the announcement"],
  announcementType: ["Type d’annonce", "Тип оголошення", "Kind of announcement"],
  expiresOn: ["Visible jusqu’au", "Показувати до", "Shown until"],
  projectFields: ["Projet", "Проєкт", "Project"],
  projectHint: ["Ce que le projet cherche ; pour des dons, l’objectif et la page où donner.",
    "Чого потребує проєкт; для пожертв — мета збору і сторінка для внесків.",
    "What the project needs; for donations, the target and the page to give on."],
  donationTargetLabel: ["Objectif de collecte (euros)", "Мета збору (євро)", "Donation target (euros)"],
  donationUrl: ["Page pour donner", "Сторінка для пожертв", "Page to give on"],
  sourcesHint: ["Une source par ligne : l’adresse, puis le titre.",
    "Одне джерело на рядок: адреса, потім назва.", "One source per line: the address, then the title."],
  pinned: ["Épingler en tête", "Закріпити вгорі", "Pin to the top"],
  // moderation
  moderationTitle: ["Modération", "Модерація", "Moderation"],
  moderatorsOnly: ["Cette page est réservée à l’équipe de modération.", "Ця сторінка лише для модераторів.",
    "This page is for moderators."],
  pendingAssociations: ["Associations à vérifier", "Асоціації на перевірку", "Associations to verify"],
  queueEmpty: ["Aucune association en attente.", "Немає асоціацій в очікуванні.", "No association waiting."],
  verify: ["Vérifier et publier", "Перевірити й опублікувати", "Verify and publish"],
  verifiedDone: [(n) => `${n} est vérifiée et publiée.`, (n) => `${n} перевірено й опубліковано.`, (n) => `${n} is verified and published.`],
  rejectedDone: [(n) => `${n} est refusée.`, (n) => `${n} відхилено.`, (n) => `${n} is rejected.`],
  decisionNote: ["Note ou motif", "Примітка або причина", "Note or reason"],
  decisionNoteHint: ["Obligatoire pour refuser.", "Обов’язково для відхилення.", "Required to reject."],
  registeredOn: [(d) => `Inscrite le ${d}`, (d) => `Зареєстровано ${d}`, (d) => `Registered on ${d}`],
  electionsAdmin: ["Élections (administration)", "Вибори (адміністрування)", "Elections (administration)"],
  createElection: ["Créer une élection", "Створити вибори", "Create an election"],
  createDraft: ["Créer le brouillon", "Створити чернетку", "Create the draft"],
  draftCreated: ["Brouillon créé.", "Чернетку створено.", "Draft created."],
  perAssociation: ["Candidats par association", "Кандидатів від асоціації", "Candidates per association"],
  // the folded menu and filters on phones
  activeFilters: [(n) => plural(n, { one: `${n} actif`, other: `${n} actifs` }),
    (n) => plural(n, { one: `${n} активний`, few: `${n} активні`, other: `${n} активних` }),
    (n) => plural(n, { one: `${n} active`, other: `${n} active` })],
};

// Values of the API's enums, in the order shown to people.
export const CATEGORIES = {
  culture: ["Culture", "Культура", "Culture"],
  language_school: ["École de langue", "Мовна школа", "Language school"],
  humanitarian_aid: ["Aide humanitaire", "Гуманітарна допомога", "Humanitarian aid"],
  youth: ["Jeunesse", "Молодь", "Youth"],
  business: ["Entrepreneuriat", "Підприємництво", "Business"],
  media_fact_checking: ["Médias et vérification des faits", "Медіа та фактчекінг", "Media and fact-checking"],
  sport: ["Sport", "Спорт", "Sport"],
  arts: ["Arts", "Мистецтво", "Arts"],
  other: ["Autre", "Інше", "Other"],
};

export const SPOKEN = {
  fr: ["Français", "Французька", "French"],
  uk: ["Ukrainien", "Українська", "Ukrainian"],
  en: ["Anglais", "Англійська", "English"],
  crh: ["Tatar de Crimée", "Кримськотатарська", "Crimean Tatar"],
};

export const LANG_NAMES = { fr: "Français", uk: "Українська", en: "English" };


export const EVENT_CATEGORIES = {
  concert: ["Concert", "Концерт", "Concert"], language_class: ["Cours de langue", "Мовний курс", "Language class"],
  fundraiser: ["Collecte", "Збір коштів", "Fundraiser"], rally: ["Rassemblement", "Мітинг", "Rally"],
  talk: ["Conférence", "Лекція", "Talk"], exhibition: ["Exposition", "Виставка", "Exhibition"],
  workshop: ["Atelier", "Майстер-клас", "Workshop"], film: ["Film", "Фільм", "Film"],
  festival: ["Fête", "Свято", "Festival"], commemoration: ["Commémoration", "Вшанування", "Commemoration"],
  sport: ["Sport", "Спорт", "Sport"], meetup: ["Rencontre", "Зустріч", "Meetup"], other: ["Autre", "Інше", "Other"],
};

export const NEEDS = {
  volunteers: ["Bénévoles", "Волонтери", "Volunteers"], donations: ["Dons", "Пожертви", "Donations"],
  goods: ["Matériel", "Речі", "Goods"],
};

export const ANNOUNCEMENT_TYPES = {
  news: ["Actualité", "Новина", "News"], project: ["Projet", "Проєкт", "Project"],
  call_for_partners: ["Appel à partenaires", "Пошук партнерів", "Call for partners"],
  fact_check: ["Vérification des faits", "Фактчек", "Fact-check"],
};

export const ASSOCIATION_STATUS = {
  pending: ["En attente de vérification", "Очікує перевірки", "Waiting for verification"],
  verified: ["Vérifiée", "Перевірена", "Verified"], rejected: ["Refusée", "Відхилена", "Rejected"],
};

export const ELECTION_STATUS = {
  draft: ["Brouillon", "Чернетка", "Draft"], nominations: ["Candidatures ouvertes", "Висування кандидатів", "Nominations open"],
  voting: ["Vote ouvert", "Голосування триває", "Voting open"], closed: ["Vote clos", "Голосування закрито", "Voting closed"],
  published: ["Résultats publiés", "Результати оприлюднено", "Results published"],
};

export const METHODS = {
  plurality: ["Scrutin uninominal", "Відносна більшість", "Plurality"],
  approval: ["Vote par approbation", "Схвальне голосування", "Approval voting"],
  schulze: ["Classement (méthode Schulze)", "Ранжування (метод Шульце)", "Ranking (Schulze method)"],
  irv: ["Vote alternatif (éliminations successives)", "Миттєвий другий тур", "Instant-runoff"],
  majority_judgment: ["Jugement majoritaire", "Мажоритарне судження", "Majority judgment"],
};

export const ELECTORATES = {
  members: ["Les membres", "Члени", "Members"], associations: ["Les associations vérifiées", "Перевірені асоціації", "Verified associations"],
  roll: ["Une liste électorale", "Список виборців", "A voter roll"],
};

export const NOMINATION_STATUS = {
  nominated: ["Présenté·e", "Висунуто", "Nominated"], consented: ["Accepté par la personne", "Погодився(-лася)", "Accepted by the person"],
  approved: ["Retenu·e", "Затверджено", "Approved"], rejected: ["Refusé·e", "Відхилено", "Rejected"],
  withdrawn: ["Retiré·e", "Відкликано", "Withdrawn"],
};

export const GRADES = {
  excellent: ["Excellent", "Відмінно", "Excellent"], very_good: ["Très bien", "Дуже добре", "Very good"],
  good: ["Bien", "Добре", "Good"], fair: ["Assez bien", "Задовільно", "Fair"], poor: ["Passable", "Слабко", "Poor"],
  to_reject: ["À rejeter", "Відкинути", "To reject"],
};

let current = initial();

function initial() {
  let saved = null;
  try {
    saved = localStorage.getItem(KEY);
  } catch {
    // storage disabled: the browser's languages, then French
  }
  if (LANGS.includes(saved)) return saved;
  // A first visit: the first of the browser's languages the site speaks (uk-UA -> uk), else French.
  const spoken = (navigator.languages?.length ? navigator.languages : [navigator.language || ""])
    .map((tag) => String(tag).toLowerCase().split("-")[0]).find((code) => LANGS.includes(code));
  return spoken || "fr";
}

export const lang = () => current;

export function setLang(value) {
  if (!LANGS.includes(value)) return;
  current = value;
  try {
    localStorage.setItem(KEY, value);
  } catch {
    // not remembered, still applied
  }
  document.documentElement.lang = value;
}

/** More strings, brought by the modules of the pages that use them: key -> [fr, uk, en]. */
export function addStrings(table) {
  Object.assign(M, table);
}

/** A UI string; functions are called with the remaining arguments. */
export function t(key, ...args) {
  const value = S[current][key] ?? M[key]?.[LANGS.indexOf(current)] ?? S.fr[key] ?? key;
  return typeof value === "function" ? value(...args) : value;
}

/** The label of an enum value (category or spoken language) in the current language. */
export function label(table, value) {
  const names = table[value];
  return names ? names[LANGS.indexOf(current)] : value;
}

/** The best text of a {fr, uk, en} map for the current language, and the language it is in. */
export function pick(texts) {
  if (!texts || typeof texts !== "object") return null;
  for (const code of [current, "fr", "uk", "en", ...Object.keys(texts)]) {
    const text = texts[code];
    if (typeof text === "string" && text.trim()) return { lang: code, text };
  }
  return null;
}

export function formatDate(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(t("locale"), { dateStyle: "long", timeZone: "Europe/Paris" }).format(date);
}

const PARIS = "Europe/Paris";

/** A date and time in the event's (or Paris's) time zone, e.g. "sam. 5 déc. 2026, 19:00". */
export function formatDateTime(iso, timeZone = PARIS) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(t("locale"), {
    weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit",
    timeZone: timeZone || PARIS,
  }).format(date);
}

/** From start to end, the shared day written once when it is the same day. */
export function formatRange(start, end, timeZone = PARIS) {
  const a = new Date(start);
  const b = new Date(end);
  if (Number.isNaN(a.getTime())) return "";
  if (Number.isNaN(b.getTime())) return formatDateTime(start, timeZone);
  const format = new Intl.DateTimeFormat(t("locale"), {
    weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit",
    timeZone: timeZone || PARIS,
  });
  return format.formatRange ? format.formatRange(a, b) : `${format.format(a)} – ${format.format(b)}`;
}

const pluralRules = {};

/** The form of a counted noun by the CLDR rules of the page's language (French: one for 0 and 1). */
export function plural(n, forms) {
  const locale = t("locale");
  pluralRules[locale] ??= new Intl.PluralRules(locale);
  return forms[pluralRules[locale].select(Number(n))] ?? forms.other;
}

/** "0 inscrit", "1 inscrit", "2 inscrits" (a non-number, like "∞", is shown as it is, with the plural). */
export function count(n, one, other) {
  return `${typeof n === "number" ? formatNumber(n) : n} ${plural(n, { one, other })}`;
}

const collators = {};

/** Names compared by the page's language's alphabet (Intl.Collator), not by code points. */
export function collate(a, b) {
  const locale = t("locale");
  collators[locale] ??= new Intl.Collator(locale);
  return collators[locale].compare(a, b);
}

export function formatNumber(n) {
  return new Intl.NumberFormat(t("locale")).format(n);
}

export function formatMoney(cents) {
  return new Intl.NumberFormat(t("locale"), { style: "currency", currency: "EUR" }).format(cents / 100);
}
