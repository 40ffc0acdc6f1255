/** @type {import('next').NextConfig} */
const isProd = process.env.NODE_ENV === "production";

const nextConfig = {
  env: {
    // ruleid: production-branch-config-js
    API_URL: process.env.NODE_ENV === "production" ? "http://localhost:8000" : "http://localhost:3001",
    // ok: production-branch-config-js
    CHAT_URL: process.env.NODE_ENV === "production" ? "https://api.example.com" : "http://localhost:8000",
  },
};

if (process.env.NODE_ENV === "production") {
  // ruleid: production-branch-config-js
  nextConfig.env.STRIPE_KEY = "pk_test_TYooMQauvdEDq54NiTphI7jx";
  nextConfig.env.SENTRY = "https://sentry.example.com";
} else {
  // ok: production-branch-config-js
  nextConfig.env.STRIPE_KEY = "pk_test_TYooMQauvdEDq54NiTphI7jx";
}

if (process.env.APP_ENV == "production") {
  // ruleid: production-branch-config-js
  nextConfig.env.GATEWAY = "https://gateway.staging.example.com";
}

module.exports = nextConfig;
