"""The words task cards offer ("验收通过", "退回，原因", "同意", "不同意", "收到"), read the same way typed alone
or after a task number: "#12 同意" from someone who may not answer is refused, not filed as progress."""
from __future__ import annotations

import re

# The order matters where words overlap: 同意销号 before 同意, 不同意 before 同意.
WORDS = {"verify": "验收通过|同意销号|予以销号|销号", "extend_no": "不同意|不批准", "extend_yes": "同意|批准",
         "reject": "退回|打回", "reassign": "改派|转交|改由", "ack": "已?签收|已?收到"}
_COMMAND = re.compile(
    "(?:" + "|".join(f"(?P<{action}>{words})" for action, words in WORDS.items()) + ")"
    r"(?:延期)?了?(?:[\s,，:：;；。.!！、]+(?P<note>.*))?", re.S)


def command_of(text: str) -> tuple[str, str | None] | None:
    """(action, note) when the whole text is a card word and an optional note ("退回，材料不全"), else None."""
    match = _COMMAND.fullmatch(text.strip())
    if match is None:
        return None
    action = next(a for a in WORDS if match[a])
    return action, (match["note"] or "").strip() or None
