"""The update cycle's pages. Each view parses the request, calls a rule, and renders."""
