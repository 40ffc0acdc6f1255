// Edge proxy in front of the API: adds CORS and forwards to the backend.
const express = require("express");
const cors = require("cors");
const { createProxyMiddleware } = require("http-proxy-middleware");

const app = express();
const ALLOWED_ORIGINS = ["https://chat.acme.example"];

app.use(cors({ origin: ALLOWED_ORIGINS, credentials: true }));

app.use((req, res, next) => {
  console.log("proxying", req.method, req.path, req.get("x-request-id"));
  next();
});

app.use("/api", createProxyMiddleware({ target: process.env.API_URL, changeOrigin: true }));

app.listen(process.env.PORT || 3000);
