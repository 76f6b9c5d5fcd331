"""Gunicorn settings of one web instance; systemd starts one instance per port (concertation-web@PORT)."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
#: sync workers: each request holds one process; two per core is the usual start
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
timeout = 30
graceful_timeout = 20
#: recycle workers now and then, so a slow leak never grows for months
max_requests = 2000
max_requests_jitter = 200
#: nginx runs on the same host; gunicorn itself trusts its X-Forwarded-Proto only from there
forwarded_allow_ips = "127.0.0.1"
accesslog = "-"
errorlog = "-"
#: the client's address as nginx saw it, and the request id shared with nginx's and the app's logs
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}o)s'
