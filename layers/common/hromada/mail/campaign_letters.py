"""Campaign mail (pure): the invitation admins send from the gap map to an association's owners, and the
campaign block of the digests. Words in fr/uk/en; dates written by babel in the reader's language."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from hromada.mail.jobs import MailJob, Recipient, split
from hromada.mail.render import Card, Letter, Section
from hromada.models.localized import pick

if TYPE_CHECKING:
    from hromada.domain.campaign_dates import Window
    from hromada.models.campaign import Campaign

_LOCALES = {"fr": "fr_FR", "uk": "uk_UA", "en": "en_GB"}

WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "subject": "{name} : organisez un événement près de chez vous",
        "body": ("Bonjour,\n\nDu {start} au {end}, Hromada met en avant « {name} ». Aucun événement n'est encore "
                 "prévu dans votre département. Votre association pourrait-elle en proposer un ?\n\n"
                 "Publiez-le sur Hromada et rattachez-le à la campagne : il apparaîtra sur sa page.\n\n"
                 "Merci pour votre engagement."),
        "see": "Voir la campagne",
        "why": "Vous recevez ce message une seule fois, en tant que responsable d'une association inscrite "
               "sur Hromada.",
        "block": "Campagne en cours",
        "events": "{count} événement(s) prévu(s)",
    },
    "uk": {
        "subject": "{name}: організуйте подію поруч із вами",
        "body": ("Вітаємо!\n\nЗ {start} по {end} Hromada відзначає «{name}». У вашому департаменті ще не "
                 "заплановано жодної події. Чи могла б ваша асоціація її запропонувати?\n\n"
                 "Опублікуйте її на Hromada та приєднайте до кампанії: вона з'явиться на її сторінці.\n\n"
                 "Дякуємо за вашу участь."),
        "see": "Переглянути кампанію",
        "why": "Ви отримуєте цей лист лише один раз як відповідальна особа асоціації, зареєстрованої на Hromada.",
        "block": "Поточна кампанія",
        "events": "Заплановано подій: {count}",
    },
    "en": {
        "subject": "{name}: hold an event near you",
        "body": ("Hello,\n\nFrom {start} to {end}, Hromada features “{name}”. No event is planned in your "
                 "department yet. Could your association hold one?\n\n"
                 "Publish it on Hromada and attach it to the campaign: it will show on the campaign's page.\n\n"
                 "Thank you for your commitment."),
        "see": "See the campaign",
        "why": "You receive this message once, as the person in charge of an association registered on Hromada.",
        "block": "Running campaign",
        "events": "{count} event(s) planned",
    },
}


def _words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["fr"])


def day_text(day: date, lang: str) -> str:
    from babel.dates import format_date

    return format_date(day, format="long", locale=_LOCALES.get(lang, "fr_FR"))


def campaign_url(web_url: str, campaign: Campaign) -> str:
    return f"{web_url.rstrip('/')}/#/campaigns/{campaign.slug}"


def invitation_text(lang: str, campaign: Campaign, window: Window | None, web_url: str) -> tuple[str, str]:
    """The draft an admin edits before sending: (subject, body)."""
    w = _words(lang)
    name = pick(campaign.name, lang)
    start = day_text(window.start, lang) if window else ""
    end = day_text(window.end, lang) if window else ""
    return w["subject"].format(name=name), w["body"].format(name=name, start=start, end=end)


def invitation_jobs(campaign: Campaign, association_id: str, owners: list[str], lang: str, subject: str,
                    body: str, web_url: str, opt_out: dict[str, str] | None = None) -> list[MailJob]:
    """The admin's text, paragraph by paragraph, to the association's owners; keyed once per association and
    campaign, so a job redelivered or planned again never mails an owner twice. `opt_out` (address -> its
    reference) gives each mail its unsubscribe link and List-Unsubscribe: no more invitations to that mailbox."""
    w = _words(lang)
    paragraphs = [p.strip() for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()]
    letter = Letter(lang=lang, subject=subject, heading=pick(campaign.name, lang), intro=paragraphs,
                    button={"label": w["see"], "url": campaign_url(web_url, campaign)}, notes=[w["why"]])
    recipients = [Recipient(id=email, email=email, subscription_id=(opt_out or {}).get(email))
                  for email in dict.fromkeys(owners)]
    return split("campaign_invitation", f"campaign-invitation:{campaign.id}:{association_id}", letter, recipients,
                 bulk=True)


def digest_section(lang: str, running: list[dict[str, Any]], web_url: str) -> Section | None:
    """The digests' campaign block: each running campaign's name, dates, link and count of events."""
    if not running:
        return None
    w = _words(lang)
    cards = [Card(title=pick(c["name"], lang), url=c["url"],
                  when=f"{day_text(c['start'], lang)} – {day_text(c['end'], lang)}",
                  summary=w["events"].format(count=c["events"]))
             for c in running]
    return Section(w["block"], cards)
