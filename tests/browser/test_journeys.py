"""Journeys through the web client, end to end against the local stack: people sign up and in, find an event
in their region and register, register an association that a moderator verifies, run an election."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Browser, Page, expect

from infra.browser import settled
from tests.browser.people import person, sign_in_as, sign_up

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser


def test_a_new_member_finds_an_event_in_their_region_and_registers(browser: Browser, site: Site) -> None:
    with person(browser, site.url, "journey_member_rsvp") as page:
        # Given a visitor who creates an account (the e-mailed code confirms it)
        sign_up(page)

        # When they open the home page and pick Occitanie on the map, with the keyboard: the map is one Tab
        # stop, the arrows move from region to neighbouring region, Enter chooses
        page.goto("/#/")
        tile = page.locator('.region-map [data-region="76"]')
        expect(tile).to_have_attribute("aria-label", re.compile(r"^Occitanie, \d+ événements? à venir$"))
        expect(page.locator('.region-map [tabindex="0"]')).to_have_count(1)
        page.locator('.region-map [tabindex="0"]').focus()
        expect(page.locator(".region-map a:focus")).to_have_attribute("aria-label", re.compile("^Hauts-de-France, "))
        for expected in ("Île-de-France", "Centre-Val de Loire", "Nouvelle-Aquitaine", "Occitanie"):
            page.keyboard.press("ArrowDown")
            expect(page.locator(".region-map a:focus")).to_have_attribute("aria-label", re.compile(f"^{expected}, "))
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Prochains événements : Occitanie")).to_be_visible()
        expect(tile).to_have_attribute("aria-current", "true")
        expect(tile).to_be_focused()
        # the choice is remembered for the next visit
        assert page.evaluate("localStorage.getItem('hromada.region')") == "76"

        # Then the region's events are listed; they open the language class
        page.get_by_role("link", name="Cours d'ukrainien pour débutants").click()
        expect(page.locator("main h1")).to_have_text("Cours d'ukrainien pour débutants")
        expect(page.locator(".facts")).to_contain_text("Toulouse")

        # And register: a seat is theirs, and stays theirs after a reload
        page.get_by_role("button", name="Je participe").click()
        expect(page.locator(".rsvp-state").filter(has_text="Vous êtes inscrit·e à cet événement.")).to_be_visible()
        page.reload()
        expect(page.locator("main").get_by_text("Vous êtes inscrit·e à cet événement.")).to_be_visible()

        # The calendar file is the API's, in the page's language
        ics = page.get_by_role("link", name="Ajouter à mon agenda (.ics)")
        assert ics.get_attribute("href").endswith(".ics?lang=fr")

        # And they can give the seat back
        page.get_by_role("button", name="Annuler ma participation").click()
        expect(page.locator("main").get_by_text("Votre participation est annulée.")).to_be_visible()
        expect(page.get_by_role("button", name="Je participe")).to_be_visible()


def test_a_full_event_puts_a_member_on_the_waiting_list(browser: Browser, site: Site) -> None:
    with person(browser, site.url, "journey_waitlist") as page:
        sign_up(page, name="Taras Test")
        page.goto("/#/events")
        page.get_by_label("Format").select_option("true")
        expect(page.get_by_role("link", name="Webinaire : entreprendre entre la France et l'Ukraine")).to_be_visible()
        expect(page.get_by_role("link", name="Atelier cuisine : varenyky")).to_have_count(0)
        assert "online=true" in page.url
        page.goto("/#/events?region=44")
        page.get_by_role("link", name="Atelier cuisine : varenyky").click()
        expect(page.get_by_text("C’est complet : vous rejoindrez la liste d’attente.")).to_be_visible()
        page.get_by_role("button", name="Je participe").click()
        # the demo member waits first; this new member is second in line
        expect(page.locator(".rsvp-state").filter(has_text="liste d’attente, en position 2")).to_be_visible()
        page.get_by_role("button", name="Annuler ma participation").click()
        expect(page.get_by_role("button", name="Je participe")).to_be_visible()

        # Sharing: the Web Share API where there is one, else the link is copied or offered to copy
        page.get_by_role("button", name="Partager").click()
        # (an event is shared by its preview page, which carries its title, date and picture for social networks)
        expect(page.get_by_label("Lien de l’événement")).to_have_value(page.url.replace("/#/events/", "/share/events/"))


def test_sign_in_and_out(page: Page) -> None:
    # A wrong password is refused in the person's language
    page.goto("/#/signin")
    page.get_by_label("Adresse e-mail").fill("member@hromada.test")
    page.get_by_label("Mot de passe").fill("not-the-password")
    page.locator("main form").get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("alert")).to_contain_text("Adresse e-mail ou mot de passe incorrect.")

    # The right one signs in; the token stays in this tab only
    sign_in_as(page, "member", then="#/votes")
    assert page.url.endswith("#/votes")
    expect(page.locator(".account")).to_contain_text("Julien Member")
    assert page.evaluate("sessionStorage.getItem('hromada.session')") is not None
    assert page.evaluate("localStorage.getItem('hromada.session')") is None
    # and the API sees who it is: the member's polls are listed
    expect(page.get_by_role("link", name="Quel atelier voulez-vous cet automne ?")).to_be_visible()

    # An expired token is renewed with the refresh token, without a word to the person
    page.evaluate("""() => { const s = JSON.parse(sessionStorage.getItem('hromada.session'));
        s.expiresAt = Date.now() - 1000; sessionStorage.setItem('hromada.session', JSON.stringify(s)); }""")
    page.reload()
    expect(page.get_by_role("link", name="Quel atelier voulez-vous cet automne ?")).to_be_visible()
    renewed = page.evaluate("JSON.parse(sessionStorage.getItem('hromada.session')).expiresAt")
    assert renewed > page.evaluate("Date.now()")

    # A session that cannot be renewed sends the person back to the sign-in form, saying why
    page.evaluate("""() => { const s = JSON.parse(sessionStorage.getItem('hromada.session'));
        s.expiresAt = Date.now() - 1000; s.refreshToken = 'revoked'; s.idToken = 'x.e30.y';
        sessionStorage.setItem('hromada.session', JSON.stringify(s)); }""")
    page.goto("/#/dashboard")
    page.reload()
    expect(page.get_by_text("Votre session a expiré : reconnectez-vous.")).to_be_visible()
    expect(page.get_by_role("link", name="Se connecter")).to_be_visible()

    # Signing out forgets the session
    sign_in_as(page, "member")
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("link", name="Se connecter")).to_be_visible()
    assert page.evaluate("sessionStorage.getItem('hromada.session')") is None


def test_an_owner_registers_an_association_a_moderator_verifies_it_the_owner_posts_an_event(
        browser: Browser, site: Site) -> None:
    name = f"Test navigateur Hromada Nice {uuid.uuid4().hex[:6]}"
    with person(browser, site.url, "journey_owner") as owner:
        # Given an owner who registers an association
        sign_in_as(owner, "owner", then="#/dashboard")
        owner.get_by_role("link", name="Inscrire une association").click()
        owner.get_by_label("Nom de l’association").fill(name)
        owner.get_by_label("En français").fill("Chorale et cours de bandoura à Nice.")
        owner.get_by_label("Culture", exact=True).check()
        owner.get_by_label("Ukrainien", exact=True).check()
        owner.get_by_label("Région").select_option("93")
        owner.get_by_label("Département").select_option("06")
        owner.get_by_label("Ville").fill("Nice")
        owner.get_by_label("Code postal").fill("06000")
        owner.get_by_role("button", name="Inscrire une association").click()
        expect(owner.locator("main").get_by_text("Association inscrite : elle attend la vérification.")).to_be_visible()
        expect(owner.locator("main h1")).to_have_text(name)
        expect(owner.locator("main")).to_contain_text("En attente de vérification")
        manage = owner.url.split("?")[0]

        # When a moderator verifies it from the moderation queue
        with person(browser, site.url, "journey_moderator") as moderator:
            sign_in_as(moderator, "moderator", then="#/moderation")
            card = moderator.locator(".card", has_text=name)
            expect(card).to_be_visible()
            card.get_by_role("button", name="Vérifier et publier").click()
            expect(moderator.locator(".success").filter(has_text=f"{name} est vérifiée et publiée.")).to_be_visible()
            expect(moderator.locator(".card", has_text=name)).to_have_count(0)

        # Then the owner can post an event, which is public at once
        owner.goto(manage)
        owner.reload()
        expect(owner.locator("main")).to_contain_text("Vérifiée")
        owner.get_by_role("link", name="Nouvel événement").click()
        owner.locator("fieldset.localized", has_text="Titre").get_by_label("En français").fill("Répétition ouverte")
        owner.locator("fieldset.localized", has_text="Présentation").get_by_label("En français").fill(
            "Venez chanter avec nous.")
        owner.get_by_label("Début (heure de Paris)").fill("2027-03-14T18:00")
        owner.get_by_label("Fin (heure de Paris)").fill("2027-03-14T20:00")
        owner.get_by_label("Nombre de places").fill("25")
        owner.get_by_label("Nom du lieu").fill("Salle des fêtes")
        owner.get_by_label("Adresse", exact=True).fill("1 place Masséna")
        owner.locator("fieldset", has_text="Lieu").get_by_label("Code postal").fill("06000")
        owner.locator("fieldset", has_text="Lieu").get_by_label("Ville").fill("Nice")
        owner.locator("fieldset", has_text="Lieu").get_by_label("Département").select_option("06")
        owner.get_by_label("Concert", exact=True).check()
        # (a field forgotten: the API's answer names it by its label, in the page's language)
        owner.get_by_role("button", name="Publier l’événement").click()
        alert = owner.get_by_role("alert")
        expect(alert).to_contain_text("Certains champs sont invalides.")
        expect(alert).to_contain_text("Langues parlées :")
        expect(alert).to_contain_text("validation_failed (422)")
        owner.get_by_label("Ukrainien", exact=True).check()
        owner.get_by_role("button", name="Publier l’événement").click()
        expect(owner.locator("main h1")).to_have_text("Répétition ouverte")
        expect(owner.locator(".facts")).to_contain_text("0 inscrit sur 25 places")  # French: 0 is singular
        expect(owner.locator(".facts")).to_contain_text("14 mars 2027")

        # And visitors find it in the region's events and on the association's page
        owner.goto("/#/events?region=93")
        expect(owner.get_by_role("link", name="Répétition ouverte")).to_be_visible()
        owner.get_by_role("link", name="Répétition ouverte").click()
        owner.locator(".facts").get_by_role("link", name=name).click()
        expect(owner.locator("main h1")).to_have_text(name)
        expect(owner.locator("section:has(#assoc-events) .cards")).to_contain_text("Répétition ouverte")

        # And the owner sees who is coming, and can export them
        owner.goto(manage)
        # scoped to the events section: the widget preview (shadow DOM, pierced by locators) lists the same events
        owner.locator("section:has(#d-events)").get_by_role("link", name="Inscrits").first.click()
        expect(owner.get_by_text("Personne n’est encore inscrit.")).to_be_visible()
        with owner.expect_download() as download:
            owner.get_by_role("button", name="Exporter en CSV").click()
        assert download.value.suggested_filename.endswith(".csv")


def run_voting_clock(site: Site) -> None:
    """The schedule that moves elections along (every minute locally), run now."""
    env = {**os.environ, "HROMADA_STATE_DIR": str(site.state_dir)}
    subprocess.run([sys.executable, "-m", "infra.schedules", "run", "VotingClockFunction"],
                   cwd=Path(__file__).resolve().parents[2], env=env, check=True, capture_output=True, timeout=120)


def test_an_election_from_nominations_to_results(browser: Browser, site: Site) -> None:
    title = f"Test navigateur élection {uuid.uuid4().hex[:6]}"
    with person(browser, site.url, "journey_election_admin") as admin:
        # An admin creates an election (ranked, Schulze) and opens its nominations
        sign_in_as(admin, "admin", then="#/moderation")
        admin.get_by_text("Créer une élection").click()
        admin.locator("fieldset", has_text="Titre").get_by_label("En français").fill(title)
        admin.get_by_role("button", name="Créer le brouillon").click()
        expect(admin.locator("main").get_by_text("Brouillon créé.")).to_be_visible()
        admin.get_by_role("link", name=title).click()
        admin.get_by_role("button", name="Ouvrir les candidatures maintenant").click()
        expect(admin.locator(".facts")).to_contain_text("Candidatures ouvertes")
        election = admin.url

        # An owner nominates two candidates: the member and the moderator
        with person(browser, site.url, "journey_election_owner") as owner:
            sign_in_as(owner, "owner")
            owner.goto(election)
            for candidate, email, association in (("Julien Member", "member@hromada.test", "Kalyna Montpellier"),
                                                  ("Marc Moderator", "moderator@hromada.test", "Bandura Marseille")):
                owner.get_by_label("Association", exact=True).select_option(label=association)
                owner.get_by_label("Nom du candidat").fill(candidate)
                owner.get_by_label("E-mail du candidat").fill(email)
                owner.locator("fieldset", has_text="Profession de foi").get_by_label("En français").fill(
                    f"{candidate} : plus d’échanges entre jeunes.")
                owner.get_by_role("button", name="Présenter").click()
                expect(owner.locator("main").get_by_text("Candidature enregistrée")).to_be_visible()
                expect(owner.locator("table", has_text=candidate)).to_be_visible()

        # Each candidate accepts, on the election's page
        for role in ("member", "moderator"):
            with person(browser, site.url, f"journey_election_consent_{role}") as candidate:
                sign_in_as(candidate, role)
                candidate.goto(election)
                candidate.get_by_role("button", name="J’accepte d’être candidat·e").click()
                expect(candidate.locator("main").get_by_text("Candidature mise à jour.")).to_be_visible()

        # The admin approves both and opens the vote
        admin.reload()
        for _ in range(2):
            admin.get_by_role("button", name="Approuver").first.click()
            expect(admin.locator("main").get_by_text("Candidature mise à jour.")).to_be_visible()
        expect(admin.get_by_role("button", name="Approuver")).to_have_count(0)
        admin.get_by_role("button", name="Ouvrir le vote maintenant").click()
        expect(admin.locator(".facts")).to_contain_text("Vote ouvert")

        # Members vote by ranking with the keyboard: the move is announced, the receipt shown
        for role, promote in (("member", "Marc Moderator"), ("owner", "Marc Moderator"), ("admin", None)):
            with person(browser, site.url, f"journey_election_vote_{role}") as voter:
                sign_in_as(voter, role)
                voter.goto(election)
                items = voter.locator(".rank-item")
                expect(items).to_have_count(2)
                assert items.nth(0).get_attribute("data-name") == "Julien Member"  # the ballot's order: by name
                if promote:
                    voter.get_by_role("button", name=f"Monter {promote}").focus()
                    voter.keyboard.press("Enter")
                    expect(voter.locator("#live")).to_have_text(f"{promote} : position 1 sur 2")
                    expect(items.nth(0)).to_have_attribute("data-name", promote)
                voter.get_by_role("button", name="Vérifier mon vote").click()
                voter.get_by_role("button", name="Déposer mon bulletin").click()
                expect(voter.get_by_role("heading", name="Votre bulletin est enregistré")).to_be_visible()
                tracker = voter.locator(".receipt .tracker").inner_text()
                assert len(tracker) >= 8
                voter.reload()
                expect(voter.get_by_text("Vous avez déjà voté. Merci !")).to_be_visible()

        # The admin closes the vote; the count follows (the voting clock's next run) and is published
        admin.reload()
        admin.get_by_label("Motif de la clôture").fill("Fin de l’essai")
        admin.get_by_role("button", name="Clore le vote maintenant").click()
        expect(admin.locator(".facts")).to_contain_text("Vote clos")
        run_voting_clock(site)
        admin.reload()
        expect(admin.locator(".facts")).to_contain_text("Résultats publiés")
        expect(admin.locator(".winner")).to_have_text("Élu·e : Marc Moderator")
        expect(admin.get_by_text("3 bulletins dépouillés.")).to_be_visible()
        matrix = admin.locator("table.matrix").first
        expect(matrix.locator("caption")).to_contain_text("Duels")
        expect(matrix.locator("tbody tr").first.locator("th")).to_have_text("Marc Moderator")
        expect(matrix.locator("tbody tr").first.locator("td.wins")).to_have_text("2")
        expect(admin.locator("code.tracker").first).to_be_visible()


def test_language_is_remembered_and_api_errors_are_translated(page: Page) -> None:
    # The visitor switches to English on the home page; the choice survives a reload
    page.goto("/#/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("main h1")).to_have_text("Near you")
    page.reload()
    expect(page.locator("main h1")).to_have_text("Near you")
    expect(page.get_by_role("link", name="Events", exact=True)).to_be_visible()
    expect(page.locator('.region-map [data-region="11"]')).to_have_attribute("aria-label",
                                                                        re.compile(r"^Île-de-France, \d+ upcoming"))

    # An unknown event: the API's own message, in English, with its code
    page.goto("/#/events/ev_00000000000000000000")
    # (the alert that names this error: the page may still show others while it changes)
    alert = page.get_by_role("alert").filter(has_text="event_not_found")
    expect(alert).to_contain_text("Event not found.")
    # and in Ukrainian once switched
    page.get_by_role("button", name="Українська").click()
    expect(page.get_by_role("alert").filter(has_text="event_not_found")).to_contain_text("Подію не знайдено.")

    # Dates and numbers follow the language (Intl)
    page.goto("/#/events?region=84")
    expect(page.locator(".card-date").first).to_contain_text("2026")
    months_uk = page.locator(".card-date").first.inner_text()
    page.get_by_role("button", name="English").click()
    expect(page.locator(".card-date").first).not_to_have_text(months_uk)
    expect(page.locator(".card-date").first).to_contain_text("2026")


def test_a_ranked_ballot_ordered_by_dragging(browser: Browser, site: Site) -> None:
    with person(browser, site.url, "journey_ranking_drag") as page:
        sign_up(page, name="Ranking Test")
        page.goto("/#/votes")
        page.get_by_role("link", name="Présidence du Conseil de la jeunesse de France").click()
        items = page.locator(".rank-item")
        expect(items).to_have_count(3)
        names = [items.nth(i).get_attribute("data-name") for i in range(3)]

        # The last name dragged onto the top half of the first one takes first place; the move is announced
        box = items.nth(0).bounding_box()
        assert box is not None
        items.nth(2).drag_to(items.nth(0), target_position={"x": box["width"] / 2, "y": 4})
        expect(items.nth(0)).to_have_attribute("data-name", names[2])
        expect(page.locator("#live")).to_have_text(f"{names[2]} : position 1 sur 3")
        expect(items.nth(0).locator(".rank-pos")).to_have_text("1")
        expect(page.get_by_role("button", name=f"Monter {names[2]}")).to_be_disabled()

        # And the keyboard can still fine-tune: the former first moves down one place
        page.get_by_role("button", name=f"Descendre {names[0]}").click()
        expect(items.nth(2)).to_have_attribute("data-name", names[0])
        expect(page.locator("#live")).to_have_text(f"{names[0]} : position 3 sur 3")

        page.get_by_role("button", name="Vérifier mon vote").click()
        page.get_by_role("button", name="Déposer mon bulletin").click()
        expect(page.get_by_role("heading", name="Votre bulletin est enregistré")).to_be_visible()
        expect(page.locator(".receipt .tracker")).not_to_be_empty()


def test_a_member_answers_a_poll_and_sees_the_live_results(browser: Browser, site: Site) -> None:
    with person(browser, site.url, "journey_poll") as page:
        sign_up(page, name="Poll Test")
        page.goto("/#/")
        page.get_by_role("link", name="Quel atelier voulez-vous cet automne ?").click()
        expect(page.locator("main h1")).to_have_text("Quel atelier voulez-vous cet automne ?")
        before = page.locator("main").get_by_text(re.compile(r"\d participant·e")).inner_text()
        page.get_by_label("Bandoura").check()
        page.get_by_role("button", name="Vérifier mon vote").click()  # nothing is sent before the review
        review = page.get_by_role("region", name="Vérifiez votre vote")
        expect(review.get_by_role("heading")).to_be_focused()
        expect(review.locator("li")).to_have_text(["Bandoura"])
        page.get_by_role("button", name="Modifier mon choix").click()
        expect(page.get_by_label("Bandoura")).to_be_checked()
        page.get_by_role("button", name="Vérifier mon vote").click()
        page.get_by_role("button", name="Envoyer mon vote").click()
        expect(page.locator(".success").filter(has_text="Votre réponse est enregistrée.")).to_be_visible()
        expect(page.get_by_text("Vous avez déjà voté. Merci !")).to_be_visible()
        count = int(re.sub(r"\D", "", before))
        plural = "participant·e·s" if count + 1 > 1 else "participant·e"  # French: 0 and 1 are singular
        expect(page.locator("main").get_by_text(f"{count + 1} {plural}", exact=True)).to_be_visible()
        expect(page.locator("table.bars tbody tr", has_text="Bandoura")).to_be_visible()


def test_an_owner_edits_and_cancels_an_event_and_posts_an_announcement(browser: Browser, site: Site) -> None:
    marker = uuid.uuid4().hex[:6]
    with person(browser, site.url, "journey_owner_edits") as owner:
        sign_in_as(owner, "owner", then="#/dashboard")
        owner.get_by_role("link", name="Bandura Marseille").click()
        expect(owner.locator("main h1")).to_have_text("Bandura Marseille")
        manage = owner.url

        # An announcement for the region, seen on the home page of that region
        owner.get_by_role("link", name="Nouvelle annonce").click()
        owner.get_by_label("Type d’annonce").select_option("project")
        owner.locator("fieldset.localized", has_text="Titre").get_by_label("En français").fill(
            f"Bandouras à réparer {marker}")
        owner.locator("fieldset.localized", has_text="Texte").get_by_label("En français").fill(
            "Nous cherchons un luthier.")
        owner.get_by_label("Région").select_option("93")
        owner.get_by_label("Arts", exact=True).check()
        owner.get_by_label("Bénévoles", exact=True).check()
        owner.get_by_role("button", name="Publier").click()
        expect(owner.get_by_role("link", name=f"Bandouras à réparer {marker}")).to_be_visible()
        owner.goto("/#/?region=93")
        expect(owner.locator("section:has(#home-news)")).to_contain_text(f"Bandouras à réparer {marker}")

        # The concert's title is edited, then the concert is cancelled with a reason
        owner.goto(manage)
        # scoped to the events section: the widget preview lists the same event, linking to its public page
        owner.locator("section:has(#d-events)").get_by_role("link", name="Concert de bandoura").first.click()
        expect(owner.locator("main h1")).to_have_text("Modifier l’événement")
        title = owner.locator("fieldset.localized", has_text="Titre").get_by_label("En français")
        expect(title).to_have_value("Concert de bandoura")
        title.fill(f"Concert de bandoura {marker}")
        owner.get_by_role("button", name="Enregistrer", exact=True).click()
        expect(owner.locator("main").get_by_text("Modifications enregistrées.")).to_be_visible()
        owner.get_by_label("Motif (communiqué aux inscrits)").fill("Salle indisponible")
        owner.get_by_role("button", name="Annuler l’événement").click()
        expect(owner.locator("main").get_by_text("Événement annulé.")).to_be_visible()

        # The public page says so, and registering is no longer offered
        owner.get_by_role("link", name="Page publique").click()
        expect(owner.locator("main h1")).to_have_text(f"Concert de bandoura {marker}")
        expect(owner.get_by_role("alert")).to_contain_text("Salle indisponible")
        expect(owner.get_by_text("Cet événement est annulé.")).to_be_visible()
        expect(owner.get_by_role("button", name="Je participe")).to_have_count(0)


def test_a_moderator_asks_a_poll_and_closes_it(browser: Browser, site: Site) -> None:
    question = f"Quel jour pour la fête ? {uuid.uuid4().hex[:6]}"
    with person(browser, site.url, "journey_poll_moderator") as moderator:
        sign_in_as(moderator, "moderator", then="#/moderation")
        moderator.get_by_text("Poser une question (sondage)").click()
        moderator.locator("fieldset", has_text="Question").get_by_label("En français").fill(question)
        moderator.get_by_label("Réponses possibles").fill("Samedi | Субота | Saturday\nDimanche | Неділя | Sunday")
        moderator.get_by_label("Résultats visibles").select_option("live")
        moderator.get_by_role("button", name="Publier le sondage").click()
        expect(moderator.locator("main h1")).to_have_text(question)
        poll = moderator.url

        with person(browser, site.url, "journey_poll_member") as member:
            sign_in_as(member, "member")
            member.get_by_role("button", name="Українська").click()
            member.goto(poll)
            member.get_by_label("Неділя").check()
            member.get_by_role("button", name="Перевірити свій вибір").click()
            expect(member.get_by_role("region", name="Перевірте свій голос").locator("li")).to_have_text(["Неділя"])
            member.get_by_role("button", name="Надіслати голос").click()
            expect(member.locator(".success").filter(has_text="Вашу відповідь прийнято.")).to_be_visible()

        moderator.reload()
        expect(moderator.locator("table.bars tbody tr", has_text="Dimanche")).to_contain_text("1")
        moderator.get_by_label("Motif de la clôture").fill("Assez de réponses")
        moderator.get_by_role("button", name="Clore le sondage").click()
        expect(moderator.locator(".success").filter(has_text="Sondage clos.")).to_be_visible()
        expect(moderator.locator("main")).to_contain_text("Clos")


def test_a_moderator_rejects_an_association_with_a_reason(browser: Browser, site: Site) -> None:
    name = f"Test navigateur refus {uuid.uuid4().hex[:6]}"
    with person(browser, site.url, "journey_reject_owner") as owner:
        sign_up(owner, name="Owner Test")
        owner.get_by_role("link", name="Inscrire une association").click()
        owner.get_by_label("Nom de l’association").fill(name)
        owner.get_by_label("En français").fill("Association de test.")
        owner.get_by_label("Autre", exact=True).check()
        owner.get_by_label("Français", exact=True).check()
        owner.get_by_label("Région").select_option("53")
        owner.get_by_label("Département").select_option("35")
        owner.get_by_label("Ville").fill("Rennes")
        owner.get_by_label("Code postal").fill("35000")
        owner.get_by_role("button", name="Inscrire une association").click()
        expect(owner.locator("main").get_by_text("Association inscrite : elle attend la vérification.")).to_be_visible()

        with person(browser, site.url, "journey_reject_moderator") as moderator:
            sign_in_as(moderator, "moderator", then="#/moderation")
            card = moderator.locator(".card", has_text=name)
            # a refusal needs a reason, asked for on the page before anything is sent
            card.get_by_role("button", name="Refuser").click()
            expect(card.get_by_role("alert")).to_have_text("Indiquez un motif.")
            expect(card.get_by_label("Note ou motif")).to_be_focused()
            card.get_by_label("Note ou motif").fill("Statuts manquants")
            card.get_by_role("button", name="Refuser").click()
            expect(moderator.locator(".success").filter(has_text=f"{name} est refusée.")).to_be_visible()

        owner.goto("/#/dashboard")
        owner.reload()
        mine = owner.locator(".card", has_text=name)
        expect(mine).to_contain_text("Refusée")
        expect(mine).to_contain_text("Statuts manquants")
        # and it is not in the public directory (once the region's list has rendered: a count of 0 before then
        # would prove nothing)
        owner.goto("/#/associations?region=53")
        settled(owner)
        expect(owner.get_by_role("link", name=name)).to_have_count(0)
