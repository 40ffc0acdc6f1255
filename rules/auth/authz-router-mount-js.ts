import express from "express";
import { adminRouter } from "./routes/admin";
import billingRoutes from "./routes/billing";

const app = express();

// ruleid: authz-router-mount-js
app.use("/api/billing", billingRoutes);
// ruleid: authz-router-mount-js
app.use("/api/admin", requireAdmin, adminRouter);
// ok: authz-router-mount-js
app.use("/static", express.static("public"));
// ok: authz-router-mount-js
app.use(express.json());
