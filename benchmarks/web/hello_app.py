"""Baseline for `make bench-web`: the project's hello-world skill behind the stock flask-ask-sdk
SkillAdapter, exactly as flask-ask-sdk's documentation sets it up (verification configured off,
like the service under test in the benchmark); and, to tell the door's cost from the skill's,
the same hello-world skill behind the web service's own app."""

import importlib.util
from pathlib import Path
from types import ModuleType

# isort: off
import webservice  # noqa: F401  (installs the oscrypto fix; must precede flask_ask_sdk)
from flask_ask_sdk.skill_adapter import (
    VERIFY_SIGNATURE_APP_CONFIG,
    VERIFY_TIMESTAMP_APP_CONFIG,
    SkillAdapter,
)

# isort: on
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder
from flask import Flask

from webservice.app import create_app
from webservice.settings import WebSettings

HELLO_WORLD = Path(__file__).resolve().parents[1] / "hello_world" / "lambda" / "lambda_function.py"


def _load_hello_world() -> ModuleType:
    # Its folder is named `lambda` (a keyword), so it cannot be imported by package name.
    spec = importlib.util.spec_from_file_location("hello_world_lambda_function", HELLO_WORLD)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def hello_world_skill() -> CustomSkill:
    hello = _load_hello_world()
    builder = SkillBuilder()
    builder.add_request_handler(hello.LaunchRequestHandler())
    builder.add_request_handler(hello.HelloWorldIntentHandler())
    builder.add_request_handler(hello.SessionEndedRequestHandler())
    builder.add_exception_handler(hello.CatchAllExceptionHandler())
    return builder.create()


def create_hello_app() -> Flask:
    app = Flask(__name__)
    app.config[VERIFY_SIGNATURE_APP_CONFIG] = False
    app.config[VERIFY_TIMESTAMP_APP_CONFIG] = False
    SkillAdapter(skill=hello_world_skill(), skill_id="hello-world", app=app).register(app, "/")
    return app


def create_door_only_app() -> Flask:
    """Diagnostic: the web service's own app around the hello-world skill (the door's cost alone)."""
    return create_app(hello_world_skill(), WebSettings.from_environ())


app = create_hello_app()
door_only_app = create_door_only_app()
