# Sourced by run.sh and test.sh: installs what Vireo needs on Debian 12 and sets
# VIREO_ROOT, JAVA_HOME and MVN (Maven 3.9, which Tycho 5 requires; Debian ships 3.8).
# Needs root, or sudo for apt-get.

VIREO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MAVEN_VERSION=3.9.11
DEBIAN_PACKAGES="libvirt0 libvirt-clients libvirt-daemon libgtk-3-0 xvfb xauth maven unzip sasl2-bin libsasl2-modules openssl tigervnc-standalone-server x11-xserver-utils qemu-system-x86 libvirt-daemon-driver-qemu openssh-server openssh-client virtinst dbus-daemon gnome-keyring libsecret-1-0 libsecret-tools xorriso osinfo-db busybox-static isolinux syslinux-common netcat-openbsd virt-viewer x11-utils"

# Installs those of the given Debian packages that are missing.
vireo_install_packages() {
  local missing="" p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    echo "vireo: installing Debian packages:$missing"
    $sudo apt-get update -qq
    # no service may start: openssh-server would otherwise listen on every interface; the tests
    # start their own daemons, on 127.0.0.1 only
    local policy=/usr/sbin/policy-rc.d guard=""
    if [ ! -e "$policy" ]; then
      printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy" && guard=1
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
    [ -z "$guard" ] || $sudo rm -f "$policy"
  fi
}

vireo_setup() {
  vireo_install_packages $DEBIAN_PACKAGES

  local java
  java=$("$VIREO_ROOT/features/dev.vireo.rcp.feature/rootfiles/find-java") || exit 1
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$java")")")
  export JAVA_HOME

  # Maven 3.9 comes from Maven Central through Debian's Maven, so no download address lives here.
  local tools="${XDG_CACHE_HOME:-$HOME/.cache}/vireo"
  MVN="$tools/apache-maven-$MAVEN_VERSION/bin/mvn"
  if [ ! -x "$MVN" ]; then
    echo "vireo: fetching Maven $MAVEN_VERSION"
    mkdir -p "$tools"
    # run from $tools: in the project folder Maven 3.8 would try to load the Tycho build
    (cd "$tools" && /usr/bin/mvn -q -B dependency:copy -Dartifact="org.apache.maven:apache-maven:$MAVEN_VERSION:zip:bin" \
      -DoutputDirectory="$tools") || exit 1
    unzip -q -o "$tools/apache-maven-$MAVEN_VERSION-bin.zip" -d "$tools"
  fi
  export MAVEN_OPTS="${MAVEN_OPTS:--Xmx2g}"
}

# A classpath of the given bundles from the built product (which holds one version of each);
# builds Vireo if there is none. For tools that run Vireo's headless bundles outside the workbench.
vireo_classpath() {
  local plugins=$VIREO_ROOT/releng/dev.vireo.product/target/products/dev.vireo.product/linux/gtk/x86_64/plugins
  local cp="" jar
  if ! ls "$plugins"/dev.vireo.model_*.jar >/dev/null 2>&1; then
    (cd "$VIREO_ROOT" && "$MVN" -B -q -DskipTests verify) >&2
  fi
  for jar in "$@"; do
    cp=$cp:$(ls "$plugins/${jar}"_*.jar | head -n 1)
  done
  echo "${cp#:}"
}

VIREO_MODEL_BUNDLES="dev.vireo.model org.eclipse.emf.ecore org.eclipse.emf.ecore.xmi org.eclipse.emf.common"
VIREO_CORE_BUNDLES="$VIREO_MODEL_BUNDLES dev.vireo.api dev.vireo.libvirt dev.vireo.connection dev.vireo.monitor
  wrapped.org.libvirt.libvirt com.sun.jna org.eclipse.equinox.common org.eclipse.core.runtime org.eclipse.osgi"
