"""The demo fixtures live in tests/conftest.py, shared with the report tests."""
