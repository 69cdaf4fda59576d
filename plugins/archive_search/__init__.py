from .archive_search import register

__all__ = ["register"]
