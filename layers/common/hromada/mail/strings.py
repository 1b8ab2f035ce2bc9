"""Every sentence of every e-mail, in French, Ukrainian and English (a unit test checks all three).

House rules, shared with the web client (web/js/i18n.js): the brand is written "Hromada" in every language,
never translated nor declined (so "новини Hromada", not "новини Громади"); French says "e-mail", never "courriel".
"""

from __future__ import annotations

LANGUAGES = ("fr", "uk", "en")

STRINGS: dict[str, dict[str, str]] = {
    "fr": {
        "brand": "Hromada",
        "footer": "Hromada relie les soutiens français de l'Ukraine et les associations qui font vivre "
                  "la culture ukrainienne.",
        "manage": "Gérer mes préférences",
        "unsubscribe": "Me désabonner",
        "confirm_subject": "Confirmez votre abonnement à Hromada",
        "confirm_intro": "Vous (ou quelqu'un utilisant votre adresse) avez demandé à recevoir les nouvelles "
                         "de Hromada. Confirmez pour commencer à les recevoir.",
        "confirm_button": "Confirmer mon abonnement",
        "confirm_ignore": "Sans confirmation, rien ne vous sera envoyé et la demande expire dans 48 heures.",
        "already_subject": "Votre abonnement à Hromada",
        "already_intro": "Une nouvelle demande d'abonnement a été faite pour cette adresse, qui est déjà "
                         "abonnée. Vous pouvez modifier vos préférences ici.",
        "digest_subject_weekly": "Votre semaine ukrainienne : {count}",
        "digest_subject_daily": "Aujourd'hui avec Hromada : {count}",
        "digest_intro": "Voici ce qui a été publié pour vos régions et vos sujets.",
        "digest_events": "Événements",
        "digest_announcements": "Annonces",
        "sources": "Sources",
        "by": "par",
        "online": "En ligne",
        "reminder_subject": "Rappel : {title} demain",
        "reminder_intro": "Vous êtes inscrit·e à cet événement, qui commence dans moins de 24 heures.",
        "reminder_calendar": "L'invitation pour votre agenda est jointe.",
        "changed_subject": "Modifié : {title}",
        "changed_intro": "L'organisateur a modifié cet événement auquel vous êtes inscrit·e.",
        "cancelled_subject": "Annulé : {title}",
        "cancelled_intro": "L'organisateur a annulé cet événement auquel vous étiez inscrit·e.",
        "reason": "Motif",
        "note": "Note de la modération",
        "back_to_site": "Aller sur le site Hromada",
        "promoted_subject": "Une place s'est libérée : {title}",
        "promoted_intro": "Vous étiez sur la liste d'attente : votre place est maintenant confirmée.",
        "verified_subject": "Votre association {name} est vérifiée",
        "verified_intro": "Votre association figure désormais dans l'annuaire public, avec le badge vérifié.",
        "rejected_subject": "Votre association {name} n'a pas été vérifiée",
        "rejected_intro": "La modération n'a pas pu vérifier votre association.",
        "see": "Voir",
        "when": "Quand",
        "where": "Où",
        "colon": "\u202f:",
        "announcement_subject": "{name} : {title}",
        "announcement_intro": "Une association que vous suivez vient de publier cette annonce.",
        "election_nominations_subject": "Candidatures ouvertes : {title}",
        "election_nominations_intro": "Les associations vérifiées peuvent maintenant proposer leurs candidates "
                                      "et candidats.",
        "election_voting_subject": "Le vote est ouvert : {title}",
        "election_voting_intro": "Le scrutin est ouvert. Votre bulletin est secret ; vous recevrez un reçu pour "
                                 "le retrouver.",
        "election_published_subject": "Résultats : {title}",
        "election_published_intro": "Les résultats sont publiés, avec l'urne complète pour les recompter.",
        "page_confirm_title": "Confirmer l'abonnement",
        "page_confirm_text": "Cliquez pour confirmer votre abonnement aux nouvelles de Hromada.",
        "page_confirmed_title": "Abonnement confirmé",
        "page_confirmed_text": "Merci ! Vous recevrez les nouvelles selon vos préférences.",
        "page_unsubscribe_title": "Se désabonner",
        "page_unsubscribe_text": "Cliquez pour ne plus recevoir aucun e-mail d'information de Hromada.",
        "page_unsubscribed_title": "Vous êtes désabonné·e",
        "page_unsubscribed_text": "Vous ne recevrez plus nos e-mails d'information.",
        "page_manage_title": "Mes préférences",
        "page_saved": "Préférences enregistrées.",
        "page_error_title": "Lien invalide",
        "page_error_text": "Ce lien est invalide ou a expiré.",
        "regions": "Régions (aucune : toutes)",
        "categories": "Sujets (aucun : tous)",
        "frequency": "Fréquence",
        "daily": "Chaque jour",
        "weekly": "Chaque semaine",
        "off": "Jamais (pause)",
        "language": "Langue",
        "save": "Enregistrer",
    },
    "uk": {
        "brand": "Hromada",
        "footer": "Hromada єднає французьких прихильників України та асоціації, що плекають українську "
                  "культуру.",
        "manage": "Керувати налаштуваннями",
        "unsubscribe": "Відписатися",
        "confirm_subject": "Підтвердьте підписку на новини Hromada",
        "confirm_intro": "Ви (або хтось із вашою адресою) попросили надсилати новини Hromada. Підтвердьте, "
                         "щоб почати їх отримувати.",
        "confirm_button": "Підтвердити підписку",
        "confirm_ignore": "Без підтвердження вам нічого не надсилатимуть, а запит спливе за 48 годин.",
        "already_subject": "Ваша підписка на новини Hromada",
        "already_intro": "Для цієї адреси, яка вже підписана, надійшов новий запит на підписку. "
                         "Тут можна змінити налаштування.",
        "digest_subject_weekly": "Ваш український тиждень: {count}",
        "digest_subject_daily": "Hromada сьогодні: {count}",
        "digest_intro": "Ось що опубліковано для ваших регіонів і тем.",
        "digest_events": "Події",
        "digest_announcements": "Оголошення",
        "sources": "Джерела",
        "by": "від",
        "online": "Онлайн",
        "reminder_subject": "Нагадування: {title} завтра",
        "reminder_intro": "Ви зареєстровані на цю подію, яка почнеться менш ніж за 24 години.",
        "reminder_calendar": "Запрошення для вашого календаря додано.",
        "changed_subject": "Зміни: {title}",
        "changed_intro": "Організатор змінив подію, на яку ви зареєстровані.",
        "cancelled_subject": "Скасовано: {title}",
        "cancelled_intro": "Організатор скасував подію, на яку ви були зареєстровані.",
        "reason": "Причина",
        "note": "Примітка модерації",
        "back_to_site": "Перейти на сайт Hromada",
        "promoted_subject": "Звільнилося місце: {title}",
        "promoted_intro": "Ви були в списку очікування: тепер ваше місце підтверджене.",
        "verified_subject": "Вашу асоціацію {name} перевірено",
        "verified_intro": "Ваша асоціація тепер у публічному каталозі зі знаком перевірки.",
        "rejected_subject": "Вашу асоціацію {name} не перевірено",
        "rejected_intro": "Модерація не змогла перевірити вашу асоціацію.",
        "see": "Переглянути",
        "when": "Коли",
        "where": "Де",
        "colon": ":",
        "announcement_subject": "{name}: {title}",
        "announcement_intro": "Асоціація, за якою ви стежите, щойно опублікувала це оголошення.",
        "election_nominations_subject": "Висування кандидатів відкрито: {title}",
        "election_nominations_intro": "Перевірені асоціації тепер можуть висувати своїх кандидатів.",
        "election_voting_subject": "Голосування відкрито: {title}",
        "election_voting_intro": "Голосування триває. Ваш бюлетень таємний; ви отримаєте квитанцію, щоб його знайти.",
        "election_published_subject": "Результати: {title}",
        "election_published_intro": "Результати опубліковано разом з усією урною для перерахунку.",
        "page_confirm_title": "Підтвердити підписку",
        "page_confirm_text": "Натисніть, щоб підтвердити підписку на новини Hromada.",
        "page_confirmed_title": "Підписку підтверджено",
        "page_confirmed_text": "Дякуємо! Ви отримуватимете новини згідно з вашими налаштуваннями.",
        "page_unsubscribe_title": "Відписатися",
        "page_unsubscribe_text": "Натисніть, щоб більше не отримувати інформаційних листів Hromada.",
        "page_unsubscribed_title": "Ви відписалися",
        "page_unsubscribed_text": "Ви більше не отримуватимете наших інформаційних листів.",
        "page_manage_title": "Мої налаштування",
        "page_saved": "Налаштування збережено.",
        "page_error_title": "Недійсне посилання",
        "page_error_text": "Це посилання недійсне або застаріло.",
        "regions": "Регіони (жодного: усі)",
        "categories": "Теми (жодної: усі)",
        "frequency": "Частота",
        "daily": "Щодня",
        "weekly": "Щотижня",
        "off": "Ніколи (пауза)",
        "language": "Мова",
        "save": "Зберегти",
    },
    "en": {
        "brand": "Hromada",
        "footer": "Hromada connects French supporters of Ukraine with the associations that keep Ukrainian "
                  "culture alive.",
        "manage": "Manage my preferences",
        "unsubscribe": "Unsubscribe",
        "confirm_subject": "Confirm your Hromada subscription",
        "confirm_intro": "You (or someone using your address) asked to receive news from Hromada. "
                         "Confirm to start receiving it.",
        "confirm_button": "Confirm my subscription",
        "confirm_ignore": "Without confirmation nothing will be sent, and the request expires in 48 hours.",
        "already_subject": "Your Hromada subscription",
        "already_intro": "Someone asked again to subscribe this address, which is already subscribed. "
                         "You can change your preferences here.",
        "digest_subject_weekly": "Your Ukrainian week: {count}",
        "digest_subject_daily": "Today on Hromada: {count}",
        "digest_intro": "Here is what was published for your regions and topics.",
        "digest_events": "Events",
        "digest_announcements": "Announcements",
        "sources": "Sources",
        "by": "by",
        "online": "Online",
        "reminder_subject": "Reminder: {title} tomorrow",
        "reminder_intro": "You are registered for this event, which starts in less than 24 hours.",
        "reminder_calendar": "The invitation for your calendar is attached.",
        "changed_subject": "Changed: {title}",
        "changed_intro": "The organiser changed this event you registered for.",
        "cancelled_subject": "Cancelled: {title}",
        "cancelled_intro": "The organiser cancelled this event you had registered for.",
        "reason": "Reason",
        "note": "Note from the moderators",
        "back_to_site": "Go to the Hromada site",
        "promoted_subject": "A seat opened up: {title}",
        "promoted_intro": "You were on the waitlist: your seat is now confirmed.",
        "verified_subject": "Your association {name} is verified",
        "verified_intro": "Your association is now in the public directory, with the verified badge.",
        "rejected_subject": "Your association {name} was not verified",
        "rejected_intro": "Moderation could not verify your association.",
        "see": "View",
        "when": "When",
        "where": "Where",
        "colon": ":",
        "announcement_subject": "{name}: {title}",
        "announcement_intro": "An association you follow has just published this announcement.",
        "election_nominations_subject": "Nominations open: {title}",
        "election_nominations_intro": "Verified associations can now nominate their candidates.",
        "election_voting_subject": "Voting is open: {title}",
        "election_voting_intro": "Voting is open. Your ballot is secret; you get a receipt to find it again.",
        "election_published_subject": "Results: {title}",
        "election_published_intro": "The results are published, with the whole ballot box to recount them.",
        "page_confirm_title": "Confirm your subscription",
        "page_confirm_text": "Click to confirm your subscription to Hromada's news.",
        "page_confirmed_title": "Subscription confirmed",
        "page_confirmed_text": "Thank you! You will receive news as you chose.",
        "page_unsubscribe_title": "Unsubscribe",
        "page_unsubscribe_text": "Click to stop receiving any newsletter from Hromada.",
        "page_unsubscribed_title": "You are unsubscribed",
        "page_unsubscribed_text": "You will not receive our newsletters any more.",
        "page_manage_title": "My preferences",
        "page_saved": "Preferences saved.",
        "page_error_title": "Invalid link",
        "page_error_text": "This link is invalid or has expired.",
        "regions": "Regions (none: all)",
        "categories": "Topics (none: all)",
        "frequency": "Frequency",
        "daily": "Every day",
        "weekly": "Every week",
        "off": "Never (pause)",
        "language": "Language",
        "save": "Save",
    },
}


