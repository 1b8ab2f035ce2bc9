"""Hromada: the shared layer (models, domain rules, storage, HTTP plumbing)."""

from hromada import jitter as _jitter  # noqa: F401 - registers the SnapStart re-seed hook in every function
