#!/usr/bin/env bash
# Installs what is missing, builds Vireo and runs every test: the bundles' tests (UI tests under
# Xvfb, with a private keyring), then the end-to-end install of a third-party driver into the built product,
# then the release archive unpacked and run as a user would, with no JDK.
set -euo pipefail
. "$(dirname "$0")/setup.sh"
vireo_setup
cd "$VIREO_ROOT"
releng/with-keyring.sh xvfb-run -a -s "-screen 0 1280x1024x24" "$MVN" -B clean verify "$@"
releng/e2e-install.sh
releng/release-check.sh