# A webhook switched off after its deliveries kept failing (told to the association's owners).
STRINGS["fr"] |= {
    "webhook_disabled_subject": "Webhook désactivé pour {name}",
    "webhook_disabled_intro": "Les envois vers {url} ont échoué plusieurs jours de suite : nous l'avons désactivé. "
                              "Corrigez votre outil, puis réactivez le webhook dans votre espace.",
}
STRINGS["uk"] |= {
    "webhook_disabled_subject": "Вебхук вимкнено для {name}",
    "webhook_disabled_intro": "Надсилання на {url} кілька днів поспіль не вдавалися: ми його вимкнули. "
                              "Виправте свій інструмент, потім знову ввімкніть вебхук у своєму просторі.",
}
STRINGS["en"] |= {
    "webhook_disabled_subject": "Webhook switched off for {name}",
    "webhook_disabled_intro": "Deliveries to {url} kept failing for several days: we switched it off. "
                              "Fix your tool, then switch the webhook on again in your dashboard.",
}

# Possible matches between a need and an offer (told to each side's owners; contacts once both confirmed).
STRINGS["fr"] |= {
    "possible_match_subject": "Une correspondance possible pour « {title} »",
    "possible_match_intro": "« {other} » ({association}) pourrait répondre à votre initiative « {title} ». "
                            "Rien n'est partagé pour l'instant : confirmez si vous souhaitez être mis en relation, "
                            "ou déclinez. Les coordonnées ne sont échangées que si les deux côtés confirment.",
    "match_contacts_subject": "Mise en relation : « {title} »",
    "match_contacts_intro": "Les deux associations ont confirmé la correspondance entre « {need} » et « {offer} ». "
                            "Voici leurs coordonnées :",
    "answer": "Répondre",
}
STRINGS["uk"] |= {
    "possible_match_subject": "Можливий збіг для «{title}»",
    "possible_match_intro": "«{other}» ({association}) може відповісти на вашу ініціативу «{title}». "
                            "Поки що нічого не передано: підтвердьте, якщо хочете познайомитися, або відхиліть. "
                            "Контакти передаються лише тоді, коли підтвердять обидві сторони.",
    "match_contacts_subject": "Знайомство: «{title}»",
    "match_contacts_intro": "Обидві асоціації підтвердили збіг між «{need}» та «{offer}». Ось їхні контакти:",
    "answer": "Відповісти",
}
STRINGS["en"] |= {
    "possible_match_subject": "A possible match for “{title}”",
    "possible_match_intro": "“{other}” ({association}) may answer your initiative “{title}”. Nothing is shared "
                            "yet: confirm if you would like to be put in touch, or decline. Contact details are "
                            "exchanged only once both sides confirm.",
    "match_contacts_subject": "Put in touch: “{title}”",
    "match_contacts_intro": "Both associations confirmed the match between “{need}” and “{offer}”. Their contact "
                            "details:",
    "answer": "Answer",
}

