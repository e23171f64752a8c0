import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mutua.settings")
application = get_wsgi_application()
# The project's objects, loaded once, live as long as the process: frozen out of
# the garbage collector, they are not walked again by every full collection
# that a request allocating thousands of rows sets off (about 40 ms on the
# assessment overview of a call of 500 applications, docs/benchmarks.md).
gc.collect()
gc.freeze()
