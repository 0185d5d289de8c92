#!/usr/bin/env bash
# Checks that libvirt XML files survive Vireo's model unchanged: reads each into the model, writes
# it back, compares. Prints OK / DIFF (with the first difference) / FAIL (why it could not be read)
# per file; exits non-zero if any file did not come back the same.
# Usage: releng/xml-roundtrip.sh FILE...     (builds Vireo first if needed)
set -euo pipefail
. "$(dirname "$0")/setup.sh"
vireo_setup
exec "$JAVA_HOME/bin/java" -cp "$(vireo_classpath $VIREO_MODEL_BUNDLES)" dev.vireo.model.RoundTrip "$@"
