"""Phrases Alexa recognises for its built-in intents even when the model gives no samples.

They apply only to built-in intents the model declares (Alexa never sends an intent the skill
does not have). Samples the model adds to a built-in intent are used as well. English only.
AMAZON.FallbackIntent has no phrases: it is what an unmatched line becomes.
"""

FALLBACK_INTENT = "AMAZON.FallbackIntent"

BUILTIN_PHRASES: dict[str, tuple[str, ...]] = {
    "AMAZON.HelpIntent": (
        "help", "help me", "i need help", "can you help me", "what can i say",
        "what can you do", "what do i say", "what do i do", "how does this work",
        "how do i use this", "what are my options", "instructions",
    ),
    "AMAZON.StopIntent": (
        "stop", "stop it", "off", "shut up", "be quiet", "quiet", "enough", "that's enough",
        "i'm done", "goodbye", "bye",
    ),
    "AMAZON.CancelIntent": (
        "cancel", "cancel that", "never mind", "nevermind", "forget it", "forget about it",
    ),
    "AMAZON.YesIntent": (
        "yes", "yeah", "yep", "yup", "yes please", "sure", "ok", "okay", "correct",
        "that's right", "right", "of course", "absolutely", "definitely", "i do", "uh huh",
        "affirmative",
    ),
    "AMAZON.NoIntent": (
        "no", "nope", "nah", "no thanks", "no thank you", "not really", "negative",
        "not at all", "i don't", "i do not", "no way",
    ),
    "AMAZON.RepeatIntent": (
        "repeat", "repeat that", "repeat please", "say that again", "say it again",
        "can you repeat that", "could you repeat that", "what did you say", "come again",
        "pardon", "pardon me", "again", "one more time", "repeat the question",
    ),
    "AMAZON.StartOverIntent": (
        "start over", "start again", "restart", "begin again", "start from the beginning",
        "from the beginning", "start from scratch", "let's start over",
    ),
    "AMAZON.NavigateHomeIntent": ("go home", "home", "go to home", "go back home"),
    "AMAZON.NextIntent": ("next", "skip", "skip that", "skip this", "next one", "go on"),
    "AMAZON.PreviousIntent": ("previous", "go back", "back", "last one"),
    "AMAZON.PauseIntent": ("pause", "hold on", "wait"),
    "AMAZON.ResumeIntent": ("resume", "continue", "keep going"),
    "AMAZON.MoreIntent": ("more", "tell me more", "show more"),
}  # fmt: skip
