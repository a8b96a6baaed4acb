"""Django's compilemessages, which still compiles the catalogs where GNU gettext is missing.

A fresh Debian server has no `msgfmt`, and without it the stock command stops and the site
silently has no English. Here the stock command keeps finding and walking the catalogs; only
the program it runs on each `.po` changes, to the pure-Python compiler in `core.catalogs`.
"""

import sys

from django.core.management.commands import compilemessages
from django.core.management.utils import find_command

from zhengxie.core import catalogs


class Command(compilemessages.Command):
    def handle(self, **options):
        if find_command(self.program) is None:
            self.program = sys.executable
            self.program_options = [catalogs.__file__]
        return super().handle(**options)