# The weekly twinning summary for admins.
STRINGS["fr"] |= {
    "twinning_week_subject": "Jumelages : la semaine {week}",
    "twinning_week_needs": "Besoins ouverts : {count}{change}.",
    "twinning_week_answers": "Besoins ayant reçu une première réponse : {count}{change} ; délai médian : {median}.",
    "twinning_week_no_median": "pas encore de réponse",
    "twinning_week_days": "{days} jours",
    "twinning_week_unanswered": "Offres sans réponse depuis {days} jours ou plus : {count}.",
    "twinning_week_partnerships": "Partenariats",
    "twinning_week_oblasts": "Besoins ouverts par oblast",
    "twinning_week_first": "Première semaine suivie : les évolutions apparaîtront la semaine prochaine.",
    "twinning_week_see": "Voir le tableau de bord",
    "since_last_week": " ({change:+d} depuis la semaine dernière)",
}
STRINGS["uk"] |= {
    "twinning_week_subject": "Побратимство: тиждень {week}",
    "twinning_week_needs": "Відкриті потреби: {count}{change}.",
    "twinning_week_answers": "Потреби з першою відповіддю: {count}{change}; медіанний час: {median}.",
    "twinning_week_no_median": "ще немає відповідей",
    "twinning_week_days": "{days} дн.",
    "twinning_week_unanswered": "Пропозиції без відповіді {days} днів і більше: {count}.",
    "twinning_week_partnerships": "Партнерства",
    "twinning_week_oblasts": "Відкриті потреби за областями",
    "twinning_week_first": "Перший відстежений тиждень: зміни з'являться наступного тижня.",
    "twinning_week_see": "Переглянути панель",
    "since_last_week": " ({change:+d} з минулого тижня)",
}
STRINGS["en"] |= {
    "twinning_week_subject": "Twinning: week {week}",
    "twinning_week_needs": "Open needs: {count}{change}.",
    "twinning_week_answers": "Needs with a first answer: {count}{change}; median time: {median}.",
    "twinning_week_no_median": "no answer yet",
    "twinning_week_days": "{days} days",
    "twinning_week_unanswered": "Offers unanswered for {days} days or more: {count}.",
    "twinning_week_partnerships": "Partnerships",
    "twinning_week_oblasts": "Open needs by oblast",
    "twinning_week_first": "First week followed: changes will show from next week.",
    "twinning_week_see": "See the dashboard",
    "since_last_week": " ({change:+d} since last week)",
}

