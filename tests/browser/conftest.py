"""Browser journeys use the Chromium fixtures of tests/browsers.py (see tests/conftest.py)."""
