"""Backing up and restoring a Headway: its database and its stored files, in one file."""
