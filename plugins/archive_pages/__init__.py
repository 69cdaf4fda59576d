from .archive_pages import register

__all__ = ["register"]
