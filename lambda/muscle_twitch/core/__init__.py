"""Plain-Python core: the cause table, the interview and triage. No ASK SDK imports."""
