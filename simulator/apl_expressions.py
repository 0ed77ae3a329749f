"""APL data-binding, the part a text rendering of a screen needs: `${...}` expressions and
`@resource` references in property values.

Supported: numbers, 'strings' and "strings", true/false/null, names and paths (`payload.a.b`,
`data.list[0]`, `.length` of lists and strings), `@resources`, `! - * / % + < <= > >= == !=
&& || ?:` and parentheses. Anything else (function calls such as Math.min, `??`, nested `${}`
inside an expression's strings) raises ExpressionError, so an unsupported document is reported,
never silently shown wrong.

A name or key that does not exist evaluates to null, as on a device, and is recorded in
`Scope.missing`, because on a real screen it shows as a blank.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any


class ExpressionError(Exception):
    """An expression this evaluator cannot read."""


@dataclass
class Scope:
    """The data-binding context: named values (payload, data, index, viewport...) and resources."""

    names: dict[str, Any]
    resources: dict[str, Any]
    missing: list[str] = field(default_factory=list)  # shared by every child scope

    def child(self, **names: Any) -> Scope:
        return Scope({**self.names, **names}, self.resources, self.missing)


def evaluate_value(value: Any, scope: Scope) -> Any:
    """A property's value: strings are bound, lists and maps recursively, the rest as is."""
    if isinstance(value, str):
        return evaluate_string(value, scope)
    if isinstance(value, list):
        return [evaluate_value(item, scope) for item in value]
    if isinstance(value, dict):
        return {key: evaluate_value(item, scope) for key, item in value.items()}
    return value


def evaluate_string(text: str, scope: Scope) -> Any:
    """`"@name"` is the resource; `"${expr}"` alone is the expression's value, of any type;
    text with `${...}` inside becomes text, each part converted as APL converts it."""
    if text.startswith("@") and re.fullmatch(r"@[A-Za-z_]\w*", text):
        return _resource(text[1:], scope)
    parts = _split(text)
    if len(parts) == 1 and not isinstance(parts[0], str):
        return _Parser(parts[0].source, scope).parse()
    return "".join(part if isinstance(part, str) else to_text(_Parser(part.source, scope).parse()) for part in parts)


def truthy(value: Any) -> bool:
    """APL's truth: null, false, 0 and the empty string are false; everything else is true."""
    return not (value is None or value is False or value == 0 or value == "")


def to_text(value: Any) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int | str):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class _Expression:
    source: str


def _split(text: str) -> list[str | _Expression]:
    parts: list[str | _Expression] = []
    position = 0
    while True:
        start = text.find("${", position)
        if start < 0:
            break
        if start > position:
            parts.append(text[position:start])
        end = _closing_brace(text, start + 2)
        parts.append(_Expression(text[start + 2 : end]))
        position = end + 1
    if position < len(text) or not parts:
        parts.append(text[position:])
    return parts


def _closing_brace(text: str, position: int) -> int:
    quote = None
    for index in range(position, len(text)):
        char = text[index]
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "{":
            raise ExpressionError(f"nested braces are not supported: {text!r}")
        elif char == "}":
            return index
    raise ExpressionError(f"unclosed ${{ in {text!r}")


_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d+)?)|(?P<string>'[^']*'|\"[^\"]*\")|(?P<name>@?[A-Za-z_]\w*)"
    r"|(?P<op>==|!=|<=|>=|&&|\|\||\?\?|[-+*/%<>!?:()\[\].,]))"
)
_KEYWORDS = {"true": True, "false": False, "null": None}


def _tokens(source: str) -> list[tuple[str, str]]:
    tokens = []
    position = 0
    source = source.rstrip()
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None or match.end() == position:
            raise ExpressionError(f"cannot read {source[position:]!r} in ${{{source}}}")
        kind = match.lastgroup
        assert kind is not None
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


