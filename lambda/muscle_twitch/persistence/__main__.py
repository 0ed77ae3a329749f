"""Operator commands for the stored records (docs/persistence.md).

    python -m muscle_twitch.persistence where            which store this environment uses
    python -m muscle_twitch.persistence key USER_ID      the key a userId is stored under
    python -m muscle_twitch.persistence show USER_ID     print that person's record
    python -m muscle_twitch.persistence forget USER_ID   delete that person's record

The store is chosen exactly as the skill chooses it (TABLE_NAME, MUSCLE_TWITCH_STATE_DB, ...).
Unlike the skill, these commands report store errors and exit non-zero.
"""

import argparse
import json
import sys

from muscle_twitch.persistence import record
from muscle_twitch.persistence.choice import default_adapter
from muscle_twitch.persistence.dynamodb_store import DynamoDbStore
from muscle_twitch.persistence.keys import key_for_user_id
from muscle_twitch.persistence.sqlite_store import SqliteStore


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m muscle_twitch.persistence")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("where", help="which store this environment uses")
    for name, help_text in (
        ("key", "print the key a userId is stored under"),
        ("show", "print the record stored for a userId"),
        ("forget", "delete the record stored for a userId"),
    ):
        commands.add_parser(name, help=help_text).add_argument("user_id")
    arguments = parser.parse_args(argv)

    adapter = default_adapter()
    if arguments.command == "where":
        print(_describe(adapter.store) if adapter else "nowhere: persistence is off")
        return 0
    key = key_for_user_id(arguments.user_id)
    if arguments.command == "key":
        print(key)
        return 0
    if adapter is None:
        print("persistence is off: nothing is stored", file=sys.stderr)
        return 1
    try:
        if arguments.command == "show":
            item = adapter.store.load(key)
            shown = record.from_storage(item.attributes) if item else None
            print(json.dumps(shown, indent=2, sort_keys=True))
        else:
            adapter.store.delete(key)
            print(f"deleted (if it existed) from {_describe(adapter.store)}")
    except Exception as error:  # an operator needs to see why, and a failing exit code
        print(f"{_describe(adapter.store)}: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


def _describe(store: object) -> str:
    if isinstance(store, DynamoDbStore):
        return f"DynamoDB table {store.table_name}"
    if isinstance(store, SqliteStore):
        return f"SQLite file {store.path}"
    return type(store).__name__


if __name__ == "__main__":
    sys.exit(main())
