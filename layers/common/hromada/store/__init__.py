"""DynamoDB adapters. The only place that knows table keys (see keys.py)."""
