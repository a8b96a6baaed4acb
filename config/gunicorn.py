"""gunicorn settings for every app server (`gunicorn -c config/gunicorn.py config.wsgi`);
the command line adds the address and the worker count."""

import os


def child_exit(server, worker):
    """A worker that exits leaves its metric files behind (its counts still add up); the
    library is told it is gone so its live gauges stop counting."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
