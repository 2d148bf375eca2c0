"""`yuebao template [--out 名册模板.xlsx] [--force]`: the Excel roster template offices fill in and import."""
from __future__ import annotations

import argparse
from pathlib import Path

from bot.commands._common import CommandError
from bot.commands._errors import reason, writable_folder
from bot.config import Settings

DEFAULT_OUT = "名册模板.xlsx"


def register(sub: argparse._SubParsersAction) -> None:
    """Add `template`."""
    parser = sub.add_parser(
        "template", help="生成名册 Excel 模板 (write the roster workbook template)",
        description="写出名册模板：单位、人员、项目、里程碑四张表，表头有填写说明，角色、层级、类型可下拉选择；"
                    "填好后用 yuebao import 导入。")
    parser.add_argument("--out", default=DEFAULT_OUT, help=f"file to write (default: ./{DEFAULT_OUT})")
    parser.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Write the template, refusing to overwrite a file unless --force."""
    from bot.roster.workbook import write_template

    path = Path(args.out)
    if path.suffix.lower() != ".xlsx":
        raise CommandError(f"模板是 Excel 文件，--out 的文件名请以 .xlsx 结尾（现为 {path}）。")
    if path.is_dir():
        raise CommandError(f"--out 应为文件名，而 {path} 是一个文件夹。")
    if path.exists() and not args.force:
        raise CommandError(f"{path} 已存在，未覆盖。要覆盖请加 --force，或用 --out 换一个文件名。")
    writable_folder(path.parent, "--out")
    try:
        write_template(path)
    except OSError as exc:
        raise CommandError(f"无法写入 {path}：{reason(exc)}。请用 --out 换一个位置。") from exc
    print(f"已生成名册模板 {path}：单位、人员、项目、里程碑四张表，表头的批注说明每列怎么填。\n"
          f"每张表第 2 行起是示例，请直接改写成本单位的内容（或删除），填好后运行：yuebao import {path}")
    return 0
