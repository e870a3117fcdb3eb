"""The one exception hierarchy of byo_core.

Every error the planner raises on purpose is a ``PlannerError``; pages and the
CLI catch that one class and show its message, which is written for the person
who must fix the problem (what was wrong, the value, what is allowed).

    PlannerError
     ├── InputError            a user-supplied value is out of range or malformed
     ├── DataError             a file in data/ (or an uploaded file) is invalid
     ├── UnknownProfileError   no profile with that id
     ├── UnknownModelError     a model id nobody has data for
     │    └── PriceNotFoundError   the model has no price in the chosen price set
     └── ProviderError         the key check could not run (see byo_core.providers)
          └── EndpointNotAllowedError   endpoint/base URL refused before any connection
"""

from __future__ import annotations


class PlannerError(Exception):
    """Base class: catch this to handle every planner failure."""


class InputError(PlannerError, ValueError):
    """A value a user supplied is not allowed.

    ``field`` names the input, ``value`` is what was given and ``allowed``
    says what would be accepted.
    """

    def __init__(self, field: str, value: object, allowed: str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(f"{field}: {value!r} is not allowed; {allowed}")


class DataError(PlannerError):
    """A data file is invalid: the message names the file, row and field."""

    def __init__(self, file: str, problem: str, row: int | None = None, field: str | None = None) -> None:
        self.file = file
        self.row = row
        self.field = field
        where = file
        if row is not None:
            where += f", row {row}"
        if field:
            where += f", field {field!r}"
        super().__init__(f"{where}: {problem}")


class UnknownProfileError(PlannerError, LookupError):
    def __init__(self, profile_id: str, known: list[str]) -> None:
        self.profile_id = profile_id
        self.known = known
        super().__init__(
            f"profile: {profile_id!r} is not a known profile; choose one of: {', '.join(known)}"
        )


class UnknownModelError(PlannerError, LookupError):
    def __init__(self, model: str, context: str) -> None:
        self.model = model
        super().__init__(f"model: {model!r} is unknown {context}")


class PriceNotFoundError(UnknownModelError):
    def __init__(self, model: str, price_set: str, known: list[str]) -> None:
        self.price_set = price_set
        UnknownModelError.__init__(
            self,
            model,
            f"to price set {price_set!r}; it has prices for: {', '.join(known) or 'nothing'}."
            " Add a row for this model to the price file, or upload your own prices.",
        )


class ProviderError(PlannerError):
    """The key check itself could not run (not: the key failed a check)."""


class EndpointNotAllowedError(ProviderError, ValueError):
    """An endpoint or base URL was refused before any connection (SSRF guard).

    The message says what was wrong and what is accepted; it never holds a key.
    """
