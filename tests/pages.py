"""Reading our HTML in tests: elements and their attributes, as a browser would parse them."""

from __future__ import annotations

from html.parser import HTMLParser


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if tag == "script":
            self._script, self._text = attributes, []

    def handle_data(self, data):
        if self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None


def tags(html: str, tag_name: str, /, **attributes: str) -> list[dict[str, str]]:
    """The attributes of every `tag_name` element whose attributes include `attributes`."""
    collector = _Collector()
    collector.feed(html)
    wanted = {key.rstrip("_").replace("_", "-"): value for key, value in attributes.items()}
    return [
        attrs
        for tag, attrs in collector.elements
        if tag == tag_name and all(attrs.get(key) == value for key, value in wanted.items())
    ]


def scripts(html: str, type_: str) -> list[str]:
    """The text inside every <script type="type_">."""
    collector = _Collector()
    collector.feed(html)
    return [text for attrs, text in collector.scripts if attrs.get("type") == type_]


def meta(html: str) -> dict[str, str]:
    """<meta property|name=… content=…> as a dict."""
    return {
        attrs.get("property") or attrs.get("name"): attrs.get("content", "")
        for attrs in tags(html, "meta")
        if attrs.get("property") or attrs.get("name")
    }
