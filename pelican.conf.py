"""Pelican settings for the archive: the development build (relative URLs, no feeds).

`publish.conf.py` layers the GitHub Pages settings on top of this file.
"""

import os
import sys

from jinja2 import StrictUndefined

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)  # the newsarchive package, for builds run without an install

SITENAME = "Korean Peninsula News Archive"
SITESUBTITLE = "Inter-Korean relations and denuclearisation talks, 2017–2021"
SITEURL = ""
AUTHOR = "Archive contributors"
TIMEZONE = "Asia/Seoul"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
# Entity and tag registries are data, not pages.
ARTICLE_EXCLUDES = ["entities", "tags"]
PAGE_EXCLUDES = ["entities", "tags"]

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["parallel_writer", "archive_reader", "archive_pages", "archive_search", "npm_assets", "strict_build"]
# sitemap.xml, robots.txt, 404.html, deterministic empty feeds; a content cache that
# invalidates itself when the code or the registries change (both: plugins/*/ docstrings).
PLUGINS += ["site_extras", "content_cache"]
# Refuses an output folder holding files no build wrote, removes only the last build's
# files, and records what this build wrote (plugins/output_guard docstring).
PLUGINS += ["output_guard"]
# strict_build fails the build when one of these did not load (Pelican only logs it).
STRICT_BUILD_PLUGINS = list(PLUGINS)

# Directory URLs, valid under any sub-path because every link is relative.
RELATIVE_URLS = True
ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
# Home, archives, undated, entity and tag pages come from the archive_pages plugin,
# paginated as <base>/page/N/ so no two listings can ever share a file.
DIRECT_TEMPLATES: list[str] = []
ARCHIVE_PAGES_PER_PAGE = 50
ARCHIVE_PAGES_HOME_LATEST = 15
ARCHIVE_PAGES_HOME_ENTITIES = 24

# Pelican's own taxonomy pages are replaced by the archive's entity and tag pages.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Bodies are rendered by newsarchive/site/rendering.py (markdown-it-py: CommonMark, tables,
# footnotes, definition lists, attribute lists; linear time on any input) and sanitised by
# newsarchive/site/sanitize.py. The archive_reader plugin is the only reader, so Pelican's
# MARKDOWN setting and its HTML and reST readers play no part.

JINJA_ENVIRONMENT = {
    "undefined": StrictUndefined,
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}

NPM_ASSETS_DIR = os.path.join(HERE, "node_modules")
NPM_ASSETS = {"lunr/lunr.min.js": "theme/vendor/lunr.min.js"}

STRICT_BUILD = True

CACHE_PATH = "cache"
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
# Never wipe the output folder: plugins/output_guard removes only the files the previous
# build listed in OUTPUT_PATH/.newsarchive-manifest, and refuses a folder holding others.
DELETE_OUTPUT_DIRECTORY = False
# Top-level entries of the output folder a build neither refuses nor removes.
OUTPUT_RETENTION = [".git", ".nojekyll", "CNAME"]

# Credits shown on every page and on each article ingested from these files (by origin.file).
SOURCE_CREDITS = {
    "rodong_sinmun_en_sample.csv": {
        "name": "Rodong Sinmun English sample",
        "text": "600 English Rodong Sinmun articles, 2018–2021, from the public dataset scdenney/ba2-final-paper-data; bodies cut at 3,500 characters upstream; headers, credits and glued words repaired on ingest.",
        "license": "CC BY 4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "url": "https://github.com/scdenney/ba2-final-paper-data",
    },
}
