"""Headway's REST API: the same rules as the pages, for scripts and other systems."""
