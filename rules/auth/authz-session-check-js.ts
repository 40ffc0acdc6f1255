import express from "express";
import { getServerSession } from "next-auth";
import { requireAdmin } from "./auth";

const app = express();

// ruleid: authz-session-check-js
app.delete("/api/admin/users/:id", requireAdmin, async (req, res) => {
  res.json({ deleted: req.params.id });
});

export async function POST(request: Request) {
  // ruleid: authz-session-check-js
  const session = await getServerSession(authOptions);
  if (!session) return new Response(null, { status: 401 });
  return Response.json({ ok: true });
}

app.get("/api/me", (req, res) => {
  // ruleid: authz-session-check-js
  if (req.user.role !== "admin") return res.sendStatus(403);
  res.json({});
});

app.get("/api/health", (req, res) => {
  // ok: authz-session-check-js
  res.json({ status: "ok" });
});
