"""Rescue: archived snapshots of rotten sources, looked up after the check stage.

``wayback`` asks the Wayback Machine's availability API for the snapshot nearest the date a
source was cited.
"""
