#!/usr/bin/env bash
# Installs what is missing, builds Vireo and runs every test; UI tests run under Xvfb.
set -euo pipefail
. "$(dirname "$0")/setup.sh"
vireo_setup
cd "$VIREO_ROOT"
exec xvfb-run -a -s "-screen 0 1280x1024x24" "$MVN" -B clean verify "$@"
