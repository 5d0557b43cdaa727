"""Gunicorn for production: `gunicorn -c config/gunicorn.py config.wsgi`.

Every value can be changed by an environment variable. Threads suit Django's mostly I/O-bound
requests (database, cache); several worker processes use the cores; recycling workers now and
then keeps memory flat over weeks.
"""

import gc
import multiprocessing
import os

# Production listens on every interface behind its proxy; `make run` binds 127.0.0.1.
host = os.environ.get("HOST", "0.0.0.0")  # noqa: S104
bind = os.environ.get("GUNICORN_BIND", f"{host}:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))  # 0: never recycle
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Several app servers may run on one machine; the control socket would be shared between them.
control_socket_disable = True
# Requests arrive through a reverse proxy or load balancer that sets these headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    """Django and the project are loaded now, and their objects (models, URL patterns,
    translations) live as long as the worker: the garbage collector's full passes no longer
    walk them. Without this, they walk some 130,000 objects every few dozen requests: 1.3 ms
    a request on average at a search of the news finder, for garbage startup never leaves."""
    gc.freeze()
