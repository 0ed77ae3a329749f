"""The meanings a corpus line may carry, written from the task's id lists, never read from the cause table.

The corpus measures the skill's understanding, so its vocabulary of meanings is kept apart from the
skill's own data: if the table renames an id, the corpus test keeps the old name and the scorer reports
the mismatch instead of the corpus silently following the model.
"""

from collections.abc import Mapping
from typing import Final

from muscle_twitch.locales import supported_locales

# Which locales the skill ships is not a meaning the corpus measures: it follows the care table.
LOCALES: Final = supported_locales()

# The skill's questions, by the id the interview uses; `any` holds requests that can come at any question.
QUESTIONS: Final = (
    "emergency",
    "sign_breathing",
    "sign_face",
    "sign_speech",
    "sign_limb",
    "sign_confusion",
    "sign_seizure",
    "areas",
    "eyelid_signs",
    "symptoms",
    "swallowing",
    "leg_clot",
    "onset",
    "sudden_onset",
    "frequency",
    "medicines",
    "medicine_new",
    "medicine_signs",
    "calcium_signs",
    "stomach_bug_days",
    "reliever_use",
    "everyday_weakness",
    "twitch_length",
    "triggers",
    "offer",
    "any",
    "questions",
)

# The questions of the first corpus (tests/nlu/corpus); the later batches also cover the follow-ups
# and people's own questions.
FOLLOW_UPS: Final = frozenset(
    {
        "sign_confusion",
        "eyelid_signs",
        "swallowing",
        "leg_clot",
        "calcium_signs",
        "reliever_use",
        "everyday_weakness",
        "stomach_bug_days",
        "questions",
    }
)
MAIN_QUESTIONS: Final = tuple(q for q in QUESTIONS if q not in FOLLOW_UPS)

# The questions people answer in the most ways, held to a larger minimum.
BIG_QUESTIONS: Final = frozenset(
    {"areas", "symptoms", "onset", "frequency", "medicines", "triggers", "twitch_length", "emergency", "any"}
)

# Questions answered with yes, no or not sure: every line there carries a reply or a meta request.
YES_NO_QUESTIONS: Final = frozenset(
    {
        "emergency",
        "sign_breathing",
        "sign_face",
        "sign_speech",
        "sign_limb",
        "sign_confusion",
        "sign_seizure",
        "sudden_onset",
        "medicine_new",
        "medicine_signs",
        "calcium_signs",
        "stomach_bug_days",
        "everyday_weakness",
        "swallowing",
        "eyelid_signs",
        "leg_clot",
        "reliever_use",
        "offer",
    }
)

BODY_AREAS: Final = frozenset(
    {
        "eyelid",
        "face",
        "tongue",
        "neck",
        "shoulder",
        "arm",
        "hand",
        "torso",
        "back",
        "hip",
        "leg",
        "calf",
        "foot",
        "all_over",
    }
)

SYMPTOMS: Final = frozenset(
    {
        "trouble_breathing",
        "face_droop",
        "slurred_speech",
        "sudden_weakness",
        "seizure",
        "mouth_numbness",
        "fever",
        "confusion",
        "restlessness",
        "heavy_sweating",
        "racing_heart",
        "shivering",
        "trouble_swallowing",
        "trouble_speaking",
        "worsening_weakness",
        "eyelid_closes",
        "spreading_face",
        "spreading",
        "weakness",
        "stiffness",
        "numbness",
        "muscle_wasting",
        "eyelid_droop",
        "eye_redness",
        "pain",
        "cramps",
        "swelling",
    }
)

TRIGGERS: Final = frozenset(
    {
        "caffeine",
        "stress",
        "poor_sleep",
        "exercise",
        "sweating",
        "stomach_bug",
        "dehydration",
        "smoking",
        "poor_diet",
        "eye_strain",
    }
)

MEDICINES: Final = frozenset(
    {
        "corticosteroids",
        "estrogen",
        "stimulant_medication",
        "serotonergic",
        "diuretics",
        "statins",
        "reliever_inhaler",
        "neck_surgery",
        "regular_medicine",
        "kidney_disease",
        "thyroid_disease",
        "diabetes",
        "epilepsy",
        "painkiller_or_vitamin",
    }
)

