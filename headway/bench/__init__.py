"""Headway served as in production, driven from outside: the load test (``make bench-load``)
and the tests that need the real web server and task worker."""
