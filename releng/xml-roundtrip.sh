#!/usr/bin/env bash
# Checks that libvirt XML files survive Vireo's model unchanged: reads each into the model, writes
# it back, compares. Prints OK / DIFF (with the first difference) / FAIL (why it could not be read)
# per file; exits non-zero if any file did not come back the same.
# Usage: releng/xml-roundtrip.sh FILE...     (builds Vireo first if needed)
set -euo pipefail
. "$(dirname "$0")/setup.sh"
vireo_setup
plugins=$VIREO_ROOT/releng/dev.vireo.product/target/products/dev.vireo.product/linux/gtk/x86_64/plugins
if ! ls "$plugins"/dev.vireo.model_*.jar >/dev/null 2>&1; then
  (cd "$VIREO_ROOT" && "$MVN" -B -q -DskipTests verify)
fi
cp=""
for jar in dev.vireo.model org.eclipse.emf.ecore org.eclipse.emf.ecore.xmi org.eclipse.emf.common; do
  cp=$cp:$(ls "$plugins/${jar}"_*.jar | head -n 1)
done
exec "$JAVA_HOME/bin/java" -cp "${cp#:}" dev.vireo.model.RoundTrip "$@"
