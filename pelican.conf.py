"""Pelican settings for the archive: the development build (relative URLs, no feeds).

`publish.conf.py` layers the GitHub Pages settings on top of this file.
"""

import os
import sys

from jinja2 import StrictUndefined

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)  # the newsarchive package, for builds run without an install

from newsarchive.site import model, urls  # noqa: E402  (the path above finds it)

SITENAME = "Korean Peninsula News Archive"
SITESUBTITLE = "Inter-Korean relations and denuclearisation talks, {years}"
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
# The order matters: some handlers need another plugin's to have run first (parallel_writer
# renders the pages the others then check and list; archive_reader refuses pages before
# strict_build lists them; strict_build starts the ledger content_cache reports into). A build
# with them misordered stops at start-up, naming an order that works
# (newsarchive/site/pluginorder.py). What each does: plugins/<name>/__init__.py.
PLUGINS = [
    "parallel_writer",  # renders the pages on every core
    "archive_reader",  # the only reader: schema, registries, duplicates
    "archive_pages",  # home, entity, tag, archive and undated pages; entity feeds; data files
    "output_guard",  # refuses a stranger's output folder; removes only what a build wrote
    "archive_search",  # the search page and its index
    "npm_assets",  # browser assets from node_modules
    "strict_build",  # fails a build that left a content file out, naming it
    "site_extras",  # sitemap.xml, robots.txt, 404.html, the site feed's repair
    "content_cache",  # Pelican's content cache, keyed by the code and the registries' ids
]
# strict_build fails the build when one of these did not load (Pelican only logs it).
STRICT_BUILD_PLUGINS = list(PLUGINS)
# Each plugin's settings carry its name as prefix (ARCHIVE_PAGES_PER_PAGE…); each plugin
# checks its own at start-up (settings.py in its folder lists them, with their defaults).

# Directory URLs, valid under any sub-path because every link is relative. The scheme is
# newsarchive/site/urls.py's, for every page the plugins write; archive_reader refuses others.
RELATIVE_URLS = True
ARTICLE_URL = urls.ARTICLE_URL
ARTICLE_SAVE_AS = urls.ARTICLE_SAVE_AS
PAGE_URL = urls.PAGE_URL
PAGE_SAVE_AS = urls.PAGE_SAVE_AS
# Home, archives, undated, entity and tag pages come from the archive_pages plugin,
# paginated as <base>/page/N/ so no two listings can ever share a file.
DIRECT_TEMPLATES: list[str] = []
ARCHIVE_PAGES_PER_PAGE = 50
ARCHIVE_PAGES_COMPACT_PER_PAGE = 200
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

# One language, no translations: Pelican's search for them compares every article with
# every other (minutes at 100,000 articles). Duplicate slugs are refused by archive_reader.
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
ARTICLE_ORDER_BY = model.newest_first  # the order Pelican's search gave: by date, then slug

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
# An entity's Atom feed follows its newest articles; the archive itself is browsed on the
# site. Pelican's default of 100 made the busiest entities' feeds 70 KB each.
FEED_MAX_ITEMS = 30

# Bodies are rendered by newsarchive/site/rendering.py (markdown-it-py: CommonMark, tables,
# footnotes, definition lists, attribute lists; linear time on any input) and sanitised by
# newsarchive/site/sanitize.py. The archive_reader plugin is the only reader, so Pelican's
# MARKDOWN setting and its HTML and reST readers play no part.

JINJA_ENVIRONMENT = {
    "undefined": StrictUndefined,
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    # A build loads each template once: no check of the template files' times at each of the
    # 200,000 includes of 20,000 articles (Pelican makes a new environment every build).
    "auto_reload": False,
    # Pages are published without the templates' indentation (newsarchive.site.dedent).
    "extensions": ["newsarchive.site.dedent.Dedent"],
}

NPM_ASSETS_DIR = os.path.join(HERE, "node_modules")
# The search page's code and its worker's (with lunr, from npm), each one minified file
# (esbuild): one request and one compile each instead of a round trip per level of imports
# on a slow link.
NPM_ASSETS_BUNDLES = ["theme/js/search/page.js", "theme/js/search/worker.js"]

STRICT_BUILD_ENABLED = True

# Incremental builds: what the reader made of each unchanged file comes from the cache
# (keyed by the file's bytes, and by the code and registries: plugins/content_cache), and
# pages whose inputs did not change are kept as the last build wrote them
# (PARALLEL_WRITER_INCREMENTAL, newsarchive/site/incremental.py). `invoke rebuild` ignores both.
CACHE_PATH = "cache"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CHECK_MODIFIED_METHOD = "md5"
# Pelican rewrites its whole cache each build: compressing it cost more than reading it
# back (at 20,000 articles, gzip was most of the cache's time).
GZIP_CACHE = False
# Never wipe the output folder: plugins/output_guard removes only the files the previous
# build listed in OUTPUT_PATH/.newsarchive-manifest, and refuses a folder holding others.
DELETE_OUTPUT_DIRECTORY = False
# Top-level entries of the output folder a build neither refuses nor removes (Pelican's own
# setting, which plugins/output_guard and `invoke clean` honour).
OUTPUT_RETENTION = [".git", ".nojekyll", "CNAME"]

# Sources and their credits come from the source registry, content/sources/*.yaml (rules:
# newsarchive/content/registry/sources.py); the archive_pages plugin gives templates
# source_of(article), source_credit(article, file) and source_credits() (the footer's list).
