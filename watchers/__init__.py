"""Talks to the web and returns plain frozen dataclasses.

`watchers` fetches bytes with an HTTP session it is given, parses feeds and
extracts article text. It never imports `bot` or `classifiers`.
"""