STRINGS["fr"] |= {
    "shift_signed_up_subject": "Inscription confirmée : {title}",
    "shift_signed_up_intro": "Merci ! Vous êtes inscrit·e comme bénévole pour ce créneau.",
    "shift_waitlisted_subject": "Liste d'attente : {title}",
    "shift_waitlisted_intro": "Le créneau est complet : vous êtes n° {position} sur la liste d'attente. "
                              "Nous vous écrirons si une place se libère.",
    "shift_promoted_subject": "Une place s'est libérée : {title}",
    "shift_promoted_intro": "Vous étiez sur la liste d'attente : votre place de bénévole est confirmée.",
    "shift_reminder_subject": "Rappel : votre créneau de bénévole demain ({title})",
    "shift_reminder_intro": "Votre créneau de bénévole commence dans moins de 24 heures.",
    "shift_cancelled_subject": "Créneau annulé : {title}",
    "shift_cancelled_intro": "L'association a annulé ce créneau de bénévolat. Merci de votre disponibilité.",
    "shift_withdrawn_intro": ("L'association a retiré son annonce : ce créneau de bénévolat est annulé "
                              "et votre inscription aussi. Merci de votre disponibilité."),
    "shift_message_subject": "Message de {name} : {title}",
    "shift_message_intro": "L'association vous écrit au sujet de votre créneau de bénévole. Répondez à ce "
                           "message pour lui écrire.",
    "shift_task": "Mission",
    "shift_online": "En ligne",
}
STRINGS["uk"] |= {
    "shift_signed_up_subject": "Реєстрацію підтверджено: {title}",
    "shift_signed_up_intro": "Дякуємо! Ви записані волонтером на цю зміну.",
    "shift_waitlisted_subject": "Список очікування: {title}",
    "shift_waitlisted_intro": "Усі місця зайняті: ви № {position} у списку очікування. Ми напишемо вам, "
                              "якщо місце звільниться.",
    "shift_promoted_subject": "Звільнилося місце: {title}",
    "shift_promoted_intro": "Ви були в списку очікування: ваше місце волонтера підтверджене.",
    "shift_reminder_subject": "Нагадування: ваша волонтерська зміна завтра ({title})",
    "shift_reminder_intro": "Ваша волонтерська зміна почнеться менш ніж за 24 години.",
    "shift_cancelled_subject": "Зміну скасовано: {title}",
    "shift_cancelled_intro": "Асоціація скасувала цю волонтерську зміну. Дякуємо за вашу готовність допомогти.",
    "shift_withdrawn_intro": ("Асоціація зняла своє оголошення: цю волонтерську зміну та ваш запис скасовано. "
                              "Дякуємо за вашу готовність допомогти."),
    "shift_message_subject": "Повідомлення від {name}: {title}",
    "shift_message_intro": "Асоціація пише вам щодо вашої волонтерської зміни. Відповідайте на цей лист, "
                           "щоб написати їй.",
    "shift_task": "Завдання",
    "shift_online": "Онлайн",
}
STRINGS["en"] |= {
    "shift_signed_up_subject": "Sign-up confirmed: {title}",
    "shift_signed_up_intro": "Thank you! You are signed up as a volunteer for this shift.",
    "shift_waitlisted_subject": "Waitlist: {title}",
    "shift_waitlisted_intro": "The shift is full: you are number {position} on the waitlist. We will write "
                              "to you if a place opens up.",
    "shift_promoted_subject": "A place opened up: {title}",
    "shift_promoted_intro": "You were on the waitlist: your volunteer place is now confirmed.",
    "shift_reminder_subject": "Reminder: your volunteer shift tomorrow ({title})",
    "shift_reminder_intro": "Your volunteer shift starts in less than 24 hours.",
    "shift_cancelled_subject": "Shift cancelled: {title}",
    "shift_cancelled_intro": "The association cancelled this volunteer shift. Thank you for offering your time.",
    "shift_withdrawn_intro": ("The association withdrew its announcement: this volunteer shift and your sign-up "
                              "are cancelled. Thank you for offering your time."),
    "shift_message_subject": "Message from {name}: {title}",
    "shift_message_intro": "The association writes to you about your volunteer shift. Reply to this mail to "
                           "write back.",
    "shift_task": "Task",
    "shift_online": "Online",
}

