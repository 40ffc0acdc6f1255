import importlib
import json
import sqlite3
import subprocess

from openai import OpenAI

import tools_module

client = OpenAI()
TOOLS = {"search_docs": tools_module.search_docs, "get_weather": tools_module.get_weather}
ALLOWED_TOOLS = {"search_docs", "get_weather"}


def run_with_getattr(messages):
    response = client.chat.completions.create(model="gpt-4o", messages=messages, tools=[])
    for call in response.choices[0].message.tool_calls:
        args = json.loads(call.function.arguments)
        # ruleid: tool-dispatch-dynamic-python
        handler = getattr(tools_module, call.function.name)
        handler(**args)


def run_with_globals(messages):
    response = client.chat.completions.create(model="gpt-4o", messages=messages)
    call = response.choices[0].message.tool_calls[0]
    name = call.function.name
    # ruleid: tool-dispatch-dynamic-python
    return globals()[name](**json.loads(call.function.arguments))


def run_with_importlib(messages):
    response = client.chat.completions.create(model="gpt-4o", messages=messages)
    call = response.choices[0].message.tool_calls[0]
    # ruleid: tool-dispatch-dynamic-python
    module = importlib.import_module("plugins." + call.function.name)
    return module.run()


def run_shell_tool(messages):
    response = client.chat.completions.create(model="gpt-4o", messages=messages)
    call = response.choices[0].message.tool_calls[0]
    args = json.loads(call.function.arguments)
    # ruleid: tool-dispatch-dynamic-python
    return subprocess.run(args["command"], shell=True, capture_output=True)


def run_sql_tool(messages, db: sqlite3.Connection):
    response = client.chat.completions.create(model="gpt-4o", messages=messages)
    args = json.loads(response.choices[0].message.tool_calls[0].function.arguments)
    cursor = db.cursor()
    # ruleid: tool-dispatch-dynamic-python
    cursor.execute(f"SELECT * FROM orders WHERE customer = '{args['customer']}'")


async def run_anthropic(anthropic_client, messages):
    message = await anthropic_client.messages.create(model="claude", messages=messages)
    for block in message.content:
        if block.type == "tool_use":
            # ruleid: tool-dispatch-dynamic-python
            result = eval(block.input["expression"])
            return result


def run_with_allowlist_dict(messages):
    response = client.chat.completions.create(model="gpt-4o", messages=messages)
    for call in response.choices[0].message.tool_calls:
        handler = TOOLS.get(call.function.name)
        if handler is None:
            raise ValueError("unknown tool")
        # ok: tool-dispatch-dynamic-python
        handler(**json.loads(call.function.arguments))


def run_with_allowlist_set(messages):
    response = client.chat.completions.create(model="gpt-4o", messages=messages)
    call = response.choices[0].message.tool_calls[0]
    name = call.function.name
    if name in ALLOWED_TOOLS:
        # ok: tool-dispatch-dynamic-python
        return getattr(tools_module, name)()
    return None


def run_with_allowlist_guard(messages):
    response = client.chat.completions.create(model="gpt-4o", messages=messages)
    name = response.choices[0].message.tool_calls[0].function.name
    if name not in ALLOWED_TOOLS:
        raise PermissionError(f"tool {name} is not allowed")
    # ok: tool-dispatch-dynamic-python
    return getattr(tools_module, name)()


def run_with_allowlist_early_return(messages):
    response = client.chat.completions.create(model="gpt-4o", messages=messages)
    name = response.choices[0].message.tool_calls[0].function.name
    if name not in {"search", "weather"}:
        return None
    # ok: tool-dispatch-dynamic-python
    return getattr(tools_module, name)()


def run_with_a_guard_that_does_not_stop(messages):
    response = client.chat.completions.create(model="gpt-4o", messages=messages)
    name = response.choices[0].message.tool_calls[0].function.name
    if name not in ALLOWED_TOOLS:
        log.warning("unknown tool %s", name)
    # ruleid: tool-dispatch-dynamic-python
    return getattr(tools_module, name)()


def run_sql_parameterised(messages, db: sqlite3.Connection):
    response = client.chat.completions.create(model="gpt-4o", messages=messages)
    args = json.loads(response.choices[0].message.tool_calls[0].function.arguments)
    # ok: tool-dispatch-dynamic-python
    db.execute("SELECT * FROM orders WHERE customer = ?", (args["customer"],))


def configure(settings):
    # ok: tool-dispatch-dynamic-python
    return getattr(settings, "timeout", 30)
