"""The audit page: what happened to an organisation's data, who did it and when.

It reads the history Headway already keeps (django-simple-history's tables, people's and
periods' events, API tokens and their use) and adds only what nothing else recorded:
sign-ins and failed sign-ins (``SignInEvent``).
"""
