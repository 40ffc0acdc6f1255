from fastapi import APIRouter, FastAPI

from app.routes import billing

app = FastAPI()
# ruleid: authz-router-prefix-python
admin = APIRouter(prefix="/api/admin")
# ruleid: authz-router-prefix-python
app.include_router(billing.router, prefix="/api/billing")
# ok: authz-router-prefix-python
public = APIRouter(tags=["public"])
# ok: authz-router-prefix-python
app.include_router(public)
