"""The structure tree written into the PDF: elements, their marked content and annotations,
the role map and the XMP metadata."""

from html import escape
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFStream,
    PDFString,
)

from clinic_prep.write.pdf.tagging import Element, MarkedContent, Structure


def _page_ref(page: int) -> PDFObjectReference:
    # reportlab names its pages Page1, Page2...
    return PDFObjectReference(f"Page{page + 1}")


def xmp_packet(title: str, subject: str, lang: str) -> bytes:
    """XMP metadata: the title (what a reader's window shows) and the PDF/UA-1 claim."""
    title, subject, lang = (escape(text, quote=False) for text in (title, subject, lang))
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:description><rdf:Alt>
    <rdf:li xml:lang="x-default">{subject}</rdf:li>
   </rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <pdf:Producer>clinic-prep</pdf:Producer>
   <xmp:CreatorTool>clinic-prep</xmp:CreatorTool>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()


class _Metadata(PDFStream):  # type: ignore[misc]
    """The XMP stream, left uncompressed (reportlab's default) so any tool can read it."""

    def __init__(self, packet: bytes) -> None:
        super().__init__(
            dictionary=PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
            content=packet,
        )


def page_keys(structure: Structure, page_count: int) -> list[int]:
    """The /StructParents key of each page: after the annotations' keys."""
    first = len(structure.annotations)
    return [first + page for page in range(page_count)]


class _Written(PDFObject):  # type: ignore[misc]
    """A PDF object written from its pieces: text, and objects (references, strings) that
    format themselves. A pack's structure is thousands of small dictionaries, and writing
    them through reportlab's general dictionaries took as long as laying out the pages."""

    def __init__(self, pieces: list[str | PDFObject]) -> None:
        self.pieces = pieces

    def format(self, document: Any) -> bytes:
        numbers = document.idToObjectNumberAndVersion
        return "".join(
            piece
            if isinstance(piece, str)
            else "{} {} R".format(*numbers[piece.name])
            if isinstance(piece, PDFObjectReference)
            else piece.format(document).decode("latin-1")
            for piece in self.pieces
        ).encode("latin-1")


def _kept(element: Element, kept: dict[int, bool]) -> bool:
    """Fill ``kept`` (by id) for the element and all below it, in one pass."""
    holds = element.role in ("TD", "TH")
    for kid in element.kids:
        # Marked content or an annotation: the element holds something.
        holds = (_kept(kid, kept) if isinstance(kid, Element) else True) or holds
    kept[id(element)] = holds
    return holds


def write_structure(
    document: Any, structure: Structure, page_count: int, title: str, subject: str, lang: str
) -> None:
    """Add the structure tree and the document-level PDF/UA entries to a reportlab document
    whose pages are all made, before it is saved."""
    kept: dict[int, bool] = {}
    _kept(structure.root, kept)
    names: dict[int, PDFObjectReference] = {}
    order: list[Element] = []
    waiting = [structure.root]
    while waiting:  # depth first, in reading order
        element = waiting.pop()
        names[id(element)] = PDFObjectReference(f"SE{len(order)}")
        order.append(element)
        waiting += reversed([k for k in element.kids if isinstance(k, Element) and kept[id(k)]])
    root_ref = PDFObjectReference("StructTreeRoot")
    pages = [_page_ref(page) for page in range(page_count)]
    for element in order:
        pieces = _element_pieces(element, names, kept, root_ref, pages)
        document.Reference(_Written(pieces), names[id(element)].name)

    nums: list[str | PDFObject] = ["<< /Nums ["]
    for key, owner in enumerate(structure.annotations):
        nums += [f" {key} ", names[id(owner)]]
    for page, key in enumerate(page_keys(structure, page_count)):
        nums.append(f" {key} [")
        for owner in structure.page_mcids.get(page, []):
            nums += [" ", names[id(owner)]]
        nums.append(" ]")
    nums.append(" ] >>")
    tree_root = PDFDictionary(
        {
            "Type": PDFName("StructTreeRoot"),
            "K": names[id(structure.root)],
            "ParentTree": _Written(nums),
            "ParentTreeNextKey": len(structure.annotations) + page_count,
        }
    )
    document.Reference(tree_root, root_ref.name)
    catalog = document.Catalog
    catalog.StructTreeRoot = root_ref
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    catalog.Metadata = _Metadata(xmp_packet(title, subject, lang))


def _element_pieces(
    element: Element,
    names: dict[int, PDFObjectReference],
    kept: dict[int, bool],
    root_ref: PDFObjectReference,
    pages: list[PDFObjectReference],
) -> list[str | PDFObject]:
    """The pieces of one StructElem dictionary. Marked content on the element's own page
    (/Pg) is written as its number; elsewhere as a marked-content reference (MCR)."""
    first_page = None
    for kid in element.kids:
        if not isinstance(kid, Element):
            first_page = kid.page
            break
    shown_on = first_page if first_page is not None else _first_page(element)
    kids: list[list[str | PDFObject]] = []
    for kid in element.kids:
        if isinstance(kid, Element):
            if kept[id(kid)]:
                kids.append([names[id(kid)]])
        elif isinstance(kid, MarkedContent):
            if kid.page == first_page:
                kids.append([str(kid.mcid)])
            else:
                kids.append(["<< /Type /MCR /Pg ", pages[kid.page], f" /MCID {kid.mcid} >>"])
        else:
            obj = PDFObjectReference(kid.name)
            kids.append(["<< /Type /OBJR /Obj ", obj, " /Pg ", pages[kid.page], " >>"])
    parent = element.parent
    pieces: list[str | PDFObject] = [
        f"<< /Type /StructElem /S /{element.role} /P ",
        names[id(parent)] if parent is not None else root_ref,
    ]
    if shown_on is not None:
        pieces += [" /Pg ", pages[shown_on]]
    if element.alt:
        pieces += [" /Alt ", PDFString(element.alt)]
    if element.scope:
        pieces.append(f" /A << /O /Table /Scope /{element.scope} >>")
    # One kid is written as itself, as most tools write it.
    pieces.append(" /K ")
    if len(kids) == 1:
        pieces += kids[0]
    else:
        pieces.append("[")
        for kid_pieces in kids:
            pieces += [" ", *kid_pieces]
        pieces.append(" ]")
    pieces.append(" >>")
    return pieces


def _first_page(element: Element) -> int | None:
    """The page where an element's content begins (a container's /Pg: tools that place a
    table or a list on the page look for it)."""
    for kid in element.kids:
        page = kid.page if not isinstance(kid, Element) else _first_page(kid)
        if page is not None:
            return page
    return None
