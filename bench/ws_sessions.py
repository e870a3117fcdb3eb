"""Many Streamlit sessions over the app's own websocket protocol, no browser.

A session here is what a browser tab is to the server: one websocket on
``/_stcore/stream``, its own Streamlit session, reruns sent as ``BackMsg``
protobufs with the widget states and the query string, answers read from the
``ForwardMsg`` stream (metrics, widgets, the URL the app asks the browser to
show). It costs the client almost nothing, so 20 sessions fit on a 2-core CI
machine and the run measures the server, not Chromium.

Session k opens ``?users=<its own value>``, changes the shared "Users" input
step by step, and after every rerun checks RPM, TPM and monthly spend against
byo_core and the link the app writes. Then it opens the key-check page, types
its own canary key and submits the check (the server must send it to a closed
loopback port, see ``sessions.key_check_env``). Every byte any session
receives is searched for every other session's key.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetStates

from .sessions import MAX_STEPS, Barrier, SessionResult, canary, expected, users_for

RERUN_TIMEOUT_S = 60.0  # generous on a shared machine; a bound, not a speed goal
INT_TYPE = 0  # NumberInput.DataType.INT


@dataclass
class Run:
    """What one rerun sent back."""

    metrics: dict[str, str] = field(default_factory=dict)
    widgets: dict[str, object] = field(default_factory=dict)  # label -> element proto
    texts: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    query: str | None = None
    pages: dict[str, str] = field(default_factory=dict)  # url_pathname -> page_script_hash
    raw: bytes = b""


class WsSession:
    def __init__(self, base_url: str):
        self.url = base_url.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = None
        self.page_hash = ""
        self.pages: dict[str, str] = {}
        self.received = bytearray()

    async def __aenter__(self) -> WsSession:
        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=2**25, open_timeout=RERUN_TIMEOUT_S)
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    async def rerun(self, query: str = "", states: WidgetStates | None = None, page_hash: str | None = None) -> Run:
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_script_hash = self.page_hash if page_hash is None else page_hash
        if states is not None:
            msg.rerun_script.widget_states.CopyFrom(states)
        await self.ws.send(msg.SerializeToString())
        run = Run()
        deadline = time.monotonic() + RERUN_TIMEOUT_S
        while True:
            data = await asyncio.wait_for(self.ws.recv(), max(0.1, deadline - time.monotonic()))
            self.received += data
            run.raw += data
            fm = ForwardMsg()
            fm.ParseFromString(data)
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                _element(fm.delta.new_element, run)
            elif kind == "page_info_changed":
                run.query = fm.page_info_changed.query_string
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in fm.navigation.app_pages}
                run.pages = dict(self.pages)
            elif kind == "new_session":
                self.page_hash = fm.new_session.page_script_hash or self.page_hash
            elif kind == "script_finished":
                return run


def _element(el, run: Run) -> None:
    kind = el.WhichOneof("type")
    if kind == "metric":
        run.metrics[el.metric.label] = el.metric.body
    elif kind in ("number_input", "text_input", "button", "checkbox", "selectbox", "radio"):
        run.widgets[getattr(el, kind).label] = getattr(el, kind)
    elif kind == "markdown":
        run.texts.append(el.markdown.body)
    elif kind == "heading":
        run.texts.append(el.heading.body)
    elif kind == "exception":
        run.exceptions.append(f"{el.exception.type}: {el.exception.message}")


def _check(run: Run, want_users: int, where: str) -> list[str]:
    exp = expected(want_users)
    problems = [f"{where}: exception {e}" for e in run.exceptions]
    for label, want in ((f"RPM ({exp.model})", exp.rpm), (f"TPM ({exp.model})", exp.tpm), ("Monthly spend", exp.monthly)):
        got = run.metrics.get(label)
        if got != want:
            problems.append(f"{where}: users={want_users}: {label} shows {got!r}, expected {want!r}")
    if run.query is not None and parse_qs(run.query).get("users") != [str(want_users)]:
        problems.append(f"{where}: link carries {run.query!r}, expected users={want_users}")
    return problems


def _foreign_keys(data: bytes, k: int, sessions: int) -> list[str]:
    return [f"session {k} received session {j}'s key" for j in range(sessions) if j != k and canary(j).encode() in data]


async def run_ws_session(base_url: str, k: int, sessions: int, seconds: float, max_steps: int,
                         loaded: Barrier, keyed: Barrier | None) -> SessionResult:
    res = SessionResult(k)
    arrived = typed = False
    try:
        async with WsSession(base_url) as s:
            v = users_for(k, 0)
            query = f"users={v}"
            run = await s.rerun(query)
            res.errors += _check(run, v, f"session {k} opening ?{query}")
            res.checks += 1
            users_id = run.widgets["Users"].id
            loaded.arrive()
            arrived = True
            await asyncio.wait_for(loaded.event.wait(), RERUN_TIMEOUT_S * 3)
            deadline, step = time.monotonic() + seconds, 1
            while step <= min(max_steps, MAX_STEPS) and time.monotonic() < deadline and not res.errors:
                v = users_for(k, step)
                states = WidgetStates()
                w = states.widgets.add()
                w.id, w.int_value = users_id, v
                run = await s.rerun(query, states)
                query = run.query if run.query is not None else query
                res.errors += _check(run, v, f"session {k} step {step}")
                res.checks += 1
                step += 1
            if keyed is not None and not res.errors:
                res.errors += await _key_check(s, k, query)
                res.errors += _foreign_keys(bytes(s.received), k, sessions)
                keyed.arrive()
                typed = True
                await asyncio.wait_for(keyed.event.wait(), RERUN_TIMEOUT_S * 3)
                run = await s.rerun(query)  # once every session has typed its key
                res.errors += run.exceptions + _foreign_keys(bytes(s.received), k, sessions)
                res.checks += 1
    except Exception as err:  # a session that could not run is an error of the run, with its reason
        res.errors.append(f"session {k}: {type(err).__name__}: {str(err)[:200]}")
    finally:
        if not arrived:
            loaded.arrive()
        if keyed is not None and not typed:
            keyed.arrive()
    return res


async def _key_check(s: WsSession, k: int, query: str) -> list[str]:
    page = s.pages.get("validate_key")
    if page is None:
        return [f"session {k}: no key-check page in the navigation ({sorted(s.pages)})"]
    run = await s.rerun(query, page_hash=page)
    s.page_hash = page
    key_box, submit = run.widgets.get("OpenAI API key"), run.widgets.get("Check OpenAI key")
    if key_box is None or submit is None:
        return [f"session {k}: the key-check form is missing ({sorted(run.widgets)})"]
    states = WidgetStates()
    w = states.widgets.add()
    w.id, w.string_value = key_box.id, canary(k)
    b = states.widgets.add()
    b.id, b.trigger_value = submit.id, True
    run = await s.rerun(query, states)
    problems = [f"session {k} key check: exception {e}" for e in run.exceptions]
    if not any(t.startswith("Result:") or "Result:" in t for t in run.texts):
        problems.append(f"session {k}: the key check showed no result")
    return problems


async def run_ws_load(base_url: str, sessions: int = 20, seconds: float = 3.0, max_steps: int = MAX_STEPS,
                      check_keys: bool = True) -> list[SessionResult]:
    loaded = Barrier(sessions)
    keyed = Barrier(sessions) if check_keys else None
    return list(await asyncio.gather(*(run_ws_session(base_url, k, sessions, seconds, max_steps, loaded, keyed) for k in range(sessions))))
