#!/usr/bin/env bash
# Assembles the tests' Linux guest as an install ISO from Debian packages: Debian's cloud kernel
# (downloaded, unpacked with dpkg-deb, never installed), busybox-static and isolinux. Its init
# reports its CPUs and block devices on the serial console, and powers off when the ACPI power
# button is pressed, as a real OS does on "Shut Down".
# Usage: make-iso.sh OUT.iso [VOLUME_ID]   (the ISO's label; "VIREO GUEST" by default)
# Needs apt, busybox-static, isolinux, syslinux-common, xorriso.
set -euo pipefail
out=$(realpath -m "$1")
label=${2:-VIREO GUEST}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
kernel() { apt-cache depends linux-image-cloud-amd64 2>/dev/null | awk '/Depends: linux-image-/ {print $2; exit}'; }
if [ -z "$(kernel)" ]; then # no package lists yet (a fresh container)
  if [ "$(id -u)" = 0 ]; then apt-get update -qq; else sudo apt-get update -qq; fi
fi
kernel=$(kernel)
apt-get download "$kernel" >/dev/null 2>download.log || { cat download.log >&2; exit 1; }
dpkg-deb -x ./*.deb unpacked
modules=$(echo unpacked/lib/modules/*/kernel)
mkdir -p initrd/bin initrd/dev initrd/proc initrd/sys initrd/lib/modules iso/isolinux
cp /bin/busybox initrd/bin/busybox
# virtio for the disk, evdev and the ACPI button for the power button; the rest is built in
order="virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_blk evdev button"
for m in $order; do
  find "$modules" -name "$m.ko" -exec cp {} initrd/lib/modules/ \;
done
cat > initrd/init <<INIT
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in $order; do insmod /lib/modules/\$m.ko 2>/dev/null; done
# said every 2 s: a console opened late still sees it (a pty nobody reads drops what is written)
# vCPUs plugged in while it runs are brought online, as udev would
while true; do
  for c in /sys/devices/system/cpu/cpu*/online; do echo 1 > \$c 2>/dev/null; done
  echo "VIREO GUEST UP cpus=\$(grep -c ^processor /proc/cpuinfo) disks=\$(ls /sys/block | tr '\n' ' ')"
  sleep 2
done &
for e in /sys/class/input/event*; do
  grep -q "Power Button" \$e/device/name && button=/dev/input/\${e##*/}
done
echo "VIREO GUEST WAITING FOR THE POWER BUTTON (\$button)"
head -c 1 \$button >/dev/null
echo "VIREO GUEST POWERING OFF"
poweroff -f
INIT
chmod +x initrd/init
(cd initrd && find . | busybox cpio -o -H newc 2>/dev/null | gzip -9) > iso/initrd.gz
cp unpacked/boot/vmlinuz-* iso/vmlinuz
cp /usr/lib/ISOLINUX/isolinux.bin /usr/lib/syslinux/modules/bios/ldlinux.c32 iso/isolinux/
cat > iso/isolinux/isolinux.cfg <<CFG
DEFAULT vireo
PROMPT 0
TIMEOUT 0
LABEL vireo
  KERNEL /vmlinuz
  APPEND initrd=/initrd.gz console=ttyS0 quiet
CFG
xorriso -as mkisofs -quiet -o "$out" -V "$label" -b isolinux/isolinux.bin -c isolinux/boot.cat \
  -no-emul-boot -boot-load-size 4 -boot-info-table iso
