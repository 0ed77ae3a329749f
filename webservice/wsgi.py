"""WSGI entry point: ``gunicorn --pythonpath lambda webservice.wsgi:app`` (see ``make serve``).

Builds the same process-wide skill object the Lambda uses, with settings from the environment.
"""

import logging

from muscle_twitch.skill.builder import get_skill
from webservice.app import create_app
from webservice.settings import WebSettings

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

app = create_app(get_skill(), WebSettings.from_environ())
