import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

# A server runs production settings unless told otherwise: they refuse to start without a real
# secret key, where the development settings would quietly sign sessions with the public one.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()

# The worker loads every view, the API's schemas and the URL patterns now rather than at its
# first request, then moves what start-up built (about 230,000 objects that live as long as the
# worker) out of the collector's reach. Left in, each full collection walked them all: 120-330
# ms that fell on whichever page was being served then, five pages over the 300 ms limit in
# one walk of the demo (bench/pages.py); after the freeze a full collection takes about 13 ms.
get_resolver().url_patterns  # noqa: B018
gc.collect()
gc.freeze()
