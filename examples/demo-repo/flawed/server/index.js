// Edge proxy in front of the API: adds CORS and forwards to the backend.
const express = require("express");
const cors = require("cors");
const { createProxyMiddleware } = require("http-proxy-middleware");

const app = express();

app.use(cors({ origin: true, credentials: true }));

app.use((req, res, next) => {
  console.log("proxying", req.method, req.path, req.headers.authorization);
  next();
});

app.use("/api", createProxyMiddleware({ target: process.env.API_URL, changeOrigin: true }));

app.listen(process.env.PORT || 3000);
