"""Production settings."""
import os

DEBUG = False
# ruleid: test-key-in-production-config
STRIPE_SECRET_KEY = "sk_test_51Hc8aXYZabcdefghijklmnop"
# ruleid: test-key-in-production-config
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "pk_test_51Hc8aQRSabcdefghijkl")
# ok: test-key-in-production-config
STRIPE_WEBHOOK_SECRET = os.environ["STRIPE_WEBHOOK_SECRET"]
# ok: test-key-in-production-config
STRIPE_MODE_CHECK = "sk_live_"  # prefix used to refuse test keys at start-up
