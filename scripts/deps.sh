#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the host packages the build and the test bed need. Idempotent:
# installs only what is missing. Kernel images and headers are NOT installed
# here: fetch-kernel.sh unpacks them into the build cache, because Debian's
# 6.12 headers package depends on the 6.12 image, and installing that would
# make it a boot kernel of this host.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PKGS="qemu-system-x86 busybox-static libnuma-dev cpio kmod dkms gcc make
      check pkg-config sparse xz-utils zstd dpkg-dev python3 python3-matplotlib
      bc flex bison libelf-dev libssl-dev rsync fakeroot debhelper"

missing=()
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	log "deps: all host packages present"
	exit 0
fi
[ "$(id -u)" -eq 0 ] || die "deps: need root to install: ${missing[*]}"
log "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists; a stale one may miss new versions.
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
log "deps: done"
