"""launchgate: one verdict on whether an AI chatbot product is safe to launch."""

__version__ = "0.1.0"
