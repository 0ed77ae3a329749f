"""The skill's reader: every word a person said, read into the core's Evidence.

Alexa hands the skill words: the value of the slot the skill asked for (often the whole answer),
or the words after a yes or a no. The reader reads them all, in the locale's language data:

- replies: "yes", "no", "not sure" said first or last, or implied by content on a yes/no question
  ("my breathing is fine" is no to the breathing question, "I can't catch my breath" is yes);
- things of the cause table, as phrases ("pins and needles") or as a body part and a sign in one
  clause in any order ("my smile looks crooked", "one side of his mouth droops");
- negation and its reach ("no weakness, just tired"), hedges, corrections ("my arm, no wait, my
  shoulder"), and explanations that take the alarm out of a sign ("breathless after the stairs");
- who it is about (a carer's "his face", "my dad's legs"), an age, times and how often;
- cues that answer a yes/no question unasked ("it came on suddenly", "been on it for years");
- people's own questions ("is it ALS?", "why?");
- words that may carry a red flag but could not be placed: the skill asks about them.

No ASK SDK here: the shell passes text in, the core gets Evidence out.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from typing import Any, NamedTuple

from muscle_twitch.core.interview import Evidence, Heard, Topic
from muscle_twitch.core.knowledge import Knowledge
from muscle_twitch.core.topics import MEDICINE_KEY
from muscle_twitch.language.context import Context
from muscle_twitch.language.lexicon import Entry, Lexicon, load_lexicon
from muscle_twitch.language.times import DAY, TimeWords, find_times, number_at
from muscle_twitch.language.tokens import Token, stem, tokenize

# A person's answer is a sentence or two; anything longer is cut (and costs nothing more).
MAX_WORDS = 60
# Ages the reader believes ("he's fourteen"; "she's ninety").
MIN_AGE, MAX_AGE = 1, 110
# Symptom time that makes a sign sudden (hours) or gradual (weeks).
SUDDEN_DAYS = 1
SIGN_SUDDEN_DAYS = 0.25  # a sign's own time in hours: six hours ago or less came on suddenly
GRADUAL_DAYS = 14
HISTORY_DAYS = 180  # a sign this long ago is history, not what is happening now
# Requests that end or restart the session: taken only when they are all that was said.
ENDING_REQUESTS = frozenset({"stop", "cancel", "start_over"})
AREA = "body_area"
# How a sign began: the question, and the weakness that is the stroke sign when it was sudden.
SUDDEN = "sudden_onset"
SUDDEN_SIGN = "sudden_weakness"
WEAK_OR_NUMB = frozenset({"weakness", "numbness"})
# A medicine name the lexicon does not know stays a regular medicine ("I take zorbaflex").
UNNAMED_MEDICINE = "regular_medicine"
MAX_UNNAMED_WORDS = 3


# Kinds that say when, how often or how long: of the twitching only when said of it.
_WHEN_AND_HOW_OFTEN = frozenset(["onset", "frequency", "twitch_length"])


class _Match(NamedTuple):
    start: int  # token positions (in the sentence's tokens), end exclusive
    end: int
    kind: str
    id: str
    positions: tuple[int, ...]  # the tokens it used (a combo's are not contiguous)
    sign: tuple[int, ...] = ()  # a combo's sign words ("drooping" of "my cheek ... drooping")


class _Sentence:
    """One utterance, tokenized once, with the views the steps share."""

    def __init__(self, text: str, lexicon: Lexicon) -> None:
        self.tokens: tuple[Token, ...] = tokenize(text)[:MAX_WORDS]
        self.stems = [t.stem for t in self.tokens]
        self.lex = lexicon
        # Content tokens: what term phrases are compared on.
        self.content = [i for i, s in enumerate(self.stems) if s not in lexicon.light and s not in lexicon.fillers]
        self.content_stems = [self.stems[i] for i in self.content]
        # The words said, fillers aside ("um, I think..."): what "said first" means.
        self.words = [i for i, s in enumerate(self.stems) if s not in lexicon.fillers]
        self._found: dict[tuple[str, int], list[tuple[int, int, object]]] = {}
        self._found_for: dict[tuple[str, object], list[tuple[int, int]]] = {}
        self.clause = self._clauses()

    def _clauses(self) -> list[int]:
        """Each token's clause number: clauses end at a clause breaker ("and", "but", ...)."""
        number, out = 0, []
        i = 0
        while i < len(self.stems):
            size = self.lex.has("clause_breakers", self.stems, i)
            if size:
                number += 1
                out.extend([number] * size)
                i += size
                continue
            out.append(number)
            i += 1
        return out

    def said(self, positions: Sequence[int]) -> str:
        """The words as said from the first to the last of `positions` (each word once)."""
        first, last = min(positions), max(positions)
        words: list[str] = []
        seen = -1
        for token in self.tokens[first : last + 1]:
            if token.index != seen:
                words.append(token.said)
                seen = token.index
        return " ".join(words)

    def find(self, index_name: str, start: int = 0) -> list[tuple[int, int, object]]:
        """(start, end, value) of every phrase of a word list in the full sentence, not overlapping
        (each list searched once per sentence: the reader asks for some many times)."""
        key = (index_name, start)
        if key not in self._found:
            self._found[key] = self._search(index_name, start)
        return list(self._found[key])

    def find_for(self, index_name: str, value: object) -> list[tuple[int, int]]:
        """(start, end) of every phrase of a word list that has `value` among its values ("sore"
        is an everyday word of both the eye and the leg question)."""
        key = (index_name, value)
        if key not in self._found_for:
            index = getattr(self.lex, index_name) if hasattr(self.lex, index_name) else self.lex.lists[index_name]
            spans, i = [], 0
            while i < len(self.stems):
                hit = index.longest_at(self.stems, i)
                if hit:
                    if value in hit[1]:
                        spans.append((i, i + hit[0]))
                    i += hit[0]
                else:
                    i += 1
            self._found_for[key] = spans
        return list(self._found_for[key])

    def _search(self, index_name: str, start: int) -> list[tuple[int, int, object]]:
        index = getattr(self.lex, index_name) if hasattr(self.lex, index_name) else self.lex.lists[index_name]
        found, i = [], start
        while i < len(self.stems):
            hit = index.longest_at(self.stems, i)
            if hit:
                size, values = hit
                found.append((i, i + size, values[0]))
                i += size
            else:
                i += 1
        return found


_NO_CONTEXT = Context()
# A phrase group's phrases by their first stem, so a sentence is matched against the few phrases
# that can start at each word. Groups live as long as their lexicon (cached), so id() is stable.
_FIRST_STEMS: dict[int, tuple[Sequence[tuple[str, ...]], dict[str, list[tuple[str, ...]]]]] = {}


