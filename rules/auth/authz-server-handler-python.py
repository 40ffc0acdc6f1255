from fastapi import APIRouter, Depends, FastAPI
from flask import Flask

app = FastAPI()
router = APIRouter(prefix="/api/admin")
flask_app = Flask(__name__)


# ruleid: authz-server-handler-python
@app.delete("/api/admin/users/{user_id}")
async def delete_user(user_id: int):
    return {"deleted": user_id}


# ruleid: authz-server-handler-python
@router.get("/users")
def list_users(user=Depends(require_admin)):
    return []


# ruleid: authz-server-handler-python
@flask_app.route("/api/billing/refunds", methods=["POST"])
def refund():
    return {"ok": True}


# ok: authz-server-handler-python
@app.on_event("startup")
async def startup():
    pass


# ok: authz-server-handler-python
@app.middleware("http")
async def timing(request, call_next):
    return await call_next(request)
