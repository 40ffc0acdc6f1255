import express from "express";
import { requireAdmin } from "./auth";

const app = express();
const adminRouter = express.Router();

// ruleid: authz-server-handler-js
app.delete("/api/admin/users/:id", async (req, res) => {
  res.json({ deleted: req.params.id });
});

// ruleid: authz-server-handler-js
adminRouter.post("/refunds", requireAdmin, (req, res) => {
  res.json({ ok: true });
});

// ruleid: authz-server-handler-js
export async function DELETE(request: Request, { params }: { params: { id: string } }) {
  return Response.json({ deleted: params.id });
}

// ruleid: authz-server-handler-js
export default async function handler(req: any, res: any) {
  res.status(200).json({ users: [] });
}

// ok: authz-server-handler-js
const settings = new Map<string, string>();
// ok: authz-server-handler-js
settings.get("theme");
// ok: authz-server-handler-js
app.use(express.json());
