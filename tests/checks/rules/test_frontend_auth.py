"""Frontend-only authorization across files, on small multi-file projects built in the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from launchgate.checks.rules.frontend_auth import Endpoint, next_route_path, reaches, split_path
from launchgate.core.findings import CheckResult, Severity
from tests.checks.rules.helpers import make_repo, run_check

RULE = "frontend-only-authorization"

FASTAPI_PROJECT = {
    "api/main.py": '''
from fastapi import APIRouter, Depends, FastAPI
from flask import Flask
from flask_login import login_required

from api.auth import get_current_user, require_admin

app = FastAPI()
admin_router = APIRouter(prefix="/api/admin/audit", dependencies=[Depends(require_admin)])


@app.delete("/api/admin/users/{user_id}")
def delete_user(user_id: int):
    return {"deleted": user_id}


@app.post("/api/admin/invites")
def invite(body: dict, admin=Depends(require_admin)):
    return {"ok": True}


@app.get("/api/profile")
def profile():
    return {}


@admin_router.get("/events")
def audit_events():
    return []


flask_app = Flask(__name__)


@flask_app.route("/api/admin/refunds", methods=["POST"])
@login_required
def refund():
    return {"ok": True}
''',
    "web/src/AdminPanel.tsx": '''
import { useAuth } from "./auth";

export function AdminPanel() {
  const { user } = useAuth();
  if (user.role !== "admin") return null;
  const remove = (id: number) => fetch(`/api/admin/users/${id}`, { method: "DELETE" });
  const invite = () => fetch("/api/admin/invites", { method: "POST" });
  const events = () => fetch("/api/admin/audit/events");
  const refund = () => fetch("/api/admin/refunds", { method: "POST" });
  return <button onClick={() => remove(1)}>Delete</button>;
}
''',
    "web/src/Profile.tsx": '''
export function Profile() {
  return <button onClick={() => fetch("/api/profile")}>Load</button>;
}
''',
}

EXPRESS_PROJECT = {
    "server/server.js": '''
const express = require("express");
const { requireAdmin } = require("./auth");
const { adminRouter } = require("./routes/admin");
const { billingRouter } = require("./routes/billing");

const app = express();
app.use("/api/admin", requireAdmin, adminRouter);
app.use("/api/billing", billingRouter);

app.delete("/api/team/members/:id", async (req, res) => {
  res.json({ deleted: req.params.id });
});

app.post("/api/team/plans", requireAdmin, (req, res) => res.json({ ok: true }));

// launchgate: allow frontend-only-authorization -- aggregate numbers, public on the status page
app.get("/api/team/stats", (req, res) => res.json({ members: 3 }));
''',
    "server/routes/admin.js": '''
const express = require("express");
const adminRouter = express.Router();
adminRouter.put("/roles/:id", (req, res) => res.json({ ok: true }));
module.exports = { adminRouter };
''',
    "server/routes/billing.js": '''
const express = require("express");
const billingRouter = express.Router();
billingRouter.post("/refunds", (req, res) => res.json({ ok: true }));
module.exports = { billingRouter };
''',
    "client/src/TeamSettings.jsx": '''
import axios from "axios";

export function TeamSettings({ user, memberId }) {
  if (!hasPermission(user, "team:manage")) return null;
  const remove = () => fetch(`/api/team/members/${memberId}`, { method: "DELETE" });
  const plans = () => fetch("/api/team/plans", { method: "POST" });
  const stats = () => fetch("/api/team/stats");
  const roles = () => axios.put(`/api/admin/roles/${memberId}`, { role: "admin" });
  const refund = () => axios.post("/api/billing/refunds", { charge: "ch_1" });
  return <button onClick={remove}>Remove</button>;
}
''',
}

NEXT_PROJECT = {
    "middleware.ts": '''
import { NextResponse } from "next/server";
export function middleware(request) {
  if (!request.cookies.get("session")) return NextResponse.redirect(new URL("/login", request.url));
}
export const config = { matcher: ["/admin/:path*", "/api/admin/:path*"] };
''',
    "app/api/admin/users/[id]/route.ts": '''
import { db } from "@/lib/db";

export async function DELETE(request: Request, { params }: { params: { id: string } }) {
  await db.user.delete({ where: { id: params.id } });
  return Response.json({ deleted: params.id });
}
''',
    "app/api/admin/teams/route.ts": '''
import { auth } from "@/auth";

export async function POST(request: Request) {
  const session = await auth();
  if (session?.user.role !== "admin") return new Response(null, { status: 403 });
  return Response.json({ ok: true });
}
''',
    "pages/api/admin/export.ts": '''
export default async function handler(req, res) {
  res.status(200).json({ rows: [] });
}
''',
    "app/admin/actions.ts": '''
"use server";
import { auth } from "@/auth";
import { db } from "@/lib/db";

export async function deleteWorkspace(id: string) {
  await db.workspace.delete({ where: { id } });
}

export async function promoteUser(id: string) {
  const session = await auth();
  if (session?.user.role !== "admin") throw new Error("forbidden");
  await db.user.update({ where: { id }, data: { role: "admin" } });
}
''',
    "app/(dashboard)/admin/page.tsx": '''
"use client";
import axios from "axios";
import { useSession } from "next-auth/react";
import { deleteWorkspace, promoteUser } from "../../admin/actions";

export default function AdminPage() {
  const { data: session } = useSession();
  if (session?.user.role !== "admin") return null;
  const remove = (id: string) => fetch(`/api/admin/users/${id}`, { method: "DELETE" });
  const create = () => fetch("/api/admin/teams", { method: "POST" });
  const exportAll = () => axios.get("/api/admin/export");
  const wipe = () => deleteWorkspace("w1");
  const promote = () => promoteUser("u1");
  return <button onClick={() => remove("1")}>Delete</button>;
}
''',
}


def _run(tmp_path_factory: pytest.TempPathFactory, files: dict[str, str]) -> CheckResult:
    return run_check(make_repo(tmp_path_factory.mktemp("project"), files))


@pytest.fixture(scope="module")
def fastapi_result(tmp_path_factory: pytest.TempPathFactory) -> CheckResult:
    return _run(tmp_path_factory, FASTAPI_PROJECT)


@pytest.fixture(scope="module")
def express_result(tmp_path_factory: pytest.TempPathFactory) -> CheckResult:
    return _run(tmp_path_factory, EXPRESS_PROJECT)


@pytest.fixture(scope="module")
def next_result(tmp_path_factory: pytest.TempPathFactory) -> CheckResult:
    return _run(tmp_path_factory, NEXT_PROJECT)


def _frontend_only(result: CheckResult) -> dict[str, str]:
    """Title -> handler location of every frontend-only finding."""
    return {f.title: f.location.describe() for f in result.findings if f.rule == RULE}


def test_fastapi_handler_guarded_only_by_the_react_role_check(fastapi_result: CheckResult) -> None:
    found = _frontend_only(fastapi_result)
    assert found == {"DELETE /api/admin/users/* is authorized only in the frontend":
                     "api/main.py:12:1"}
    finding = next(f for f in fastapi_result.findings if f.rule == RULE)
    assert finding.severity is Severity.BLOCKER
    assert "web/src/AdminPanel.tsx:7" in finding.evidence
    assert "Depends()" in finding.remediation


def test_express_handlers_behind_mounted_middleware_count_as_checked(
    express_result: CheckResult,
) -> None:
    assert _frontend_only(express_result) == {
        "DELETE /api/team/members/* is authorized only in the frontend": "server/server.js:11:1",
        "POST /api/billing/refunds is authorized only in the frontend":
            "server/routes/billing.js:4:1",
    }


def test_a_silenced_join_finding_is_listed(express_result: CheckResult) -> None:
    assert express_result.stats["suppressed"] == 1
    assert any("server/server.js:18:1 frontend-only-authorization (launchgate: allow)" in note
               for note in express_result.notes)


def test_next_middleware_alone_is_frontend_only(next_result: CheckResult) -> None:
    assert _frontend_only(next_result) == {
        "DELETE /api/admin/users/* is authorized only in the frontend":
            "app/api/admin/users/[id]/route.ts:4:1",
        "ANY /api/admin/export is authorized only in the frontend":
            "pages/api/admin/export.ts:2:1",
        "server action deleteWorkspace() is authorized only in the frontend":
            "app/admin/actions.ts:6:1",
    }


def test_the_join_pieces_never_become_findings_themselves(next_result: CheckResult) -> None:
    assert not [f for f in next_result.findings if f.rule.startswith("authz-")]


@pytest.mark.parametrize(
    ("path", "served"),
    [
        ("app/api/admin/users/[id]/route.ts", "/api/admin/users/[id]"),
        ("src/app/(admin)/api/teams/route.js", "/api/teams"),
        ("pages/api/admin/export.ts", "/api/admin/export"),
        ("src/pages/api/chats/index.ts", "/api/chats"),
        ("app/admin/page.tsx", None),
    ],
)
def test_next_file_routes(path: str, served: str | None) -> None:
    assert next_route_path(path) == served


@pytest.mark.parametrize(
    ("call", "served", "expected"),
    [
        (("DELETE", "/api/users/5"), ("DELETE", "/api/users/{user_id}"), True),
        (("DELETE", "/api/users/*"), ("DELETE", "/api/users/:id"), True),
        (("GET", "/api/users/*"), ("DELETE", "/api/users/:id"), False),
        (("POST", "/api/billing/refunds"), ("POST", "/refunds"), False),
        (("POST", "/api/billing/refunds"), ("POST", "/billing/refunds"), True),
        (("POST", "/api/billing/refunds"), ("ANY", "/api/billing/refunds"), True),
        (("GET", "/api/users"), ("GET", "/api/users/{id}"), False),
        (("ACTION", "deleteUser"), ("ACTION", "deleteUser"), True),
        (("ACTION", "deleteUser"), ("ANY", "/deleteUser"), False),
    ],
)
def test_which_calls_reach_which_handlers(
    call: tuple[str, str], served: tuple[str, str], expected: bool
) -> None:
    calls = Endpoint(call[0], split_path(call[1]))
    assert reaches(calls, Endpoint(served[0], split_path(served[1]))) is expected
