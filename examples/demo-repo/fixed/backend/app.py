"""Acme Chat API: chat with tool calling, conversations, and the admin endpoints."""

from __future__ import annotations

import json
import logging

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.middleware.cors import CORSMiddleware

from backend import settings, tools
from backend.auth import current_user, require_admin
from backend.llm import OpenAI
from backend.store import store

logger = logging.getLogger("acme.api")

app = FastAPI(title="Acme Chat")
app.add_middleware(
    CORSMiddleware,
    allow_origins=["https://chat.acme.example"],
    allow_credentials=True,
    allow_methods=["GET", "POST", "DELETE"],
    allow_headers=["Authorization", "Content-Type"],
)

client = OpenAI(api_key=settings.OPENAI_API_KEY)

# The only tools the model may call; anything else it names is refused.
TOOLS = {"search_docs": tools.search_docs, "get_order_status": tools.get_order_status}
TOOL_SPECS = [
    {"type": "function", "function": {"name": name, "parameters": {"type": "object"}}}
    for name in TOOLS
]


@app.post("/api/chat")
async def chat(request: Request, user=Depends(current_user)):
    logger.info("chat request from user %s (tenant %s)", user.id, user.tenant_id)
    body = await request.json()
    messages = [{"role": "user", "content": body["message"]}]

    response = client.chat.completions.create(
        model=settings.OPENAI_MODEL,
        messages=messages,
        tools=TOOL_SPECS,
        user=f"tenant-{user.tenant_id}",
    )
    for call in response.choices[0].message.tool_calls or []:
        handler = TOOLS.get(call.function.name)
        if handler is None:
            raise HTTPException(status_code=400, detail="unknown tool")
        result = handler(**json.loads(call.function.arguments))
        messages.append({"role": "tool", "tool_call_id": call.id, "content": result})
    return {"reply": messages[-1]["content"]}


@app.get("/api/chats")
def list_chats(user=Depends(current_user)):
    return store.chats_for(user.tenant_id)


@app.get("/api/admin/users")
def list_users(admin=Depends(require_admin)):
    return [u for u in store.all_users() if u.tenant_id == admin.tenant_id]


@app.delete("/api/admin/users/{user_id}")
def delete_user(user_id: int, admin=Depends(require_admin)):
    if not store.delete_user(user_id, tenant_id=admin.tenant_id):
        raise HTTPException(status_code=404)
    return {"deleted": user_id}
