#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring (a real Secret Service),
# so keytar talks to the same kind of keychain a Linux desktop has. A fresh XDG_DATA_HOME each run: an old
# keyring with another password stays locked ("Cannot create an item in a locked collection").
set -euo pipefail
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keyring: needs dbus-run-session and gnome-keyring-daemon (apt-get install dbus gnome-keyring)" >&2
  exit 1
fi
export IMAGINE_KEYRING_HOME=$(mktemp -d)
trap 'rm -rf "$IMAGINE_KEYRING_HOME"' EXIT
exec dbus-run-session -- bash -c '
  export XDG_DATA_HOME="$IMAGINE_KEYRING_HOME"
  printf "imagine-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' with-keyring "$@"
