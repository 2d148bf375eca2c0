"""The roster workbook offices fill in (sheets 单位, 人员, 项目, 里程碑): its layout, the template, reading it (or one
sheet as CSV, or the YAML formats) into an `Organisation`, and writing an `Organisation` back as the same sheets.

Nothing is imported here, so that `bot.registry_file` can use the text decoder without loading openpyxl.
"""
