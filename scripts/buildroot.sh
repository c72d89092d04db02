#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# buildroot.sh SUITE ensure [PKG...]
# buildroot.sh SUITE run CMD [ARG...]
# A Debian build root per suite (bookworm, trixie, trixie-backports, sid):
# each kernel is fetched and built inside the root of the suite it comes
# from, with the compiler its headers package names in Depends:, so the
# host's compiler and release never matter. The root is debootstrapped once
# (--variant=minbase, the apt sources of a standard install) into
# $KNUMA_CACHE/roots/SUITE and kept; a month old, it is made again.
#   ensure  make the root if needed, then install PKG... in it (a PKG "a|b"
#           is satisfied by either; only what is missing is installed)
#   run     run CMD in the root, as root, with the project tree, the cache
#           and the build directory bind-mounted at their host paths (in a
#           private mount namespace: nothing stays mounted afterwards)
# trixie-backports is trixie plus its backports, whose linux-* packages are
# preferred (the root resolves linux-image-amd64 to the backported kernel).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

suite=${1:?usage: buildroot.sh SUITE ensure [PKG...] | run CMD...}
verb=${2:?usage: buildroot.sh SUITE ensure [PKG...] | run CMD...}
shift 2
MIRROR=${KNUMA_MIRROR:-http://deb.debian.org/debian}
root=$KNUMA_CACHE/roots/$suite

case $suite in
bookworm | trixie) base=$suite ;;
trixie-backports) base=trixie ;;
sid) base=sid ;;
*) die "buildroot: unknown suite '$suite' (bookworm, trixie, trixie-backports, sid)" ;;
esac

[ "$(id -u)" -eq 0 ] || die "buildroot: needs root (debootstrap, chroot, mounts)"

# in_root CMD...: run CMD in the root with a clean environment; the
# project, cache and build trees appear at their host paths.
in_root() {
	local d binds=()
	for d in "$KNUMA_ROOT" "$(realpath "$KNUMA_CACHE")" "$(realpath -m "$KNUMA_BUILD")"; do
		mkdir -p "$d"
		binds+=("$d")
	done
	unshare --mount --propagation private -- /bin/bash -c '
		set -e
		root=$1; shift
		n=$1; shift
		for ((i = 0; i < n; i++)); do
			mkdir -p "$root$1"
			mount --bind "$1" "$root$1"
			shift
		done
		mount -t proc proc "$root/proc"
		mount --rbind /dev "$root/dev"
		exec chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			DEBIAN_FRONTEND=noninteractive KNUMA_IN_ROOT="$root" "$@"
	' buildroot "$root" "${#binds[@]}" "${binds[@]}" "$@"
}

make_root() {
	local tmp=$root.tmp
	command -v debootstrap >/dev/null || die "buildroot: no debootstrap (scripts/deps.sh installs it)"
	log "buildroot: debootstrap --variant=minbase $base into $root"
	rm -rf --one-file-system "$tmp" "$root"
	mkdir -p "$tmp"
	debootstrap --variant=minbase "$base" "$tmp" "$MIRROR" >"$tmp.log" 2>&1 ||
		{ tail -n 20 "$tmp.log" >&2; die "buildroot: debootstrap of $base failed (log $tmp.log)"; }
	case $base in
	sid)
		echo "deb $MIRROR sid main" >"$tmp/etc/apt/sources.list"
		;;
	*)
		cat >"$tmp/etc/apt/sources.list" <<EOT
deb $MIRROR $base main
deb $MIRROR $base-updates main
deb http://security.debian.org/debian-security $base-security main
EOT
		;;
	esac
	if [ "$suite" = trixie-backports ]; then
		echo "deb $MIRROR trixie-backports main" >>"$tmp/etc/apt/sources.list"
		cat >"$tmp/etc/apt/preferences.d/knuma-backports" <<EOT
Package: linux-*
Pin: release n=trixie-backports
Pin-Priority: 990
EOT
	fi
	# sid's Release carries a Valid-Until a week ahead: a mirror that
	# lags behind (or a snapshot) would make the root unusable. Signatures
	# are still checked.
	echo 'Acquire::Check-Valid-Until "false";' >"$tmp/etc/apt/apt.conf.d/99knuma-valid-until"
	cp /etc/resolv.conf "$tmp/etc/resolv.conf"
	printf '#!/bin/sh\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d"
	chmod 755 "$tmp/usr/sbin/policy-rc.d"
	rm -f "$tmp.log"
	mv "$tmp" "$root"
	in_root apt-get update -q >/dev/null || die "buildroot: apt-get update in $suite failed"
	# What every kernel build needs besides the kernel's own Depends:
	# (make, and the tools Kbuild and scripts/probe.sh call).
	in_root apt-get install -y -q --no-install-recommends make binutils libc6-dev kmod perl \
		ca-certificates xz-utils zstd >/dev/null ||
		die "buildroot: installing the build basics in $suite failed"
	touch "$root/.complete"
}

case $verb in
ensure)
	if [ ! -f "$root/.complete" ] || [ -n "$(find "$root/.complete" -mtime +30)" ]; then
		make_root
	fi
	cp /etc/resolv.conf "$root/etc/resolv.conf"
	installed=$(in_root dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' |
		awk '$1 == "ii" { print $2 }')
	missing=()
	for p in "$@"; do
		have=0
		for a in ${p//|/ }; do
			grep -qx "$a" <<<"$installed" && have=1 && break
		done
		[ $have = 1 ] || missing+=("${p%%|*}")
	done
	[ ${#missing[@]} -eq 0 ] && exit 0
	log "buildroot: $suite: installing ${missing[*]}"
	in_root apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
		{ in_root apt-get update -q >/dev/null &&
		  in_root apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; } ||
		die "buildroot: $suite: apt-get install failed for: ${missing[*]}"
	;;
run)
	[ -f "$root/.complete" ] || die "buildroot: no $suite root: run 'buildroot.sh $suite ensure' first"
	[ $# -gt 0 ] || die "buildroot: run: no command"
	in_root "$@"
	;;
*)
	die "buildroot: unknown verb '$verb' (ensure, run)"
	;;
esac
