#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# fetch-kernel.sh FLAVOUR (6.1 | 6.12 | 6.12-d13 | 7.3 | 7.2 | 6.1-rt | 6.12-rt)
# Resolve the Debian kernel of that flavour from its metapackage at run time,
# in the build root of the flavour's suite (scripts/buildroot.sh, KNUMA_SUITE
# in lib.sh), download image + headers there with apt-get download and
# unpack them with dpkg-deb -x into $KNUMA_CACHE/kernels/<release>/. No
# kernel is installed anywhere, but dpkg-deb -x installs no dependency
# either: the tools and libraries the unpacked kbuild and headers packages
# depend on (pahole, the compiler the kernel was built with, libelf1, ...)
# are read from their Depends:, stored as <release>/host-deps and installed
# in the suite's root, on every run, also when the kernel is cached. For
# the kernels of the host's own release they are installed on the host too,
# where the DKMS and package tests build. Writes $KNUMA_CACHE/kernels/FLAVOUR.env.
# The -rt flavours are fetched without their image (VMLINUZ empty): they are
# only built against, to show that knuma refuses them.
# Idempotent.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

flavour=${1:?usage: fetch-kernel.sh 6.1|6.12|6.12-d13|7.3|7.2|6.1-rt|6.12-rt}
meta=${KNUMA_IMAGE_META[$flavour]:-}
suite=${KNUMA_SUITE[$flavour]:-}
[ -n "$meta" ] && [ -n "$suite" ] ||
	die "unknown kernel flavour '$flavour' (known: ${!KNUMA_IMAGE_META[*]})"

"$KNUMA_ROOT/scripts/buildroot.sh" "$suite" ensure
in_root() { "$KNUMA_ROOT/scripts/buildroot.sh" "$suite" run "$@"; }

# deps_install: the kernel's build dependencies into the suite's root (and
# onto the host for the kernels of the host's release, see above).
deps_install() {
	# shellcheck disable=SC2046
	"$KNUMA_ROOT/scripts/buildroot.sh" "$suite" ensure $(cat "$dest/host-deps")
	if [ "$suite" = "$(knuma_host_suite)" ]; then
		# shellcheck disable=SC2046
		"$KNUMA_ROOT/scripts/deps.sh" $(cat "$dest/host-deps")
	fi
}

# First Depends: of a package, matching a pattern.
dep_of() {
	in_root apt-cache depends "$1" 2>/dev/null |
		awk -v pat="$2" '$1 ~ /Depends:/ && $2 ~ pat { print $2; exit }'
}

image=$(dep_of "$meta" '^linux-image-')
if [ -z "$image" ]; then
	in_root apt-get update -q >/dev/null
	image=$(dep_of "$meta" '^linux-image-')
fi
[ -n "$image" ] || die "cannot resolve $meta to a kernel image package"
krel=${image#linux-image-}
headers=linux-headers-$krel
common=$(dep_of "$headers" '^linux-headers-.*-common')
kbuild=$(dep_of "$headers" '^linux-kbuild-')
[ -n "$common" ] && [ -n "$kbuild" ] || die "cannot resolve headers deps of $headers"

# host_deps DEB...: the Depends: of these packages, one per line, without
# version constraints and architecture qualifiers, and without the kernel's
# own packages (images, headers, kbuild, linux-base: they are unpacked here or
# only serve an installed kernel). An alternative "a | b" keeps the choices
# that are not kernel packages, as "a|b"; if none is left, it is dropped.
host_deps() {
	local deb
	for deb in "$@"; do
		in_root dpkg-deb -f "$deb" Depends
	done | tr ',' '\n' | awk '
		{
			gsub(/\([^)]*\)/, ""); gsub(/:[a-z0-9]+/, ""); n = split($0, alt, "|"); out = ""
			for (i = 1; i <= n; i++) {
				gsub(/[ \t]/, "", alt[i])
				if (alt[i] == "" || alt[i] ~ /^linux-(image|headers|kbuild|binary|base)(-|$)/)
					continue
				out = out (out == "" ? "" : "|") alt[i]
			}
			if (out != "" && !seen[out]++)
				print out
		}'
}

dest=$KNUMA_CACHE/kernels/$krel
env=$KNUMA_CACHE/kernels/$flavour.env
if [ -f "$dest/.complete" ] && [ -f "$env" ] && [ -f "$dest/host-deps" ]; then
	log "fetch-kernel: $flavour = $krel (cached)"
	deps_install
	exit 0
fi
rm -rf "$dest"

# Since 7.x (sid) the image package is a shell around linux-binary-<release>.
binary=$(dep_of "$image" '^linux-binary-')
pkgs=("$image" ${binary:+"$binary"} "$headers" "$common" "$kbuild")
case $flavour in *-rt) pkgs=("$headers" "$common" "$kbuild") ;; esac
log "fetch-kernel: $flavour = $krel: downloading ${pkgs[*]}"
mkdir -p "$dest/debs" "$dest/root"
in_root /bin/sh -c 'cd "$1" && shift && apt-get download -q -o APT::Sandbox::User=root "$@" >/dev/null' \
	fetch "$dest/debs" "${pkgs[@]}"
for deb in "$dest"/debs/*.deb; do
	in_root dpkg-deb -x "$deb" "$dest/root"
done
host_deps "$dest"/debs/linux-headers-*.deb "$dest"/debs/linux-kbuild-*.deb >"$dest/host-deps"
rm -rf "$dest/debs"
log "fetch-kernel: $krel needs in its $suite root: $(tr '\n' ' ' <"$dest/host-deps")"
deps_install

# sid's images live in linux-binary-<release>, under /usr/lib/modules.
vmlinuz=$dest/root/boot/vmlinuz-$krel
[ -f "$vmlinuz" ] || vmlinuz=$dest/root/usr/lib/modules/$krel/vmlinuz
kdir=$dest/root/usr/src/linux-headers-$krel
case $flavour in
*-rt) vmlinuz= ;;
*) [ -f "$vmlinuz" ] || die "no $vmlinuz in $image" ;;
esac
[ -f "$kdir/Makefile" ] || die "no headers tree at $kdir"
# Debian's headers Makefile includes the -common tree by absolute path
# (since 7.x it also names its own tree as KBUILD_OUTPUT).
sed -i -e "s|^include /usr/src/|include $dest/root/usr/src/|" \
	-e "s|^KBUILD_OUTPUT=/usr/src/|KBUILD_OUTPUT=$dest/root/usr/src/|" "$kdir/Makefile"

cat >"$env" <<EOT
KFLAVOUR=$flavour
KSUITE=$suite
KREL=$krel
KROOT=$dest/root
VMLINUZ=$vmlinuz
KDIR=$kdir
EOT
touch "$dest/.complete"
log "fetch-kernel: $flavour ready: $kdir"
