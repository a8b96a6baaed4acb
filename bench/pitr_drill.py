"""A point-in-time-recovery drill, for an operator to run by hand (never in CI): a throwaway
PostgreSQL cluster with its WAL archived by pgBackRest, configured by deploy/pgbackrest.conf
itself (its settings and the postgresql.conf lines it names, read from the file, with the
drill's paths, port and a new passphrase), so the drill tries the sample; the project migrated
into it; proposal drafts written through the proposals service; a full backup; more drafts; the
time noted from the database's clock; a "mistake" (every drill draft deleted) and a draft
written after it; then the cluster restored to the noted time. It checks that every draft
written before that time is back, the deleted ones included, that the later draft is gone and
that the restored cluster archives its WAL again, and prints how long the backup, the restore
and the WAL replay took.

    apt-get install -y pgbackrest              # Debian package, once
    .venv/bin/python bench/pitr_drill.py [--before 200] [--after 100] [--keep]

Run as root (the cluster and pgBackRest run as the `postgres` user through runuser) or as
`postgres`. Everything lives in a new temporary folder: the cluster on a spare loopback port
(never 5432) with its socket there, the pgBackRest repository, its configuration, locks and
logs. The system cluster and /etc/pgbackrest.conf are not touched. `--keep` leaves the folder
and the stopped cluster for a look; otherwise both go. Exits non-zero on the first failure.
"""

import argparse
import configparser
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
STANZA = "zhengxie"
DATABASE = "zhengxie_pitr"
SYSTEM_PORT = 5432
# The sample's "postgresql.conf of the cluster" lines: `#   name = value   # why`.
POSTGRESQL_LINE = re.compile(r"^#   (\w+) = (.+?)(?:[ \t]+#.*)?$", re.MULTILINE)


def postgres_bin() -> Path:
    """The newest server binaries Debian installed (/usr/lib/postgresql/<major>/bin)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda path: int(path.parts[-3])
    )
    if not found:
        sys.exit("no PostgreSQL server binaries under /usr/lib/postgresql (Debian: postgresql)")
    return found[-1].parent


def spare_port() -> int:
    for port in range(55432, 55532):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    sys.exit("no spare port between 55432 and 55531")


def as_postgres(*command: str) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return list(command)


def run(*command: str, quiet: bool = False) -> str:
    """Runs a command as the cluster's owner, with no PG*/PGBACKREST* variable of the
    caller's that could point it at another cluster or repository."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    done = subprocess.run(
        as_postgres(*command), env=env, cwd="/tmp", capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    if not quiet and done.stdout.strip():
        print(done.stdout.rstrip())
    return done.stdout


class Drill:
    """The throwaway cluster and its repository, all under one temporary folder."""

    def __init__(self, port: int) -> None:
        assert port != SYSTEM_PORT
        self.port = port
        self.bin = postgres_bin()
        self.home = Path(tempfile.mkdtemp(prefix="zx-pitr-"))
        self.data, self.repo = self.home / "data", self.home / "repo"
        self.socket, self.logs = self.home / "socket", self.home / "log"
        self.config = self.home / "pgbackrest.conf"
        self.url = f"postgres://postgres@127.0.0.1:{port}/{DATABASE}"

    def pgbackrest(self, *args: str, quiet: bool = False) -> str:
        return run("pgbackrest", f"--config={self.config}", f"--stanza={STANZA}", *args,
                   quiet=quiet)  # fmt: skip

    def pg_ctl(self, action: str) -> None:
        run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.logs / "postgres.log"),
            "-w", "-t", "300", action, quiet=True)  # fmt: skip

    def create(self) -> None:
        for folder in (self.repo, self.socket, self.logs, self.home / "lock"):
            folder.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.home, "postgres", "postgres")
            for path in self.home.iterdir():
                shutil.chown(path, "postgres", "postgres")
        run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--no-locale", quiet=True)  # fmt: skip
        self.write_configs()

    def write_configs(self) -> None:
        """deploy/pgbackrest.conf and the postgresql.conf lines it asks for, as they are, but
        for the drill's paths, port and passphrase: the drill tries the sample itself."""
        sample = (ROOT / "deploy" / "pgbackrest.conf").read_text()
        settings = {
            "port": str(self.port),
            "listen_addresses": "'127.0.0.1'",
            "unix_socket_directories": f"'{self.socket}'",
            "shared_buffers": "'32MB'",
            **dict(POSTGRESQL_LINE.findall(sample)),
        }
        settings["archive_command"] = settings["archive_command"].replace(
            "pgbackrest ", f"pgbackrest --config={self.config} ", 1
        )
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.writelines(f"{name} = {value}\n" for name, value in settings.items())
        self.write_pgbackrest_conf(sample)

    def write_pgbackrest_conf(self, sample: str) -> None:
        conf = configparser.ConfigParser(interpolation=None)
        conf.read_string(sample)
        conf["global"].update({
            "repo1-path": str(self.repo), "repo1-cipher-pass": secrets.token_urlsafe(32),
            "log-path": str(self.logs), "lock-path": str(self.home / "lock"),
            "process-max": "1", "log-level-console": "warn",
        })  # fmt: skip
        conf[STANZA].update({
            "pg1-path": str(self.data), "pg1-port": str(self.port),
            "pg1-socket-path": str(self.socket),
        })  # fmt: skip
        with self.config.open("w") as out:
            conf.write(out, space_around_delimiters=False)
        if os.geteuid() == 0:
            shutil.chown(self.config, "postgres", "postgres")
        self.config.chmod(0o600)

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.pg_ctl("stop")

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.home)


