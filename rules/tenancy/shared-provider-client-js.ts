import express from "express";
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import Stripe from "stripe";
import { tenantFor } from "./tenants";

const app = express();
const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
const anthropic = new Anthropic();
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

app.post("/api/chat", async (req, res) => {
  // ruleid: shared-provider-client-js
  const completion = await openai.chat.completions.create({ model: "gpt-4o", messages: req.body.messages });
  res.json({ reply: completion.choices[0].message.content });
});

export async function POST(request: Request) {
  const body = await request.json();
  // ruleid: shared-provider-client-js
  const message = await anthropic.messages.create({ model: "claude", max_tokens: 512, messages: body.messages });
  return Response.json({ reply: message.content });
}

app.post("/api/checkout", async (req, res) => {
  // ruleid: shared-provider-client-js
  const intent = await stripe.paymentIntents.create({ amount: req.body.amount, currency: "usd" });
  res.json({ clientSecret: intent.client_secret });
});

app.post("/api/chat/attributed", async (req, res) => {
  // ok: shared-provider-client-js
  const completion = await openai.chat.completions.create({
    model: "gpt-4o",
    messages: req.body.messages,
    user: String(req.user.id),
  });
  res.json({ reply: completion.choices[0].message.content });
});

app.post("/api/chat/tenant", async (req, res) => {
  const tenantClient = new OpenAI({ apiKey: tenantFor(req.user).openaiKey });
  // ok: shared-provider-client-js
  const completion = await tenantClient.chat.completions.create({ model: "gpt-4o", messages: req.body.messages });
  res.json({ reply: completion.choices[0].message.content });
});

app.post("/api/checkout/connect", async (req, res) => {
  // ok: shared-provider-client-js
  const intent = await stripe.paymentIntents.create(
    { amount: req.body.amount, currency: "usd" },
    { stripeAccount: tenantFor(req.user).stripeAccount },
  );
  res.json({ clientSecret: intent.client_secret });
});
