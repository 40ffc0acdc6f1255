from langchain.agents import create_pandas_dataframe_agent, load_tools
from langchain_community.tools import ShellTool
from langchain_experimental.tools import PythonREPLTool
from langchain_experimental.sql import SQLDatabaseChain

from app.llm import llm


def build_agent(df):
    # ruleid: langchain-dangerous-tools
    return create_pandas_dataframe_agent(llm, df, verbose=True, allow_dangerous_code=True)


def build_tools():
    # ruleid: langchain-dangerous-tools
    repl = PythonREPLTool()
    # ruleid: langchain-dangerous-tools
    shell = ShellTool()
    return [repl, shell]


def build_loaded_tools():
    # ruleid: langchain-dangerous-tools
    return load_tools(["serpapi", "terminal"], llm=llm)


def build_requests_toolkit(RequestsToolkit, wrapper):
    # ruleid: langchain-dangerous-tools
    return RequestsToolkit(requests_wrapper=wrapper, allow_dangerous_requests=True)


def build_safe_agent(df):
    # ok: langchain-dangerous-tools
    return create_pandas_dataframe_agent(llm, df, verbose=True, allow_dangerous_code=False)


def build_safe_tools():
    # ok: langchain-dangerous-tools
    return load_tools(["serpapi", "llm-math"], llm=llm)
