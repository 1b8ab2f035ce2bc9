"""Hromada: the shared layer (models, domain rules, storage, HTTP plumbing)."""
