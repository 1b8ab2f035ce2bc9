"""Attack: use the public subscribe form to flood an inbox or a small domain with confirmation mails.

Spacing used to be per exact address, so `bomb+0@` … `bomb+4@` (one mailbox) got five mails; and nothing
bounded how many distinct addresses of one domain the form would write to in an hour.
"""

from __future__ import annotations

import time
import uuid

import pytest

from tests.integration.mail import MAIL_QUEUES, drained, mails_to, subscribe, wait_for, wait_mails


def mails_to_domain(stack, domain: str) -> list[dict]:
    from infra.dev import sent_mail

    return [m for m in sent_mail(stack.moto_url) if str(m["to"]).endswith("@" + domain)]


def test_five_tagged_aliases_of_one_mailbox_get_one_mail(api, stack):
    local = f"bomb-{uuid.uuid4().hex[:8]}"
    aliases = [f"{local}+{n}@example.org" for n in range(5)]
    for alias in aliases:
        assert subscribe(api, alias).status_code == 202
    wait_mails(stack, aliases[0])
    assert drained(stack, *MAIL_QUEUES)
    wait_for(lambda: False, timeout=1)  # let any late one arrive
    assert sum(len(mails_to(stack, alias)) for alias in aliases) == 1
    assert len(mails_to(stack, f"{local}@example.org")) == 0  # and not to the bare mailbox either


@pytest.fixture
def domain_cap(stack):
    def set_cap(cap: int) -> None:
        stack.configure(FORM_MAILS_PER_DOMAIN_HOUR=str(cap))  # the subscriptions function's environment
        if time.time() % 3600 > 3540:  # stay within one hour: the cap is per calendar hour
            time.sleep(3601 - time.time() % 3600)

    yield set_cap
    stack.configure(FORM_MAILS_PER_DOMAIN_HOUR=None)


def test_distinct_addresses_at_one_domain_are_capped_and_the_answer_does_not_tell(api, stack, domain_cap):
    domain_cap(3)
    domain = f"d{uuid.uuid4().hex[:8]}.example.net"
    answers = [subscribe(api, f"person{i}@{domain}") for i in range(7)]
    assert {(a.status_code, a.text) for a in answers} == {(answers[0].status_code, answers[0].text)}
    assert answers[0].status_code == 202
    assert drained(stack, *MAIL_QUEUES)
    assert len(mails_to_domain(stack, domain)) == 3
    # Another domain is not affected.
    other = f"d{uuid.uuid4().hex[:8]}.example.net"
    assert subscribe(api, f"someone@{other}").status_code == 202
    assert wait_mails(stack, f"someone@{other}")
