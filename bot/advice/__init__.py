"""Public /advice answers whose pages outlive the process that sent them."""

from bot.advice.paging import Place, position, settle, step_from
from bot.advice.service import AdvicePages, OpenedPages

__all__ = ["AdvicePages", "OpenedPages", "Place", "position", "settle", "step_from"]
