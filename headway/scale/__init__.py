"""Headway at scale: generating many organisations of data, and measuring the pages on them."""
