"""Who is calling: the session token in the Authorization header, resolved to a user."""

from __future__ import annotations

from fastapi import HTTPException, Request

from backend.store import User, store


def current_user(request: Request) -> User:
    token = request.headers.get("authorization", "").removeprefix("Bearer ")
    user = store.user_for_token(token)
    if user is None:
        raise HTTPException(status_code=401)
    return user


def require_admin(request: Request) -> User:
    user = current_user(request)
    if user.role != "admin":
        raise HTTPException(status_code=403)
    return user
