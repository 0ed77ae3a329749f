"""A malformed item is that item's problem, not the store's: when DynamoDB answers with an item
whose numbers (or types) cannot be read, that person is greeted as new and the next save
repairs the item, while the store keeps serving everybody else (no 30 s rest). DynamoDB never
stores such numbers, so a stand-in endpoint returns them as raw JSON."""

import logging
from decimal import Decimal
from typing import Any

import pytest

from muscle_twitch.persistence import record
from muscle_twitch.persistence.dynamodb_store import DynamoDbStore, bounded_client_config
from muscle_twitch.persistence.errors import CorruptedItem
from muscle_twitch.persistence.fault_tolerant import FaultTolerantAdapter
from muscle_twitch.persistence.keys import key_for_user_id
from tests.persistence.support import REGION, CannedDynamoDb, request_envelope

USER_ID = "amzn1.ask.account.CORRUPTED-NUMBER"
OTHER_USER_ID = "amzn1.ask.account.SOMEONE-ELSE"


def item_with(**attributes: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": {"S": key_for_user_id(USER_ID)},
        "attributes": {"M": {"heard_introduction": {"BOOL": True}, **attributes}},
        "expires_at": {"N": "4102444800"},
    }


# case -> the item as DynamoDB's JSON would carry it
CORRUPTED_ITEMS = {
    "version NaN": item_with(schema_version={"N": "NaN"}),
    "version sNaN": item_with(schema_version={"N": "sNaN"}),
    "version Infinity": item_with(schema_version={"N": "Infinity"}),
    "version -Infinity": item_with(schema_version={"N": "-Infinity"}),
    "version beyond DynamoDB's range": item_with(schema_version={"N": "1e400"}),
    "version below DynamoDB's range": item_with(schema_version={"N": "1e-400"}),
    "version with 40 significant digits": item_with(schema_version={"N": "1.000000000000000000000000000000000000001"}),
    "version that is a word": item_with(schema_version={"N": "one"}),
    "version that is empty": item_with(schema_version={"N": ""}),
    "version as a number in a list": item_with(schema_version={"NS": ["1", "NaN"]}),
    "a visit day as a NaN": item_with(last_visit={"N": "NaN"}),
    "a key of an unknown type": item_with(schema_version={"Q": "1"}),
    "a key with two types": item_with(schema_version={"N": "1", "S": "1"}),
}


@pytest.mark.parametrize("item", CORRUPTED_ITEMS.values(), ids=CORRUPTED_ITEMS.keys())
def test_an_item_with_an_unreadable_number_is_one_new_person_not_a_store_outage(
    item: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    with CannedDynamoDb(item) as dynamodb:
        store = DynamoDbStore(
            "canned",
            endpoint_url=dynamodb.endpoint_url,
            region_name=REGION,
            client_config=bounded_client_config(total_max_attempts=1),
        )
        adapter = FaultTolerantAdapter(store)

        assert adapter.get_attributes(request_envelope(USER_ID)) == {}
        adapter.save_attributes(request_envelope(USER_ID), {"heard_introduction": True})  # repairs it
        adapter.get_attributes(request_envelope(OTHER_USER_ID))  # somebody else, right after

    assert dynamodb.operations == ["GetItem", "PutItem", "GetItem"]  # the store never rested
    [warning] = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert "Stored dynamodb item unreadable" in warning.getMessage()
    assert warning.exc_info is None


# Stored values as DynamoDB hands them over (Decimal), that no record can hold.
@pytest.mark.parametrize("version", [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_a_version_that_is_no_finite_number_is_a_corrupted_record(version: Decimal) -> None:
    with pytest.raises(CorruptedItem):
        record.from_storage({"schema_version": version, "heard_introduction": True})
