from .npm_assets import register

__all__ = ["register"]
