#!/usr/bin/env bash
# The console benchmark: Vireo's VNC client with each encoding beside TigerVNC's viewer, over a
# 100 ms, 10 Mbit/s link. Usage (as root): releng/bench/console.sh [console.py options]
#   Writes docs/console.json and the console section of docs/benchmarks.md.
set -euo pipefail
. "$(dirname "$0")/../setup.sh"
vireo_setup
vireo_install_packages iproute2 iptables ethtool iputils-ping libnetfilter-queue-dev gcc xvfb \
  tigervnc-standalone-server tigervnc-viewer
export PATH=$PATH:/usr/sbin:/sbin
build=$VIREO_ROOT/releng/bench/target
mkdir -p "$build/console"
cc -O2 -o "$build/netdelay" "$VIREO_ROOT/releng/bench/netdelay.c" -lnetfilter_queue -lnfnetlink
cp=$(vireo_classpath dev.vireo.rfb)
"$JAVA_HOME/bin/javac" -cp "$cp" -d "$build/console" "$VIREO_ROOT/releng/bench/ConsoleClient.java" \
  "$VIREO_ROOT/releng/bench/ConsoleScene.java"
chmod -R a+rX "$build"
exec /usr/bin/python3 "$VIREO_ROOT/releng/bench/console.py" --java "$JAVA_HOME/bin/java" \
  --classpath "$cp:$build/console" --scene "$build/console" --netdelay "$build/netdelay" \
  --out "$VIREO_ROOT/docs" "$@"
