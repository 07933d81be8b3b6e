#!/usr/bin/env bash
# with-postgres.sh — runs one command beside a throwaway PostgreSQL server.
# Usage: tools/with-postgres.sh COMMAND [ARGS …]
#
# initdb in a new temporary directory, a server listening on 127.0.0.1 only
# (on a free port; its unix socket in that directory), one database, and
# CC_SYNC_TEST_DB=postgresql://… exported for COMMAND. Afterwards, also when
# COMMAND fails or the script is interrupted, the server is stopped and the
# directory removed. PostgreSQL refuses to run as root: as root the server
# runs as uid 1000 in a user namespace (unshare), or, where user namespaces
# are not allowed, as the unprivileged user `nobody` (through runuser);
# otherwise as the current user. COMMAND itself runs as the caller. Exits with COMMAND's status.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: tools/with-postgres.sh COMMAND [ARGS …]" >&2
  exit 2
fi

bindir=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
if [ ! -x "$bindir/initdb" ]; then
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "with-postgres.sh: PostgreSQL's server programs are missing (Debian package postgresql: make deps)" >&2
  exit 1
fi

as_server=()
user=
if [ "$(id -u)" = 0 ]; then
  # Preferably in a user namespace where root's files look like the server's
  # own: it runs as an ordinary uid there, and still reaches everything root
  # can read as their owner (a chroot whose directories are root's and 0700
  # stops any other user from even running /bin/sh).
  if unshare --user --map-user=1000 --map-group=1000 true 2>/dev/null; then
    as_server=(unshare --user --map-user=1000 --map-group=1000 --)
  else
    user=nobody
    if ! id -u "$user" >/dev/null 2>&1; then
      user=craftchain-pg
      id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
    fi
    as_server=(runuser -u "$user" --)
    # No user namespaces inside a chroot, and a chroot unpacked into a
    # mktemp directory has a root only root may enter: then no other user
    # can run anything at all. Let others pass through it (search only, not
    # list), as on any installed system.
    root_mode=$(stat -c %A /)
    if ! "${as_server[@]}" /bin/true 2>/dev/null && [ "${root_mode:9:1}" = - ]; then
      echo "with-postgres.sh: / is closed to other users ($root_mode); opening it for traversal (o+x)" >&2
      chmod o+x /
    fi
  fi
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/cc-postgres.XXXXXX")
data="$dir/data"
started=
child=

cleanup() {
  status=$?
  if [ -n "$child" ]; then
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  if [ -n "$started" ]; then
    (cd "$dir" && "${as_server[@]}" "$bindir/pg_ctl" stop -D "$data" -m fast -s -w -t 30 >/dev/null 2>&1) || true
  fi
  rm -rf "$dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# A password nobody else knows: the server answers on loopback only, but
# other local users could reach it there.
password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$password" > "$dir/pwfile"
mkdir "$dir/socket"
chmod 700 "$dir"
if [ -n "$user" ]; then
  chown -R "$user" "$dir"
fi

# The server's programs run from the directory, which its user can read.
cd "$dir"
"${as_server[@]}" "$bindir/initdb" -D "$data" -U craftchain --pwfile="$dir/pwfile" \
  --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
  >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
rm -f "$dir/pwfile"

# A free port: try a few at random; a taken one makes the start fail.
port=
for _ in 1 2 3 4 5 6 7 8; do
  candidate=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
  if "${as_server[@]}" "$bindir/pg_ctl" start -D "$data" -l "$dir/server.log" -w -t 60 -s \
       -o "-c listen_addresses=127.0.0.1 -p $candidate -c unix_socket_directories=$dir/socket -c fsync=off -c max_connections=100" \
       >/dev/null 2>&1; then
    port=$candidate
    started=1
    break
  fi
  # A failed start may leave a server process behind only if it came up.
  "${as_server[@]}" "$bindir/pg_ctl" stop -D "$data" -m immediate -s -w >/dev/null 2>&1 || true
done
if [ -z "$port" ]; then
  echo "with-postgres.sh: PostgreSQL did not start:" >&2
  cat "$dir/server.log" >&2 || true
  exit 1
fi
cd - >/dev/null

export PGPASSWORD=$password
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U craftchain craftchain_test
unset PGPASSWORD

export CC_SYNC_TEST_DB="postgresql://craftchain:$password@127.0.0.1:$port/craftchain_test"
# In the background, so that a signal to this script is handled at once
# (and passed on) rather than after the command ends.
set +e
"$@" &
child=$!
wait "$child"
status=$?
child=
set -e
exit "$status"
