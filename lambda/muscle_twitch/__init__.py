"""Muscle Twitch Guide: an Alexa skill that talks a person through muscle twitching.

`core` is plain Python (interview, cause table, triage); `skill` is the ASK SDK shell.
"""
