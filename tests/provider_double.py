"""A local stand-in for OpenAI and Azure OpenAI, on 127.0.0.1, for tests and bench/.

It speaks the shapes of ../shared/reference/provider-apis.md: the OpenAI
``/v1/models``, ``/v1/chat/completions`` and ``/v1/embeddings`` routes with
``x-ratelimit-*`` headers and documented error bodies, and Azure's
``/openai/deployments/{name}/…?api-version=`` routes. Faults are switched per
target (a model id, a deployment name, ``"auth"`` for ``GET /v1/models``, or
``"*"`` for every request):

    double.faults["gpt-4"] = "insufficient_quota"

It never logs and never stores the key it is given; it counts connections
and records (method, path) so tests can prove no request was made.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# Faults that act on the free GET /v1/models/{id}; every other fault acts on the probe.
LOOKUP_FAULTS = {"model_not_found", "project_model_blocked"}

OPENAI_ERRORS = {
    # fault: (status, code, type, message)
    "invalid_api_key": (401, "invalid_api_key", "invalid_request_error", "Incorrect API key provided: {masked}. You can find your API key at https://platform.openai.com/account/api-keys."),
    "mismatched_organization": (401, "mismatched_organization", "invalid_request_error", "OpenAI-Organization header should match organization for API key"),
    "invalid_organization": (401, "invalid_organization", "invalid_request_error", "No such organization: org-nope."),
    "no_organization": (401, "no_organization", "invalid_request_error", "You must be a member of an organization to use the API."),
    "model_not_found": (404, "model_not_found", "invalid_request_error", "The model `{model}` does not exist or you do not have access to it."),
    "project_model_blocked": (403, "model_not_found", "invalid_request_error", "Project `proj_abc` does not have access to model `{model}`"),
    "insufficient_quota": (429, "insufficient_quota", "insufficient_quota", "You exceeded your current quota, please check your plan and billing details."),
    "insufficient_quota_legacy": (429, None, "insufficient_quota", "You exceeded your current quota, please check your plan and billing details."),
    "rate_limit_exceeded": (429, "rate_limit_exceeded", "tokens", "Rate limit reached for {model} in organization org-double on tokens per min (TPM): Limit 10000, Used 9990, Requested 30. Please try again in 120ms."),
    "unsupported_country": (403, "unsupported_country_region_territory", "request_forbidden", "Country, region, or territory not supported"),
    "server_error": (500, "server_error", "server_error", "The server had an error while processing your request. Sorry about that!"),
    "overloaded": (503, None, "server_error", "That model is currently overloaded with other requests."),
}

AZURE_ERRORS = {
    "azure_401": (401, "401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."),
    "deployment_not_found": (404, "DeploymentNotFound", "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."),
    "azure_rate_limited": (429, "429", "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds."),
    "server_error": (500, "InternalServerError", "The service is temporarily unable to process your request."),
}

DEFAULT_OPENAI_MODELS = {  # id -> model the API reports serving
    "gpt-4": "gpt-4-0613",
    "gpt-3.5-turbo": "gpt-3.5-turbo-0125",
    "text-embedding-ada-002": "text-embedding-ada-002",
}
DEFAULT_AZURE_DEPLOYMENTS = {  # deployment name -> (Azure model name, kind)
    "gpt-4": ("gpt-4", "chat"),
    "gpt-35-turbo": ("gpt-35-turbo", "chat"),
    "text-embedding-ada-002": ("text-embedding-ada-002", "embedding"),
}
DEFAULT_LIMITS = {  # base model -> (RPM, TPM), tier-4-like
    "gpt-4": (10_000, 300_000),
    "gpt-3.5-turbo": (10_000, 1_000_000),
    "gpt-35-turbo": (10_000, 1_000_000),
    "text-embedding-ada-002": (10_000, 5_000_000),
}


class ProviderDouble:
    def __init__(self, key: str, *, org: str = "org-double") -> None:
        self._key = key
        self.org = org
        self.openai_models = dict(DEFAULT_OPENAI_MODELS)
        self.azure_deployments = dict(DEFAULT_AZURE_DEPLOYMENTS)
        self.limits = dict(DEFAULT_LIMITS)
        self.faults: dict[str, str] = {}
        self.delay = 0.0
        """Seconds added before every response (bench/)."""
        self.fault_delay = 2.0
        """Seconds the ``slow`` fault waits."""
        self.requests: list[tuple[str, str]] = []
        self.connections = 0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------
    def start(self) -> ProviderDouble:
        double = self

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False

            def verify_request(self, request, client_address):
                with double._lock:
                    double.connections += 1
                return True

        self._server = Server(("127.0.0.1", 0), _make_handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()  # releases hanging handlers
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> ProviderDouble:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def host_port(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.host_port}"

    def fault_for(self, target: str) -> str | None:
        return self.faults.get(target) or self.faults.get("*")


def free_closed_port() -> int:
    """A loopback port nothing listens on: connecting to it is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _make_handler(double: ProviderDouble):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "ProviderDouble/1"

        def log_message(self, *args):  # silent: nothing the client sent is ever printed
            pass

        # -- helpers --------------------------------------------------------
        def _send(self, status: int, body: bytes, ctype="application/json", headers=None) -> None:
            if double.delay:
                time.sleep(double.delay)
            self.send_response(status)
            self.send_header("content-type", ctype)
            self.send_header("content-length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: int, obj, headers=None) -> None:
            self._send(status, json.dumps(obj).encode(), headers=headers)

        def _read_body(self):
            n = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(n) if n else b""
            try:
                return json.loads(raw) if raw else {}
            except json.JSONDecodeError:
                return {}

        def _generic_fault(self, fault: str | None, served: str, base: str, kind: str) -> bool:
            """Faults that look the same on both providers; True if one was sent."""
            if fault == "hang":
                double._stop.wait(60)
                self.close_connection = True
                return True
            if fault == "slow":
                time.sleep(double.fault_delay)
                return False  # then answer normally
            if fault == "drip":
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", "100000")
                self.end_headers()
                while not double._stop.wait(0.1):
                    try:
                        self.wfile.write(b" ")
                        self.wfile.flush()
                    except OSError:
                        break
                self.close_connection = True
                return True
            if fault == "malformed_json":
                self._send(200, b'{"id": "chatcmpl-1", "model": ', headers=self._limit_headers(base))
                return True
            if fault == "html_error":
                self._send(502, b"<html><body><h1>502 Bad Gateway</h1></body></html>", ctype="text/html")
                return True
            if fault == "html_login":
                self._send(200, b"<!DOCTYPE html><html><title>Sign in</title><form>login</form></html>", ctype="text/html; charset=utf-8")
                return True
            if fault == "redirect":
                self._send(302, b"", ctype="text/plain", headers={"location": "http://169.254.169.254/latest/meta-data/"})
                return True
            if fault == "huge_body":
                self._send(200, b'{"pad": "' + b"x" * 200_000 + b'"}')
                return True
            if fault == "close":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return True
            return False

        def _limit_headers(self, base: str, style: str = "full") -> dict[str, str]:
            rpm, tpm = double.limits.get(base, (1000, 100_000))
            if style == "none":
                return {}
            remaining = {"x-ratelimit-remaining-requests": str(rpm - 1), "x-ratelimit-remaining-tokens": str(tpm - 2)}
            if style == "remaining":
                return remaining
            return {
                "x-ratelimit-limit-requests": str(rpm),
                "x-ratelimit-limit-tokens": str(tpm),
                **remaining,
                "x-ratelimit-reset-requests": "6ms",
                "x-ratelimit-reset-tokens": "1m0.5s",
            }

        def _answer(self, kind: str, served: str, headers: dict[str, str]) -> None:
            if kind == "chat":
                body = {
                    "id": "chatcmpl-double", "object": "chat.completion", "created": 1700000000, "model": served,
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hi"}, "finish_reason": "length"}],
                    "usage": {"prompt_tokens": 8, "completion_tokens": 1, "total_tokens": 9},
                }
            else:
                body = {
                    "object": "list", "model": served,
                    "data": [{"object": "embedding", "index": 0, "embedding": [0.01, -0.02]}],
                    "usage": {"prompt_tokens": 1, "total_tokens": 1},
                }
            self._json(200, body, headers)

        # -- routing ----------------------------------------------------------
        def do_GET(self):
            self._route("GET")

        def do_POST(self):
            self._route("POST")

        def _route(self, method: str) -> None:
            parts = urlsplit(self.path)
            with double._lock:
                double.requests.append((method, parts.path))
            if parts.path.startswith("/openai/deployments/"):
                self._azure(parts)
            elif parts.path.startswith("/v1/"):
                self._openai(method, parts.path)
            else:
                self._json(404, {"error": {"code": "404", "message": "Resource not found"}})

        # -- OpenAI -----------------------------------------------------------
        def _openai_error(self, fault: str, model: str = "") -> None:
            status, code, kind, message = OPENAI_ERRORS[fault]
            sent = (self.headers.get("authorization") or "").removeprefix("Bearer ")
            masked = f"{sent[:3]}***{sent[-4:]}" if len(sent) > 8 else "***"  # what OpenAI really echoes
            self._json(status, {"error": {"message": message.format(masked=masked, model=model), "type": kind, "param": None, "code": code}})

        def _openai(self, method: str, path: str) -> None:
            body = self._read_body() if method == "POST" else {}
            if self.headers.get("authorization") != f"Bearer {double._key}":
                return self._openai_error("invalid_api_key")
            org = self.headers.get("openai-organization")
            if org and org != double.org:
                return self._openai_error("mismatched_organization")
            extra = {} if double.fault_for("auth") == "no_org_header" else {"openai-organization": double.org}
            if method == "GET" and path == "/v1/models":
                fault = double.faults.get("auth") or double.faults.get("*")
                if fault in OPENAI_ERRORS:
                    return self._openai_error(fault)
                if self._generic_fault(fault, "", "", ""):
                    return
                data = [{"id": m, "object": "model", "created": 1686588896, "owned_by": "openai"} for m in double.openai_models]
                return self._json(200, {"object": "list", "data": data}, extra)
            if method == "GET" and path.startswith("/v1/models/"):
                model = path.removeprefix("/v1/models/")
                fault = double.fault_for(model)
                if fault in LOOKUP_FAULTS or model not in double.openai_models:
                    return self._openai_error(fault if fault in LOOKUP_FAULTS else "model_not_found", model)
                if fault in ("hang", "slow", "redirect", "html_error"):
                    if self._generic_fault(fault, "", "", ""):
                        return
                return self._json(200, {"id": model, "object": "model", "created": 1686588896, "owned_by": "openai"}, extra)
            if method == "POST" and path in ("/v1/chat/completions", "/v1/embeddings"):
                model = str(body.get("model", ""))
                kind = "chat" if path.endswith("completions") else "embedding"
                if model not in double.openai_models:
                    return self._openai_error("model_not_found", model)
                served = double.openai_models[model]
                fault = double.fault_for(model)
                if fault == "wrong_model":
                    served = "gpt-3.5-turbo-0125" if kind == "chat" else "text-embedding-3-small"
                if fault in OPENAI_ERRORS and fault not in LOOKUP_FAULTS:
                    return self._openai_error(fault, model)
                if self._generic_fault(fault, served, model, kind):
                    return
                style = {"no_ratelimit_headers": "none", "remaining_only": "remaining"}.get(fault or "", "full")
                return self._answer(kind, served, {**extra, **self._limit_headers(model, style)})
            self._json(404, {"error": {"message": "Unknown request URL", "type": "invalid_request_error", "param": None, "code": "unknown_url"}})

        # -- Azure ------------------------------------------------------------
        def _azure_error(self, fault: str, headers=None) -> None:
            status, code, message = AZURE_ERRORS[fault]
            self._json(status, {"error": {"code": code, "message": message}}, headers)

        def _azure(self, parts) -> None:
            self._read_body()
            segs = parts.path.split("/")  # ['', 'openai', 'deployments', name, op...]
            name, op = segs[3], "/".join(segs[4:])
            if "api-version" not in parse_qs(parts.query):
                return self._json(404, {"error": {"code": "404", "message": "Resource not found"}})
            if self.headers.get("api-key") != double._key:
                return self._azure_error("azure_401")
            fault = double.fault_for(name)
            if fault in AZURE_ERRORS:
                extra = {"retry-after": "6", "retry-after-ms": "6000"} if fault == "azure_rate_limited" else None
                return self._azure_error(fault, extra)
            if name not in double.azure_deployments:
                return self._azure_error("deployment_not_found")
            model, kind = double.azure_deployments[name]
            if fault == "wrong_model":
                model = "gpt-4-32k" if kind == "chat" else "text-embedding-3-small"
            wanted = "chat" if op == "chat/completions" else "embedding" if op == "embeddings" else None
            if wanted != kind:
                operation = "chatCompletion" if wanted == "chat" else "embeddings"
                return self._json(400, {"error": {"code": "OperationNotSupported", "message": f"The {operation} operation does not work with the specified model, {model}. Please choose different model and try again. You can learn more about which models can be used with each operation here: https://go.microsoft.com/fwlink/?linkid=2197993."}})
            if self._generic_fault(fault, model, model, kind):
                return
            style = {"no_ratelimit_headers": "none", "remaining_only": "remaining"}.get(fault or "", "full")
            self._answer(kind, model, self._limit_headers(model, style))

    return Handler
