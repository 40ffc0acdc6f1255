import logging

import structlog
from fastapi import FastAPI, Request

app = FastAPI()
logger = logging.getLogger(__name__)
log = structlog.get_logger()


@app.post("/api/chat")
async def chat(request: Request):
    # ruleid: secret-in-log-python
    logger.info("incoming chat, auth=%s", request.headers.get("authorization"))
    # ruleid: secret-in-log-python
    logger.debug("headers: %s", request.headers)
    # ruleid: secret-in-log-python
    log.info("chat_request", cookies=request.cookies)
    body = await request.json()
    # ok: secret-in-log-python
    logger.info("content type %s", request.headers.get("content-type"))
    # ok: secret-in-log-python
    logger.info("chat request with %d messages", len(body["messages"]))
    # ok: secret-in-log-python
    logger.info("token budget exceeded for request %s", request.url.path)
    return {"reply": "hi"}


def login(user, password, api_key, token_count):
    # ruleid: secret-in-log-python
    logger.warning(f"login failed for {user.email}")
    # ruleid: secret-in-log-python
    print("debug login", user.username, password)
    # ruleid: secret-in-log-python
    logging.info("key in use: %s", api_key)
    # ruleid: secret-in-log-python
    log.info("issued", token=user.access_token)
    # ok: secret-in-log-python
    logger.info("login for user id %s, %d tokens used", user.id, token_count)
    # ok: secret-in-log-python
    logger.info("password reset requested for user %s", user.id)
    # ok: secret-in-log-python
    logger.info("key fingerprint %s", fingerprint(api_key))
    # ok: secret-in-log-python
    print("password must be at least 12 characters")


def refresh(session, payload):
    # ruleid: secret-in-log-python
    logger.error("refresh failed: %s", payload["refresh_token"])
    # ok: secret-in-log-python
    logger.error("refresh failed for session %s", session.id)
