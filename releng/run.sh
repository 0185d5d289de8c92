#!/usr/bin/env bash
# Installs what is missing, builds the Vireo product if it is missing or older than the sources,
# and starts it. With no --connect URI it opens libvirt's embedded test driver (test:///default).
set -euo pipefail
. "$(dirname "$0")/setup.sh"
vireo_setup
cd "$VIREO_ROOT"
product=releng/dev.vireo.product/target/products/dev.vireo.product/linux/gtk/x86_64
if [ ! -x "$product/vireo" ] || [ -n "$(find bundles features releng target-platform pom.xml -newer "$product/vireo" \
     -type f -not -path '*/target/*' -print -quit)" ]; then
  "$MVN" -B -q -DskipTests clean verify
fi
if [ -z "${DISPLAY:-}" ]; then
  echo "vireo: no DISPLAY; starting on a virtual one (Xvfb)"
  exec xvfb-run -a -s "-screen 0 1280x1024x24" "$product/vireo" "$@"
fi
exec "$product/vireo" "$@"
