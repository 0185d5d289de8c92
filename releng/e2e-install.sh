#!/usr/bin/env bash
# End to end: installs the example third-party driver from its own p2 repository into a copy of
# the built product with `vireo install`, then checks that the installed product lists the driver
# and that a demo:/// connection shows the test driver's domains. Run by test.sh after the build.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
product=$root/releng/dev.vireo.product/target/products/dev.vireo.product/linux/gtk/x86_64
repo=$root/examples/dev.vireo.example.repository/target/repository
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$product" "$work/vireo"
vireo=$work/vireo/vireo

passed=0 failed=0
check() { # NAME OUTPUT PATTERN [absent]: whether OUTPUT has a line matching PATTERN (or not, with "absent")
  if grep -qE "$3" <<<"$2"; then found=yes; else found=no; fi
  if [ "$found" = "$([ "${4:-}" = absent ] && echo no || echo yes)" ]; then
    echo "PASS $1"; passed=$((passed + 1))
  else
    echo "FAIL $1"; echo "$2" | sed 's/^/    /'; failed=$((failed + 1))
  fi
}

check "before: no demo driver" "$("$vireo" --list-drivers 2>/dev/null)" '^demo' absent
plugins=$("$vireo" --list-plugins 2>/dev/null; echo "exit $?")
check "before: --list-plugins answers" "$plugins" '^exit 0$'
check "before: no plugin a user installed" "$plugins" '^dev\.' absent
check "vireo install succeeds" "$("$vireo" install "$repo" dev.vireo.example.demo.feature 2>&1)" '^Operation completed'
check "after: the demo driver is listed" "$("$vireo" --list-drivers 2>/dev/null)" '^demo	demo	Demo hypervisor	dev.vireo.example.demo$'
check "after: --list-plugins names the feature and what it brought" "$("$vireo" --list-plugins 2>/dev/null)" \
    '^dev.vireo.example.demo.feature	1\.0\.0\.[0-9]+	Demo hypervisor driver for Vireo	dev.vireo.example.demo	$'
check "after: the built-in drivers still are" "$("$vireo" --list-drivers 2>/dev/null)" '^qemu	'
check "demo:/// shows the test driver's domains" "$("$vireo" --list-domains demo:/// 2>/dev/null)" '^test	running$'
check "--list-domains --details waits for the XML" "$("$vireo" --list-domains test:///default --details 2>/dev/null)" \
    '^test	running	2 vCPUs	[0-9]+ MiB$'
check "--print-new-vm-xml prints the wizard's XML for debian11" "$("$vireo" --print-new-vm-xml test:///default \
    --name new-vm --os debian11 --arch i686 --disk /var/lib/libvirt/images/new-vm.img 2>&1)" '^ *<target bus="virtio" dev="vda"/>$'
# a VNC display of TigerVNC's server, captured without a window; a closed port says why
vncport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
vncdisplay=":$((200 + RANDOM % 50))"
Xtigervnc "$vncdisplay" -SecurityTypes None -rfbport "$vncport" -localhost -geometry 320x200 >"$work/xvnc.log" 2>&1 &
xvnc=$!
for _ in $(seq 100); do (echo >"/dev/tcp/127.0.0.1/$vncport") 2>/dev/null && break; sleep 0.1; done
check "--vnc-capture writes the screen as PNG" "$("$vireo" --vnc-capture "127.0.0.1:$vncport" "$work/screen.png" 2>&1 \
    && head -c 8 "$work/screen.png" | od -An -tx1)" '89 50 4e 47 0d 0a 1a 0a'
kill "$xvnc" 2>/dev/null; wait "$xvnc" 2>/dev/null
check "--vnc-capture says why it cannot" "$("$vireo" --vnc-capture "127.0.0.1:$vncport" "$work/none.png" 2>&1; echo "exit $?")" \
    '^--vnc-capture: 127.0.0.1:[0-9]+: .*refused'
echo "e2e-install: $passed passed, $failed failed"
[ "$failed" = 0 ]
