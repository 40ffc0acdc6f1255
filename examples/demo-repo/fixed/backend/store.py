"""An in-memory store of tenants, users and chats, enough for the demo."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class User:
    id: int
    tenant_id: int
    role: str
    token: str


@dataclass
class Store:
    users: dict[int, User] = field(default_factory=dict)
    chats: dict[int, list[dict[str, str]]] = field(default_factory=dict)

    def user_for_token(self, token: str) -> User | None:
        return next((u for u in self.users.values() if u.token == token and token), None)

    def chats_for(self, tenant_id: int) -> list[dict[str, str]]:
        return self.chats.get(tenant_id, [])

    def all_users(self) -> list[User]:
        return list(self.users.values())

    def delete_user(self, user_id: int, tenant_id: int) -> bool:
        user = self.users.get(user_id)
        if user is None or user.tenant_id != tenant_id:
            return False
        del self.users[user_id]
        return True


store = Store()
