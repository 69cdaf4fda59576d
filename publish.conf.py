"""Publishing settings: the development settings plus feeds with absolute URLs.

SITEURL comes from the environment (GitHub Actions passes the Pages base URL,
a sub-path for project pages); links stay relative so every page works there.
"""

import os
import runpy

_base = runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pelican.conf.py"))
globals().update({k: v for k, v in _base.items() if k.isupper()})

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml" if SITEURL else None

# Pelican's content cache, kept between GitHub Actions runs (.github/workflows/pages.yml
# caches this folder). File times mean nothing on a fresh checkout, so a file counts as
# unchanged when its MD5 is; the content_cache plugin keys the folder by the code and the
# registries, which the per-file stamp cannot see.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CHECK_MODIFIED_METHOD = "md5"
CACHE_PATH = "cache/publish"

# GitHub Pages refuses a site over 1 GB: the build warns near it and fails over it, naming
# the biggest parts of the site (output_guard, newsarchive/site/sitesize.py).
OUTPUT_GUARD_SIZE_LIMIT = 1_000_000_000
