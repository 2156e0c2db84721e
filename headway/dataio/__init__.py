"""Data in and out: spreadsheet imports with a preview, exports of every list, open data.

Imports are all or nothing: a file is read, checked row by row against the same rules as
the pages, shown as a preview, and written in one transaction only when it has no problem.
"""
