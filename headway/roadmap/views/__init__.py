"""The road map pages: the maps, change requests, consultations and map versions."""