def psql(drill: Drill, sql: str, database: str = "postgres") -> str:
    return run(str(drill.bin / "psql"), "-h", str(drill.socket), "-p", str(drill.port),
               "-U", "postgres", "-d", database, "-Atc", sql, quiet=True).strip()  # fmt: skip


def start_django(drill: Drill) -> None:
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": drill.url,
        "ZHENGXIE_VAR_DIR": str(drill.home / "var"),
        "REDIS_URL": "",
    })  # fmt: skip
    import django

    django.setup()


def close_connections() -> None:
    """Before the cluster stops or is restored: the next query opens a new connection."""
    from django.apps import apps

    if apps.ready:
        from django.db import connections

        connections.close_all()


def write_drafts(label: str, count: int) -> None:
    """Proposal drafts through the proposals service, one transaction each, as members write."""
    from zhengxie.core import factories as core
    from zhengxie.core.models import Committee
    from zhengxie.proposals import factories

    committee = Committee.objects.filter(code="pitr").first() or core.make_committee(code="pitr")
    author = factories.make_proposer(committee=committee)
    for n in range(count):
        factories.make_draft(committee=committee, author=author, title=f"演练{label}第{n + 1}件")


def count_drafts(label: str) -> int:
    from zhengxie.proposals.models import Proposal

    return Proposal.objects.filter(title__startswith=f"演练{label}").count()


def database_now() -> str:
    """The noted time, from the database's clock: the one recovery compares commits with."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT clock_timestamp()::text")
        return cursor.fetchone()[0]


def make_the_mistake() -> int:
    from zhengxie.proposals.models import Proposal

    deleted, _ = Proposal.objects.filter(title__startswith="演练").delete()
    return deleted


def timed(what: str, step) -> float:
    started = time.monotonic()
    step()
    seconds = time.monotonic() - started
    print(f"{what}: {seconds:.1f} s")
    return seconds


def check(condition: bool, message: str) -> None:
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        sys.exit(1)


def until_promoted(drill: Drill) -> None:
    deadline = time.monotonic() + 600
    while psql(drill, "SELECT pg_is_in_recovery()") != "f":
        if time.monotonic() > deadline:
            sys.exit("the restored cluster did not finish recovery in 10 minutes")
        time.sleep(0.2)


def prepare(drill: Drill, before: int) -> None:
    from django.core.management import call_command

    drill.create()
    drill.pg_ctl("start")
    drill.pgbackrest("stanza-create")
    drill.pgbackrest("check")
    psql(drill, f"CREATE DATABASE {DATABASE}")
    start_django(drill)
    timed("migrate", lambda: call_command("migrate", verbosity=0))
    timed(f"write {before} drafts (first batch)", lambda: write_drafts("甲", before))


def back_up_and_err(drill: Drill, after: int) -> str:
    """The full backup, the second batch, the noted time, then the mistake and a later draft;
    returns the noted time."""
    close_connections()
    timed("full backup", lambda: drill.pgbackrest("--type=full", "backup"))
    timed(f"write {after} drafts (second batch)", lambda: write_drafts("乙", after))
    time.sleep(1)
    noted = database_now()
    print(f"noted time: {noted}")
    time.sleep(1)
    print(f"the mistake deletes {make_the_mistake()} rows (every drill draft and its children)")
    write_drafts("丙", 1)
    close_connections()
    drill.pgbackrest("check", quiet=True)  # switches WAL and waits until it is archived
    return noted


def restore(drill: Drill, noted: str) -> None:
    drill.stop()
    restored = timed("pgbackrest restore", lambda: drill.pgbackrest(
        "--delta", "--type=time", f"--target={noted}", "--target-action=promote", "restore",
    ))  # fmt: skip
    replayed = timed("start, replay WAL to the noted time, promote", lambda: (
        drill.pg_ctl("start"), until_promoted(drill)
    ))  # fmt: skip
    print(f"restore time (files and replay): {restored + replayed:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=int, default=200, help="drafts before the backup")
    parser.add_argument("--after", type=int, default=100, help="drafts after it")
    parser.add_argument("--keep", action="store_true", help="leave the folder for a look")
    options = parser.parse_args()
    if not shutil.which("pgbackrest"):
        sys.exit("pgbackrest is not installed (Debian: apt-get install -y pgbackrest)")
    drill = Drill(spare_port())
    print(f"cluster: {drill.bin.parent.name} on 127.0.0.1:{drill.port}, folder {drill.home}")
    try:
        prepare(drill, options.before)
        noted = back_up_and_err(drill, options.after)
        restore(drill, noted)
        check(count_drafts("甲") == options.before, f"the {options.before} drafts before the "
              "backup are back")  # fmt: skip
        check(count_drafts("乙") == options.after, f"the {options.after} drafts between the "
              "backup and the noted time are back")  # fmt: skip
        check(count_drafts("丙") == 0, "the draft written after the mistake is gone with it")
        drill.pgbackrest("check", quiet=True)
        print("ok   the restored cluster archives its WAL again (pgbackrest check)")
        size = psql(drill, f"SELECT pg_size_pretty(pg_database_size('{DATABASE}'))")
        print(f"database size: {size}")
        # Django's setup sets TZ to TIME_ZONE; pgbackrest prints its times in that zone.
        print(f"pgbackrest info (times in TZ={os.environ.get('TZ', 'of the system')}):")
        print(drill.pgbackrest("info", quiet=True).rstrip())
    finally:
        close_connections()
        if not options.keep:
            drill.remove()
        else:
            drill.stop()
            print(f"kept: {drill.home}")


if __name__ == "__main__":
    main()
