"""Renderers: one per format, each taking the document model and returning bytes."""