# Event topics by their API code, as the web client names them (web/js/i18n.js, EVENT_CATEGORIES).
TOPICS: dict[str, dict[str, str]] = {
    "fr": {"concert": "Concert", "language_class": "Cours de langue", "fundraiser": "Collecte",
           "rally": "Rassemblement", "talk": "Conférence", "exhibition": "Exposition", "workshop": "Atelier",
           "film": "Film", "festival": "Fête", "commemoration": "Commémoration", "sport": "Sport",
           "meetup": "Rencontre", "other": "Autre"},
    "uk": {"concert": "Концерт", "language_class": "Мовний курс", "fundraiser": "Збір коштів", "rally": "Мітинг",
           "talk": "Лекція", "exhibition": "Виставка", "workshop": "Майстер-клас", "film": "Фільм",
           "festival": "Свято", "commemoration": "Вшанування", "sport": "Спорт", "meetup": "Зустріч",
           "other": "Інше"},
    "en": {"concert": "Concert", "language_class": "Language class", "fundraiser": "Fundraiser", "rally": "Rally",
           "talk": "Talk", "exhibition": "Exhibition", "workshop": "Workshop", "film": "Film",
           "festival": "Festival", "commemoration": "Commemoration", "sport": "Sport", "meetup": "Meetup",
           "other": "Other"},
}


def topic(lang: str, code: str) -> str:
    return TOPICS[lang if lang in TOPICS else "fr"].get(code, code)


def strings(lang: str) -> dict[str, str]:
    return STRINGS[lang if lang in STRINGS else "fr"]


# "3 nouveautés", "3 новини", "5 новин": the plural form by CLDR's rules for the language (Babel).
COUNTED = {"fr": {"one": "{n} nouveauté", "other": "{n} nouveautés"},
           "uk": {"one": "{n} новина", "few": "{n} новини", "many": "{n} новин", "other": "{n} новини"},
           "en": {"one": "{n} new item", "other": "{n} new items"}}


def counted(lang: str, n: int) -> str:
    from babel import Locale

    forms = COUNTED[lang if lang in COUNTED else "fr"]
    form = Locale.parse({"fr": "fr", "uk": "uk", "en": "en"}.get(lang, "fr")).plural_form(n)
    return forms.get(form, forms["other"]).format(n=n)
