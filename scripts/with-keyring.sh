#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring (a real Secret Service),
# so keytar talks to the same kind of keychain a Linux desktop has. A fresh XDG_DATA_HOME each run: an old
# keyring with another password stays locked ("Cannot create an item in a locked collection").
# The keyring folder (test keys under a known password) is removed on every exit: success, failure or a signal.
# So the command runs as a child, not through `exec` (which would replace this shell and skip the trap).
set -euo pipefail
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keyring: needs dbus-run-session and gnome-keyring-daemon (apt-get install dbus gnome-keyring)" >&2
  exit 1
fi
IMAGINE_KEYRING_HOME=$(mktemp -d "${TMPDIR:-/tmp}/imagine-keyring.XXXXXX")
export IMAGINE_KEYRING_HOME
# gnome-keyring-daemon daemonizes and outlives the D-Bus session, and would write its keyring back into a removed
# folder: stop the daemon of this run first (found by its XDG_DATA_HOME, so other runs' daemons are left alone).
cleanup() {
  local pid
  for pid in $(pgrep -f gnome-keyring-daemon 2>/dev/null || true); do
    if tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "XDG_DATA_HOME=$IMAGINE_KEYRING_HOME"; then
      kill "$pid" 2>/dev/null || true
      for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  done
  rm -rf "$IMAGINE_KEYRING_HOME"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
status=0
dbus-run-session -- bash -c '
  export XDG_DATA_HOME="$IMAGINE_KEYRING_HOME"
  printf "imagine-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' with-keyring "$@" || status=$?
exit "$status"
