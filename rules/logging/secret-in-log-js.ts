import express from "express";
import pino from "pino";
import winston from "winston";

const app = express();
const logger = pino();
const auditLogger = winston.createLogger({ transports: [new winston.transports.Console()] });

app.post("/api/chat", (req, res) => {
  // ruleid: secret-in-log-js
  console.log("auth header", req.headers.authorization);
  // ruleid: secret-in-log-js
  logger.info({ headers: req.headers }, "incoming chat");
  // ruleid: secret-in-log-js
  console.debug(`cookies: ${JSON.stringify(req.cookies)}`);
  // ruleid: secret-in-log-js
  auditLogger.info("session", { cookie: req.headers["cookie"] });
  // ok: secret-in-log-js
  logger.info({ path: req.path, contentType: req.headers["content-type"] }, "incoming chat");
  // ok: secret-in-log-js
  console.log("token usage", req.body.messages.length);
  res.json({ reply: "hi" });
});

export async function login(user: { id: string; email: string }, password: string, apiKey: string) {
  // ruleid: secret-in-log-js
  console.error(`login failed for ${user.email}`);
  // ruleid: secret-in-log-js
  logger.debug({ password }, "checking password");
  // ruleid: secret-in-log-js
  console.log("using key", apiKey);
  // ok: secret-in-log-js
  console.error(`login failed for user ${user.id}`);
  // ok: secret-in-log-js
  logger.info("password reset requested");
  // ok: secret-in-log-js
  logger.info({ keyLength: apiKey.length }, "key loaded");
}

export function onRefresh(session: { id: string; refreshToken: string }) {
  // ruleid: secret-in-log-js
  console.warn("refreshing", session.refreshToken);
  // ok: secret-in-log-js
  console.warn("refreshing session", session.id);
}
