"""Pseudonyms: one mailbox, one name; keyed, so hashing candidate addresses re-identifies nobody."""

import hashlib

import pytest

from hromada.pseudonyms import mailbox_domain, normalise_address, pseudonym

KEY = b"k" * 32


@pytest.mark.parametrize(("given", "mailbox"), [
    ("  Olena@Example.ORG ", "olena@example.org"),
    ("olena+hromada@example.org", "olena@example.org"),
    ("olena+a+b@example.org", "olena@example.org"),
    ("O.Lena+x@GoogleMail.com", "olena@gmail.com"),
    ("o.lena@example.org", "o.lena@example.org"),  # dots matter outside Gmail
    ("+only@example.org", "+only@example.org"),  # nothing left of the local part: kept as given
    ("not-an-address", "not-an-address"),
])
def test_the_same_mailbox_is_one_address(given: str, mailbox: str) -> None:
    assert normalise_address(given) == mailbox


def test_every_alias_of_a_mailbox_has_one_pseudonym_and_purposes_do_not_link() -> None:
    names = {pseudonym(a, key=KEY) for a in ("bomb@example.org", "bomb+0@example.org", "BOMB+1@Example.org")}
    assert len(names) == 1
    assert pseudonym("bomb@example.org", "voter", key=KEY) != pseudonym("bomb@example.org", "person", key=KEY)
    assert pseudonym("bomb@example.org", key=KEY) != pseudonym("bomb@example.org", key=b"other" * 8)


def test_a_pseudonym_is_not_an_unsalted_hash_of_the_address() -> None:
    name = pseudonym("victim@example.org", key=KEY)
    assert name not in hashlib.sha256(b"victim@example.org").hexdigest()
    assert mailbox_domain("x+y@GoogleMail.com") == "gmail.com"
