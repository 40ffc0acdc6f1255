export default {
  // ruleid: local-endpoint-in-production-config
  apiUrl: "http://localhost:8000/api",
  // ruleid: local-endpoint-in-production-config
  redisUrl: "redis://127.0.0.1:6379",
  // ok: local-endpoint-in-production-config
  publicUrl: "https://app.example.com",
  // ok: local-endpoint-in-production-config
  sentryDsn: process.env.SENTRY_DSN,
};