class _Parser:
    """Recursive descent, lowest precedence first: ?: || && ==/!= comparisons + - * / % unary."""

    def __init__(self, source: str, scope: Scope) -> None:
        self.source = source
        self.tokens = _tokens(source)
        self.position = 0
        self.scope = scope

    def parse(self) -> Any:
        if not self.tokens:
            return ""
        value = self._ternary()
        if self.position != len(self.tokens):
            raise ExpressionError(f"unexpected {self.tokens[self.position][1]!r} in ${{{self.source}}}")
        return value

    def _peek(self) -> str | None:
        return self.tokens[self.position][1] if self.position < len(self.tokens) else None

    def _take(self, expected: str | None = None) -> tuple[str, str]:
        if self.position >= len(self.tokens):
            raise ExpressionError(f"${{{self.source}}} ends too early")
        token = self.tokens[self.position]
        if expected is not None and token[1] != expected:
            raise ExpressionError(f"expected {expected!r}, found {token[1]!r} in ${{{self.source}}}")
        self.position += 1
        return token

    def _ternary(self) -> Any:
        condition = self._or()
        if self._peek() != "?":
            return condition
        self._take("?")
        when_true = self._skipped(self._ternary, not truthy(condition))
        self._take(":")
        when_false = self._skipped(self._ternary, truthy(condition))
        return when_true if truthy(condition) else when_false

    def _or(self) -> Any:
        value = self._and()
        while self._peek() == "||":
            self._take()
            right = self._skipped(self._and, truthy(value))
            value = value if truthy(value) else right
        return value

    def _and(self) -> Any:
        value = self._equality()
        while self._peek() == "&&":
            self._take()
            right = self._skipped(self._equality, not truthy(value))
            value = right if truthy(value) else value
        return value

    def _skipped(self, parse: Any, skip: bool) -> Any:
        """Parses the next operand; when its value is not used (short-circuit), what it lacks is
        not reported as missing, as a device would never look it up."""
        if not skip:
            return parse()
        scope = self.scope
        self.scope = Scope(scope.names, scope.resources, [])
        try:
            return parse()
        finally:
            self.scope = scope

    def _equality(self) -> Any:
        value = self._comparison()
        while self._peek() in ("==", "!="):
            operator = self._take()[1]
            right = self._comparison()
            value = (value == right) == (operator == "==")
        return value

    def _comparison(self) -> Any:
        value = self._sum()
        while self._peek() in ("<", "<=", ">", ">="):
            operator = self._take()[1]
            right = self._sum()
            comparable = (_is_number(value) and _is_number(right)) or (
                isinstance(value, str) and isinstance(right, str)
            )
            if not comparable:
                value = False
            else:
                value = {"<": value < right, "<=": value <= right, ">": value > right, ">=": value >= right}[operator]
        return value

    def _sum(self) -> Any:
        value = self._product()
        while self._peek() in ("+", "-"):
            operator = self._take()[1]
            right = self._product()
            if operator == "+" and (isinstance(value, str) or isinstance(right, str)):
                value = to_text(value) + to_text(right)
            elif _is_number(value) and _is_number(right):
                value = value + right if operator == "+" else value - right
            else:
                raise ExpressionError(f"cannot {operator} {value!r} and {right!r} in ${{{self.source}}}")
        return value

    def _product(self) -> Any:
        value = self._unary()
        while self._peek() in ("*", "/", "%"):
            operator = self._take()[1]
            right = self._unary()
            if not (_is_number(value) and _is_number(right)):
                raise ExpressionError(f"cannot {operator} {value!r} and {right!r} in ${{{self.source}}}")
            if operator == "*":
                value = value * right
            elif right == 0:
                value = math.nan
            else:
                value = value / right if operator == "/" else math.fmod(value, right)
        return value

    def _unary(self) -> Any:
        if self._peek() == "!":
            self._take()
            return not truthy(self._unary())
        if self._peek() == "-":
            self._take()
            value = self._unary()
            if not _is_number(value):
                raise ExpressionError(f"cannot negate {value!r} in ${{{self.source}}}")
            return -value
        return self._postfix()

    def _postfix(self) -> Any:
        value, path = self._primary()
        while self._peek() in (".", "[", "("):
            operator = self._take()[1]
            if operator == "(":
                raise ExpressionError(f"function calls are not supported: ${{{self.source}}}")
            if operator == ".":
                kind, key = self._take()
                if kind != "name" or key.startswith("@"):
                    raise ExpressionError(f"expected a property name after '.' in ${{{self.source}}}")
            else:
                key = self._ternary()
                self._take("]")
            value, path = _member(value, key, path, self.scope), f"{path}.{key}"
        return value

    def _primary(self) -> tuple[Any, str]:
        kind, text = self._take()
        if kind == "number":
            return (float(text) if "." in text else int(text)), text
        if kind == "string":
            if "${" in text:
                raise ExpressionError(f"nested ${{}} in a string is not supported: ${{{self.source}}}")
            return text[1:-1], text
        if kind == "name":
            if text.startswith("@"):
                return _resource(text[1:], self.scope), text
            if text in _KEYWORDS:
                return _KEYWORDS[text], text
            if text not in self.scope.names:
                self.scope.missing.append(text)
                return None, text
            return self.scope.names[text], text
        if text == "(":
            value = self._ternary()
            self._take(")")
            return value, "(...)"
        raise ExpressionError(f"unexpected {text!r} in ${{{self.source}}}")


def _member(value: Any, key: Any, path: str, scope: Scope) -> Any:
    if key == "length" and isinstance(value, list | str):
        return len(value)
    if isinstance(value, dict) and isinstance(key, str) and key in value:
        return value[key]
    if isinstance(value, list) and _is_number(key) and isinstance(key, int) and -len(value) <= key < len(value):
        return value[key]
    scope.missing.append(f"{path}.{key}")
    return None


def _resource(name: str, scope: Scope) -> Any:
    if name not in scope.resources:
        scope.missing.append(f"@{name}")
        return None
    return scope.resources[name]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
