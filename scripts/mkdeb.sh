#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# mkdeb.sh VERSION EXPORT: build build/deb/knuma-dkms_VERSION_all.deb with
# dpkg-deb ("make deb" runs it after "make dkms-src"). The package holds
#   /usr/src/knuma-VERSION/             EXPORT, the clean DKMS source tree
#   /etc/modprobe.d/knuma.conf          packaging/modprobe.d/knuma.conf (a
#                                       conffile, everything commented out)
#   /usr/share/doc/knuma-dkms/copyright packaging/debian/copyright
# and the maintainer scripts packaging/debian/{postinst,prerm}, with
# DEBIAN/control made from packaging/debian/control.in. Files are owned by
# root (dpkg-deb --root-owner-group): no fakeroot needed.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$KNUMA_ROOT" || exit 1

[ $# -eq 2 ] || die "usage: $0 VERSION EXPORT_DIR"
ver=$1
exp=$2
pkg=knuma-dkms
pdir=packaging
out=$KNUMA_BUILD/deb
root=$out/root
deb=$out/${pkg}_${ver}_all.deb

command -v dpkg-deb >/dev/null || die "mkdeb: dpkg-deb not found (apt install dpkg-dev)"
[ -f "$exp/dkms.conf" ] || die "mkdeb: no source export in $exp (make dkms-src)"
pkgver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$exp/dkms.conf")
[ "$pkgver" = "$ver" ] ||
	die "mkdeb: dkms.conf says version '$pkgver' but module/knuma.h says '$ver': make them agree"

rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/usr/src" "$root/etc/modprobe.d" "$root/usr/share/doc/$pkg"
cp -r "$exp" "$root/usr/src/knuma-$ver"
cp "$pdir/modprobe.d/knuma.conf" "$root/etc/modprobe.d/knuma.conf"
cp "$pdir/debian/copyright" "$root/usr/share/doc/$pkg/copyright"
# Whatever the umask and the checkout's modes: directories and executables
# 0755, other files 0644.
chmod -R u=rwX,go=rX "$root"

for s in postinst prerm; do
	sed "s/@VERSION@/$ver/g" "$pdir/debian/$s" >"$root/DEBIAN/$s"
	chmod 0755 "$root/DEBIAN/$s"
done
echo /etc/modprobe.d/knuma.conf >"$root/DEBIAN/conffiles"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' |
	LC_ALL=C sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
# control.in starts with comment lines, which a binary control file may not
# have.
sed -e '/^#/d' -e "s/@VERSION@/$ver/g" -e "s/@INSTALLED_SIZE@/$size/g" \
	"$pdir/debian/control.in" >"$root/DEBIAN/control"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/conffiles" "$root/DEBIAN/md5sums"
if grep -rn '@[A-Z_]*@' "$root/DEBIAN"; then
	die "mkdeb: placeholders left in DEBIAN/"
fi

# Timestamps from the last commit, so that a rebuild of the same tree gives
# the same package.
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
	SOURCE_DATE_EPOCH=$(git -C "$KNUMA_ROOT" log -1 --format=%ct 2>/dev/null) || true
	[ -z "$SOURCE_DATE_EPOCH" ] || export SOURCE_DATE_EPOCH
fi
rm -f "$deb"
dpkg-deb --root-owner-group --build "$root" "$deb" >/dev/null
echo "$deb"
