#!/usr/bin/env bash
# Vireo's benchmark: many VMs behind a slow link, Vireo beside 1 s polling and virt-manager 4.1.
# Usage (as root): releng/bench/bench.sh [--quick] [bench.py options]
#   Writes docs/benchmarks.md and docs/benchmarks.png; see bench.py --help for the options.
set -euo pipefail
. "$(dirname "$0")/../setup.sh"
vireo_setup
vireo_install_packages iproute2 iptables ethtool iputils-ping libnetfilter-queue-dev gcc virt-manager xvfb \
  python3-matplotlib
export PATH=$PATH:/usr/sbin:/sbin
build=$VIREO_ROOT/releng/bench/target
mkdir -p "$build/classes"
cc -O2 -o "$build/netdelay" "$VIREO_ROOT/releng/bench/netdelay.c" -lnetfilter_queue -lnfnetlink
cp=$(vireo_classpath $VIREO_CORE_BUNDLES)
"$JAVA_HOME/bin/javac" -cp "$cp" -d "$build/classes" "$VIREO_ROOT/releng/bench/VireoClient.java"
args=(--out "$VIREO_ROOT/docs")
if [ "${1:-}" = --quick ]; then
  shift
  args=(--sizes 20 --delays 0,25 --idle 5 --settle 1 --changes 4 --timeout 120)
fi
# Debian's python3: the one its python3-matplotlib belongs to
exec /usr/bin/python3 "$VIREO_ROOT/releng/bench/bench.py" --java "$JAVA_HOME/bin/java" --classpath "$cp:$build/classes" \
  --netdelay "$build/netdelay" \
  --product "$VIREO_ROOT/releng/dev.vireo.product/target/products/dev.vireo.product/linux/gtk/x86_64/vireo" \
  "${args[@]}" "$@"
