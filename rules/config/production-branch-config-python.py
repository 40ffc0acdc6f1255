import os

ENVIRONMENT = os.environ.get("ENVIRONMENT", "development")

if ENVIRONMENT == "production":
    DEBUG = False
    # ruleid: production-branch-config-python
    STRIPE_SECRET_KEY = "sk_test_51Hc8aXYZabcdefghijklmnop"
    # ruleid: production-branch-config-python
    REDIS_URL = "redis://localhost:6379/0"
    # ok: production-branch-config-python
    PUBLIC_URL = "https://app.example.com"
else:
    DEBUG = True
    # ok: production-branch-config-python
    REDIS_URL = "redis://localhost:6379/0"

# ruleid: production-branch-config-python
LLM_URL = "https://llm.staging.example.com" if ENVIRONMENT == "production" else "http://localhost:11434"
# ok: production-branch-config-python
MODEL_URL = "https://llm.example.com" if ENVIRONMENT == "production" else "http://localhost:11434"
