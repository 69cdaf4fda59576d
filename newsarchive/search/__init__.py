"""Site search: one tokenizer and term pipeline, shared with the browser (see ``pipeline``)."""

from newsarchive.search.pipeline import PIPELINE_NAMES, configure, register, terms, tokenize

__all__ = ["PIPELINE_NAMES", "configure", "register", "terms", "tokenize"]
