"""One list of supported locales: muscle_twitch.locales.supported_locales(), read from the care
table. The language packages and the models agree with it, and no code or test keeps a copy of its own."""

import ast
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from interaction_models import build_model
from muscle_twitch import data, locales
from muscle_twitch.core.knowledge import load_knowledge
from muscle_twitch.language import build as language
from muscle_twitch.locales import supported_locales

ROOT = Path(__file__).resolve().parents[1]
LOCALES_TOML = ROOT / "lambda" / "muscle_twitch" / "data" / "locales.toml"
_LOCALE = re.compile(r"^[a-z]{2}-[A-Z]{2}$")
# Where a hand-written list of locales would drift from the care table.
SEARCHED = ("lambda", "interaction_models", "simulator", "tests", "webservice", "benchmarks", "deploy")


def test_the_supported_locales_are_the_care_tables_entries() -> None:
    care = tomllib.loads(LOCALES_TOML.read_text("utf-8"))["care"]
    assert supported_locales() == tuple(locale for locale in care if locale != "default")
    assert len(supported_locales()) >= 5 and all(_LOCALE.match(locale) for locale in supported_locales())


def test_a_locale_added_to_the_care_table_is_supported(monkeypatch: pytest.MonkeyPatch) -> None:
    load = data.load
    table = load("locales")
    table["care"]["en-NZ"] = {"emergency": "111", "doctor": "GP"}
    monkeypatch.setattr(locales.data, "load", lambda name: table if name == "locales" else load(name))
    assert supported_locales()[-1] == "en-NZ"
    assert "default" not in supported_locales()


def test_the_models_are_built_for_exactly_the_supported_locales() -> None:
    assert build_model.locales() == sorted(supported_locales())
    assert language.packaged() == sorted(supported_locales())
    language.check_against(load_knowledge())  # raises when a package and the care table disagree


def test_a_language_package_without_care_words_or_care_words_without_a_package_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packages = tmp_path / "language"
    shutil.copytree(language.PACKAGES, packages)
    shutil.rmtree(packages / "en-GB")
    (packages / "en-NZ").mkdir()
    monkeypatch.setattr(language, "PACKAGES", packages)
    with pytest.raises(language.LanguageError) as raised:
        language.check_against(load_knowledge())
    assert "language/en-GB/ is missing for the supported locale en-GB" in str(raised.value)
    assert 'language/en-NZ/ has no [care."en-NZ"] in locales.toml' in str(raised.value)


def _locale_lists(path: Path) -> list[int]:
    """Lines holding a literal list, tuple or set of three or more locale codes and nothing else."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.List | ast.Tuple | ast.Set) and len(node.elts) >= 3:
            values = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(values) == len(node.elts) and all(_LOCALE.match(v) for v in values):
                found.append(node.lineno)
    return found


def test_no_module_keeps_its_own_list_of_locales() -> None:
    paths = [p for folder in SEARCHED for p in (ROOT / folder).rglob("*.py") if "node_modules" not in p.parts]
    copies = {str(p.relative_to(ROOT)): lines for p in paths if (lines := _locale_lists(p))}
    assert copies == {}, "use muscle_twitch.locales.supported_locales() instead"


def test_the_list_finder_sees_a_hand_written_list(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('LOCALES = ("en-US", "en-GB", "en-CA")\nPAIRS = [("en-US", "911"), ("en-GB", "999")]\n')
    assert _locale_lists(sample) == [1]
