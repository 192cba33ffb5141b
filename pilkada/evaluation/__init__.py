"""Scores of a warehouse against labelled data: gold meetings and person names."""
