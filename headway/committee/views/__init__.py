"""The committee pages: thin views over drafting.py, reports.py, packs.py and publication.py."""
