"""Reading a tagged PDF back as a screen reader meets it: the structure tree in reading order,
each element with the text of its marked content, and what the page streams mark.

Read with pikepdf (the tree) and pdfplumber (the characters each marked-content sequence
draws), neither of which the project's PDF code uses, so a test does not read our own
writing back through our own code.
"""

import io
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pdfplumber
import pikepdf

# Operators that put marks on the page: text, paths painted, images and forms.
PAINTING = frozenset(
    {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI"}
)


@dataclass
class Node:
    """One structure element as a reader meets it."""

    role: str
    text: str = ""  # the text of its own marked content (not its children's)
    scope: str | None = None
    alt: str | None = None
    annotations: list[pikepdf.Dictionary] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)
    pages: set[int] = field(default_factory=set)  # where its own marked content is drawn

    def walk(self) -> list["Node"]:
        """This element and all below it, in reading order."""
        found = [self]
        for child in self.children:
            found += child.walk()
        return found

    def all_pages(self) -> set[int]:
        return self.pages.union(*(child.all_pages() for child in self.children))

    def all_text(self) -> str:
        return self.text + "".join(child.all_text() for child in self.children)


def _kids(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, pikepdf.Array) else [value]


def _marked_text(data: bytes) -> dict[tuple[int, int], str]:
    """The characters drawn inside each marked-content sequence, by (page index, MCID)."""
    text: dict[tuple[int, int], str] = defaultdict(str)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for index, page in enumerate(pdf.pages):
            for char in page.chars:
                if char.get("mcid") is not None:
                    text[(index, char["mcid"])] += char["text"]
    return text


def read_tree(data: bytes) -> Node:
    """The document's structure tree, from its root element."""
    pdf = pikepdf.open(io.BytesIO(data))
    page_index = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
    text = _marked_text(data)

    def node(element: pikepdf.Dictionary) -> Node:
        attributes = element.get("/A")
        scope = (
            str(attributes.Scope)[1:] if attributes is not None and "/Scope" in attributes else None
        )
        alt = str(element.Alt) if "/Alt" in element else None
        made = Node(str(element.S)[1:], scope=scope, alt=alt)
        own_page = page_index.get(element.Pg.objgen) if "/Pg" in element else None
        for kid in _kids(element.get("/K")):
            if isinstance(kid, int):
                assert own_page is not None, f"{made.role}: an MCID with no page"
                made.text += text[(own_page, kid)]
                made.pages.add(own_page)
            elif kid.get("/Type") == "/MCR":
                made.text += text[(page_index[kid.Pg.objgen], int(kid.MCID))]
                made.pages.add(page_index[kid.Pg.objgen])
            elif kid.get("/Type") == "/OBJR":
                made.annotations.append(kid.Obj)
            else:
                made.children.append(node(kid))
        return made

    roots = _kids(pdf.Root.StructTreeRoot.K)
    assert len(roots) == 1, "the tree has one root element"
    return node(roots[0])


@dataclass(frozen=True)
class PageMarks:
    """What one page's content stream marks: MCIDs in order, and what is drawn unmarked."""

    mcids: list[int]
    unmarked: list[str]  # operators that paint outside any marked content
    artifacts: int


def page_marks(page: pikepdf.Page) -> PageMarks:
    depth, mcids, unmarked, artifacts = 0, [], [], 0
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name in ("BDC", "BMC"):
            depth += 1
            tag = str(operands[0])
            if tag == "/Artifact":
                artifacts += 1
            elif (
                name == "BDC"
                and isinstance(operands[1], pikepdf.Dictionary)
                and "/MCID" in operands[1]
            ):
                mcids.append(int(operands[1].MCID))
        elif name == "EMC":
            depth -= 1
            assert depth >= 0, "EMC without a matching BDC"
        elif name in PAINTING and depth == 0:
            unmarked.append(name)
    assert depth == 0, "marked content left open at the end of the page"
    return PageMarks(mcids, unmarked, artifacts)
