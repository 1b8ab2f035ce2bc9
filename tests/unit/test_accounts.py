"""Cognito users are addressed by sub: erasure deletes the account found by its sub, never a claimed e-mail."""

from __future__ import annotations

from hromada.auth import Principal
from hromada.store.account_admin import CognitoAccounts


class FakeCognito:
    class exceptions:
        class UserNotFoundException(Exception):
            pass

    def __init__(self, users: dict[str, dict[str, str]]) -> None:
        self.users, self.deleted, self.filters = users, [], []

    def list_users(self, UserPoolId, Filter, Limit):
        self.filters.append(Filter)
        sub = Filter.split('"')[1]
        return {"Users": [{"Username": name, "Attributes": [{"Name": k, "Value": v} for k, v in attrs.items()]}
                          for name, attrs in self.users.items() if attrs["sub"] == sub]}

    def admin_delete_user(self, UserPoolId, Username):
        self.deleted.append(Username)
        del self.users[Username]


def test_erasure_deletes_the_account_found_by_its_sub_not_the_address_it_claims():
    cognito = FakeCognito({"uuid-victim": {"sub": "sub-victim", "email": "victim@example.org",
                                           "email_verified": "true"},
                           "uuid-attacker": {"sub": "sub-attacker", "email": "victim@example.org",
                                             "email_verified": "false"}})
    accounts = CognitoAccounts("pool", cognito)
    # an attacker claiming the victim's address, even as if it were verified
    accounts.delete(Principal("sub-attacker", "victim@example.org", True, frozenset()))
    assert cognito.deleted == ["uuid-attacker"] and "uuid-victim" in cognito.users
    assert cognito.filters == ['sub = "sub-attacker"']
    accounts.delete(Principal("sub-attacker", "", False, frozenset()))  # gone already: nothing to do
    assert cognito.deleted == ["uuid-attacker"]


def test_only_a_verified_address_names_the_person_behind_an_account():
    cognito = FakeCognito({"u1": {"sub": "s1", "email": "Olena@Example.org", "email_verified": "true"},
                           "u2": {"sub": "s2", "email": "olena@example.org", "email_verified": "false"}})
    accounts = CognitoAccounts("pool", cognito)
    assert accounts.verified_email_of("s1") == "olena@example.org"
    assert accounts.verified_email_of("s2") is None and accounts.verified_email_of("nobody") is None
