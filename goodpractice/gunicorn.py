"""gunicorn's settings for this site: `gunicorn -c goodpractice/gunicorn.py goodpractice.wsgi`
(the Procfile's web process). Everything a deployment tunes comes from the environment."""

import multiprocessing
import os

# All interfaces by default, as a platform's router expects (HOST=127.0.0.1 for local use).
HOST = os.environ.get("HOST", "0.0.0.0")  # noqa: S104
bind = os.environ.get("GUNICORN_BIND") or f"{HOST}:{os.environ.get('PORT', '8000')}"
# WEB_CONCURRENCY is the usual name on platforms that set it; two workers a core otherwise.
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * multiprocessing.cpu_count())))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request still running after this is killed and logged; no page takes a second.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then, so a slow leak can never grow for long.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# The proxies allowed to say a request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Logs to standard output and error, for the platform to collect.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# No control socket: several servers may share a machine (and a home folder), and the
# platform's process manager, not gunicornc, restarts them.
control_socket_disable = True
