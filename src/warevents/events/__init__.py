"""Event assembly: triggers, argument linking, merging, war relevance."""
