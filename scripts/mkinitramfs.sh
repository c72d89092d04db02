#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# mkinitramfs.sh FLAVOUR OUT.cpio.gz
# Build the guest initramfs: static busybox, the guest init and test scripts,
# knuma.ko built for FLAVOUR's kernel, and the static test programs.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

flavour=${1:?usage: mkinitramfs.sh FLAVOUR OUT}
out=${2:?usage: mkinitramfs.sh FLAVOUR OUT}
knuma_kernel_env "$flavour"

ko=$KNUMA_BUILD/$KREL/knuma.ko
progs=$KNUMA_BUILD/progs
[ -f "$ko" ] || die "no $ko: run 'make KVER=$KREL' first"
[ -d "$progs" ] || die "no $progs: run 'make progs' first"
bb=$(command -v busybox) || die "busybox-static is not installed"
file -L "$bb" 2>/dev/null | grep -q dynamic && die "$bb is not static"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,sbin,proc,sys,dev,tmp,root,etc,knuma,tests}
cp "$bb" "$stage/bin/busybox"
for applet in $("$bb" --list); do
	[ "$applet" = busybox ] || ln -sf busybox "$stage/bin/$applet"
done
cp "$KNUMA_ROOT/tests/guest/init" "$stage/init"
cp "$KNUMA_ROOT"/tests/guest/*.sh "$stage/tests/"
cp "$ko" "$stage/knuma/knuma.ko"
# The untested-kernel build (knuma_build_untested in lib.sh), for t-untested.
uko=$KNUMA_BUILD/$KREL-untested/knuma.ko
[ ! -f "$uko" ] || cp "$uko" "$stage/knuma/knuma-untested.ko"
cp "$KNUMA_ROOT/scripts/knumastat" "$stage/tests/knumastat"
cp "$progs"/* "$stage/bin/"
echo "$KREL" >"$stage/etc/knuma-krel"
chmod +x "$stage/init" "$stage"/tests/*.sh

(cd "$stage" && find . -print0 | cpio --null -o -H newc --quiet) | gzip -1 >"$out"
