"""Production settings."""
import os

# ruleid: local-endpoint-in-production-config
DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://app:app@localhost:5432/app")
# ruleid: local-endpoint-in-production-config
LLM_GATEWAY_URL = "https://llm-gateway.staging.example.com/v1"
# ok: local-endpoint-in-production-config
API_BASE_URL = os.environ["API_BASE_URL"]
# ok: local-endpoint-in-production-config
PUBLIC_URL = "https://app.example.com"
# ok: local-endpoint-in-production-config
ALLOWED_HOSTS = ["app.example.com"]
