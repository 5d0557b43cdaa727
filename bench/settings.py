"""The production settings plus the baseline view the benchmark compares against."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# The baseline is a bare view: no page cache in front of it either.
PAGE_CACHE_EXCLUDED_PATHS = (*PAGE_CACHE_EXCLUDED_PATHS, "/bench/")  # noqa: F405
