"""Committees, their reports and the document model the report pack is rendered from."""
