"""Pydantic models: the API's request/response shapes and the stored records."""
