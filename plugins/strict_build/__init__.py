from .strict_build import register

__all__ = ["register"]
