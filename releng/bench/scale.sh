#!/usr/bin/env bash
# Vireo at scale: 50 libvirtd daemons x 200 domains (10 000 VMs) in one workbench, on loopback.
# Usage (as root): releng/bench/scale.sh [scale.py options, e.g. --hosts 5 for a smoke run]
#   Writes docs/scale.json and the scale section of docs/benchmarks.md.
set -euo pipefail
. "$(dirname "$0")/../setup.sh"
vireo_setup
vireo_install_packages xvfb python3
export PATH=$PATH:/usr/sbin:/sbin
product=$VIREO_ROOT/releng/dev.vireo.product/target/products/dev.vireo.product/linux/gtk/x86_64/vireo
[ -x "$product" ] || (cd "$VIREO_ROOT" && "$MVN" -B -q -DskipTests verify)
exec /usr/bin/python3 "$VIREO_ROOT/releng/bench/scale.py" --java-home "$JAVA_HOME" --product "$product" \
  --out "$VIREO_ROOT/docs" "$@"
