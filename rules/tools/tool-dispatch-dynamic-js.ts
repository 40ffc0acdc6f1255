import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import { exec } from "child_process";
import * as fs from "fs";
import { generateText } from "ai";
import * as toolModule from "./tools";
import { db } from "./db";

const openai = new OpenAI();
const anthropic = new Anthropic();

const TOOLS = {
  searchDocs: toolModule.searchDocs,
  getWeather: toolModule.getWeather,
};
const ALLOWED_TOOLS = new Set(["searchDocs", "getWeather"]);

export async function runNamespaceDispatch(messages: any[]) {
  const response = await openai.chat.completions.create({ model: "gpt-4o", messages, tools: [] });
  for (const call of response.choices[0].message.tool_calls ?? []) {
    const args = JSON.parse(call.function.arguments);
    // ruleid: tool-dispatch-dynamic-js
    await (toolModule as any)[call.function.name](args);
  }
}

export async function runGlobalDispatch(messages: any[]) {
  const response = await openai.chat.completions.create({ model: "gpt-4o", messages });
  const call = response.choices[0].message.tool_calls![0];
  const name = call.function.name;
  // ruleid: tool-dispatch-dynamic-js
  return (globalThis as any)[name](JSON.parse(call.function.arguments));
}

export async function runShellTool(messages: any[]) {
  const response = await openai.chat.completions.create({ model: "gpt-4o", messages });
  const args = JSON.parse(response.choices[0].message.tool_calls![0].function.arguments);
  // ruleid: tool-dispatch-dynamic-js
  exec(args.command, (err, out) => console.log(out));
}

export async function runAnthropicSql(messages: any[]) {
  const message = await anthropic.messages.create({ model: "claude", max_tokens: 512, messages });
  for (const block of message.content) {
    if (block.type === "tool_use") {
      const input = block.input as { customer: string };
      // ruleid: tool-dispatch-dynamic-js
      await db.query(`SELECT * FROM orders WHERE customer = '${input.customer}'`);
    }
  }
}

export async function runVercelFileTool(prompt: string) {
  const result = await generateText({ model: "gpt-4o", prompt });
  for (const call of result.toolCalls) {
    // ruleid: tool-dispatch-dynamic-js
    const text = fs.readFileSync(call.args.path, "utf8");
    return text;
  }
}

export async function runEval(messages: any[]) {
  const response = await openai.chat.completions.create({ model: "gpt-4o", messages });
  const args = JSON.parse(response.choices[0].message.tool_calls![0].function.arguments);
  // ruleid: tool-dispatch-dynamic-js
  return eval(args.expression);
}

export async function runAllowlistObject(messages: any[]) {
  const response = await openai.chat.completions.create({ model: "gpt-4o", messages });
  for (const call of response.choices[0].message.tool_calls ?? []) {
    const name = call.function.name as keyof typeof TOOLS;
    if (!Object.hasOwn(TOOLS, name)) throw new Error("unknown tool");
    // ok: tool-dispatch-dynamic-js
    await TOOLS[name](JSON.parse(call.function.arguments));
  }
}

export async function runAllowlistSet(messages: any[]) {
  const response = await openai.chat.completions.create({ model: "gpt-4o", messages });
  const name = response.choices[0].message.tool_calls![0].function.name;
  if (ALLOWED_TOOLS.has(name)) {
    // ok: tool-dispatch-dynamic-js
    return (toolModule as any)[name]();
  }
}

export async function runParameterised(messages: any[]) {
  const response = await openai.chat.completions.create({ model: "gpt-4o", messages });
  const args = JSON.parse(response.choices[0].message.tool_calls![0].function.arguments);
  // ok: tool-dispatch-dynamic-js
  await db.query("SELECT * FROM orders WHERE customer = $1", [args.customer]);
}

export function pickHandler(handlers: Record<string, () => void>, key: string) {
  // ok: tool-dispatch-dynamic-js
  return handlers[key]();
}
