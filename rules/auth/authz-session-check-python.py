from fastapi import Depends, FastAPI, Request
from flask_login import login_required

from app.auth import get_current_user, require_admin, verify_session

app = FastAPI()


@app.get("/api/chats")
# ruleid: authz-session-check-python
def list_chats(user=Depends(get_current_user)):
    return []


# ruleid: authz-session-check-python
@login_required
def settings_page():
    return "ok"


@app.delete("/api/admin/users/{user_id}")
async def delete_user(user_id: int, request: Request):
    # ruleid: authz-session-check-python
    verify_session(request)
    return {"deleted": user_id}


@app.get("/api/models")
# ok: authz-session-check-python
def list_models(db=Depends(get_db)):
    return []
