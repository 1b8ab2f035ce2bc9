"""Reference data and shared value types: geography, text forms, instants and zones, matching's scores.

Below both models/ (request validation) and domain/ (rules): importing nothing of either, so neither
imports the other to reach them.
"""
