"""Reading the pages tests get back: the title, headings and text a person would see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from lxml import html


class Response(Protocol):
    content: bytes


def _squash(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Page:
    tree: Any

    @classmethod
    def of(cls, response: Response) -> Page:
        return cls.of_html(response.content.decode())

    @classmethod
    def of_html(cls, text: str) -> Page:
        return cls(html.fromstring(text))

    @property
    def title(self) -> str:
        return _squash(self.tree.findtext(".//title") or "")

    @property
    def h1s(self) -> list[str]:
        return self.texts("//h1")

    @property
    def h2s(self) -> list[str]:
        return self.texts("//h2")

    def texts(self, xpath: str) -> list[str]:
        """The visible text of each element the XPath finds."""
        return [_squash(element.text_content()) for element in self.tree.xpath(xpath)]

    def text(self, xpath: str = "//main") -> str:
        return " ".join(self.texts(xpath))

    def count(self, xpath: str) -> int:
        return len(self.tree.xpath(xpath))

    def links(self, xpath: str = "//main//a") -> dict[str, str]:
        """Link text to address."""
        return {_squash(a.text_content()): a.get("href") for a in self.tree.xpath(xpath)}


def has_class(name: str) -> str:
    """An XPath test for one class among several."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def titled(name: str) -> str:
    """A page's <title>: its name, an en dash, then Headway (as GOV.UK services write it)."""
    return f"{name} \N{EN DASH} Headway"
