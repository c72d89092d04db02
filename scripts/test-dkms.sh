#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test-dkms.sh FLAVOUR...: dkms add + dkms build of a clean source export for
# each kernel, in private DKMS trees (the system's /var/lib/dkms is not
# touched); then a kernel without CONFIG_NUMA_BALANCING must be refused with
# a message by both dkms and a plain make, and so must Debian's PREEMPT_RT
# kernels (KNUMA_RT_FLAVOURS, headers only), in one line that says why;
# and so must a kernel series outside module/kernels.mk's range, unless
# KNUMA_ALLOW_UNTESTED=1.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$KNUMA_ROOT" || exit 1
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
t=$KNUMA_BUILD/dkms-test
rm -rf "$t" && mkdir -p "$t/src" "$t/tree"
dk() { dkms "$@" --sourcetree "$t/src" --dkmstree "$t/tree"; }
rec() { echo "$1 dkms/$2"; }
# refused NAME DETAIL DKMS_RC DKMS_LOG MAKE_RC MAKE_LOG REASON_LINES KO_DIR:
# dkms skipped the kernel (BUILD_EXCLUSIVE, no error), make stopped with
# exactly one line of reason, and no module was built.
refused() {
	if [ "$3" -ne 0 ] && grep -q 'BUILD_EXCLUSIVE' "$4" && ! grep -qi 'error:' "$4" &&
	   [ "$5" -ne 0 ] && [ "$7" = 1 ] && ! ls "$8"/*/module/knuma.ko* >/dev/null 2>&1; then
		rec PASS "$1 ($2: dkms rc $3, BUILD_EXCLUSIVE message; make rc $5, one line)"
	else
		rec FAIL "$1 ($2: dkms rc $3, make rc $5, reason lines $7)"
		sed 's/^/    /' "$4" "$6" | tail -n 20
	fi
}

make -s dkms-src >/dev/null && cp -r "build/dkms-src/knuma-$ver" "$t/src/" ||
	{ rec FAIL "export (make dkms-src)"; exit 1; }
if dk add -m knuma -v "$ver" >"$t/add.log" 2>&1; then
	rec PASS add
else
	rec FAIL add; sed 's/^/    /' "$t/add.log"; exit 1
fi

for f in "$@"; do
	knuma_kernel_env "$f" || { rec FAIL "build-$f (no kernel)"; continue; }
	if dk build -m knuma -v "$ver" -k "$KREL" --kernelsourcedir "$KDIR" >"$t/build-$f.log" 2>&1 &&
	   ls "$t/tree/knuma/$ver/$KREL"/*/module/knuma.ko* >/dev/null 2>&1; then
		rec PASS "build-$f ($KREL)"
	else
		rec FAIL "build-$f ($KREL)"; tail -n 20 "$t/build-$f.log" | sed 's/^/    /'
	fi
done

# A kernel tree without CONFIG_NUMA_BALANCING: copy the last flavour's
# arch tree and switch the option off everywhere Kbuild and dkms read it.
# Its own DKMS tree: the real build of that release is already registered.
fake=$t/no-numa-balancing
cp -a "$KDIR" "$fake"
find "$KDIR" -type l -printf '%P\n' | while read -r l; do
	ln -sfn "$(readlink -f "$KDIR/$l")" "$fake/$l"
done
sed -i 's/^CONFIG_NUMA_BALANCING=y/# CONFIG_NUMA_BALANCING is not set/' \
	"$fake/.config" "$fake/include/config/auto.conf"
sed -i '/#define CONFIG_NUMA_BALANCING 1/d' "$fake/include/generated/autoconf.h"
mkdir -p "$t/tree2"
{ dkms add -m knuma -v "$ver" --sourcetree "$t/src" --dkmstree "$t/tree2" &&
  dkms build -m knuma -v "$ver" -k "$KREL" --kernelsourcedir "$fake" \
	--sourcetree "$t/src" --dkmstree "$t/tree2"; } >"$t/refuse-dkms.log" 2>&1
rc=$?
if [ $rc -ne 0 ] && grep -q 'BUILD_EXCLUSIVE' "$t/refuse-dkms.log" &&
   ! grep -qi 'error:' "$t/refuse-dkms.log"; then
	rec PASS "refuses-no-numa-balancing (dkms rc $rc, BUILD_EXCLUSIVE message)"
else
	rec FAIL "refuses-no-numa-balancing (dkms rc $rc)"; sed 's/^/    /' "$t/refuse-dkms.log"
fi
make -s -C "build/dkms-src/knuma-$ver" KVER="$KREL" KDIR="$fake" module >"$t/refuse-make.log" 2>&1
rc=$?
if [ $rc -ne 0 ] && grep -q 'lacks CONFIG_NUMA_BALANCING=y; knuma cannot work on it' "$t/refuse-make.log"; then
	rec PASS "make-refuses-no-numa-balancing (clear message)"
else
	rec FAIL "make-refuses-no-numa-balancing (rc $rc)"; sed 's/^/    /' "$t/refuse-make.log"
fi

# A kernel series outside module/kernels.mk's range: dkms skips it by its
# release (BUILD_EXCLUSIVE_KERNEL, written by make dkms-src) and a plain make
# stops with Kbuild's one-line reason; with KNUMA_ALLOW_UNTESTED=1 both
# build, and the module carries its "untested kernel" warning. The tree is
# the last flavour's, presented as series 7.99 (release and VERSION /
# PATCHLEVEL), so the refusal is the range and nothing else.
read -r kmin kmax < <(sed -n 's/^KNUMA_KERNEL_MIN := //p; s/^KNUMA_KERNEL_MAX := //p' module/kernels.mk | paste -sd' ')
urel=7.99.0-knuma-untested
rm -rf "$t/tree-untested" && mkdir -p "$t/tree-untested"
{ dkms add -m knuma -v "$ver" --sourcetree "$t/src" --dkmstree "$t/tree-untested" &&
  dkms build -m knuma -v "$ver" -k "$urel" --kernelsourcedir "$KDIR" \
	--sourcetree "$t/src" --dkmstree "$t/tree-untested"; } >"$t/untested-dkms.log" 2>&1
drc=$?
make -s -C "build/dkms-src/knuma-$ver" KVER="$KREL" KDIR="$KDIR" VERSION=7 PATCHLEVEL=99 module \
	>"$t/untested-make.log" 2>&1
mrc=$?
why=$(grep -c "knuma: kernel $KREL is series 7.99, outside the series knuma is tested on ($kmin to $kmax); KNUMA_ALLOW_UNTESTED=1 builds it anyway" \
	"$t/untested-make.log")
refused refuses-untested-series "7.99 outside $kmin-$kmax" $drc "$t/untested-dkms.log" \
	$mrc "$t/untested-make.log" "$why" "$t/tree-untested/knuma/$ver/$urel"
KNUMA_ALLOW_UNTESTED=1 dkms build -m knuma -v "$ver" -k "$urel" --kernelsourcedir "$KDIR" \
	--sourcetree "$t/src" --dkmstree "$t/tree-untested" >"$t/untested-dkms-allow.log" 2>&1
drc=$?
KNUMA_ALLOW_UNTESTED=1 make -s -C "build/dkms-src/knuma-$ver" KVER="$KREL" KDIR="$KDIR" VERSION=7 PATCHLEVEL=99 \
	module >"$t/untested-make-allow.log" 2>&1
mrc=$?
ko=build/dkms-src/knuma-$ver/build/$KREL/knuma.ko
if [ $drc -eq 0 ] && ls "$t/tree-untested/knuma/$ver/$urel"/*/module/knuma.ko* >/dev/null 2>&1 &&
   [ $mrc -eq 0 ] && grep -aq "untested kernel %s: knuma is tested on series %s" "$ko" &&
   grep -aq "$kmin-$kmax" "$ko"; then
	rec PASS "untested-series-override (KNUMA_ALLOW_UNTESTED=1: dkms and make build, the module warns when loaded)"
else
	rec FAIL "untested-series-override (dkms rc $drc, make rc $mrc)"
	sed 's/^/    /' "$t/untested-dkms-allow.log" "$t/untested-make-allow.log" | tail -n 20
fi
rm -rf "build/dkms-src/knuma-$ver/build"

# Debian's -rt kernels: dkms skips them (BUILD_EXCLUSIVE_CONFIG has
# !CONFIG_PREEMPT_RT), a plain make stops with Kbuild's one-line reason.
for f in $KNUMA_RT_FLAVOURS; do
	knuma_kernel_env "$f" || { rec FAIL "refuses-$f (no headers)"; continue; }
	grep -q '^CONFIG_PREEMPT_RT=y' "$KDIR/.config" ||
		{ rec FAIL "refuses-$f ($KREL is not PREEMPT_RT)"; continue; }
	rm -rf "$t/tree-$f" && mkdir -p "$t/tree-$f"
	{ dkms add -m knuma -v "$ver" --sourcetree "$t/src" --dkmstree "$t/tree-$f" &&
	  dkms build -m knuma -v "$ver" -k "$KREL" --kernelsourcedir "$KDIR" \
		--sourcetree "$t/src" --dkmstree "$t/tree-$f"; } >"$t/refuse-$f-dkms.log" 2>&1
	drc=$?
	make -s -C "build/dkms-src/knuma-$ver" KVER="$KREL" KDIR="$KDIR" module >"$t/refuse-$f-make.log" 2>&1
	mrc=$?
	why=$(grep -c "knuma: kernel $KREL is PREEMPT_RT; knuma does not support it" "$t/refuse-$f-make.log")
	refused "refuses-$f" "$KREL, PREEMPT_RT" $drc "$t/refuse-$f-dkms.log" \
		$mrc "$t/refuse-$f-make.log" "$why" "$t/tree-$f/knuma/$ver/$KREL"
done
