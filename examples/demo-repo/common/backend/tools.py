"""The tools the assistant may call."""

from __future__ import annotations

DOCS = {
    "pricing": "Starter is $19/month, Team is $99/month.",
    "refunds": "Refunds are issued within 14 days of purchase.",
}


def search_docs(query: str) -> str:
    return DOCS.get(query.lower(), "No matching article.")


def get_order_status(order_id: str) -> str:
    return f"Order {order_id} has shipped."
