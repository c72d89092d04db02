#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# dkms.sh install EXPORT | remove: what "make dkms-install" and
# "make dkms-remove" do; the Makefile passes its settings in the environment
# (VERSION, KVER, KDIR, DKMS, DKMS_SOURCETREE, DKMS_TREE, DKMS_INSTALLTREE,
# DKMS_ARGS).
#   install: copy EXPORT (the clean tree of "make dkms-src") to
#            $DKMS_SOURCETREE/knuma-$VERSION, then dkms add, build and install
#            for kernel $KVER. Again with the same sources it changes nothing;
#            with changed sources it first drops the builds of the old ones.
#   remove:  dkms remove --all of knuma $VERSION, then delete
#            $DKMS_SOURCETREE/knuma-$VERSION. Nothing installed: nothing to do.
# The trees default to the system's (/usr/src, /var/lib/dkms, /lib/modules);
# DKMS_ARGS adds dkms options (a test: "--no-depmod -j 1").
set -euo pipefail
. "$(dirname "$0")/lib.sh"

: "${VERSION:?set by the Makefile}" "${KVER:?set by the Makefile}"
DKMS=${DKMS:-dkms}
DKMS_SOURCETREE=${DKMS_SOURCETREE:-/usr/src}
DKMS_TREE=${DKMS_TREE:-/var/lib/dkms}
DKMS_INSTALLTREE=${DKMS_INSTALLTREE:-/lib/modules}
read -r -a dkms_extra <<<"${DKMS_ARGS:-}"
src=$DKMS_SOURCETREE/knuma-$VERSION

say() { echo "knuma: $*"; }
fail() { echo "knuma: $*" >&2; exit 1; }

dk() {
	"$DKMS" "$@" --sourcetree "$DKMS_SOURCETREE" --dkmstree "$DKMS_TREE" \
		--installtree "$DKMS_INSTALLTREE" "${dkms_extra[@]}"
}
have_dkms() { command -v "$DKMS" >/dev/null; }
# registered: knuma $VERSION is known to DKMS (added, built or installed).
registered() { [ -n "$(dk status -m knuma -v "$VERSION" 2>/dev/null)" ]; }

do_install() {
	local exp=$1 pkgver status rc changed=''
	have_dkms || fail "$DKMS not found: install the dkms package (apt install dkms)"
	[ -f "$exp/dkms.conf" ] || fail "no source export in $exp (make dkms-src)"
	pkgver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$exp/dkms.conf")
	[ "$pkgver" = "$VERSION" ] ||
		fail "dkms.conf says version '$pkgver' but module/knuma.h says '$VERSION': make them agree"
	if [ -z "${KDIR:-}" ] || [ ! -d "$KDIR" ]; then
		fail "no kernel build tree for $KVER: install linux-headers-$KVER, or pass KVER=<release> or KDIR=<tree>"
	fi
	[ -d "$DKMS_INSTALLTREE/$KVER" ] ||
		fail "$DKMS_INSTALLTREE/$KVER does not exist: kernel $KVER is not installed, DKMS installs modules only into installed kernels (\"make KVER=$KVER\" builds without installing)"

	if [ -d "$src" ] && ! diff -rq "$exp" "$src" >/dev/null 2>&1; then
		changed=1
		if registered; then
			say "the sources in $src changed: removing the builds of the old ones (all kernels)"
			dk remove -m knuma -v "$VERSION" --all ||
				fail "dkms remove knuma/$VERSION --all failed"
		fi
	fi
	if [ ! -d "$src" ] || [ -n "$changed" ]; then
		mkdir -p "$DKMS_SOURCETREE"
		rm -rf "$src.new"
		cp -r "$exp" "$src.new"
		rm -rf "$src"
		mv "$src.new" "$src"
		say "source installed in $src"
	else
		say "source in $src is up to date"
	fi

	if registered; then
		say "knuma/$VERSION is already added to DKMS"
	else
		dk add -m knuma -v "$VERSION" || fail "dkms add knuma/$VERSION failed"
	fi
	rc=0
	dk build -m knuma -v "$VERSION" -k "$KVER" --kernelsourcedir "$KDIR" || rc=$?
	case $rc in
	0) ;;
	77) fail "kernel $KVER lacks an option knuma needs (BUILD_EXCLUSIVE_CONFIG in dkms.conf): not built" ;;
	*) fail "dkms build of knuma/$VERSION for $KVER failed (log: $DKMS_TREE/knuma/$VERSION/build/make.log)" ;;
	esac
	dk install -m knuma -v "$VERSION" -k "$KVER" --kernelsourcedir "$KDIR" ||
		fail "dkms install of knuma/$VERSION for $KVER failed"
	status=$(dk status -m knuma -v "$VERSION" -k "$KVER")
	echo "$status" | grep -q ': installed' ||
		fail "dkms does not report knuma/$VERSION as installed for $KVER: $status"
	say "installed in $DKMS_INSTALLTREE/$KVER; dkms status: $status"
	[ "$KVER" != "$(uname -r)" ] || say "load it with: modprobe knuma"
}

do_remove() {
	if ! have_dkms; then
		say "$DKMS not found: nothing registered with DKMS to remove"
	elif registered; then
		dk remove -m knuma -v "$VERSION" --all ||
			fail "dkms remove knuma/$VERSION --all failed"
		say "knuma $VERSION removed from DKMS (all kernels)"
	else
		say "knuma $VERSION is not registered with DKMS in $DKMS_TREE: nothing to remove there"
	fi
	if [ -d "$src" ]; then
		rm -rf "$src"
		say "deleted $src"
	else
		say "$src does not exist: nothing to delete"
	fi
	[ ! -d /sys/module/knuma ] || say "knuma is still loaded: unload it with rmmod knuma"
}

case "${1:-}" in
install)
	[ $# -eq 2 ] || fail "usage: $0 install EXPORT_DIR"
	do_install "$2"
	;;
remove)
	do_remove
	;;
*)
	fail "usage: $0 install EXPORT_DIR | remove"
	;;
esac
