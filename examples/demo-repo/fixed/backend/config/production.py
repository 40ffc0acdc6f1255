"""Production settings for the API: every endpoint comes from the environment."""

import os

DEBUG = False
PUBLIC_URL = "https://chat.acme.example"
REDIS_URL = os.environ["REDIS_URL"]
