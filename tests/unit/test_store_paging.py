"""Query paging helpers: every page is read, a page bound stops early, a refused cursor is the client's."""

import pytest
from botocore.exceptions import ClientError

from hromada.errors import BadRequest
from hromada.store.paging import query_count, query_from, query_items, query_pages


class PagedClient:
    """A Query that answers `pages` pages, each saying where the next one starts."""

    def __init__(self, pages: int):
        self.pages = pages
        self.calls: list[dict] = []

    def query(self, **params):
        self.calls.append(params)
        n = int(params.get("ExclusiveStartKey", {}).get("n", {}).get("N", "0"))
        response = {"Items": [{"n": {"N": str(n)}}], "Count": 1}
        if n + 1 < self.pages:
            response["LastEvaluatedKey"] = {"n": {"N": str(n + 1)}}
        return response


def test_every_page_is_read_from_where_the_last_stopped():
    client = PagedClient(3)
    assert [i["n"]["N"] for i in query_items(client, TableName="t")] == ["0", "1", "2"]
    assert [c.get("ExclusiveStartKey") for c in client.calls] == [None, {"n": {"N": "1"}}, {"n": {"N": "2"}}]


def test_a_page_bound_stops_the_walk():
    client = PagedClient(5)
    assert len(list(query_pages(client, max_pages=2, TableName="t"))) == 2


def test_count_sums_the_pages_and_asks_for_counts():
    client = PagedClient(4)
    assert query_count(client, TableName="t") == 4
    assert all(c["Select"] == "COUNT" for c in client.calls)


class RefusingClient:
    def query(self, **params):
        raise ClientError({"Error": {"Code": "ValidationException", "Message": "bad key"}}, "Query")


def test_a_start_key_dynamodb_refuses_is_a_bad_cursor():
    with pytest.raises(BadRequest) as refused:
        query_from(RefusingClient(), {"pk": {"S": "x"}}, TableName="t")
    assert refused.value.code == "invalid_cursor"


def test_without_a_cursor_the_refusal_is_not_the_clients():
    with pytest.raises(ClientError):
        query_from(RefusingClient(), None, TableName="t")
