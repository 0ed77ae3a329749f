"""The store contract, run against each real store: SQLite on disk and DynamoDB on dynalite."""

from muscle_twitch.persistence.store import StoredItem, UserStateStore

RECORD = {"schema_version": 1, "heard_introduction": True, "last_visit": "2026-11-26"}
KEY_A = "a" * 64
KEY_B = "b" * 64


def test_a_key_never_saved_loads_as_nothing(store: UserStateStore) -> None:
    assert store.load(KEY_A) is None


def test_a_saved_record_loads_back_with_its_expiry(store: UserStateStore) -> None:
    store.save(KEY_A, RECORD, expires_at=1_900_000_000)
    assert store.load(KEY_A) == StoredItem(RECORD, 1_900_000_000)


def test_saving_again_replaces_the_record(store: UserStateStore) -> None:
    store.save(KEY_A, RECORD, expires_at=1_900_000_000)
    newer = {"schema_version": 1, "heard_introduction": False}
    store.save(KEY_A, newer, expires_at=1_900_000_500)
    assert store.load(KEY_A) == StoredItem(newer, 1_900_000_500)


def test_records_of_different_people_stay_apart(store: UserStateStore) -> None:
    other = {"schema_version": 1, "heard_introduction": False, "last_visit": "2026-01-01"}
    store.save(KEY_A, RECORD, expires_at=1_900_000_000)
    store.save(KEY_B, other, expires_at=1_900_000_000)
    assert store.load(KEY_A).attributes == RECORD
    assert store.load(KEY_B).attributes == other


def test_delete_removes_only_that_record_and_tolerates_a_missing_one(
    store: UserStateStore,
) -> None:
    store.save(KEY_A, RECORD, expires_at=1_900_000_000)
    store.save(KEY_B, RECORD, expires_at=1_900_000_000)
    store.delete(KEY_A)
    store.delete(KEY_A)
    assert store.load(KEY_A) is None
    assert store.load(KEY_B) is not None
