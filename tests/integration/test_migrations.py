"""Schema versions: `dadly migrate` brings a database up to date, and `dadly serve` refuses a
schema newer than it knows; on PostgreSQL the server's role cannot migrate and says what to do."""
import os
import subprocess

import pytest

from conftest import (BACKEND, DADLY_BIN, ServerProcess, database_env, new_database, pg_url,
                      psql_admin)


def dadly(args, env):
    return subprocess.run([DADLY_BIN, *args], capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, **env))


def start_fails(data_dir, env, expected):
    srv = ServerProcess(data_dir, env=env)
    with pytest.raises(RuntimeError) as failure:
        srv.start(timeout=10)
    assert srv.proc.wait(timeout=10) != 0
    assert expected in str(failure.value), str(failure.value)


def bump_schema(data_dir, env):
    """Records a schema version from the future, as a newer dadly would."""
    row = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 0)"
    if BACKEND == "sqlite":
        subprocess.run(["sqlite3", str(data_dir / "dadly.db"), row], check=True, timeout=30)
    else:
        db = env["DATABASE_URL"].split("@/", 1)[1].split("?")[0]
        psql_admin(row, db=db)


def test_migrate_then_serve_then_refuse_a_newer_schema(tmp_path):
    data = tmp_path / "schema"
    env = database_env(data, owner=True)
    first = dadly(["migrate", "--data-dir", str(data)], env)
    assert first.returncode == 0, first.stdout + first.stderr
    again = dadly(["migrate", "--data-dir", str(data)], env)
    assert again.returncode == 0, again.stdout + again.stderr

    srv = ServerProcess(data).start()
    assert srv.terminate() == 0

    bump_schema(data, env)
    start_fails(data, {}, "newer than this dadly knows")
    refused = dadly(["migrate", "--data-dir", str(data)], env)
    assert refused.returncode != 0
    assert "newer than this dadly knows" in refused.stdout + refused.stderr


@pytest.mark.skipif(BACKEND != "postgres", reason="roles exist only on PostgreSQL")
def test_the_servers_role_cannot_migrate_and_says_how(tmp_path):
    db = new_database(migrated=False)
    app = {"DATABASE_URL": pg_url(db, "dadly_app")}
    start_fails(tmp_path / "fresh", app, "dadly migrate")
    owner = {"DATABASE_URL": pg_url(db, "dadly_owner")}
    migrated = dadly(["migrate", "--data-dir", str(tmp_path / "fresh")], owner)
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    srv = ServerProcess(tmp_path / "fresh", env=app).start()
    assert srv.terminate() == 0
