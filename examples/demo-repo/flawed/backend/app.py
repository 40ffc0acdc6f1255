"""Acme Chat API: chat with tool calling, conversations, and the admin endpoints."""

from __future__ import annotations

import json
import logging

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.middleware.cors import CORSMiddleware

from backend import settings, tools
from backend.auth import current_user
from backend.llm import OpenAI
from backend.store import store

logger = logging.getLogger("acme.api")

app = FastAPI(title="Acme Chat")
app.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)

client = OpenAI(api_key=settings.OPENAI_API_KEY)

TOOL_SPECS = [
    {"type": "function", "function": {"name": "search_docs", "parameters": {"type": "object"}}},
    {"type": "function", "function": {"name": "get_order_status", "parameters": {"type": "object"}}},
]


@app.post("/api/chat")
async def chat(request: Request, user=Depends(current_user)):
    logger.info("chat request from %s", request.headers.get("authorization"))
    body = await request.json()
    messages = [{"role": "user", "content": body["message"]}]

    response = client.chat.completions.create(
        model=settings.OPENAI_MODEL, messages=messages, tools=TOOL_SPECS
    )
    for call in response.choices[0].message.tool_calls or []:
        handler = getattr(tools, call.function.name)
        result = handler(**json.loads(call.function.arguments))
        messages.append({"role": "tool", "tool_call_id": call.id, "content": result})
    return {"reply": messages[-1]["content"]}


@app.get("/api/chats")
def list_chats(user=Depends(current_user)):
    return store.chats_for(user.tenant_id)


@app.get("/api/admin/users")
def list_users():
    return store.all_users()


@app.delete("/api/admin/users/{user_id}")
def delete_user(user_id: int):
    if not store.delete_user(user_id):
        raise HTTPException(status_code=404)
    return {"deleted": user_id}
