import os

import stripe
from anthropic import AsyncAnthropic
from fastapi import Depends, FastAPI
from openai import OpenAI

from app.auth import current_user
from app.tenants import tenant_for

app = FastAPI()
client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
claude = AsyncAnthropic()
stripe.api_key = os.environ["STRIPE_SECRET_KEY"]


@app.post("/api/chat")
def chat(body: dict, user=Depends(current_user)):
    # ruleid: shared-provider-client-python
    completion = client.chat.completions.create(model="gpt-4o", messages=body["messages"])
    return {"reply": completion.choices[0].message.content}


@app.post("/api/claude")
async def chat_claude(body: dict, user=Depends(current_user)):
    # ruleid: shared-provider-client-python
    message = await claude.messages.create(model="claude", max_tokens=512, messages=body["messages"])
    return {"reply": message.content[0].text}


@app.post("/api/checkout")
def checkout(body: dict, user=Depends(current_user)):
    # ruleid: shared-provider-client-python
    intent = stripe.PaymentIntent.create(amount=body["amount"], currency="usd")
    return {"client_secret": intent.client_secret}


@app.post("/api/chat/attributed")
def chat_attributed(body: dict, user=Depends(current_user)):
    # ok: shared-provider-client-python
    completion = client.chat.completions.create(
        model="gpt-4o", messages=body["messages"], user=str(user.id)
    )
    return {"reply": completion.choices[0].message.content}


@app.post("/api/claude/attributed")
async def claude_attributed(body: dict, user=Depends(current_user)):
    # ok: shared-provider-client-python
    message = await claude.messages.create(
        model="claude", max_tokens=512, messages=body["messages"], metadata={"user_id": user.id}
    )
    return {"reply": message.content[0].text}


@app.post("/api/chat/tenant-key")
def chat_tenant_key(body: dict, user=Depends(current_user)):
    tenant_client = OpenAI(api_key=tenant_for(user).openai_key)
    # ok: shared-provider-client-python
    completion = tenant_client.chat.completions.create(model="gpt-4o", messages=body["messages"])
    return {"reply": completion.choices[0].message.content}


@app.post("/api/checkout/connect")
def checkout_connect(body: dict, user=Depends(current_user)):
    # ok: shared-provider-client-python
    intent = stripe.PaymentIntent.create(
        amount=body["amount"], currency="usd", stripe_account=tenant_for(user).stripe_account
    )
    return {"client_secret": intent.client_secret}
