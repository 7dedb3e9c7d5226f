"""HTML pages to Markdown-like text that keeps their structure (headings, paragraphs, lists, tables)."""
from __future__ import annotations


def html_to_text(html: str) -> str:
    """Turn an HTML page into Markdown-like text that keeps its structure."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "nav", "header", "footer", "form", "svg"]):
        tag.decompose()
    for tag in soup.find_all("sup"):
        tag.unwrap()
    soup.smooth()  # merge the strings an unwrapped tag leaves apart ("14", "th" -> "14th")
    out: list[str] = []
    prev_kind = ""

    def add_line(kind: str, line: str) -> None:
        """Append a list item or table row, with a blank line where one kind of block gives way to another."""
        nonlocal prev_kind
        if kind != prev_kind and out and out[-1] != "":
            out.append("")
        out.append(line)
        prev_kind = kind

    def text_of(node) -> str:
        return " ".join(node.get_text(" ", strip=True).split())

    body = soup.body or soup
    for node in body.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "blockquote", "dt", "dd"]):
        # Skip elements nested inside another block element we already emit.
        if node.find_parent(["p", "li", "tr", "blockquote"]) is not None and node.name != "li":
            continue
        if node.name == "li":
            depth = len(node.find_parents(["ul", "ol"])) - 1
            own = node.find_all(string=True, recursive=False)
            parts = []
            for child in node.children:
                if getattr(child, "name", None) in ("ul", "ol"):
                    continue
                parts.append(child.get_text(" ", strip=True) if hasattr(child, "get_text") else str(child).strip())
            text = " ".join(" ".join(parts).split()) if own or parts else ""
            if text:
                add_line("li", "  " * max(depth, 0) + "- " + text)
            continue
        text = text_of(node)
        if not text:
            continue
        if node.name[0] == "h" and node.name[1:].isdigit():
            out.append("")
            out.append("#" * int(node.name[1:]) + " " + text)
            out.append("")
            prev_kind = ""
        elif node.name == "tr":
            cells = [text_of(c) for c in node.find_all(["td", "th"])]
            add_line("tr", "\t".join(cells))
        else:
            out.append("")
            out.append(text)
            out.append("")
            prev_kind = ""
    text = "\n".join(out)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
