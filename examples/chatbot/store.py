"""In-memory tenants, users and chats of the demo service; tokens map to users."""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class User:
    """A signed-in person: a name, the tenant (company) they belong to, and their role."""

    name: str
    tenant: str
    is_admin: bool = False


@dataclass(frozen=True)
class Chat:
    """One conversation, owned by a user of one tenant."""

    id: str
    title: str
    owner: str
    tenant: str


TOKENS: dict[str, User] = {
    "alice-demo-token": User("alice", "acme"),
    "bob-demo-token": User("bob", "globex"),
    "admin-demo-token": User("admin", "acme", is_admin=True),
    "carol-demo-token": User("carol", "acme"),
}

BILLING = {
    "acme": {"plan": "business", "seats": 25, "card": "visa ending 4242"},
    "globex": {"plan": "team", "seats": 8, "card": "mastercard ending 4444"},
}


class Store:
    """The service's data; one lock keeps concurrent requests consistent."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids = itertools.count(1001)
        self._chats: dict[str, Chat] = {}
        for owner, tenant, title in SEED:
            self.create(User(owner, tenant), title)

    def user_for(self, authorization: str | None) -> User | None:
        """The user a ``Bearer`` header names, or ``None``."""
        scheme, _, token = (authorization or "").partition(" ")
        return TOKENS.get(token.strip()) if scheme.lower() == "bearer" else None

    def create(self, user: User, title: object) -> Chat:
        with self._lock:
            chat = Chat(f"chat_{next(self._ids):x}{user.tenant[:2]}", str(title), user.name,
                        user.tenant)
            self._chats[chat.id] = chat
        return chat

    def get(self, chat_id: str) -> Chat | None:
        return self._chats.get(chat_id)

    def rename(self, chat_id: str, title: object) -> Chat | None:
        with self._lock:
            chat = self._chats.get(chat_id)
            if chat is not None:
                chat = self._chats[chat_id] = replace(chat, title=str(title))
        return chat

    def delete(self, chat_id: str) -> bool:
        with self._lock:
            return self._chats.pop(chat_id, None) is not None

    def all_chats(self) -> list[Chat]:
        return list(self._chats.values())

    def chats_of(self, user: User) -> list[Chat]:
        return [c for c in self._chats.values() if c.owner == user.name]

    def users(self) -> list[dict[str, object]]:
        return [{"name": u.name, "tenant": u.tenant, "admin": u.is_admin} for u in TOKENS.values()]


SEED = [
    ("alice", "acme", "Q3 onboarding questions"),
    ("alice", "acme", "Refund policy draft"),
    ("bob", "globex", "Merger due diligence"),
    ("bob", "globex", "Payroll export issue"),
    ("carol", "acme", "Holiday schedule"),
]
