#!/usr/bin/env bash
# Installs lpms-edge from the unpacked tarball (lpms-edge-VERSION.tar.gz) into the same places as the .deb:
#   /usr/share/lpms-edge/lib/*.jar   /usr/bin/lpms-edge   /lib/systemd/system/lpms-edge{,-rfcomm@}.service
#   /etc/lpms-edge/lpms-edge.toml (never overwritten)   /usr/share/doc/lpms-edge/README.md + docs/
# then creates the lpms-edge user and reloads systemd. Safe to run again (upgrades the jars in place).
#
#   sudo ./install.sh                      install (does not enable or start the service)
#   sudo ./install.sh --uninstall          stop, disable and remove the files; keep config, spool and user
#   sudo ./install.sh --uninstall --purge  also remove /etc/lpms-edge, /var/lib/lpms-edge and the user
#   ./install.sh --root DIR [...]          the same into DIR (for packaging and tests): no user, no systemctl
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root=""
action=install
purge=false
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root="${2:?--root needs a directory}"; shift 2 ;;
    --root=*) root="${1#--root=}"; shift ;;
    --uninstall) action=uninstall; shift ;;
    --purge) purge=true; shift ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option '$1'; see --help" >&2; exit 2 ;;
  esac
done
if [ -n "$root" ]; then
  mkdir -p "$root"
  root="$(cd "$root" && pwd)"
elif [ "$(id -u)" != 0 ]; then
  echo "install.sh: run as root (sudo), or give --root DIR to install into a directory" >&2
  exit 2
fi
# Only a real install touches the system (user accounts, systemd).
system() { [ -z "$root" ]; }
systemd_running() { system && [ -d /run/systemd/system ]; }

lib="$root/usr/share/lpms-edge/lib"
units="$root/lib/systemd/system"
etc="$root/etc/lpms-edge"
doc="$root/usr/share/doc/lpms-edge"

install_files() {
  if ! compgen -G "$here/lib/*.jar" >/dev/null; then
    echo "install.sh: no jars in $here/lib; run it from the unpacked lpms-edge tarball" >&2
    exit 2
  fi
  install -d -m 0755 "$lib" "$units" "$etc" "$doc" "$root/usr/bin"
  # Jars of an older version are removed, so the class path is exactly this release.
  for jar in "$lib"/*.jar; do
    [ -e "$jar" ] || continue
    [ -e "$here/lib/$(basename "$jar")" ] || rm -f "$jar"
  done
  install -m 0644 "$here"/lib/*.jar "$lib/"
  install -m 0755 "$here/lpms-edge-account" "$root/usr/share/lpms-edge/lpms-edge-account"
  install -m 0755 "$here/bin/lpms-edge" "$root/usr/bin/lpms-edge"
  install -m 0644 "$here/systemd/lpms-edge.service" "$here/systemd/lpms-edge-rfcomm@.service" "$units/"
  install -m 0644 "$here/README.md" "$doc/README.md"
  # The docs README links to, so the links and the units' Documentation= work offline on the Pi.
  rm -rf "$doc/docs"   # a page dropped from this release must not linger
  install -d -m 0755 "$doc/docs"
  install -m 0644 "$here"/docs/*.md "$doc/docs/"
  # The config is the admin's: never overwritten; a changed default is put beside it.
  if [ ! -e "$etc/lpms-edge.toml" ]; then
    install -m 0644 "$here/etc/lpms-edge.toml" "$etc/lpms-edge.toml"
  elif ! cmp -s "$here/etc/lpms-edge.toml" "$etc/lpms-edge.toml"; then
    install -m 0644 "$here/etc/lpms-edge.toml" "$etc/lpms-edge.toml.dist"
    echo "install.sh: kept your $etc/lpms-edge.toml; this release's default is beside it as lpms-edge.toml.dist"
  fi
  if system; then
    "$root/usr/share/lpms-edge/lpms-edge-account" add
  fi
  if systemd_running; then
    systemctl daemon-reload
    if systemctl is-active --quiet lpms-edge.service; then
      systemctl restart lpms-edge.service
      echo "install.sh: restarted lpms-edge on the new version"
    fi
  fi
  echo "install.sh: installed into ${root:-/}."
  echo "  Edit /etc/lpms-edge/lpms-edge.toml, check it: lpms-edge check-config /etc/lpms-edge/lpms-edge.toml"
  echo "  then: sudo systemctl enable --now lpms-edge"
}

uninstall_files() {
  if systemd_running; then
    systemctl disable --now lpms-edge.service || true
    systemctl stop 'lpms-edge-rfcomm@*.service' || true
  fi
  if $purge && system && [ -x "$root/usr/share/lpms-edge/lpms-edge-account" ]; then
    "$root/usr/share/lpms-edge/lpms-edge-account" remove
  fi
  rm -rf "$root/usr/share/lpms-edge" "$doc"
  rm -f "$root/usr/bin/lpms-edge" "$units/lpms-edge.service" "$units/lpms-edge-rfcomm@.service"
  if systemd_running; then
    systemctl daemon-reload
  fi
  if $purge; then
    rm -rf "$etc" "$root/var/lib/lpms-edge"
    echo "install.sh: removed lpms-edge, its config, spool and user from ${root:-/}"
  else
    echo "install.sh: removed lpms-edge from ${root:-/}; kept $etc and the spool (--purge removes them)"
  fi
}

case "$action" in
  install) install_files ;;
  uninstall) uninstall_files ;;
esac
