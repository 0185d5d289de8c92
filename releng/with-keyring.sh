#!/usr/bin/env bash
# Runs a command in a private D-Bus session with a GNOME Keyring of its own, unlocked: a real
# Secret Service for the tests of saved passwords, never the user's session or keyring files.
# Without dbus-run-session or gnome-keyring-daemon it runs the command as it is.
set -euo pipefail
if [ -z "${VIREO_KEYRING_DIR:-}" ]; then
  if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
    exec "$@"
  fi
  VIREO_KEYRING_DIR=$(mktemp -d)
  export VIREO_KEYRING_DIR
  trap 'rm -rf "$VIREO_KEYRING_DIR"' EXIT
  dbus-run-session -- "$0" "$@"
  exit
fi
# the keyring's files and control socket in a directory of its own: --unlock creates and unlocks
# a login keyring there, --start registers the Secret Service on this session's bus
keyring() { XDG_DATA_HOME="$VIREO_KEYRING_DIR" XDG_RUNTIME_DIR="$VIREO_KEYRING_DIR" gnome-keyring-daemon "$@" >/dev/null; }
printf vireo-test | keyring --unlock --components=secrets
keyring --start --components=secrets
exec "$@"
