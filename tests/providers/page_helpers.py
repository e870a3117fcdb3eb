"""Shared by the page and canary tests: run the Validate key page in AppTest."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "validate_key.py")
PASSWORD = 1  # TextInput.Type.PASSWORD in Streamlit's proto


def page() -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=30)
    at.run()
    assert not at.exception
    return at


def submit_openai(at: AppTest, key: str, org: str = "") -> AppTest:
    at.text_input(key="validate_openai_key").input(key)
    at.text_input(key="validate_openai_org").input(org)
    at.button(key="validate_openai_submit").click()
    return at.run()


def submit_azure(at: AppTest, key: str, endpoint: str, deployments: dict[str, str] | None = None) -> AppTest:
    at.text_input(key="validate_azure_key").input(key)
    at.text_input(key="validate_azure_endpoint").input(endpoint)
    for model, name in (deployments or {}).items():
        at.text_input(key=f"validate_azure_dep_{model}").input(name)
    at.button(key="validate_azure_submit").click()
    return at.run()


def walk(node):
    """Every node of the AppTest element tree."""
    yield node
    children = getattr(node, "children", None) or {}
    for child in children.values():
        yield from walk(child)


def rendered_text(at: AppTest) -> str:
    """Everything the page sends to the browser except the password inputs' own value
    (the one place a key may be: the field the user typed it into)."""
    parts = []
    for node in walk(at._tree):
        proto = getattr(node, "proto", None)
        if node.type == "text_input" and proto is not None and proto.type == PASSWORD:
            continue
        parts.append(repr(node))
        if proto is not None:
            parts.append(str(proto))
        value = getattr(node, "value", None)
        if value is not None and not callable(value):
            parts.append(str(value))
    return "\n".join(parts)


def result_table(at: AppTest):
    return at.dataframe[0].value
