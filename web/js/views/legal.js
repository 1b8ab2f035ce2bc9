// The privacy notice and the legal information, in French, Ukrainian and English. What the operator
// must complete (publisher, host, contact) is marked as such, never invented.

import { fill, h } from "../dom.js";
import { lang, t } from "../i18n.js";
import { focusHeading, main, setTitle } from "../ui.js";

const TODO = {
  fr: "[À compléter par l’exploitant]", uk: "[Заповнює оператор сервісу]", en: "[To be completed by the operator]",
};

// [heading, paragraphs or lists (an array is a list)]
const PRIVACY = {
  fr: {
    title: "Confidentialité et données personnelles",
    intro: "Hromada traite le moins de données possible, et seulement pour faire fonctionner le service.",
    sections: [
      ["Responsable du traitement", [`Nom, adresse et contact du responsable : ${TODO.fr}`]],
      ["Données conservées", [[
        "Compte : adresse e-mail, nom (facultatif), langue préférée, mot de passe (géré par Amazon Cognito, jamais lisible par Hromada).",
        "Associations : les informations publiées par leurs responsables, et l’e-mail de leurs éditeurs.",
        "Inscriptions aux événements : votre identifiant, votre nom et votre e-mail, visibles par l’association organisatrice.",
        "Votes : un marqueur indiquant que vous avez voté ; le bulletin lui-même est séparé de votre identité (secret du vote) et n’est lié qu’à un numéro de suivi aléatoire.",
        "Journaux techniques : adresse IP et requêtes, pour la sécurité et la limitation des abus.",
      ]]],
      ["Finalités et bases légales", ["Fournir le service que vous demandez (exécution du contrat), sécuriser la plateforme (intérêt légitime), organiser des votes vérifiables (intérêt légitime)."]],
      ["Durées de conservation", [[
        "Compte : jusqu’à ce que vous en demandiez la suppression.",
        `Inscriptions aux événements : durée à fixer, ${TODO.fr}`,
        "Journaux techniques : 30 jours.",
        "Bulletins de vote publiés : conservés avec le résultat, sans lien avec les votants.",
      ]]],
      ["Vos droits", ["Vous pouvez accéder à vos données, les rectifier, les exporter, demander leur effacement ou vous opposer à un traitement, en écrivant au contact ci-dessous. Vous pouvez aussi saisir la CNIL (www.cnil.fr)."]],
      ["Stockage local", ["Le site garde dans votre navigateur votre langue et votre région (localStorage), et votre session de connexion le temps de l’onglet (sessionStorage). Aucun cookie publicitaire, aucun traceur tiers."]],
      ["Contact", [`Délégué ou contact pour la protection des données : ${TODO.fr}`]],
    ],
  },
  uk: {
    title: "Конфіденційність і персональні дані",
    intro: "Hromada обробляє якомога менше даних і лише для роботи сервісу.",
    sections: [
      ["Відповідальний за обробку", [`Назва, адреса та контакт: ${TODO.uk}`]],
      ["Які дані зберігаються", [[
        "Обліковий запис: адреса e-mail, ім’я (необов’язково), бажана мова, пароль (керує Amazon Cognito, Hromada його не бачить).",
        "Асоціації: інформація, яку публікують їхні відповідальні особи, та e-mail редакторів.",
        "Реєстрації на події: ваш ідентифікатор, ім’я та e-mail, які бачить асоціація-організатор.",
        "Голосування: позначка, що ви проголосували; сам бюлетень відокремлений від вашої особи (таємниця голосування) і пов’язаний лише з випадковим номером відстеження.",
        "Технічні журнали: IP-адреса та запити, для безпеки та захисту від зловживань.",
      ]]],
      ["Цілі та правові підстави", ["Надання сервісу, який ви запитуєте (виконання договору), безпека платформи (законний інтерес), організація перевірюваних голосувань (законний інтерес)."]],
      ["Строки зберігання", [[
        "Обліковий запис: доки ви не попросите його видалити.",
        `Реєстрації на події: строк визначає оператор, ${TODO.uk}`,
        "Технічні журнали: 30 днів.",
        "Опубліковані бюлетені: зберігаються разом із результатом, без зв’язку з виборцями.",
      ]]],
      ["Ваші права", ["Ви можете отримати доступ до своїх даних, виправити, експортувати, вимагати їх видалення або заперечити проти обробки, написавши на контакт нижче. Ви також можете звернутися до CNIL (www.cnil.fr)."]],
      ["Локальне зберігання", ["Сайт зберігає у вашому браузері мову та регіон (localStorage), а сеанс входу — лише поки відкрита вкладка (sessionStorage). Жодних рекламних cookie чи сторонніх трекерів."]],
      ["Контакт", [`Контакт із питань захисту даних: ${TODO.uk}`]],
    ],
  },
  en: {
    title: "Privacy and personal data",
    intro: "Hromada processes as little data as it can, and only to run the service.",
    sections: [
      ["Controller", [`Name, address and contact of the controller: ${TODO.en}`]],
      ["What is held", [[
        "Account: e-mail address, name (optional), preferred language, password (held by Amazon Cognito, never readable by Hromada).",
        "Associations: what their officers publish, and their editors’ e-mail addresses.",
        "Event registrations: your identifier, name and e-mail, visible to the organising association.",
        "Votes: a marker that you voted; the ballot itself is kept apart from your identity (secret ballot) and linked only to a random tracking number.",
        "Technical logs: IP address and requests, for security and abuse prevention.",
      ]]],
      ["Purposes and legal bases", ["Providing the service you ask for (contract), securing the platform (legitimate interest), running verifiable votes (legitimate interest)."]],
      ["Retention", [[
        "Account: until you ask for its deletion.",
        `Event registrations: period to be set, ${TODO.en}`,
        "Technical logs: 30 days.",
        "Published ballots: kept with the result, with no link to voters.",
      ]]],
      ["Your rights", ["You may access, correct, export or erase your data, or object to its processing, by writing to the contact below. You may also complain to the CNIL (www.cnil.fr)."]],
      ["Local storage", ["The site keeps your language and region in your browser (localStorage), and your sign-in session for the life of the tab (sessionStorage). No advertising cookies, no third-party trackers."]],
      ["Contact", [`Data protection contact: ${TODO.en}`]],
    ],
  },
};

