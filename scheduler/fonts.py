"""Chinese fonts for the charts, found on the system and registered with matplotlib whatever its cache says.

matplotlib scans the system's fonts once and keeps the list in its cache folder; a font installed after that
first run (fonts-noto-cjk, as the README advises) stays invisible to it. So the charts ask fontconfig, which
knows which fonts cover Simplified Chinese, and add any such file matplotlib does not know yet.
"""
from __future__ import annotations

import glob
import logging
import os
import subprocess

from matplotlib.font_manager import FontManager

log = logging.getLogger(__name__)

# Families by preference, as matplotlib names them: Simplified-Chinese sans faces first (a CJK .ttc holds one face
# per region, and the SC one draws the mainland's glyph shapes), serif and other regions only when nothing else.
PREFERRED = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans SC", "PingFang SC",
             "Microsoft YaHei", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei", "Hiragino Sans GB",
             "Heiti SC", "Droid Sans Fallback", "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN")
# Where common Chinese fonts live, for systems without fontconfig (macOS and Windows usually lack fc-list).
KNOWN_PATHS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-*.ttc", "/usr/share/fonts/noto-cjk/NotoSansCJK-*.ttc",
               "/usr/share/fonts/google-noto-cjk/NotoSansCJK-*.ttc", "/usr/share/fonts/truetype/wqy/*.tt[cf]",
               "/usr/share/fonts/wenquanyi/*/*.tt[cf]", "/System/Library/Fonts/PingFang.ttc",
               "/System/Library/Fonts/STHeiti*.ttc", "/Library/Fonts/Arial Unicode.ttf",
               "C:/Windows/Fonts/msyh.tt[cf]", "C:/Windows/Fonts/simhei.ttf")
FC_LIST_TIMEOUT = 10.0  # seconds; fontconfig may rebuild its own cache on a first call


def _fontconfig_files() -> set[str]:
    try:
        listed = subprocess.run(["fc-list", "--format=%{file}\n", ":lang=zh-cn"], capture_output=True, text=True,
                                timeout=FC_LIST_TIMEOUT, check=True)
    except (OSError, subprocess.SubprocessError) as error:  # not installed, hung or failed: the known paths remain
        log.info("fc-list gave no Chinese fonts (%s); looking in the usual folders.", type(error).__name__)
        return set()
    return {line for line in listed.stdout.splitlines() if line}


def font_files() -> set[str]:
    """Font files that cover Simplified Chinese: fontconfig's list and those at known paths."""
    known = {path for pattern in KNOWN_PATHS for path in glob.glob(pattern)}
    return {os.path.realpath(path) for path in _fontconfig_files() | known}


def register(manager: FontManager, files: set[str]) -> None:
    """Add to matplotlib the font files its cached list lacks."""
    listed = {os.path.realpath(entry.fname) for entry in manager.ttflist}
    for path in sorted(files - listed):
        try:
            manager.addfont(path)
        except (OSError, RuntimeError) as error:  # FreeType refuses a broken file: the other fonts still count
            log.warning("Cannot read font %s: %s", path, error)


def cjk_family(manager: FontManager) -> str | None:
    """The family to draw Chinese with, after registering the system's Chinese fonts; None when there is none."""
    files = font_files()
    register(manager, files)
    names = {entry.name for entry in manager.ttflist}
    preferred = next((name for name in PREFERRED if name in names), None)
    # A font fontconfig vouches for but not in the list (before matplotlib 3.11, only a .ttc's first face is read).
    vouched = sorted(entry.name for entry in manager.ttflist if os.path.realpath(entry.fname) in files)
    return preferred or next(iter(vouched), None)
