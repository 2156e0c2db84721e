"""The composer: drafts a committee report from a snapshot's data, never from live tables."""
