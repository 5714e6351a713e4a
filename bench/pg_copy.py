#!/usr/bin/python3
"""Copies the Dadly tables of a SQLite data directory into a PostgreSQL database that `dadly
migrate` has prepared, so both backends are measured on the same rows.

    /usr/bin/python3 bench/pg_copy.py --data-dir /tmp/dadly-bench/data-1x5000 \
        --url 'postgresql://dadly_owner@/dadly?host=/tmp/pg'

Runs `psql` as the given (owner) role, one COPY per table in one transaction, then moves the
entries' sequence past the copied rows and ANALYZEs. Standard library only.
"""
import argparse
import os
import sqlite3
import subprocess
import sys
import time

# Parents before children, for the foreign keys. Sessions and failed logins are not copied.
TABLES = {
    "users": ["id", "email", "password_hash", "display_name", "locale", "created_at"],
    "families": ["id", "name", "created_at"],
    "memberships": ["family_id", "user_id", "role", "joined_at"],
    "members": ["id", "family_id", "name", "birthdate", "relation", "user_id", "created_at",
                "updated_at"],
    "entries": ["seq", "id", "family_id", "author_id", "title", "body", "occurred_at",
                "visibility", "version", "created_at", "updated_at", "deleted_at"],
    "entry_members": ["member_id", "entry_seq"],
}


def copy_field(value):
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    text = str(value)
    return (text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--url", required=True, help="connection string of the schema's owner role")
    args = ap.parse_args()
    started = time.monotonic()
    db = sqlite3.connect(f"file:{os.path.join(args.data_dir, 'dadly.db')}?mode=ro", uri=True)
    script = ["BEGIN;"]
    counts = {}
    for table, columns in TABLES.items():
        rows = db.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
        counts[table] = len(rows)
        script.append(f"COPY {table} ({', '.join(columns)}) FROM STDIN;")
        script.extend("\t".join(copy_field(v) for v in row) for row in rows)
        script.append("\\.")
    script.append("SELECT setval('entries_seq_seq', (SELECT coalesce(max(seq), 1) FROM entries));")
    script.append("COMMIT;")
    script.append("ANALYZE;")
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", args.url],
                   input="\n".join(script) + "\n", text=True, check=True,
                   stdout=subprocess.DEVNULL)
    print(f"pg_copy: {counts} in {time.monotonic() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
