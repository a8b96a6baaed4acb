"""Backups that restore: the database, the uploaded files and a manifest that proves both.

`manage.py backup --output DIR` writes DIR/database.{dump,sqlite3}, DIR/media/ and
DIR/manifest.json (every table's row count and content checksum, every file's checksum), all
read from one consistent snapshot. `manage.py restore DIR` loads it into an empty database and
file store and checks the result against the manifest.
"""
