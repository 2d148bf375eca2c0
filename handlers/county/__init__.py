"""The county tier in chat: a township's month-end report to its county (月末报送), confirmed by its admin."""
from handlers.county.town_report_chat import router

__all__ = ["router"]
