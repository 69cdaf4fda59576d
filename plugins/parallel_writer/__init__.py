from .parallel_writer import register

__all__ = ["register"]
