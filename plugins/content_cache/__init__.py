from .content_cache import register

__all__ = ["register"]
