"""Local simulator: hold a whole conversation with the skill from a terminal.

Each typed line is turned into the request Alexa would send, using the project's own
interaction model, and passed to the same `lambda_handler` the Lambda runs.
Run it with `python -m simulator` (or `make run`).
"""
