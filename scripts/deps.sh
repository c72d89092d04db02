#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# deps.sh [PKG...]: install the host packages the build and the test bed
# need, plus PKG... Idempotent: installs only what is missing. A PKG of the
# form "a|b" is satisfied by either; the first is installed. Kernel images
# and headers are NOT installed here: fetch-kernel.sh unpacks them into the
# build cache, because Debian's 6.12 headers package depends on the 6.12
# image, and installing that would make it a boot kernel of this host.
# fetch-kernel.sh passes the host tools and libraries the unpacked kernel
# packages depend on (read from their Depends:, e.g. pahole).
# KNUMA_DEPS_EXCLUDE="pkg ..." leaves those packages out (only for the
# negative test of scripts/test-fresh-root.sh: a build must then fail).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PKGS="qemu-system-x86 busybox-static libnuma-dev cpio kmod dkms gcc make
      check pkg-config sparse xz-utils zstd dpkg-dev python3 python3-matplotlib
      bc flex bison libelf-dev libssl-dev rsync fakeroot debhelper debootstrap"

installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
for p in $PKGS "$@"; do
	alts=${p//|/ } skip=0 have=0
	for a in $alts; do
		case " ${KNUMA_DEPS_EXCLUDE:-} " in *" $a "*) skip=1 ;; esac
		installed "$a" && have=1
	done
	if [ $skip = 1 ]; then
		log "deps: NOT installing $p (KNUMA_DEPS_EXCLUDE)"
		continue
	fi
	[ $have = 1 ] || missing+=("${alts%% *}")
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
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
	die "deps: apt-get install failed for: ${missing[*]}"
log "deps: done"