const LEGAL = {
  fr: {
    title: "Mentions légales",
    intro: "Informations prévues par la loi pour la confiance dans l’économie numérique (LCEN, art. 6).",
    sections: [
      ["Éditeur", [`Raison sociale, forme juridique, adresse, numéro RNA ou SIREN : ${TODO.fr}`,
        `Directeur ou directrice de la publication : ${TODO.fr}`, `Contact : ${TODO.fr}`]],
      ["Hébergement", [`Nom, adresse et téléphone de l’hébergeur (par exemple Amazon Web Services EMEA SARL, région eu-west-3, Paris) : ${TODO.fr}`]],
      ["Contenus publiés", ["Les associations sont responsables des informations, événements et annonces qu’elles publient. Signalez un contenu illicite au contact de l’éditeur."]],
      ["Code source", ["Hromada est un logiciel libre (licence MIT)."]],
    ],
  },
  uk: {
    title: "Правова інформація",
    intro: "Відомості, які вимагає французький закон про довіру до цифрової економіки (LCEN, ст. 6).",
    sections: [
      ["Видавець", [`Назва, правова форма, адреса, номер RNA або SIREN: ${TODO.uk}`,
        `Відповідальний за публікації: ${TODO.uk}`, `Контакт: ${TODO.uk}`]],
      ["Хостинг", [`Назва, адреса й телефон хостинг-провайдера (наприклад, Amazon Web Services EMEA SARL, регіон eu-west-3, Париж): ${TODO.uk}`]],
      ["Опублікований вміст", ["Асоціації відповідають за інформацію, події та оголошення, які вони публікують. Про незаконний вміст повідомляйте видавцю."]],
      ["Вихідний код", ["Hromada — вільне програмне забезпечення (ліцензія MIT)."]],
    ],
  },
  en: {
    title: "Legal information",
    intro: "Information required by the French law on confidence in the digital economy (LCEN, art. 6).",
    sections: [
      ["Publisher", [`Name, legal form, address, RNA or SIREN number: ${TODO.en}`,
        `Publication director: ${TODO.en}`, `Contact: ${TODO.en}`]],
      ["Hosting", [`Name, address and telephone of the host (for instance Amazon Web Services EMEA SARL, region eu-west-3, Paris): ${TODO.en}`]],
      ["Published content", ["Associations are responsible for the information, events and announcements they publish. Report unlawful content to the publisher’s contact."]],
      ["Source code", ["Hromada is free software (MIT licence)."]],
    ],
  },
};

export function mount(route) {
  const doc = (route.name === "legal" ? LEGAL : PRIVACY)[lang()];
  fill(main, h("article", { class: "detail legal" },
    h("h1", { tabindex: "-1" }, doc.title),
    h("p", { class: "lead" }, doc.intro),
    doc.sections.map(([heading, parts]) => h("section", {},
      h("h2", {}, heading),
      parts.map((part) => (Array.isArray(part) ? h("ul", {}, part.map((item) => h("li", {}, item)))
        : h("p", { class: part.includes("[") ? "to-complete" : null }, part)))))),
  h("p", {}, h("a", { href: route.name === "legal" ? "#/privacy" : "#/legal" },
    t(route.name === "legal" ? "navPrivacy" : "navLegal"))));
  setTitle(doc.title);
  focusHeading(route.focus);
  return { name: route.name };
}
