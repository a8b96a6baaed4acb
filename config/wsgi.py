import os

from django.core.wsgi import get_wsgi_application

# A server runs production settings unless told otherwise: they refuse to start without a real
# secret key, where the development settings would quietly sign sessions with the public one.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()
