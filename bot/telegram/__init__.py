"""Telegram through python-telegram-bot 22: a thin adapter over the platform-neutral core."""
