// Strings of the events widget's snippet generator (web/js/widget-snippet.js, on an association's dashboard).
// key -> [fr, uk, en].

import { addStrings } from "./i18n.js";

addStrings({
  widgetTitle: ["Vos événements sur votre site", "Ваші події на вашому сайті", "Your events on your website"],
  widgetIntro: ["Copiez ce code dans une page de votre site : la liste de vos prochains événements s’y met à jour toute seule.",
    "Скопіюйте цей код на сторінку свого сайту: список ваших найближчих подій оновлюватиметься сам.",
    "Paste this code into a page of your website: the list of your upcoming events stays up to date by itself."],
  widgetLanguage: ["Langue du widget", "Мова віджета", "Widget language"],
  widgetLimit: ["Nombre d’événements (1 à 20)", "Кількість подій (від 1 до 20)", "Number of events (1 to 20)"],
  widgetCode: ["Code à copier", "Код для копіювання", "Code to copy"],
  widgetCopy: ["Copier le code", "Скопіювати код", "Copy the code"],
  widgetPreview: ["Aperçu", "Попередній перегляд", "Preview"],
  widgetHint: ["Couleurs et police se règlent avec les propriétés CSS --hromada-accent, --hromada-text, --hromada-background, --hromada-font et --hromada-radius.",
    "Кольори та шрифт налаштовуються CSS-властивостями --hromada-accent, --hromada-text, --hromada-background, --hromada-font і --hromada-radius.",
    "Colours and font are set with the CSS properties --hromada-accent, --hromada-text, --hromada-background, --hromada-font and --hromada-radius."],
});
