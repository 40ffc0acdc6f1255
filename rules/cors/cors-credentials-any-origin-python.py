from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask
from flask_cors import CORS, cross_origin
from starlette.middleware import Middleware

app = FastAPI()
# ruleid: cors-credentials-any-origin-python
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"])

api = FastAPI()
# ruleid: cors-credentials-any-origin-python
api.add_middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True)

middleware = [
    # ruleid: cors-credentials-any-origin-python
    Middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True),
]

flask_app = Flask(__name__)
# ruleid: cors-credentials-any-origin-python
CORS(flask_app, supports_credentials=True)

admin_app = Flask("admin")
# ruleid: cors-credentials-any-origin-python
CORS(admin_app, origins="*", supports_credentials=True)


@flask_app.route("/api/me")
# ruleid: cors-credentials-any-origin-python
@cross_origin(supports_credentials=True)
def me():
    return {"id": 1}


@app.middleware("http")
async def reflect_origin(request: Request, call_next):
    response = await call_next(request)
    # ruleid: cors-credentials-any-origin-python
    response.headers["Access-Control-Allow-Origin"] = request.headers.get("origin", "")
    response.headers["Access-Control-Allow-Credentials"] = "true"
    return response


safe = FastAPI()
# ok: cors-credentials-any-origin-python
safe.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)
# ok: cors-credentials-any-origin-python
safe.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=False)
# ok: cors-credentials-any-origin-python
CORS(flask_app, origins=["https://app.example.com"], supports_credentials=True)
# ok: cors-credentials-any-origin-python
CORS(flask_app, resources={r"/public/*": {"origins": "*"}})


@safe.middleware("http")
async def public_assets(request: Request, call_next):
    response = await call_next(request)
    # ok: cors-credentials-any-origin-python
    response.headers["Access-Control-Allow-Origin"] = request.headers.get("origin", "")
    return response
