"""Baseline for the benchmarks: the ask-sdk-core hello-world skill (Launch + one intent).

Kept as small as the official sample, minus its bugs, so that the ratios in `make bench` show
what the Muscle Twitch Guide costs on top of the ASK SDK itself.
"""

from typing import Any

from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model import Response


class LaunchRequestHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        speech = "Welcome, you can say Hello. Which would you like to try?"
        return handler_input.response_builder.speak(speech).ask(speech).response


class HelloWorldIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("HelloWorldIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return handler_input.response_builder.speak("Hello World!").set_should_end_session(True).response


class SessionEndedRequestHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("SessionEndedRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return handler_input.response_builder.response


class CatchAllExceptionHandler(AbstractExceptionHandler):
    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        speech = "Sorry, I had trouble doing what you asked. Please try again."
        return handler_input.response_builder.speak(speech).ask(speech).response


_builder = SkillBuilder()
_builder.add_request_handler(LaunchRequestHandler())
_builder.add_request_handler(HelloWorldIntentHandler())
_builder.add_request_handler(SessionEndedRequestHandler())
_builder.add_exception_handler(CatchAllExceptionHandler())

lambda_handler: Any = _builder.lambda_handler()
