"""The local stack: moto provisioned from template.yaml, and a gateway that reads its routes."""
