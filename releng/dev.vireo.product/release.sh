#!/usr/bin/env bash
# The release archive, made by the build after the product: the product, a Java runtime of its
# own made with jlink from the build's JDK (only the modules the product's bundles use), a desktop
# entry with its icon, and an install note; unpacked anywhere, it runs with no JDK on the machine.
#   release.sh TARGET_DIR VERSION JDK_HOME
set -euo pipefail
target=$1 version=$2 jdk=$3
here=$(cd "$(dirname "$0")" && pwd)
product=$target/products/dev.vireo.product/linux/gtk/x86_64
name=vireo-$version
stage=$target/release/$name
rm -rf "$target/release"
mkdir -p "$stage"
cp -a "$product"/. "$stage"/
# the modules the bundles refer to, less jdk.javadoc (ICU4J's doclet, never loaded by the product),
# plus what is reached only by reflection or as a service: Unsafe (JNA, Equinox), the zip file
# system, and the elliptic-curve ciphers of TLS for p2's downloads on Java 21
modules=$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 21 "$stage"/plugins/*.jar)
modules=$(echo "$modules,jdk.unsupported,jdk.zipfs,java.logging,jdk.crypto.ec" | tr ',' '\n' | grep -v '^jdk.javadoc$' \
  | while read -r m; do "$jdk/bin/java" --list-modules | grep -q "^$m@" && echo "$m"; done | sort -u | paste -sd,)
"$jdk/bin/jlink" --add-modules "$modules" --output "$stage/jre" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6
cp "$here/release/vireo.svg" "$stage/"
cp "$here/release/vireo.desktop" "$stage/"
sed "s/@VERSION@/$version/g" "$here/release/INSTALL.txt" > "$stage/INSTALL.txt"
tar -C "$target/release" -czf "$target/$name-linux-gtk-x86_64.tar.gz" "$name"
echo "release: $target/$name-linux-gtk-x86_64.tar.gz ($(du -h "$target/$name-linux-gtk-x86_64.tar.gz" | cut -f1); Java modules: $modules)"
