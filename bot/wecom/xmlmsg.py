"""Callback XML to a flat field dict, with DTDs and entities refused (defusedxml)."""
from __future__ import annotations

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from bot.wecom.crypto import BadPayload

MAX_XML = 64 * 1024


def fields_of(xml: bytes | str) -> dict[str, str]:
    """The <xml> element's children as {tag: text}; BadPayload for anything else."""
    if len(xml) > MAX_XML:
        raise BadPayload("XML too large")
    try:
        root = fromstring(xml, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (DefusedXmlException, ParseError, ValueError) as exc:
        raise BadPayload(f"not acceptable XML: {type(exc).__name__}") from exc
    if root.tag != "xml":
        raise BadPayload("root element is not <xml>")
    return {child.tag: (child.text or "").strip() for child in root}
