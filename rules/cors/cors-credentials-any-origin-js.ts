import cors from "cors";
import express from "express";

const app = express();

// ruleid: cors-credentials-any-origin-js
app.use(cors({ origin: true, credentials: true }));

// ruleid: cors-credentials-any-origin-js
app.use("/api", cors({ origin: "*", credentials: true, maxAge: 600 }));

app.use(
  // ruleid: cors-credentials-any-origin-js
  cors({
    credentials: true,
    origin: (origin, callback) => callback(null, true),
  }),
);

// ruleid: cors-credentials-any-origin-js
const corsOptions = {
  origin: function (origin, callback) { callback(null, true); },
  credentials: true,
};
app.use(cors(corsOptions));

app.use((req, res, next) => {
  // ruleid: cors-credentials-any-origin-js
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin);
  res.setHeader("Access-Control-Allow-Credentials", "true");
  next();
});

const ALLOWED_ORIGINS = ["https://app.example.com", "https://admin.example.com"];

// ok: cors-credentials-any-origin-js
app.use(cors({ origin: ALLOWED_ORIGINS, credentials: true }));

// ok: cors-credentials-any-origin-js
app.use(cors({ origin: "*" }));

app.use(
  // ok: cors-credentials-any-origin-js
  cors({
    credentials: true,
    origin: (origin, callback) => callback(null, ALLOWED_ORIGINS.includes(origin ?? "")),
  }),
);

app.use((req, res, next) => {
  // ok: cors-credentials-any-origin-js
  res.setHeader("Access-Control-Allow-Origin", "https://app.example.com");
  res.setHeader("Access-Control-Allow-Credentials", "true");
  next();
});
