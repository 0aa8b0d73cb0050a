#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the tests and benchmarks, from Debian's
# `postgresql` package: a cluster in a directory of its own, listening only on
# a Unix socket in that directory (no TCP), trusting local connections.
#
#   scripts/postgres.sh start DIR   initialise DIR/pg if needed, start the server,
#                                   print its URL: postgresql://postgres@/postgres?host=DIR&port=PORT
#   scripts/postgres.sh stop DIR    stop it (fast shutdown); DIR stays for the caller to remove
#   scripts/postgres.sh url DIR     print the URL of the server in DIR
#
# The server refuses to run as root, so as root the cluster belongs to the
# `postgres` user that the package creates. A log is kept in DIR/pg.log.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PORT=${SIFUND_POSTGRES_PORT:-54329}

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  else
    "$@"
  fi
}

cmd=${1:?usage: postgres.sh start|stop|url DIR}
dir=${2:?usage: postgres.sh start|stop|url DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
url="postgresql://postgres@/postgres?host=$dir&port=$PORT"

case "$cmd" in
  start)
    [ -x "$PG_BIN/initdb" ] || { echo "postgres.sh: no PostgreSQL 15 in $PG_BIN (apt-get install postgresql)" >&2; exit 2; }
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/pg/PG_VERSION" ]; then
      as_owner "$PG_BIN/initdb" -D "$dir/pg" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 2; }
    fi
    # Durable commits (fsync, synchronous_commit on: the defaults) so that the
    # benchmarks measure what a finance office would run. Enough connections for
    # parallel ctest and the concurrency tests.
    as_owner "$PG_BIN/pg_ctl" -D "$dir/pg" -l "$dir/pg.log" -w -t 60 \
      -o "-k $dir -p $PORT -c listen_addresses= -c max_connections=200 -c shared_buffers=64MB" start >/dev/null ||
      { cat "$dir/pg.log" >&2; exit 2; }
    echo "$url"
    ;;
  stop)
    if [ -f "$dir/pg/postmaster.pid" ]; then
      as_owner "$PG_BIN/pg_ctl" -D "$dir/pg" -m fast -w -t 60 stop >/dev/null
    fi
    ;;
  url)
    echo "$url"
    ;;
  *)
    echo "usage: postgres.sh start|stop|url DIR" >&2
    exit 2
    ;;
esac
