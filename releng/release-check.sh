#!/usr/bin/env bash
# The release archive as a user gets it: unpacked into an empty folder and run with no JDK in
# sight (no JAVA_HOME, a PATH without java): it must start on its own runtime, list the test
# driver's domains and open its window on a display of its own, which --trace times. Run by
# test.sh after the build.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
archive=$(ls "$root"/releng/dev.vireo.product/target/vireo-*-linux-gtk-x86_64.tar.gz | head -n 1)
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
tar -C "$work" -xzf "$archive"
dir=$(cd "$work"/vireo-*/ && pwd)
mkdir "$work/home" "$work/bin"
for tool in sh dirname ls head sed; do ln -s "$(command -v "$tool")" "$work/bin/$tool"; done
user() { env -i PATH="$work/bin" HOME="$work/home" "$@"; } # the only tools: the start script's

passed=0 failed=0
check() { # NAME OUTPUT PATTERN
  if grep -qE "$3" <<<"$2"; then
    echo "PASS $1"; passed=$((passed + 1))
  else
    echo "FAIL $1"; echo "$2" | sed 's/^/    /'; failed=$((failed + 1))
  fi
}

echo "release-check: $(basename "$archive"), $(du -h "$archive" | cut -f1)"
check "the archive holds a desktop entry, its icon, an install note, the licence and notices" \
  "$(cd "$dir" && ls vireo.desktop vireo.svg INSTALL.txt LICENSE NOTICE.md 2>&1 | paste -sd' ')" \
  '^INSTALL.txt LICENSE NOTICE.md vireo.desktop vireo.svg$'
check "it starts on its own Java runtime" "$(user "$dir/find-java" 2>&1)" "^$dir/jre/bin/java\$"
check "--list-domains test:///default" "$(user "$dir/vireo" --list-domains test:///default 2>&1)" $'^test\trunning$'

display=":$((300 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x1024x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
env -i PATH="$work/bin" HOME="$work/home" DISPLAY="$display" "$dir/vireo" --trace "$work/trace" >"$work/vireo.log" 2>&1 &
pids+=($!)
for _ in $(seq 600); do # up to a minute for the window, its rows and a quiet host, as --trace marks them
  grep -q '^[0-9]* idle ' "$work/trace" 2>/dev/null && break
  sleep 0.1
done
check "the window opens" "$(xwininfo -display "$display" -root -tree 2>&1; cat "$work/vireo.log")" '"Vireo"'
trace=$(cat "$work/trace" 2>&1)
check "--trace marks the window" "$trace" '^[0-9]+ window-shown$'
check "--trace marks the first rows painted" "$trace" '^[0-9]+ rows-painted test:///default 1$'
check "--trace marks all XML loaded" "$trace" '^[0-9]+ all-xml test:///default 1$'
check "--trace marks the host idle" "$trace" '^[0-9]+ idle test:///default [0-9]+$'
echo "$trace" | sed 's/^/    trace: /'
echo "release-check: $passed passed, $failed failed"
[ "$failed" = 0 ]
