"""Production settings for the API."""

import os

DEBUG = False
PUBLIC_URL = "https://chat.acme.example"
REDIS_URL = os.environ.get("REDIS_URL", "redis://localhost:6379/0")
