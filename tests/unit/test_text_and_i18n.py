from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hromada.auth import parse_groups, principal_from_event
from hromada.i18n import LANGUAGES, message, negotiate
from hromada.i18n.messages import MESSAGES
from hromada.reference.text import SLUG_PATTERN, fold, make_slug, transliterate_uk


def test_every_message_exists_in_every_language():
    for code, texts in MESSAGES.items():
        assert set(texts) == set(LANGUAGES), code
        assert all(t.strip() for t in texts.values()), code


@pytest.mark.parametrize(("header", "lang"), [
    (None, "fr"), ("", "fr"), ("uk", "uk"), ("en-GB,en;q=0.9", "en"), ("de-DE,uk;q=0.5,en;q=0.8", "en"),
    ("ru;q=1, uk;q=0.1", "uk"), ("en;q=0", "fr"), ("*", "fr"), ("en;q=abc", "fr"),
])
def test_language_negotiation(header, lang):
    assert negotiate(header) == lang


def test_message_parameters_and_fallback():
    assert message("slug_taken", "en", slug="kyiv") == "The slug “kyiv” is already taken."
    assert message("no_such_code", "uk") == MESSAGES["bad_request"]["uk"]


@given(st.text(min_size=1, max_size=80))
def test_slugs_are_always_valid(name):
    assert re.match(SLUG_PATTERN, make_slug(name))


# Examples from the official table of the national transliteration (resolution no. 55, 27 January 2010).
@pytest.mark.parametrize(("ukrainian", "latin"), [
    ("Згорани", "Zghorany"), ("Розгон", "Rozghon"), ("Щербухи", "Shcherbukhy"), ("Юрій", "Yurii"),
    ("Єнакієве", "Yenakiieve"), ("Гаєвич", "Haievych"), ("Їжакевич", "Yizhakevych"), ("Кадиївка", "Kadyivka"),
    ("Йосипівка", "Yosypivka"), ("Стрий", "Stryi"), ("Корюківка", "Koriukivka"), ("Яготин", "Yahotyn"),
    ("Костянтин", "Kostiantyn"), ("Знам'янка", "Znamianka"), ("Ґалаґан", "Galagan"), ("Харків", "Kharkiv"),
    ("Біла Церква", "Bila Tserkva"), ("Вінниця", "Vinnytsia"), ("Житомир", "Zhytomyr"), ("Олексій", "Oleksii"),
])
def test_ukrainian_national_transliteration(ukrainian, latin):
    assert transliterate_uk(ukrainian) == latin


def test_slugs_use_the_ukrainian_transliteration_not_the_russian_one():
    assert make_slug("Громада Ліона") == "hromada-liona"  # not "gromada-liona"
    assert make_slug("Українська громада Ліона") == "ukrainska-hromada-liona"
    assert make_slug("Юність Яготина") == "yunist-yahotyna"
    assert make_slug("Maison de l'Ukraine à Lyon") == "maison-de-l-ukraine-a-lyon"  # Latin names as before


def test_fold_ignores_case_accents_and_spacing():
    assert fold("  École   UKRAÏNIENNE ") == "ecole ukrainienne"
    assert fold("Київ") == fold("КИЇВ")


@pytest.mark.parametrize(("claim", "groups"), [
    (None, set()), ("[admins moderators]", {"admins", "moderators"}), ("[]", set()),
    (["moderators"], {"moderators"}), ("admins", {"admins"}),
])
def test_groups_claim_as_http_api_flattens_it(claim, groups):
    assert parse_groups(claim) == groups


def test_principal_from_http_api_event():
    event = {"requestContext": {"authorizer": {"jwt": {"claims": {
        "sub": "abc", "email": "Iryna@Example.org", "email_verified": "true", "cognito:groups": "[admins]"}}}}}
    principal = principal_from_event(event, second_factor=lambda sub: sub == "abc")
    assert principal.email == "iryna@example.org" and principal.email_verified and principal.is_moderator
    assert not principal_from_event(event).is_moderator  # nobody asked about a second factor: no staff powers
    assert principal_from_event({"requestContext": {}}) is None


def test_region_names_sort_by_each_languages_alphabet():
    from hromada.reference.geography import REGIONS
    from hromada.reference.text import collation_key

    def ordered(lang):
        return sorted((r["names"][lang] for r in REGIONS.values()), key=lambda n: collation_key(n, lang))

    uk = ordered("uk")
    assert uk[0] == "Бретань" and uk.index("Гранд-Ест") < uk.index("Іль-де-Франс") < uk.index("Корсика")
    fr = ordered("fr")
    assert fr.index("Hauts-de-France") < fr.index("Île-de-France") < fr.index("La Réunion")


def test_french_says_e_mail_and_ukrainian_says_perevireni():
    """One word per idea: "e-mail" (never "courriel") in French; "перевірена" (never "верифікована") in Ukrainian,
    in the API's messages and the demo data alike."""
    from infra import demo

    assert not [code for code, texts in MESSAGES.items() if "courriel" in texts["fr"].lower()]
    assert "ерифік" not in repr(vars(demo))
