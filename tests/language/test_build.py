"""The language packages: compiled once (what the skill reads is current), one source for the
reader and the model, and checked so that a phrase never means two things and a renamed id never
leaves words behind."""

import copy

import pytest

from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.language import build
from muscle_twitch.language.build import LanguageError, _Compiler, check_against, package, stale


def test_what_the_skill_reads_is_compiled_from_the_current_packages() -> None:
    assert stale() == [], "run `make model`"


@pytest.mark.parametrize("locale", build.locales())
def test_a_locale_ships_only_what_it_changes_and_reads_whole(locale: str) -> None:
    from muscle_twitch.data import load
    from muscle_twitch.language.lexicon import load_raw

    assert load_raw(locale) == build.compile_lexicon(locale)
    shipped = load(f"lexicon.{locale}")
    assert shipped["overlay_of"] == "en" and "terms" not in shipped["replace"] and "terms" not in shipped["update"]


def test_an_overlay_of_a_changed_table_keeps_the_base_entries_it_does_not_change() -> None:
    base = {"locale": "en", "words": {"a": [["x"]], "b": [["y"]]}, "light": ["the"]}
    full = {"locale": "en-GB", "words": {"a": [["x"]], "b": [["y"], ["z"]], "c": [["w"]]}, "light": ["the"]}
    made = build.overlay(base, full, "en")
    assert made == {
        "overlay_of": "en",
        "replace": {"locale": "en-GB"},
        "update": {"words": {"b": [["y"], ["z"]], "c": [["w"]]}},
    }
    with pytest.raises(LanguageError):
        build.overlay(base, {"locale": "en-GB", "words": {}}, "en")


def test_every_cause_table_id_has_words_and_every_word_an_id() -> None:
    check_against(load_knowledge())


def test_the_locales_are_the_packages() -> None:
    assert build.packaged() == build.locales()  # the shared "en" package is not a locale
    assert "en" not in build.locales()


def broken(change) -> dict:  # type: ignore[no-untyped-def]
    files = copy.deepcopy(package("en"))
    change(files)
    return files


BROKEN = [
    (
        "a phrase of two ids",
        lambda f: f["terms"]["body_area"]["calf"]["synonyms"].append("eyelids"),
        "reads as",
    ),
    (
        "a phrase that is only light words",
        lambda f: f["terms"]["symptom"]["weakness"]["synonyms"].append("it is the"),
        "only light words",
    ),
    (
        "a phrase that collapses to one word it does not mean",
        lambda f: f["terms"]["symptom"]["muscle_wasting"]["synonyms"].append("had a muscle"),
        "once its light words go",
    ),
    (
        "a phrase meaning nothing that ends on a word it drops",
        lambda f: f["terms"]["neutral"]["phrases"]["synonyms"].append("fit and well"),
        "ends on a light word",
    ),
    ("a kind the table does not have", lambda f: f["terms"].update(colour={"red": {"name": "red"}}), "unknown kind"),
    ("an unknown group", lambda f: f["terms"]["symptom"]["face_droop"]["combos"].append(["@nope"]), "unknown group"),
]


@pytest.mark.parametrize(("change", "message"), [(c, m) for _, c, m in BROKEN], ids=[n for n, _, _ in BROKEN])
def test_a_malformed_package_is_refused_naming_the_phrase(change, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LanguageError, match=message):
        _Compiler(broken(change)).compile("en")


def test_a_locale_adds_to_the_shared_words_and_overrides_single_prompts() -> None:
    shared, british = package("en"), package("en-GB")
    assert set(shared["words"]["replies"]["no"]) < set(british["words"]["replies"]["no"])
    assert "nowt" in british["words"]["replies"]["no"]


def test_a_word_list_naming_an_id_the_cause_table_lacks_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real = build.package

    def with_a_stray_id(locale: str) -> dict:  # type: ignore[type-arg]
        files = copy.deepcopy(real(locale))
        files["words"]["near_red_flags"] = {"no_such_sign": "sign_speech"}
        return files

    monkeypatch.setattr(build, "package", with_a_stray_id)
    with pytest.raises(LanguageError, match="near_red_flags: 'no_such_sign'"):
        check_against(load_knowledge())
