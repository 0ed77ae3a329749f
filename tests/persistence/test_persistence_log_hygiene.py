"""With everything logged at DEBUG, whole visits through each real store (SQLite, and DynamoDB
on dynalite) leave no user id, storage key or interview answer in the logs. botocore logs
every request body at DEBUG, the key included (the last test shows it), so building the
DynamoDB client keeps botocore, boto3 and urllib3 at INFO or above, whatever the application's
level. (tests/robustness/test_log_hygiene.py covers the skill's own logging.)"""

import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from muscle_twitch.persistence.dynamodb_store import CHATTY_LOGGERS, DynamoDbStore
from muscle_twitch.persistence.fault_tolerant import FaultTolerantAdapter
from muscle_twitch.persistence.keys import key_for_user_id
from muscle_twitch.persistence.store import UserStateStore
from muscle_twitch.skill.builder import build_skill
from muscle_twitch.skill.entry import handle_event
from tests.persistence.conversations import converse, interview_answers
from tests.persistence.support import REGION, request_envelope
from tests.robustness.log_capture import capture_everything, leaked

USER_ID = "amzn1.ask.account.LOG-HYGIENE-PERSON"
EVENT = Path(__file__).parents[1] / "fixtures" / "events" / "skill_disabled.json"


@pytest.fixture
def fresh_library_loggers() -> Iterator[None]:
    """The library loggers as a new process has them (NOTSET: they inherit the root's level)."""
    saved = {name: logging.getLogger(name).level for name in CHATTY_LOGGERS}
    for name in saved:
        logging.getLogger(name).setLevel(logging.NOTSET)
    yield
    for name, level in saved.items():
        logging.getLogger(name).setLevel(level)


@pytest.fixture
def captured(
    fresh_library_loggers: None, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> Callable[[], str]:
    """Everything logged (root at DEBUG) or printed, as one text."""
    return capture_everything(caplog, capsys)


def skill_disabled_event() -> dict:
    event = json.loads(EVENT.read_text("utf-8"))
    event["context"]["System"]["user"]["userId"] = USER_ID
    return event


def test_whole_visits_log_no_user_id_key_or_answer_on_either_store(
    store: UserStateStore, captured: Callable[[], str]
) -> None:
    first_visit = converse(FaultTolerantAdapter(store), USER_ID)
    second_visit = converse(FaultTolerantAdapter(store), USER_ID, ("open muscle twitch guide", "stop"))
    handle_event(build_skill(persistence_adapter=FaultTolerantAdapter(store)), skill_disabled_event())
    assert store.load(key_for_user_id(USER_ID)) is None  # the visits and the event really ran

    answers = {a for a in interview_answers(first_visit + second_visit) if len(a) >= 3 and not a.isdigit()}
    secrets = {USER_ID, key_for_user_id(USER_ID), *answers}
    assert {"calf", "calves", "daily"} <= secrets  # the check has teeth
    assert leaked(secrets, captured()) == []
    if store.kind == "dynamodb":
        assert all(logging.getLogger(name).getEffectiveLevel() >= logging.INFO for name in CHATTY_LOGGERS)


def test_botocore_at_debug_would_log_the_storage_key(
    dynamodb_table: str, dynalite_endpoint: str, captured: Callable[[], str]
) -> None:
    """Why the library loggers are kept quiet, and proof that the check above would notice."""
    store = DynamoDbStore(dynamodb_table, endpoint_url=dynalite_endpoint, region_name=REGION)
    adapter = FaultTolerantAdapter(store)
    adapter.get_attributes(request_envelope(USER_ID))  # builds the client, which quiets botocore
    logging.getLogger("botocore").setLevel(logging.DEBUG)  # what someone debugging might do

    adapter.save_attributes(request_envelope(USER_ID), {"heard_introduction": True})

    assert leaked({key_for_user_id(USER_ID)}, captured()) == [key_for_user_id(USER_ID)]
