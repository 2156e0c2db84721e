"""``make bench-pack``: how long generating a committee pack takes, and how that compares with
a floor, the same libraries writing the same paragraphs, rows and charts with no composing.

Each case (the demo, and the demo's story told by 100 and 1,000 initiatives) runs in a process
of its own, on a throwaway SQLite database, so it needs nothing set up and touches no real data.
"""