FREQUENCIES: Final = frozenset({"rarely", "daily", "often", "constant"})
TWITCH_LENGTHS: Final = frozenset({"flicker", "seconds", "minutes", "long"})
REPLIES: Final = frozenset({"yes", "no", "unsure"})
METAS: Final = frozenset({"help", "why", "repeat", "start_over", "stop", "cancel", "fallback"})

# Signs that are an emergency whatever the question: the FAST stroke signs, breathing, a seizure, a numb
# mouth (low calcium) and sudden confusion (DOMAIN.md sections 2 and 6).
RED_FLAG_SYMPTOMS: Final = frozenset(
    {"trouble_breathing", "face_droop", "slurred_speech", "sudden_weakness", "seizure", "mouth_numbness", "confusion"}
)

# Signs of serotonin syndrome: an emergency when they follow a new or changed medicine, which is what the
# medicine_new and medicine_signs questions are about (or a line that itself says the medicine is new).
SEROTONIN_SIGNS: Final = frozenset(
    {"fever", "heavy_sweating", "restlessness", "confusion", "racing_heart", "shivering"}
)

# A "yes" to these questions is itself an emergency sign (weakness that came on suddenly is a stroke sign).
RED_FLAG_QUESTIONS: Final = frozenset(
    {
        "emergency",
        "sign_breathing",
        "sign_face",
        "sign_speech",
        "sign_limb",
        "sign_confusion",
        "sign_seizure",
        "sudden_onset",
        "medicine_signs",
        "calcium_signs",
    }
)

# Who the line is about, when it is not the speaker ("my dad's eyelid").
PERSONS: Final = frozenset({"other"})

# What people ask about, in their own questions (the topics of the skill's answers).
TOPICS: Final = frozenset(
    {
        "serious",
        "disease",
        "causes",
        "my_cause",
        "what_to_do",
        "how_long",
        "when_doctor",
        "doctor_visit",
        "treatments",
        "trigger_link",
        "supplements",
        "eyelid_normal",
        "family",
        "tell_doctor",
        "why_result",
    }
)
# What a "can X cause this?" question may name: a trigger, or a medicine or alcohol.
TOPIC_TRIGGERS: Final = TRIGGERS | {"medicine", "alcohol"}

# What each key of `expect` may hold: a list of ids, one id, or (onset_days) a [min, max] range of days.
LIST_KEYS: Final = {"areas": BODY_AREAS, "symptoms": SYMPTOMS, "triggers": TRIGGERS, "medicines": MEDICINES}
ONE_OF_KEYS: Final = {
    "frequency": FREQUENCIES,
    "twitch_length": TWITCH_LENGTHS,
    "reply": REPLIES,
    "meta": METAS,
    "medicine_new": frozenset({"yes", "no"}),
    "person": PERSONS,
    "topic": TOPICS,
    "trigger": TOPIC_TRIGGERS,
}
RANGE_KEYS: Final = frozenset({"onset_days"})
# The disease a person names in their own question, as they said it ("motor neurone disease").
FREE_KEYS: Final = frozenset({"disease"})
EXPECT_KEYS: Final = frozenset(LIST_KEYS) | frozenset(ONE_OF_KEYS) | RANGE_KEYS | FREE_KEYS
# Where a person's own question (questions.toml) is said: as the skill opens or as a one-shot,
# in the middle of a question, or right after a result.
CONTEXTS: Final = frozenset({"launch", "interview", "result"})

# The longest onset a line may claim: about a lifetime, so a typo such as [3, 30000000] fails.
MAX_ONSET_DAYS: Final = 36_500


def is_red_flag(question: str, expect: Mapping[str, object]) -> bool:
    """Whether a line states an emergency sign: a red-flag symptom, or yes to a question that asks about one."""
    said = expect.get("symptoms", ())
    symptoms = set(said) if isinstance(said, list | tuple) else set()
    if symptoms & RED_FLAG_SYMPTOMS:
        return True
    after_new_medicine = question in {"medicine_signs", "medicine_new"} or expect.get("medicine_new") == "yes"
    if after_new_medicine and symptoms & SEROTONIN_SIGNS:
        return True
    return question in RED_FLAG_QUESTIONS and expect.get("reply") == "yes"
