import express from "express";
import { adminRouter } from "./routes/admin";
import { requireAdmin, requireAuth } from "./auth";

const app = express();
const api = express.Router();

// ruleid: authz-mount-guard-js
app.use("/api/admin", requireAdmin, adminRouter);
// ruleid: authz-mount-guard-js
api.use(requireAuth);
// ok: authz-mount-guard-js
app.use(express.json());
// ok: authz-mount-guard-js
app.use("/api/public", publicRouter);
