"""WSGI entry point, ``webservice.wsgi:app`` (``make serve`` runs it under gunicorn).

Builds the same process-wide skill object the Lambda uses (``get_skill()``), with settings from
the environment; every request reaches it through ``entry.handle_event``, as on Lambda.
"""

import logging

from muscle_twitch.skill.builder import get_skill
from webservice.app import create_app
from webservice.settings import WebSettings

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

app = create_app(get_skill(), WebSettings.from_environ())
