// UI strings in French (default), Ukrainian and English. Text only: never HTML.

export const LANGS = ["fr", "uk", "en"];
const KEY = "hromada.lang";

const S = {
  fr: {
    locale: "fr-FR",
    skip: "Aller au contenu",
    tagline: "Les associations de culture ukrainienne près de chez vous",
    langLabel: "Langue",
    navDirectory: "Annuaire",
    footer: "Hromada — soutenir l’Ukraine, près de chez vous.",
    title: "Annuaire",
    dirTitle: "Associations",
    dirIntro: "Trouvez une association qui fait vivre la culture ukrainienne en France.",
    filters: "Filtres",
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
    loadMore: "Afficher plus d’associations",
    count: (n) => (n === 1 ? "1 association affichée." : `${n} associations affichées.`),
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
    email: "Courriel",
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
    navDirectory: "Каталог",
    footer: "Hromada — підтримка України поруч із вами.",
    title: "Каталог",
    dirTitle: "Асоціації",
    dirIntro: "Знайдіть асоціацію, яка підтримує українську культуру у Франції.",
    filters: "Фільтри",
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
    loadMore: "Показати більше асоціацій",
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
    navDirectory: "Directory",
    footer: "Hromada — supporting Ukraine, close to home.",
    title: "Directory",
    dirTitle: "Associations",
    dirIntro: "Find an association that keeps Ukrainian culture alive in France.",
    filters: "Filters",
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
    loadMore: "Show more associations",
    count: (n) => (n === 1 ? "1 association shown." : `${n} associations shown.`),
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

let current = initial();

function initial() {
  let saved = null;
  try {
    saved = localStorage.getItem(KEY);
  } catch {
    // storage disabled: fall back to French
  }
  return LANGS.includes(saved) ? saved : "fr";
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

/** A UI string; functions are called with the remaining arguments. */
export function t(key, ...args) {
  const value = S[current][key] ?? S.fr[key] ?? key;
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
