from fastapi import APIRouter, Depends, FastAPI

from app.auth import get_current_user, require_admin
from app.db import get_db
from app.routes import billing

app = FastAPI()
# ruleid: authz-router-guard-python
admin = APIRouter(prefix="/api/admin", dependencies=[Depends(require_admin)])
# ruleid: authz-router-guard-python
app.include_router(billing.router, prefix="/api/billing", dependencies=[Depends(get_current_user)])
# ok: authz-router-guard-python
public = APIRouter(prefix="/api/public", dependencies=[Depends(get_db)])
# ok: authz-router-guard-python
app.include_router(public)
