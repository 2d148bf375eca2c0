"""Text files as offices save them: UTF-8 (with or without the BOM Excel writes), GBK/GB18030 (what Excel and WPS
write as "CSV" on a Chinese Windows), or UTF-16 with a BOM (Excel's "Unicode text")."""
from __future__ import annotations

import codecs

UNDECODABLE = ("无法识别文件的编码（既不是 UTF-8，也不是 GBK/GB18030），"
               "请另存为 UTF-8 编码后再试（Excel、WPS 中选“CSV UTF-8”）")


class UndecodableText(ValueError):
    """The bytes are none of the encodings offices use; the message says what to do, in Chinese."""

    def __init__(self) -> None:
        super().__init__(UNDECODABLE)


def decode_text(data: bytes) -> str:
    """The text of a file in UTF-8, GBK/GB18030 or BOM-marked UTF-16; UndecodableText otherwise."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise UndecodableText() from None
    # UTF-8 first: Chinese GBK text is almost never valid UTF-8, while UTF-8 text is often valid GB18030.
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:  # UTF-16 without a BOM decodes as either, full of NULs
            return text
    raise UndecodableText()