def _by_first(phrases: Sequence[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    known = _FIRST_STEMS.get(id(phrases))
    if known is not None and known[0] is phrases:
        return known[1]
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        if phrase:
            table.setdefault(phrase[0], []).append(phrase)
    _FIRST_STEMS[id(phrases)] = (phrases, table)
    return table


def read(text: str, knowledge: Knowledge, locale: str | None, context: Context = _NO_CONTEXT) -> Evidence:
    """The evidence in `text` (words Alexa heard), read in `locale`'s language."""
    lexicon = load_lexicon(locale)
    sentence = _Sentence(text, lexicon)
    if not sentence.tokens:
        return Evidence()
    return _Reading(sentence, knowledge, context).evidence()


def _asked_key(sentence: _Sentence, lexicon: Lexicon) -> tuple[str, int] | None:
    """The first answer key named in the words ("alcohol", "medicine") and its phrase's length."""
    index = lexicon.topic_keys.get("trigger")
    if index:
        for i in range(len(sentence.stems)):
            found = index.longest_at(sentence.stems, i)
            if found:
                return str(found[1][0]), found[0]
    return None


def _cause_asked(sentence: _Sentence, lexicon: Lexicon) -> tuple[str, set[int]] | None:
    """What a cause question asks about: the first trigger of the cause table it names, with its
    word positions, or an answer key of the words' own. Some things the answers key by their own
    words ("alcohol", "my tablets") a trigger also names (alcohol dehydrates): the longer phrase
    says which is asked ("not drinking enough water" is dehydration), a tie the key."""
    keyed = _asked_key(sentence, lexicon)
    stems = sentence.content_stems
    for n in range(len(stems)):
        hit = lexicon.terms.longest_at(stems, n)
        if hit and any(e.kind == "trigger" for e in hit[1]) and (keyed is None or hit[0] > keyed[1]):
            trigger = next(e.id for e in hit[1] if e.kind == "trigger")
            return trigger, set(sentence.content[n : n + hit[0]])
    return (keyed[0], set()) if keyed is not None else None


def key_asked_about(text: str, locale: str | None) -> str:
    """The answer key a cause question's words name, when no trigger they name outweighs it:
    "drinking alcohol" is alcohol, "not drinking enough water" is no key."""
    lexicon = load_lexicon(locale)
    asked = _cause_asked(_Sentence(text, lexicon), lexicon)
    return asked[0] if asked is not None and not asked[1] else ""


class _Reading:
    def __init__(self, sentence: _Sentence, knowledge: Knowledge, context: Context) -> None:
        self.s = sentence
        self.lex = sentence.lex
        self.k = knowledge
        self.ctx = context
        self.consumed: set[int] = set()
        self.sign_times: list[tuple[str, str, float]] = []
        self.strong_implied: dict[str, str] = {}
        self.matched: set[int] = set()
        self.asked_positions: set[int] = set()  # the words of the person's own question, if any
        self.idiom_positions: set[int] = set()  # figures of speech with a sign's word in them
        self.explained_away: set[str] = set()  # signs said with an everyday reason for them
        self._topic_id: str | None = None  # the person's own question, if any

    # ---------------------------------------------------------------- the whole reading
    def evidence(self) -> Evidence:
        s = self.s
        if self._off_domain():
            return Evidence()
        whole_meta = self._meta(whole=True) or self._meta_opener()
        if whole_meta == "confused":
            return self._confused()
        if whole_meta:
            return Evidence(meta=whole_meta)
        reply, reply_end = self._leading_reply()
        times = [t for t in self._times_said() if not self._inside_a_term(t.start, t.end)]
        for t in times:
            self.consumed.update(range(t.start, t.end))
        topic = self._topic()
        self.asked_positions = topic[2] if topic else set()
        self._topic_id = topic[0] if topic else None
        matches = self._terms()
        self.matched = {p for m in matches if m.kind not in (AREA, "neutral") for p in m.positions}
        self.neutral_positions = {p for m in matches if m.kind == "neutral" for p in range(m.start, m.end)}
        negated = self._negated(matches, reply, reply_end)
        self.history = self._history(times, matches)
        self.things = self._thing_clauses(matches)
        subject = self._subject()
        family = subject == "family"
        asking = self.ctx.asking
        # At a yes/no question, what sets it off, how often and how long are not what is being
        # asked, and "a new prescription" names no medicine beyond the one asked about.
        yes_no = asking is not None and asking.answer == "yes_no"
        # At "what medicines?" how often is of the medicine ("panadol now and then"), and a body
        # part what it is for ("for my back").
        about_things = asking is not None and asking.kind == "medicine"
        # At "has anything changed?" they are of the change ("heaps of stress", "up all hours").
        about_triggers = asking is not None and asking.kind == "trigger"
        skip_kinds = {"frequency", "twitch_length"} if yes_no or about_things or about_triggers else set()
        # A follow-up's own everyday words name its answer ("just sore" to "is the leg swollen, warm
        # or red?"), not another sign beside it. On the safety check every sign word stays.
        safety = asking is not None and self._safety_check(asking.id)
        own_words = self._own_question_words() if yes_no and not safety else set()
        asked_signs = set(asking.yes_adds) | set(asking.no_denies) if yes_no and asking else set()
        asked_after = self._asked_after() if yes_no else set()
        owned_up = yes_no and not safety and self._yes_said()  # "sweaty yes, but it's hot out"
        # A question of their own that is not about twitching ("what's the cricket score?"), or one
        # put first ("could stress cause it?"), answers nothing, except a red flag said in it.
        # A worry said beside a statement ("my arm twitches and I'm scared") leaves the statement.
        off_topic = (topic is None and self._put_as_question) or (topic is not None and self._asked_first)
        positive: list[_Match] = []
        denied: list[str] = []
        confirm: list[str] = []
        area_clauses = {s.clause[m.start] for m in matches if m.kind == AREA}
        fine_words = {p for start, end, _ in s.find("normal") for p in range(start, end)}
        idioms = self.idiom_positions = {p for start, end, _ in s.find("sign_idioms") for p in range(start, end)}
        sign_clauses = {s.clause[p] for m in matches if m.kind == "symptom" for p in (*m.positions, m.start)}
        for m in matches:
            if m.kind == "neutral" or m.kind in skip_kinds or (yes_no and m.id == UNNAMED_MEDICINE):
                continue
            if m.kind == "symptom" and m.id not in asked_signs and set(m.positions) <= own_words:
                continue
            if yes_no and m.kind == "medicine" and m.id in asked_after:
                continue  # "he's puffing on his ventolin nonstop", to "more reliever than usual?"
            if yes_no and m.kind == "trigger" and (safety or not self._explains(m) or m.id in asked_after):
                # "Sweating buckets" is the sign asked about; "no, just sore from the gym" gives a
                # reason. At the safety check a reason is not yet the answer to "what's changed?".
                continue
            if (yes_no or about_things or about_triggers) and m.kind == AREA and not self._twitches_in_any():
                # "My arms feel like noodles", "prednisolone for her chest", "training legs hard at
                # the gym": where the sign, the medicine or the trigger is, not a twitch.
                continue
            if topic and topic[2] and set(m.positions) & topic[2] and m.kind != AREA:
                # "could it be MS?": the disease asked about is not a condition they have (a place
                # is: "it's my eyelid, is that normal?")
                continue
            # A combo is negated with its sign words ("my cheek twitches but it's not drooping").
            if (m.sign and all(negated[p] for p in m.sign)) or (
                negated[m.start] and m.positions and all(negated[p] for p in m.positions)
            ):
                if m.kind == "symptom":
                    denied.append(m.id)
                continue
            if family and m.kind == "medicine" and s.clause[m.start] in self._people_clauses():
                continue  # "my mum has MS": someone else's condition, not the patient's
            if m.kind == "symptom" and set(m.positions) <= fine_words:
                continue  # "fit and well", "fighting fit": a word for fine, not the sign
            if m.kind == "symptom" and set(m.positions or range(m.start, m.end)) & idioms:
                # "He had a fit when he saw the bill": asked about plainly, never taken.
                confirm.extend(self._asked_plainly(m.id))
                continue
            if m.kind == "symptom" and self._likened(m, area_clauses):
                # "My eyelid goes like it's having a little fit": how the twitch looks; a red flag
                # in it is asked about plainly, never dropped.
                confirm.extend(self._asked_plainly(m.id))
                continue
            if m.kind == "symptom" and self._said_fine_of(m):
                denied.append(m.id)  # "my temperature's normal, I checked"
                continue
            if m.kind in _WHEN_AND_HOW_OFTEN and self._of_another_sign(m, sign_clauses, yes_no):
                continue  # "my eye's red in the mornings", "since evening his leg is not working"
            if m.kind == "onset" and s.clause[m.start] in self.history | self.things:
                continue  # "years ago" of a sign long past, "on prozac for years": not the twitching's start
            if m.kind == "medicine" and s.clause[m.start] in self._past_clauses() | self._stopped_clauses():
                continue  # "I used to be on citalopram", "I came off it in the spring"
            if m.kind == "symptom" and s.clause[m.start] in self.history:
                # "He had Bell's palsy years ago": a sign of the past is asked about, not taken.
                confirm.extend(self._asked_plainly(m.id))
                continue
            # Asked what else they have, "achy after the gym" is an ache (with its reason); a red
            # flag, weakness or numbness ("my hand goes numb when I sleep on it"), or a yes/no
            # question's sign is taken out by its everyday reason.
            weighed = yes_no or (m.kind == "symptom" and (self._is_red_flag(m.id) or m.id in WEAK_OR_NUMB))
            if (
                m.kind == "symptom"
                and weighed
                and not owned_up
                and self._explained(frozenset(range(m.start, m.end)) | set(m.positions), m.id)
            ):
                # "A bit breathless after the stairs": not taken as said; a red flag is asked about.
                confirm.extend(self._sign_questions(m.id))
                self.explained_away.add(m.id)
                continue
            if off_topic and not (m.kind == "symptom" and self._is_red_flag(m.id)):
                continue
            if m.kind == "symptom" and self._word_before(m.start) == "for" and self._names_medicine():
                continue  # "keppra for my seizures": what a medicine is for, not a sign now
            if m.kind == "symptom" and self._in_a_question_back(m):
                confirm.extend(self._asked_plainly(m.id))
                continue  # "am I slurring? you tell me": asked, not said
            positive.append(m)
        positive = self._purposes_dropped(self._corrected(positive))
        if safety:
            # "She can't get her words out": close to a red flag, so its question is asked plainly.
            near = self.lex.near_red_flags
            confirm.extend(
                near[m.id] for m in positive if m.kind == "symptom" and m.id in near and near[m.id] != asking.id
            )
        if asking is not None and asking.unsure_floor is not None and self._doubted():
            # "I don't know, I might have fainted": a sign said with doubt is not taken as said.
            doubted = set(asking.yes_adds) | set(asking.no_denies)
            positive = [m for m in positive if not (m.kind == "symptom" and m.id in doubted)]
            reply = "unsure" if reply != "no" else reply
        fields, extra, self.sign_times = self._time_fields([] if off_topic else times, positive)
        heard = [
            *self._heard(positive),
            *extra,
            *self._unnamed_medicine(positive, reply, off_topic),
            *self._all_named(negated),
        ]
        implied = self._implied(positive, negated)
        if implied.get(SUDDEN) == "yes" and {m.id for m in positive} & WEAK_OR_NUMB:
            # Weakness or numbness that came on suddenly is the stroke sign itself.
            heard.append(Heard("symptom", SUDDEN_SIGN, None))
            positive.append(_Match(0, 0, "symptom", SUDDEN_SIGN, ()))
        reply = self._reply(reply, positive, denied, implied, negated)
        if reply is None and self._dated_by_an_event(fields, heard):
            reply = "unsure"  # "since the exams started": a start they know, but not when it was
        # The question on the table takes its answer as the reply, not as something unasked.
        asked_id = self.ctx.asking.id if self.ctx.asking else None
        implied = {q: r for q, r in implied.items() if q != asked_id}
        confirm += self._unplaced_red_flags(positive, negated, matches)
        meta = None if heard or reply or fields or topic or confirm else self._meta()
        if meta:
            return Evidence(meta=meta)
        return Evidence(
            terms=tuple(heard),
            reply=reply,
            implied=tuple(sorted(implied.items())),
            subject=None if family else subject,
            age=self._age(),
            confirm=tuple(dict.fromkeys(confirm)),
            denied=tuple(dict.fromkeys(denied)),
            topics=(Topic(topic[0], topic[1]),) if topic else (),
            **fields,
        )

    def _times_said(self) -> list[TimeWords]:
        """The times in the words. Asked when it started, Alexa keeps a "since" back as the slot's
        carrier ("since Hogmanay" arrives as "hogmanay"): a day of the year alone is read after it."""
        s = self.s
        found = find_times(s.stems, self.lex.time, self.ctx.today)
        asking = self.ctx.asking
        if found or asking is None or asking.answer != "days" or not s.stems:
            return found
        carrier = self.lex.time.get("carrier")
        if not carrier:
            return found
        since = find_times([stem(carrier), *s.stems], self.lex.time, self.ctx.today)
        return [t._replace(start=max(0, t.start - 1), end=t.end - 1) for t in since if t.start == 0]

    def _inside_a_term(self, start: int, end: int) -> bool:
        """Whether a time ("a while") is part of a longer phrase of the cause table ("once in a
        while" is how often, not how long ago)."""
        s = self.s
        for n in range(len(s.content_stems)):
            hit = self.lex.terms.longest_at(s.content_stems, n)
            if hit and any(e.kind != AREA for e in hit[1]):
                first, last = s.content[n], s.content[n + hit[0] - 1]
                if first <= start and end - 1 <= last and (first, last) != (start, end - 1):
                    return True
        return False

    def _opens_back(self) -> set[int]:
        """Clauses that open with "it" or "they" ("..., but I came off it last year"): they speak
        of what the clause before them named."""
        s = self.s
        breaking = {p for i, end, _ in s.find("clause_breakers") for p in range(i, end)}
        return self._opened_by("back_references", breaking)

    def _conditions(self) -> set[int]:
        """Clauses that open with when a sign comes ("... when he drinks", "every time I eat")."""
        return self._opened_by("condition_openers")

    def _opened_by(self, index_name: str, skipped: Container[int] = ()) -> set[int]:
        """Clauses whose first words (fillers and `skipped` aside) are a phrase of `index_name`."""
        s = self.s
        return {
            s.clause[i]
            for i, _, _ in s.find(index_name)
            if all(j in skipped or s.stems[j] in self.lex.fillers for j in range(i) if s.clause[j] == s.clause[i])
        }

    def _history(self, times: list[TimeWords], matches: list[_Match]) -> set[int]:
        """Clauses that tell of a sign long past ("he had Bell's palsy years ago", "I used to
        faint as a kid"): a sign and a time at least HISTORY_DAYS ago, with no twitching."""
        s = self.s
        signs = {s.clause[m.start] for m in matches if m.kind == "symptom"}
        old = {s.clause[t.start] for t in times if t.kind == "onset_days" and t.value >= HISTORY_DAYS}
        old |= {s.clause[m.start] for m in matches if m.kind == "onset" and self._days_of(m.id) >= HISTORY_DAYS}
        old |= self._past_clauses()
        self.old_clauses = {c for c in old if not self._twitches_in(c)}
        return signs & self.old_clauses

    def _thing_clauses(self, matches: list[_Match]) -> set[int]:
        """Clauses about a medicine or a trigger with no twitching in them ("I came off it last
        year", "the runs for three days"), and the clauses that refer back to one with "it"."""
        s = self.s
        things = {s.clause[m.start] for m in matches if m.kind in ("medicine", "trigger")}
        things |= {c for c in self._opens_back() if c - 1 in things}
        onset_asked = self.ctx.asking is not None and self.ctx.asking.answer == "days"
        return set() if onset_asked else {c for c in things if not self._twitches_in(c)}

    def _stopped_clauses(self) -> set[int]:
        """Clauses that say a medicine was stopped ("I came off citalopram", "stopped the pill")."""
        return {self.s.clause[i] for i, _, _ in self.s.find("stopped_markers")}

    def _past_clauses(self) -> set[int]:
        """Clauses put in the past ("I used to faint as a kid"), not a comparison with it ("he
        trips more than he used to")."""
        s = self.s
        compared = {p for start, end, _ in s.find("past_compared") for p in range(start, end)}
        past: set[int] = set()
        for i, _, _ in s.find("past_markers"):
            if i in compared:
                continue
            past.add(s.clause[i])
            if i > 0 and s.clause[i - 1] != s.clause[i]:
                # A marker that opens its clause dates the one before ("a seizure once, when I was
                # a little kid"); a sign said now beside it is asked about, never dropped.
                past.add(s.clause[i - 1])
        return past

    def _days_of(self, onset_id: str) -> float:
        term = self.k.terms.get("onset", {}).get(onset_id)
        return float(term.extra.get("days", 0)) if term else 0.0

    def _off_domain(self) -> bool:
        """A request for something else entirely ("set a timer", "play some music")."""
        s = self.s
        words = s.words
        return bool(words) and bool(self.lex.has("off_domain", s.stems, words[0]))

    # ---------------------------------------------------------------- requests about the conversation
    def _meta(self, *, whole: bool = False) -> str | None:
        """ "Why do you ask?", "say that again": a request about the conversation, when the words
        carry nothing else (`whole`: when the request is all that was said, light words aside)."""
        s = self.s
        negators = {
            i + size for i, size in ((i, self.lex.has("negators", s.stems, i)) for i in range(len(s.stems))) if size
        }
        # "It doesn't stop" is how often, never a request to stop; a request that ends or restarts
        # the session is only taken when it is all that was said.
        found = [
            (start, end, value)
            for start, end, value in s.find("meta")
            if start not in negators
            and not (start > 0 and start - 1 in negators)
            # Inside a longer sentence a request of one word counts only said first, and never a
            # question word: "pardon, where do I feel what?" asks again, "what happens at the
            # neurologist?" is a question.
            and (whole or (value not in ENDING_REQUESTS and (end - start > 1 or self._said_first(start))))
        ]
        if not found:
            return None
        if whole:
            covered = {p for start, end, _ in found for p in range(start, end)}
            covered |= {p for start, end, _ in s.find("courtesy") for p in range(start, end)}
            rest = [
                i
                for i, st in enumerate(s.stems)
                if i not in covered and st not in self.lex.light and st not in self.lex.fillers
            ]
            if rest:
                return None
        return str(found[0][2])

    def _said_first(self, start: int) -> bool:
        """The word at `start` opens the sentence (fillers aside) and is not a question word."""
        s = self.s
        words = s.words
        return bool(words) and words[0] == start and not self.lex.question_openers.longest_at(s.stems, start)

    def _meta_opener(self) -> str | None:
        """A request about the question itself, said first ("what do you mean by suddenly?"), or
        "I'm confused" said alone."""
        s = self.s
        words = s.words
        if not words or self.lex.replies.longest_at(s.stems, words[0]):
            return None
        first = words[0]
        if self.lex.has("why_openers", s.stems, first) or self._why_this_question(first):
            return "why"
        if self.lex.has("help_openers", s.stems, first):
            return "help"
        # "What does a doctor do for this?" opens like "what does a ... mean?": a question of their
        # own when the topics know it, else help with the question.
        if self.lex.has("help_or_own_openers", s.stems, first) and self._topic() is None:
            return "help"
        size = self.lex.has("confused", s.stems, first)
        if size and all(s.stems[i] in self.lex.light for i in words if i >= first + size):
            return "confused"
        return None

    def _why_this_question(self, first: int) -> bool:
        """ "Why swallowing?", "why would my lips matter?", "why would I need that?", at a question
        of the interview: why it is asked. Not a why about the twitching ("why is my eye
        twitching?") nor about advice ("why do I need a doctor?"), which are questions of their own."""
        s = self.s
        if self.ctx.asking is None or s.stems[first] != "why" or self._twitches_in_any():
            return False
        topic = self._topic()
        return topic is None or topic[0] in ("my_cause", "causes")

    def _confused(self) -> Evidence:
        """ "I'm confused": not sure, where the question asks about sudden confusion; help elsewhere."""
        asking = self.ctx.asking
        if asking is not None and ("confusion" in asking.no_denies or "confusion" in asking.yes_adds):
            return Evidence(reply="unsure")
        return Evidence(meta="help")

    # ---------------------------------------------------------------- yes, no, not sure
    def _leading_reply(self) -> tuple[str | None, int]:
        """A reply said first (after fillers and hedges), or last ("..., nothing else"), or all
        that was said ("I have"); and where the words after a first reply begin."""
        s = self.s
        words = s.words
        if not words:
            return None, 0
        hit = self.lex.replies_alone.longest_at(s.stems, words[0])
        if hit and words[0] + hit[0] >= len(s.stems):
            return self._one_reply(hit[1]), len(s.stems)
        i = words[0]
        while i < len(s.stems):
            if s.stems[i] in self.lex.fillers:
                i += 1
                continue
            size = self.lex.has("hedges", s.stems, i)
            if size and not self.lex.replies.longest_at(s.stems, i):  # "I think so" is a reply
                i += size
                continue
            break
        hit = self.lex.replies.longest_at(s.stems, i) if i < len(s.stems) else None
        if not hit:
            denial = self._denial_then_no(i)
            if denial is not None:
                return "no", denial
        if hit:
            size, values = hit
            # "Kind of gradually": a hedge before an answer is not a "not sure".
            rest = [j for j in range(i + size, len(s.stems)) if s.stems[j] not in self.lex.light]
            if rest and self._one_reply(values) == "unsure" and self.lex.has("hedges", s.stems, i) == size:
                return self._trailing_reply(), i + size
            withdrawn = [end for start, end, _ in s.find("corrections", i) if end > i + size]
            if withdrawn:
                # "No wait, yes I had one": a correction withdraws the first reply; what follows it
                # answers, a reply or the words themselves.
                restart = {p for start, end, _ in s.find("restart_words") for p in range(start, end)}
                after = next(
                    (
                        j
                        for j in range(withdrawn[-1], len(s.stems))
                        if s.stems[j] not in self.lex.fillers and j not in restart
                    ),
                    None,
                )
                again = self.lex.replies.longest_at(s.stems, after) if after is not None else None
                return (self._one_reply(again[1]), after + again[0]) if again and after is not None else (None, 0)
            return self._one_reply(values), i + size
        return self._trailing_reply(), 0

    def _yes_said(self) -> bool:
        return any(value == "yes" for _, _, value in self.s.find("replies"))

    def _denial_then_no(self, at: int) -> int | None:
        """ "Not round the mouth, no, just my feet", "not suddenly no": a negated phrase said
        first and then a bare no is the reply no; where the words after that no begin."""
        s = self.s
        if at >= len(s.stems) or not self.lex.has("negators", s.stems, at):
            return None
        for j in range(at + 1, min(at + 6, len(s.stems))):
            if s.tokens[j].key in ("no", "nope", "nah"):
                return j + 1
        return None

    def _trailing_reply(self) -> str | None:
        """ "..., nothing else", "..., I'm not sure": a no or a not-sure said last."""
        s = self.s
        for size in range(min(5, len(s.stems)), 0, -1):
            start = len(s.stems) - size
            hit = self.lex.replies.longest_at(s.stems, start)
            if hit and hit[0] == size and start > 0:
                reply = self._one_reply(hit[1])
                if reply == "no" and any(i < start for i, _, _ in s.find("normal")):
                    return None  # "she was fine this morning, but not now": no plain no
                if reply in ("no", "unsure"):
                    return reply
        return None

    def _doubted(self) -> bool:
        """A sign said with doubt about it ("I don't know, I might have fainted")."""
        return self._unsure_said() or bool(self.s.find("doubts"))

    def _unsure_said(self) -> bool:
        """ "Not sure" or "I don't know" anywhere in the words (a hedge such as "a bit" is not,
        nor words that belong to a sign: "I don't remember any of it" tells of a seizure)."""
        s = self.s
        return any(
            value == "unsure"
            and self.lex.has("hedges", s.stems, start) != end - start
            and not self.matched.intersection(range(start, end))
            for start, end, value in s.find("replies")
        )

    @staticmethod
    def _one_reply(values: Sequence[object]) -> str:
        # A phrase listed under two replies is read as the safer one: not sure over no.
        names = [str(v) for v in values]
        for reply in ("unsure", "yes", "no"):
            if reply in names:
                return reply
        return names[0]

    def _reply(
        self,
        said: str | None,
        positive: list[_Match],
        denied: list[str],
        implied: dict[str, str],
        negated: list[bool],
    ) -> str | None:
        """The reply to the question on the table. On a yes/no question, what the words say about
        its own sign counts more than the word said first: a sign heard is a yes (never lost to a
        "no" or a "not sure"), a sign denied or said to be fine is a no."""
        question = self.ctx.asking
        # "I haven't noticed any numbness": everything mentioned was denied.
        terms_question = question is not None and question.answer == "terms" and said is None
        if terms_question and denied and not any(m.kind == question.kind for m in positive):
            return "no"
        if question is None or question.answer != "yes_no":
            return said
        signs = set(question.yes_adds) | set(question.no_denies)
        heard = {m.id for m in positive if m.kind == "symptom"}
        if heard & signs and question.unsure_floor is not None and self._doubted():
            return "unsure"  # "I might have fainted", "not sure if it was a seizure"
        timed = next((c.with_ids for c in self.lex.cues if c.question == SUDDEN and c.reply == "no"), frozenset())
        slow = heard & signs and heard & signs <= timed and implied.get(SUDDEN) == "no"
        if slow and question.id != SUDDEN and self._safety_check(question.id):
            # "My speech has been getting slurred, slowly over a month": not a sudden sign now, so
            # not the emergency the safety check asks about (the sign itself is still heard).
            return "no"
        if heard & signs:
            return "yes"
        if said in ("yes", "no"):
            return said
        explained = self.explained_away & signs & self.lex.explainable_signs
        if said is None and explained and not self._safety_check(question.id) and not self._yes_said():
            # "I'm sweaty, but it's ninety-five degrees out", to a follow-up: the sign it asks
            # about, with its everyday reason, is a no. On the safety check it is asked plainly,
            # and so it is when the reason feels just like the sign ("but I've had four coffees").
            lookalike = any(m.kind == "trigger" and m.id in self.lex.lookalike_reasons for m in positive)
            return "unsure" if lookalike else "no"
        hinted = self._hinted(question.id, negated) if said is None else None
        if hinted and (set(denied) & signs or self._hint_denied(question.id, negated)):
            # "It pulls up a bit, but no, it's not drooping": the sign denied, everyday words
            # for it said; asked plainly, never taken as either.
            return "unsure"
        if hinted:
            return hinted  # "when she smiles only half her face moves", to "is her face drooping?"
        strong = self.strong_implied.get(question.id)
        if strong:
            return strong  # "not sure, kind of gradually": the answer is in the words
        if said == "unsure" or self._unsure_said():
            return "unsure"
        if question.id in implied:
            return implied[question.id]
        # "It's not weak or numb", to "has an arm or a leg suddenly gone weak or numb?".
        denied_signs = signs | (WEAK_OR_NUMB if SUDDEN_SIGN in signs else set())
        if set(denied) & denied_signs or self._said_fine() or self._hint_denied(question.id, negated):
            return "no"  # "it's not drooping", to "is one side of her face drooping?"
        return said

    def _hint_denied(self, question: str, negated: list[bool]) -> bool:
        """The question's own everyday words for its sign, negated ("it's not drooping")."""
        return any(
            negated[start] for index in ("own_question", "red_flags") for start, _ in self.s.find_for(index, question)
        )

    def _fine_now(self) -> list[int]:
        """Where the words say something is fine now ("his smile is normal"): not negated ("not
        right"), and not of the past ("she was fine at breakfast" says it was)."""
        s = self.s
        negators = {end for _, end, _ in s.find("negators")}
        # "Is that normal?" asks; it says nothing is fine.
        asked = self.asked_positions
        return [
            i
            for i, _, _ in s.find("normal")
            if i not in negators and i not in asked and not (i and s.tokens[i - 1].key in ("was", "were"))
        ]

    def _said_fine_of(self, match: _Match) -> bool:
        """The sign's own words, then that they are fine ("my temperature's normal", "breathing's
        fine"): light words between, nothing else."""
        s = self.s
        i = max(match.positions or range(match.start, match.end)) + 1
        fine = set(self._fine_now())
        # Only a verb of being between: "tingling, is that normal?" asks, it does not say.
        being = {p for start, stop, _ in s.find("being") for p in range(start, stop)}
        while i < len(s.stems) and i in being and i not in fine:
            i += 1
        return i in fine and s.clause[i] == s.clause[match.start]

    def _likened(self, match: _Match, area_clauses: set[int]) -> bool:
        """A sign in a likeness of the twitching ("it jumps like it's having a little fit", "as if
        it's got a mind of its own"): "like" or "as if" before it in its clause, "it" as what does
        it, and a twitch or a body part in the clause; never a person ("like he's having a fit")."""
        s = self.s
        # A combo ("my eyelid ... a fit") names the place itself; its sign words are the likeness.
        first = min(match.sign) if match.sign else match.start
        clause = s.clause[first]
        if not (self._twitches_in(clause) or clause in area_clauses or match.sign or self._names_a_place(clause)):
            return False
        for i in range(first - 1, -1, -1):
            if s.clause[i] != clause:
                return False
            key = s.tokens[i].key
            if key in ("he", "she", "they", "i", "you", "we", "him", "her"):
                return False
            if key == "like" or (key == "if" and i and s.tokens[i - 1].key == "as"):
                return any(s.tokens[j].key == "it" for j in range(i + 1, first))
        return False

    def _fine_clauses(self) -> set[int]:
        return {self.s.clause[i] for i in self._fine_now()}

    def _said_fine(self) -> bool:
        """ "My breathing is fine", "his smile is normal": said of the question's own sign."""
        return bool(self._fine_now())

    # ---------------------------------------------------------------- things of the cause table
    def _terms(self) -> list[_Match]:
        """Phrases of the cause table (longest first), then combos, then body parts."""
        s = self.s
        content, stems = s.content, s.content_stems
        taken: set[int] = {n for n, i in enumerate(content) if i in self.consumed}
        found: list[tuple[int, int, list[Entry]]] = []
        asked_kind = self.ctx.asking.kind if self.ctx.asking else None
        for n in range(len(stems)):
            for size, values in self.lex.terms.at(stems, n):
                found.append((n, n + size, values))
            for size, values in self.lex.vague.at(stems, n) if asked_kind else ():
                kept = [e for e in values if e.kind == asked_kind]
                if kept:
                    found.append((n, n + size, kept))
        found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
        matches: list[_Match] = []

        def take(areas: bool) -> None:
            for start, end, values in found:
                entries = [e for e in values if (e.kind == AREA) == areas]
                # Words with two readings take the one the question asks for ("it never stops" is
                # how often at that question, not also how long each twitch lasts).
                entries = [e for e in entries if e.kind == asked_kind] or entries
                if not entries or taken.intersection(range(start, end)):
                    continue
                taken.update(range(start, end))
                positions = tuple(content[start:end])
                for entry in entries:
                    matches.append(_Match(positions[0], positions[-1] + 1, entry.kind, entry.id, positions))

        take(areas=False)
        combo_positions = self._combos(taken, matches)
        take(areas=True)
        # A body part that a sign used ("my lips are tingling") is also where it twitches only
        # when the clause says it twitches ("my hand twitches and feels weak").
        for start, end, values in found:
            areas = [e for e in values if e.kind == AREA]
            if not areas or not combo_positions.intersection(content[start:end]):
                continue
            positions = tuple(content[start:end])
            if self._twitches_in(s.clause[positions[0]]):
                for entry in areas:
                    matches.append(_Match(positions[0], positions[-1] + 1, entry.kind, entry.id, positions))
        # The body parts named inside a symptom phrase ("my arm went dead") likewise.
        for m in list(matches):
            if m.kind != "symptom" or m.id in self.lex.located_signs or not self._twitches_in(s.clause[m.start]):
                continue
            for start, end, values in found:
                positions = tuple(content[start:end])
                if set(positions) <= set(m.positions):
                    for entry in values:
                        if entry.kind == AREA:
                            matches.append(_Match(positions[0], positions[-1] + 1, entry.kind, entry.id, positions))
        matches.sort(key=lambda m: m.start)
        return self._places_of_signs(matches)

    def _places_of_signs(self, matches: list[_Match]) -> list[_Match]:
        """A body part said with a sign and no twitching ("my lips are tingling", "my hand feels
        weak") is where the sign is, not where it twitches. At "where do you feel the twitching?"
        only signs that carry their place (a drooping face, numb lips) keep the part to themselves."""
        s = self.s
        at_areas = self.ctx.asking is not None and self.ctx.asking.kind == AREA
        by_clause: dict[int, set[str]] = {}
        for m in matches:
            if m.kind == "symptom":
                by_clause.setdefault(s.clause[m.start], set()).add(m.id)
        # "Is that normal?" asks; it does not say the place is fine.
        fine = {s.clause[i] for i, _, _ in s.find("normal") if i not in self.asked_positions}
        kept = []
        for m in matches:
            clause = s.clause[m.start]
            if m.kind == AREA and clause in fine and not self._twitches_in(clause):
                continue  # "my face is fine"
            signs = by_clause.get(clause, set())
            placed_elsewhere = not at_areas or signs & self.lex.located_signs
            if m.kind == AREA and signs and not self._twitches_in(clause) and placed_elsewhere:
                continue
            kept.append(m)
        return kept

    def _combos(self, taken: set[int], matches: list[_Match]) -> set[int]:
        """Signs said as a part and a sign word in one clause, in any order."""
        s = self.s
        content, stems = s.content, s.content_stems
        used_positions: set[int] = set()
        clauses: dict[int, list[int]] = {}
        for n, i in enumerate(content):
            clauses.setdefault(s.clause[i], []).append(n)
        # A clause that opens with "it" or "they" ("my lip, and it feels tingly") speaks of the part
        # the clause before it named: for a combo the two are one.
        # So does a clause that says when the sign comes ("he splutters | when he drinks").
        opens_back = self._opens_back() | self._conditions()
        previous: list[int] = []
        for number in sorted(clauses):
            own = clauses[number]
            clauses[number] = previous + own if number in opens_back else own
            previous = own
        for combo in self.lex.combos:
            # A plainer sign a phrase took ("feels tingly" is numbness) gives its words to the
            # particular sign a part beside it makes ("my lip, and it feels tingly": a numb mouth).
            plainer = {
                p: m for m in matches if m.kind in ("symptom", "trigger") and m.id in combo.refines for p in m.positions
            }
            soft = {n for n, i in enumerate(content) if i in plainer}
            for members in clauses.values():
                free = [n for n in members if n not in taken or n in soft]
                spans: list[range] = []
                for group in combo.groups:
                    span = self._first_in(group, free, stems, spans)
                    if span is None:
                        break
                    spans.append(span)
                else:
                    used = sorted(n for span in spans for n in span)
                    positions = tuple(content[n] for n in used)
                    given = {id(plainer[p]) for p in positions if p in plainer}
                    matches[:] = [m for m in matches if id(m) not in given]
                    sign = tuple(content[n] for span in spans[1:] for n in span)
                    # The sign words are spent; a body part may still be where it twitches.
                    taken.update(used)
                    used_positions.update(positions)
                    matches.append(_Match(min(positions), max(positions) + 1, combo.kind, combo.id, positions, sign))
        return used_positions

    @staticmethod
    def _first_in(
        group: Sequence[tuple[str, ...]], free: list[int], stems: list[str], spans: list[range]
    ) -> range | None:
        free_set = set(free)
        busy = {n for span in spans for n in span}
        by_first = _by_first(group)
        for n in free:
            for phrase in by_first.get(stems[n], ()):
                end = n + len(phrase)
                span = range(n, end)
                if all(p in free_set and p not in busy for p in span) and tuple(stems[n:end]) == phrase:
                    return span
        return None

    def _twitches_in(self, clause: int) -> bool:
        s = self.s
        return any(s.clause[i] == clause for i, _, _ in s.find("twitch_words"))

    # ---------------------------------------------------------------- negation, explanations
    def _negated(self, matches: list[_Match], reply: str | None, reply_end: int) -> list[bool]:
        """Whether each token is governed by a negation. A negator inside a phrase of the table
        ("can't breathe", "not sleeping") is part of its meaning, not a negation; a "no" said as
        the reply negates only what follows it directly ("no coffee"), not a new clause ("no, my
        face is drooping")."""
        s = self.s
        inside = {p for m in matches for p in (m.positions if m.sign else range(m.start, m.end)) if m.kind != AREA}
        # "No wait, my shoulder": the no of a correction negates nothing.
        # At the start there is nothing to correct: "no no, no seizures" is an emphatic no.
        first = s.words[0] if s.words else 0
        inside |= {p for start, end, _ in s.find("corrections") if start > first for p in range(start, end)}
        negated = [False] * len(s.stems)
        breakers = {
            i: size
            for i, size in ((i, self.lex.has("scope_breakers", s.stems, i)) for i in range(len(s.stems)))
            if size
        }
        i = 0
        while i < len(s.stems):
            size = self.lex.has("negators", s.stems, i)
            if not size or i in inside:
                i += 1
                continue
            start = i + size
            if reply == "no" and i < reply_end and self._new_clause(start):
                i = start
                continue
            j = start
            while j < len(s.stems) and j not in breakers and not (j > start and self._new_subject(j)):
                # "Not weak or numb": a negation reaches across "or" to a word; not to a new
                # statement ("not weak, and my face is drooping").
                joined = s.stems[j - 1] in ("and", "or", "nor") or (
                    s.stems[j] in ("and", "or", "nor") and not self._new_clause(j + 1)
                )
                if s.clause[j] != s.clause[start] and not joined:
                    break
                negated[j] = True
                j += 1
            i = j
        return negated

    def _new_subject(self, at: int) -> bool:
        """A new subject inside a negation's reach starts a new statement ("not weak, it just
        twitches"); a possessive does not ("haven't taken my temperature")."""
        return self.s.tokens[at].key in ("i", "it", "he", "she", "they", "there", "we", "but", "just", "only")

    def _new_clause(self, at: int) -> bool:
        """A pronoun or possessive starts a new statement ("no, my face ...", "and I ...")."""
        s = self.s
        if at >= len(s.stems):
            return True
        word = s.tokens[at].key
        return word in (
            "my",
            "i",
            "me",
            "it",
            "he",
            "she",
            "his",
            "her",
            "its",
            "they",
            "their",
            "there",
            "but",
            "just",
            "only",
            "that",
            "this",
            "we",
            "our",
            "the",
        )

    def _explained(self, sign: frozenset[int] = frozenset(), sign_id: str = "") -> bool:
        """A sign explained away: "after the stairs", "because it's forty degrees", "it always has".
        An explanation led by the sign's own words (`sign`, its positions) is part of the sign,
        not a reason for it: "coughing when I drink"; a movement shows a sign of weakness rather
        than explain it: "my foot slaps when I walk", "he tripped on the stairs"."""
        s = self.s
        shown = (
            {p for start, end, _ in s.find("moving") for p in range(start, end)}
            if sign_id in self.lex.shown_by_moving
            else set()
        )
        negators = {end for _, end, _ in s.find("negators")}
        # "She doesn't know where she is" is no "knows where she is".
        if any(not set(range(start, end)) <= shown and start not in negators for start, end, _ in s.find("explainers")):
            return True
        leads = s.find("explaining")
        causes = [c for c in s.find("explanations") if c[0] not in shown]
        return any(
            c_start >= l_end and s.clause[c_start] == s.clause[l_start] and l_start not in sign
            for l_start, l_end, _ in leads
            for c_start, _, _ in causes
        )

    def _hinted(self, question: str, negated: list[bool]) -> str | None:
        """Everyday words for the sign a yes/no question asks about, said at that question ("his
        leg is dragging" to "has an arm or a leg gone weak?"): "yes"; "unsure" when the same words
        also doubt it, explain it away, ask it back or say something is fine ("a bit tight in the
        chest, but I can breathe ok"); None when they are negated, long past or grew slowly."""
        s = self.s
        if self.strong_implied.get("sudden_onset") == "no" and question != "sudden_onset":
            return None
        fine = self._fine_clauses()
        placed = set(self.neutral_positions) | self.idiom_positions
        hinted = False
        for index in ("own_question", "red_flags"):
            for start, end in s.find_for(index, question):
                # A negation reaching into the phrase negates it; its own ("doesn't know who I am") does not.
                if negated[start] or placed & set(range(start, end)):
                    continue
                if s.clause[start] not in fine | self.old_clauses:
                    hinted = True
        if not hinted:
            return None
        # An everyday reason takes the alarm out of a sign, not out of "more reliever than usual".
        asks_a_sign = bool(self.ctx.asking and (self.ctx.asking.yes_adds or self.ctx.asking.no_denies))
        shown = set(self.ctx.asking.yes_adds) & self.lex.shown_by_moving if self.ctx.asking else set()
        explained = asks_a_sign and self._explained(sign_id=min(shown, default=""))
        if explained or self._put_as_question or self._doubted() or self._hedged() or fine:
            return "unsure"
        return "yes"

    def _dated_by_an_event(self, fields: dict[str, Any], heard: list[Heard]) -> bool:
        """At "when did it start?", a start dated only by a life event ("since uni went back",
        "since my sister's wedding"): no date the skill can count from."""
        asking = self.ctx.asking
        if asking is None or asking.answer != "days" or fields:
            return False
        if any(h.kind == "onset" for h in heard):
            return False
        s = self.s
        if any(self.lex.has("dating_words", s.stems, i) for i in s.words[:2]):
            return True
        # Alexa keeps the carrier ("since") back: "the baby came", "I retired", "finals".
        return bool(s.find("life_events") or s.find("past_verbs")) or any(
            t.key.endswith(tuple(self.lex.past_endings)) for t in s.tokens
        )

    def _all_named(self, negated: list[bool]) -> list[Heard]:
        """ "All three" to "more coffee, more stress, or less sleep?": each example it named."""
        asking = self.ctx.asking
        if asking is None or not asking.named or asking.kind is None:
            return []
        said = [(start, end) for start, end, _ in self.s.find("all_named") if not negated[start]]
        if not said:
            return []
        words = self.s.said(range(said[0][0], said[0][1]))
        return [Heard(asking.kind, term, words) for term in asking.named]

    def _safety_check(self, question: str) -> bool:
        return question == "emergency" or any(q.id == question and q.part_of for q in self.k.questions)

    def _explains(self, match: _Match) -> bool:
        """A trigger given as the reason ("from the gym", "just knackered off nights"): a lead
        word before it in its clause."""
        s = self.s
        clause = s.clause[match.start]
        leads = [start for start, _, _ in s.find("explaining")] + [
            i for i, t in enumerate(s.tokens) if t.key in ("just", "only", "off")
        ]
        return any(i < match.start and s.clause[i] == clause for i in leads)

    def _asked_after(self) -> set[str]:
        """The triggers or medicines the question on the table follows from ("how long has the
        stomach upset gone on?", "more reliever than usual?"): said again, they add nothing."""
        asking = self.ctx.asking
        when = asking.ask_when if asking else {}
        conditions = when if isinstance(when, list) else [when]
        return {t for c in conditions for key in ("triggers_any", "medicines_any") for t in c.get(key, ())}

    def _own_question_words(self) -> set[int]:
        """The positions of the everyday words for the sign the question on the table asks about."""
        asked = self.ctx.asking.id if self.ctx.asking else None
        return {
            p
            for index in ("own_question", "red_flags")
            for start, end in self.s.find_for(index, asked)
            for p in range(start, end)
        }

    def _hedged(self) -> bool:
        """Said first, a hedge of doubt ("maybe", "possibly"); not one that leans ("I think")."""
        s = self.s
        words = s.words
        if not words:
            return False
        size = self.lex.has("hedges", s.stems, words[0])
        return bool(size) and self.lex.has("leaning", s.stems, words[0]) != size

    def _is_red_flag(self, symptom: str) -> bool:
        return bool(self._sign_questions(symptom))

    def _asked_plainly(self, symptom: str) -> list[str]:
        """The questions that ask about a sign the words could not place, other than the one on the
        table (whose own answer the reply already is)."""
        asking = self.ctx.asking
        return [q for q in self._sign_questions(symptom) if not (asking and q == asking.id)]

    def _sign_questions(self, symptom: str) -> list[str]:
        """The questions that ask about `symptom` on its own (the safety check's signs)."""
        return [q.id for q in self.k.questions if q.part_of and symptom in q.yes_adds]

    def _unplaced_red_flags(self, positive: list[_Match], negated: list[bool], matches: list[_Match]) -> list[str]:
        """Red-flag words heard but not placed: the questions that ask about them plainly."""
        s = self.s
        placed_positions = {p for m in matches for p in m.positions}
        heard_symptoms = {m.id for m in positive if m.kind == "symptom"}
        out = []
        fine_clauses = {s.clause[i] for i, _, _ in s.find("normal")}
        for start, end, question in s.find("red_flags"):
            if any(negated[p] for p in range(start, end)) or set(range(start, end)) & placed_positions:
                continue
            if s.clause[start] in fine_clauses:
                continue  # "my breathing is fine"
            if not self.k.has_question(str(question)):
                continue
            signs = set(self.k.question(str(question)).yes_adds)
            if signs & heard_symptoms:
                continue
            out.append(str(question))
        return out

    def _word_before(self, at: int) -> str:
        """The last word before `at` that is not a light word ("for" in "for my seizures")."""
        s = self.s
        for i in range(at - 1, -1, -1):
            if s.stems[i] not in self.lex.light:
                return s.tokens[i].key
        return ""

    def _names_medicine(self) -> bool:
        s = self.s
        return any(
            (hit := self.lex.terms.longest_at(s.content_stems, n)) and any(e.kind == "medicine" for e in hit[1])
            for n in range(len(s.content_stems))
        )

    def _in_a_question_back(self, match: _Match) -> bool:
        """A sign inside a question put back to the skill ("does it sound slurred to you?")."""
        s = self.s
        clause = s.clause[match.start]
        starts = [i for i in range(len(s.stems)) if s.clause[i] == clause]
        first = next((i for i in starts if s.stems[i] not in self.lex.fillers and s.tokens[i].key != "no"), None)
        if first is None or first > match.start:
            return False
        hit = self.lex.question_openers.longest_at(s.stems, first)
        # "She doesn't know where she is" states; "does it sound slurred?" asks.
        denied = first + 1 < len(s.stems) and bool(self.lex.has("negators", s.stems, first + 1))
        auxiliary = s.tokens[first].key in ("am", "does", "do", "is", "are", "can", "could", "should", "would")
        return bool(hit) and auxiliary and not denied

    def _purposes_dropped(self, positive: list[_Match]) -> list[_Match]:
        """ "Adderall for ADHD": what a medicine is for is not another medicine."""
        medicines = [m for m in positive if m.kind == "medicine"]
        if len(medicines) < 2:
            return positive
        purposes = {id(m) for m in medicines if self._word_before(m.start) == "for"}
        if len(purposes) == len(medicines):
            return positive
        return [m for m in positive if id(m) not in purposes]

    def _unnamed_medicine(self, positive: list[_Match], reply: str | None, off_topic: bool) -> list[Heard]:
        """At "do you take any medicine?", a name the lexicon does not know ("I take zorbaflex")
        is still a regular medicine, never "none"."""
        asking = self.ctx.asking
        if off_topic or asking is None or asking.kind != "medicine" or reply in ("no", "unsure"):
            return []
        if any(m.kind == "medicine" for m in positive):
            return []
        s = self.s
        used = {p for m in positive for p in m.positions} | self.consumed
        lead = self.lex.lists.get("medicine_leads")
        # "I'm off everything now": nothing taken.
        stopped = self._stopped_clauses() | self._past_clauses()
        words = [
            i for i in s.content if i not in used and s.stems[i] not in self.lex.light and s.clause[i] not in stopped
        ]
        led = lead is not None and any(lead.longest_at(s.stems, i) for i in range(len(s.stems)))
        if words and (led or len(words) <= MAX_UNNAMED_WORDS):
            return [Heard("medicine", UNNAMED_MEDICINE, s.said(words))]
        return []

    # ---------------------------------------------------------------- corrections, words heard
    def _corrected(self, positive: list[_Match]) -> list[_Match]:
        """ "My arm, no wait, my shoulder": a correction drops what came before it, of its kind."""
        marks = [i for i, _, _ in self.s.find("corrections")]
        if not marks:
            return positive
        kept = []
        for m in positive:
            later = [
                other
                for other in positive
                if other.kind == m.kind and other.start > m.start and any(m.end <= mark < other.start for mark in marks)
            ]
            if not later:
                kept.append(m)
        return kept

    def _heard(self, positive: list[_Match]) -> list[Heard]:
        s = self.s
        heard: list[Heard] = []
        seen: set[tuple[str, str]] = set()
        for m in positive:
            if (m.kind, m.id) in seen:
                continue
            seen.add((m.kind, m.id))
            words = s.said(self._with_side(m.positions)) if m.kind in (AREA, "medicine", "trigger", "symptom") else None
            heard.append(Heard(m.kind, m.id, words))
        return heard

    def _with_side(self, positions: tuple[int, ...]) -> tuple[int, ...]:
        """A body part's words with the side said before it ("left eyelid", "both calves")."""
        first = min(positions)
        if first > 0 and self.lex.has("sides", self.s.stems, first - 1):
            return (first - 1, *positions)
        return positions

    # ---------------------------------------------------------------- time
    def _time_fields(
        self, times: list[TimeWords], positive: list[_Match]
    ) -> tuple[dict[str, Any], list[Heard], list[Any]]:
        """Onset, a duration read by the question, a rate (as a frequency heard), and the times of
        other signs. A time said in a clause about another sign, with no twitching and no body part
        in it ("my arm went weak an hour ago"), is that sign's time: it tells how the sign began,
        not when the twitching did."""
        s = self.s
        fields: dict[str, float] = {}
        extra: list[Heard] = []
        sign_times: list[tuple[str, str, float]] = []
        sign_clauses = {s.clause[m.start] for m in positive if m.kind == "symptom"} | self.history
        # A time beside a medicine or a trigger with no twitching in its clause is that thing's
        # time ("I came off it last year", "the runs for three days"), unless when it began is asked.
        thing_clauses = self.things
        onset_asked = self.ctx.asking is not None and self.ctx.asking.answer == "days"
        # At the medicine questions a time is the medicine's ("been on it for years", "came off it
        # last year"), unless the twitching is named beside it.
        medicine_asked = self.ctx.asking is not None and (
            self.ctx.asking.kind == "medicine" or self.ctx.asking.id == "medicine_new"
        )
        timed = {c.question: c.with_ids for c in self.lex.cues if c.reply == "yes" and c.question == "sudden_onset"}
        area_clauses = {s.clause[m.start] for m in positive if m.kind == AREA}
        for t in times:
            clause = s.clause[t.start]
            about_sign = clause in sign_clauses and clause not in area_clauses and not self._twitches_in(clause)
            asking = self.ctx.asking
            # At a yes/no question a time is about what it asks ("I started it a month ago"),
            # unless the twitching is named beside it.
            about_question = (
                asking is not None
                and asking.answer == "yes_no"
                and not self._twitches_in(clause)
                and (clause not in area_clauses or clause in self._sign_worded_clauses())
            )
            if t.kind == "schedule":
                continue
            # At "how long does each twitch last?" a time is the answer, beside a thing or not
            # ("I timed it on my phone, forty seconds").
            length_asked = asking is not None and asking.kind == "twitch_length"
            if clause in thing_clauses and clause not in area_clauses and not (onset_asked or length_asked):
                continue
            if medicine_asked and not self._twitches_in(clause):
                continue
            if t.kind == "per_day":
                term = self._frequency(t.value)
                # At a yes/no question a rate is of what it asks ("the blue one five times today").
                if term and not (about_question and asking is not None and asking.id != SUDDEN) and not medicine_asked:
                    extra.append(Heard("frequency", term, None))
            elif about_sign:
                days = t.value if t.kind == "onset_days" else t.value / DAY
                signs = {m.id for m in positive if m.kind == "symptom" and s.clause[m.start] == clause}
                # Hours ago is sudden; "since yesterday" or "this morning" says when, not how fast
                # (the interview asks).
                sudden = 0 < days <= SIGN_SUDDEN_DAYS
                for question, ids in timed.items():
                    if signs & ids and (sudden or days >= GRADUAL_DAYS):
                        sign_times.append((question, "yes" if sudden else "no", days))
            elif about_question and asking is not None and asking.id == SUDDEN and t.kind != "per_day":
                # "Within a few minutes", "overnight", "over a month": how it began is the answer.
                days = t.value if t.kind == "onset_days" else t.value / DAY
                if days <= SUDDEN_DAYS or days >= GRADUAL_DAYS:
                    sign_times.append((SUDDEN, "yes" if days <= SUDDEN_DAYS else "no", days))
            elif about_question:
                continue
            elif t.kind == "onset_days":
                fields.setdefault("onset_days", max(0, round(t.value)))
                fields.setdefault("time_words", s.said(range(t.start, t.end)))
            else:
                fields.setdefault("duration_seconds", t.value)
                fields.setdefault("time_words", s.said(range(t.start, t.end)))
        return fields, extra, sign_times

    def _sign_worded_clauses(self) -> set[int]:
        """Clauses with an everyday word for a sign ("his smile's gone wonky since lunch"): a time
        there is the sign's, not the twitching's, even with a body part beside it."""
        s = self.s
        return {s.clause[start] for index in ("own_question", "red_flags") for start, _, _ in s.find(index)}

    def _frequency(self, per_day: float) -> str | None:
        best = None
        for term in self.k.terms["frequency"].values():
            floor = float(term.extra.get("min_per_day", 0))
            if per_day >= floor and (
                best is None or floor > float(self.k.terms["frequency"][best].extra.get("min_per_day", 0))
            ):
                best = term.id
        return best

    # ---------------------------------------------------------------- cues, people, age, topics
    def _implied(self, positive: list[_Match], negated: list[bool]) -> dict[str, str]:
        """Yes/no questions the words answer unasked ("suddenly", "for years")."""
        s = self.s
        asking = self.ctx.asking.id if self.ctx.asking else None
        ids_by_clause: dict[int, set[str]] = {}
        for m in positive:
            ids_by_clause.setdefault(s.clause[m.start], set()).add(m.id)
        every = {m.id for m in positive}
        implied: dict[str, str] = {}
        self.strong_implied: dict[str, str] = {}
        for cue in self.lex.cues:
            if not self.k.has_question(cue.question) or cue.question in implied:
                continue
            for start, end in self._phrase_spans(cue.phrases):
                if any(negated[p] for p in range(start, end)) and cue.reply == "yes":
                    continue
                near = ids_by_clause.get(s.clause[start], set())
                earlier = not cue.weak and not every & cue.with_ids and cue.with_ids & self.ctx.known
                if (
                    asking == cue.question
                    or cue.with_ids & near
                    or (cue.with_ids & every and len(ids_by_clause) <= 2)
                    or earlier
                ):
                    implied[cue.question] = cue.reply
                    if not cue.weak:
                        self.strong_implied[cue.question] = cue.reply
                    break
        # A sign's own time: within hours it came on suddenly, over weeks it did not (only for the
        # signs whose start the cues are about).
        for question, reply, days in self.sign_times:
            implied.setdefault(question, reply) if days is not None else None
        return {q: r for q, r in implied.items() if self.k.has_question(q)}

    def _phrase_spans(self, phrases: Sequence[tuple[str, ...]]) -> list[tuple[int, int]]:
        stems = self.s.stems
        spans = []
        by_first = _by_first(phrases)
        for i in range(len(stems)):
            for phrase in by_first.get(stems[i], ()):
                if tuple(stems[i : i + len(phrase)]) == phrase:
                    spans.append((i, i + len(phrase)))
        return spans

    def _subject(self) -> str | None:
        """ "other" when the person speaks for someone else, "self" when of themselves, "family"
        when, speaking of themselves, they mention someone else's condition ("my mum has MS")."""
        s = self.s
        # "Since I was a kid", "sleeping like a baby": the speaker, or no one.
        not_people = {p for i, end, _ in s.find("not_people") for p in range(i, end)}
        # "Since my sister's wedding", "more coffee since the baby came": a person who dates
        # something is not who it is about.
        people = [hit for hit in s.find("people") if hit[0] not in not_people and not self._dates_something(hit[0])]
        pronouns = s.find("pronouns_other")
        selves = s.find("pronouns_self")
        # "my" before a person names the person ("my mum"), not the speaker.
        owners = {start - 1 for start, _, _ in people}
        speaker = [i for i, _, _ in selves if i not in owners]
        if people and speaker and not pronouns and speaker[0] < people[0][0] and not self._speaks_for(people):
            # "I lost my wife in the spring and I've not slept since": the speaker says it of
            # themselves; the person is part of their story ("family": a condition said of them
            # is theirs, not the patient's).
            return "family"
        if people and self._topic_id == "family" and not self._speaks_for(people):
            # "Does it run in families? My mum had something similar": a relative's story.
            return "family"
        reporting = s.find("reporting")
        others = [i for i, _, _ in (*people, *pronouns)]
        # "My wife says I'm slurring": what follows a report is about the speaker.
        reported = [i for i, _, _ in reporting]
        if others and reported and any(r > o for r in reported for o in others):
            after = min(r for r in reported if any(r > o for o in others))
            if any(i > after for i, _, _ in selves) and not any(i > after for i, _, _ in pronouns):
                return "self"
        if not others:
            return "self" if selves else None
        if self.ctx.subject == "self" and people and not (self._twitches_in_any() or self._names_a_place()):
            # "My mum has MS", said of someone else while talking of oneself: a family fact.
            return "family"
        return "other"

    def _people_clauses(self) -> set[int]:
        return {self.s.clause[i] for i, _, _ in self.s.find("people")}

    def _dates_something(self, i: int) -> bool:
        """The person word at `i` follows a word that dates ("since", "after", "before")."""
        return any(self.lex.has("dating_words", self.s.stems, j) for j in range(max(0, i - 2), i))

    def _speaks_for(self, people: list[tuple[int, int, object]]) -> bool:
        """The speaker answers for a person: "for my son", "about my mum", or the person's own
        body part or sign follows ("my husband's face")."""
        s = self.s
        keys = [t.key for t in s.tokens]
        for start, end, _ in people:
            before = start - 1 if start and keys[start - 1] in ("my", "our", "the", "a") else start
            if before and keys[before - 1] in ("for", "about", "with", "of"):
                return True
            for k in range(end, min(end + 3, len(s.stems))):
                found = self.lex.terms.longest_at(s.stems, k)
                if found and any(e.kind in (AREA, "symptom") for e in found[1]):
                    return True
        return False

    def _of_another_sign(self, match: _Match, sign_clauses: set[int], yes_no: bool) -> bool:
        """When, how often or how long, said of something other than the twitching: in a clause
        with a sign and no twitching ("my eye's red and gunky in the mornings"), or at a yes/no
        question with no twitching beside it (the sign asked about). Never where it is asked."""
        asking = self.ctx.asking
        clause = self.s.clause[match.start]
        if (asking is not None and asking.kind == match.kind) or self._twitches_in(clause):
            return False
        return clause in sign_clauses or yes_no or (bool(sign_clauses) and not self._twitches_in_any())

    def _names_a_place(self, clause: int | None = None) -> bool:
        """A body part named (in `clause`, if given), whatever it was read as."""
        s = self.s
        return any(
            (clause is None or s.clause[i] == clause)
            and (hit := self.lex.terms.longest_at(s.content_stems, n))
            and any(e.kind == AREA for e in hit[1])
            for n, i in enumerate(s.content)
        )

    def _twitches_in_any(self) -> bool:
        return bool(self.s.find("twitch_words"))

    def _age(self) -> int | None:
        s = self.s
        numbers = self.lex.time.get("numbers", {})
        keys = [t.key for t in s.tokens]
        for i in range(len(s.stems)):
            used, value = number_at(s.stems, i, numbers)
            if not used or value is None:
                continue
            after = " ".join(s.stems[i + used : i + used + 2])
            before = s.tokens[i - 1].key if i else ""
            said_as_age = (after.startswith(("year old", "yr old", "year")) and "old" in after) or before in (
                "aged",
                "age",
            )
            if said_as_age and MIN_AGE <= value <= MAX_AGE:
                return int(value)
            # "my son is fourteen", "she's nine and her eyelid twitches": an age said as the end of a clause.
            ends_clause = i + used == len(keys) or (
                keys[i + used] in ("and", "but", "so", "now")
                and keys[i + used + 1 : i + used + 2] not in (["a"], ["half"])
            )
            a_thing = i > 1 and keys[i - 2] in ("it", "that", "this", "there")  # "it is three and ..."
            if before in ("is", "am", "he", "she", "turned") and ends_clause and not a_thing and 2 <= value <= MAX_AGE:
                return int(value)
        for i in range(len(s.stems)):
            if s.tokens[i].key in self.lex.age_words:
                return int(self.lex.age_words[s.tokens[i].key])
        return None

    @property
    def _put_as_question(self) -> bool:
        """A question word first ("is it serious?"), or a question put after a statement ("my
        face is drooping, is that bad?")."""
        s = self.s
        words = s.words
        if not words:
            return False
        if self.lex.question_openers.longest_at(s.stems, self._question_start()):
            return True
        return any((hit := self.lex.question_openers.longest_at(s.stems, i)) and hit[0] > 1 for i in words)

    def _question_start(self) -> int:
        """Where a question would begin: after the words people put before one ("sorry, can coffee
        do this?", "before I answer, is it serious?", "so it's not ALS then?")."""
        s = self.s
        i = 0
        while i < len(s.stems):
            size = self.lex.has("question_leads", s.stems, i) or (1 if s.stems[i] in self.lex.fillers else 0)
            if not size or self.lex.question_openers.longest_at(s.stems, i):
                break
            i += size
        return i

    @property
    def _asked(self) -> bool:
        """Whether the words are put as a question or a worry ("I read it could be ALS")."""
        s = self.s
        if self._put_as_question:
            return True
        # Asked what has changed, a worry is the answer ("worried sick about the farm"), not a question.
        asking = self.ctx.asking
        if asking is not None and asking.kind == "trigger":
            return False
        return any(self.lex.has("worries", s.stems, i) for i in range(len(s.stems)))

    @property
    def _asked_first(self) -> bool:
        """The words open with the question (or the worry) itself."""
        s = self.s
        words = s.words
        start = self._question_start()
        return bool(words) and bool(
            self.lex.question_openers.longest_at(s.stems, start) or self.lex.has("worries", s.stems, words[0])
        )

    def _topic(self) -> tuple[str, str, set[int]] | None:
        """The person's own question, if they asked one: (topic, key, the key's word positions)."""
        s = self.s
        words = s.words
        if not words:
            return None
        asked = self._asked
        for topic in self.lex.topics:
            if topic.needs_question and not asked:
                continue
            spans = []
            for group in topic.groups:
                span = next(iter(self._phrase_spans(group)), None)
                if span is None:
                    break
                spans.append(span)
            else:
                if topic.whole:
                    covered = {p for a, b in spans for p in range(a, b)}
                    if any(i not in covered and s.stems[i] not in self.lex.light for i in words):
                        continue
                key, positions = self._topic_key(topic.key_kind, spans)
                if topic.key_kind == "trigger" and not key:
                    continue
                # The question's own words ("should I be worried") are not said of the twitching.
                asked_words = {p for a, b in spans for p in range(a, b)}
                return topic.id, key, positions | asked_words
        return None

    def _topic_key(self, kind: str, spans: list[tuple[int, int]]) -> tuple[str, set[int]]:
        s = self.s
        if kind == "disease":
            start, end = spans[0]
            return s.said(range(start, end)), set(range(start, end))
        if kind == "trigger":
            # "Can energy drinks cause this?" asks; it does not say they drink them.
            asked = _cause_asked(s, self.lex)
            if asked is not None:
                return asked
            # "Could my adderall be causing this?": a medicine named by its name is asked about.
            for n in range(len(s.content_stems)):
                hit = self.lex.terms.longest_at(s.content_stems, n)
                if hit and any(e.kind == "medicine" for e in hit[1]):
                    return MEDICINE_KEY, set()
        return "", set()
