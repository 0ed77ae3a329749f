"""`make replay-files`: the conversation tests exported as `ask dialog --replay` files are valid."""

import json
from pathlib import Path

import pytest

from tests.nlu import replay

REPLAYS = replay.replays()
SKILL = "amzn1.ask.skill.12345678-abcd-4bcd-8bcd-1234567890ab"


def test_there_is_one_replay_per_conversation_and_locale() -> None:
    conversations = sorted(p.stem for p in replay.CONVERSATIONS.glob("*.toml"))
    assert conversations
    assert sorted({(r.conversation, r.locale) for r in REPLAYS}) == sorted(
        (c, loc) for c in conversations for loc in replay.LOCALES
    )


@pytest.mark.parametrize("item", REPLAYS, ids=[f"{r.locale}-{r.conversation}" for r in REPLAYS])
def test_each_replay_is_what_ask_dialog_reads(item: replay.Replay) -> None:
    document = item.document(SKILL)
    assert set(document) == {"skillId", "locale", "type", "userInput"}
    assert document["type"] == "text" and document["locale"] in replay.LOCALES
    assert replay.SKILL_ID.fullmatch(document["skillId"])
    lines = document["userInput"]
    assert lines and all(isinstance(line, str) and line.strip() == line and line for line in lines)
    assert replay.INVOCATION in lines[0]  # the first line opens the skill


@pytest.mark.parametrize(
    ("turns", "typed"),
    [
        ([{"say": ""}, {"say": "no"}], ("open muscle twitch guide", "no")),
        ([{"say": "open muscle twitch guide"}, {"say": ""}, {"say": "yes"}], ("open muscle twitch guide", "yes")),
        ([{"say": "my calves"}], ("ask muscle twitch guide my calves",)),
        (
            [{"say": "open muscle twitch guide"}, {"say": "stop", "session": "ended"}, {"say": "my eyelid"}],
            ("open muscle twitch guide", "stop", "ask muscle twitch guide my eyelid"),
        ),
        ([{"say": "ask muscle twitch guide about my eyelid"}], ("ask muscle twitch guide about my eyelid",)),
    ],
)
def test_lines_are_typed_as_a_person_would_type_them(turns: list[dict[str, str]], typed: tuple[str, ...]) -> None:
    assert replay.typed_lines(turns) == typed


def test_the_export_writes_json_files_and_refuses_a_bad_skill_id(tmp_path: Path) -> None:
    assert replay.main(["--skill-id", SKILL, "--out", str(tmp_path)]) == 0
    files = sorted(tmp_path.glob("*/*.json"))
    assert len(files) == len(REPLAYS)
    assert json.loads(files[0].read_text("utf-8"))["skillId"] == SKILL
    with pytest.raises(SystemExit):
        replay.main(["--skill-id", "my-skill", "--out", str(tmp_path)])
