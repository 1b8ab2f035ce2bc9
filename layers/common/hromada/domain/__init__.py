"""Business rules in pure Python: no boto3, no store imports; storage is reached through Protocol ports."""
