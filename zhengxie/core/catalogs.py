"""Compile one gettext catalog without GNU gettext: `python catalogs.py -o MO PO`.

It takes the arguments `msgfmt` takes from compilemessages, so that command can run it in
msgfmt's place. Fuzzy entries are left out, as msgfmt leaves them out.
"""

import argparse

import polib


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-o", dest="mo_path", required=True)
    parser.add_argument("po_path")
    arguments, _msgfmt_only = parser.parse_known_args(argv)
    polib.pofile(arguments.po_path).save_as_mofile(arguments.mo_path)


if __name__ == "__main__":
    main()
