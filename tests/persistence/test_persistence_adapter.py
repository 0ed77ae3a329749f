"""The adapter the skill sees, over each real store: first-time users, returning users,
items written by older versions, corrupted items, expiry, and what reaches the database."""

import json
import logging
from typing import Any

import pytest
from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter

from muscle_twitch.persistence.fault_tolerant import RETENTION_SECONDS, FaultTolerantAdapter
from muscle_twitch.persistence.keys import key_for_user_id
from muscle_twitch.persistence.store import UserStateStore
from tests.persistence.support import load_fixture, read_raw, request_envelope, write_raw

USER_ID = "amzn1.ask.account.RETURNING-PERSON-0001"
OTHER_USER_ID = "amzn1.ask.account.SOMEONE-ELSE-0002"
NOW = 1_795_000_000.0  # 2026-11-18, a fixed wall clock so expiry is exact
STORED_ITEMS = load_fixture("stored_items.json")


def adapter_over(store: UserStateStore) -> FaultTolerantAdapter:
    return FaultTolerantAdapter(store, wall_clock=lambda: NOW)


def warnings_in(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_it_plugs_into_the_ask_sdk(store: UserStateStore) -> None:
    assert isinstance(adapter_over(store), AbstractPersistenceAdapter)


def test_a_first_time_user_has_no_attributes(store: UserStateStore) -> None:
    assert adapter_over(store).get_attributes(request_envelope(USER_ID)) == {}


def test_a_returning_user_gets_back_what_was_saved(store: UserStateStore) -> None:
    adapter = adapter_over(store)
    adapter.save_attributes(request_envelope(USER_ID), {"heard_introduction": True, "last_visit": "2026-11-18"})
    assert adapter.get_attributes(request_envelope(USER_ID)) == {
        "schema_version": 1,
        "heard_introduction": True,
        "last_visit": "2026-11-18",
    }
    assert adapter.get_attributes(request_envelope(OTHER_USER_ID)) == {}


def test_the_item_is_keyed_by_a_hash_and_expires_a_year_after_the_visit(
    store: UserStateStore,
) -> None:
    adapter_over(store).save_attributes(request_envelope(USER_ID), {"heard_introduction": True})
    item = store.load(key_for_user_id(USER_ID))
    assert item is not None
    assert item.expires_at == int(NOW) + RETENTION_SECONDS == int(NOW) + 365 * 86400
    assert USER_ID not in json.dumps(read_raw(store, key_for_user_id(USER_ID)))


def test_an_expired_item_is_as_good_as_gone(store: UserStateStore) -> None:
    write_raw(store, key_for_user_id(USER_ID), {"heard_introduction": True}, int(NOW) - 1)
    assert adapter_over(store).get_attributes(request_envelope(USER_ID)) == {}


def test_delete_forgets_the_person(store: UserStateStore) -> None:
    adapter = adapter_over(store)
    adapter.save_attributes(request_envelope(USER_ID), {"heard_introduction": True})
    adapter.delete_attributes(request_envelope(USER_ID))
    assert store.load(key_for_user_id(USER_ID)) is None
    assert adapter.get_attributes(request_envelope(USER_ID)) == {}


@pytest.mark.parametrize(
    ("stored", "loads_as"),
    [(case["stored"], case["loads_as"]) for case in STORED_ITEMS["readable"]],
    ids=[case["case"] for case in STORED_ITEMS["readable"]],
)
def test_items_from_other_versions_load_gracefully(
    store: UserStateStore, stored: Any, loads_as: dict, caplog: pytest.LogCaptureFixture
) -> None:
    write_raw(store, key_for_user_id(USER_ID), stored)
    assert adapter_over(store).get_attributes(request_envelope(USER_ID)) == loads_as
    assert warnings_in(caplog) == []


@pytest.mark.parametrize(
    "stored",
    [case["stored"] for case in STORED_ITEMS["corrupted"]],
    ids=[case["case"] for case in STORED_ITEMS["corrupted"]],
)
def test_a_corrupted_item_reads_as_a_first_time_user_and_the_next_save_repairs_it(
    store: UserStateStore, stored: Any, caplog: pytest.LogCaptureFixture
) -> None:
    adapter = adapter_over(store)
    write_raw(store, key_for_user_id(USER_ID), stored)

    assert adapter.get_attributes(request_envelope(USER_ID)) == {}
    [warning] = warnings_in(caplog)
    assert "unreadable" in warning.getMessage()
    assert_no_user_data(warning, stored)

    adapter.save_attributes(request_envelope(USER_ID), {"heard_introduction": True})
    assert adapter.get_attributes(request_envelope(USER_ID))["heard_introduction"] is True


def test_interview_answers_handed_to_the_adapter_never_reach_the_database(
    store: UserStateStore, caplog: pytest.LogCaptureFixture
) -> None:
    leaked = {"heard_introduction": True, "body_area": "left calf", "duration": "P3W"}
    adapter_over(store).save_attributes(request_envelope(USER_ID), leaked)

    raw = json.dumps(read_raw(store, key_for_user_id(USER_ID)))
    assert "left calf" not in raw
    assert "P3W" not in raw
    [warning] = warnings_in(caplog)
    assert warning.getMessage() == "Not storing keys outside the record schema: body_area, duration"


def test_a_request_without_a_user_is_a_first_time_user_and_stores_nothing(
    store: UserStateStore, caplog: pytest.LogCaptureFixture
) -> None:
    adapter = adapter_over(store)
    adapter.save_attributes(request_envelope(None), {"heard_introduction": True})
    assert adapter.get_attributes(request_envelope(None)) == {}
    adapter.delete_attributes(request_envelope(None))
    assert warnings_in(caplog) == []


def test_an_older_dynamodb_item_without_expiry_and_with_legacy_attributes_loads(
    dynamodb_table: str, dynamodb_admin: Any
) -> None:
    """What a pre-release build (ASK SDK's default adapter layout, no TTL) left behind."""
    from muscle_twitch.persistence.dynamodb_store import DynamoDbStore

    dynamodb_admin.put_item(
        TableName=dynamodb_table,
        Item={
            "id": {"S": key_for_user_id(USER_ID)},
            "attributes": {
                "M": {
                    "heard_introduction": {"BOOL": True},
                    "last_visit": {"S": "2026-10-01T18:30:00Z"},
                    "launch_count": {"N": "12"},
                }
            },
            "created_by": {"S": "muscle-twitch-guide 0.0.1"},
        },
    )
    store = DynamoDbStore(
        dynamodb_table,
        endpoint_url=dynamodb_admin.meta.endpoint_url,
        region_name=dynamodb_admin.meta.region_name,
    )
    adapter = adapter_over(store)
    assert adapter.get_attributes(request_envelope(USER_ID)) == {
        "schema_version": 1,
        "heard_introduction": True,
        "last_visit": "2026-10-01",
    }

    adapter.save_attributes(request_envelope(USER_ID), {"heard_introduction": True})
    item = dynamodb_admin.get_item(TableName=dynamodb_table, Key={"id": {"S": key_for_user_id(USER_ID)}})["Item"]
    assert set(item) == {"id", "attributes", "expires_at"}
    assert set(item["attributes"]["M"]) == {"schema_version", "heard_introduction"}


def assert_no_user_data(log_record: logging.LogRecord, *values: Any) -> None:
    message = log_record.getMessage()
    assert log_record.exc_info is None  # tracebacks may quote keys
    stored_texts = [v if isinstance(v, str) else json.dumps(v, default=str) for v in values]
    for secret in (USER_ID, key_for_user_id(USER_ID), *stored_texts):
        assert secret not in message


def test_after_a_failure_the_store_rests_for_the_cooldown_then_is_tried_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from muscle_twitch.persistence.dynamodb_store import DynamoDbStore, bounded_client_config
    from tests.persistence.support import REGION, ThrottlingServer

    now = [1000.0]
    with ThrottlingServer() as server:
        store = DynamoDbStore(
            "throttled",
            endpoint_url=server.endpoint_url,
            region_name=REGION,
            client_config=bounded_client_config(total_max_attempts=1),
        )
        adapter = FaultTolerantAdapter(store, cooldown_seconds=30, monotonic=lambda: now[0])
        calls_and_warnings = []
        for seconds_later in (0, 1, 29, 30.5, 31):
            now[0] = 1000.0 + seconds_later
            assert adapter.get_attributes(request_envelope(USER_ID)) == {}
            adapter.save_attributes(request_envelope(USER_ID), {"heard_introduction": True})
            calls_and_warnings.append((seconds_later, server.requests, len(warnings_in(caplog))))

    assert calls_and_warnings == [(0, 1, 1), (1, 1, 1), (29, 1, 1), (30.5, 2, 2), (31, 2, 2)]
    assert all("ProvisionedThroughputExceededException" in w.getMessage() for w in warnings_in(caplog))


@pytest.mark.parametrize("attributes", [None, ["heard_introduction"], "heard_introduction"])
def test_attributes_that_are_not_a_map_store_a_blank_record(store: UserStateStore, attributes: Any) -> None:
    adapter_over(store).save_attributes(request_envelope(USER_ID), attributes)
    assert store.load(key_for_user_id(USER_ID)).attributes == {"schema_version": 1, "heard_introduction": False}


def test_something_that_is_not_a_request_envelope_is_nobody(store: UserStateStore) -> None:
    adapter = adapter_over(store)
    assert adapter.get_attributes(None) == {}
    adapter.save_attributes(None, {"heard_introduction": True})
    adapter.delete_attributes(None)
