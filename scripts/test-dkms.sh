#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test-dkms.sh FLAVOUR...: dkms add + dkms build of a clean source export for
# each kernel, in private DKMS trees (the system's /var/lib/dkms is not
# touched); then a kernel without CONFIG_NUMA_BALANCING must be refused with
# a message by both dkms and a plain make.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$KNUMA_ROOT" || exit 1
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
t=$KNUMA_BUILD/dkms-test
rm -rf "$t" && mkdir -p "$t/src" "$t/tree"
dk() { dkms "$@" --sourcetree "$t/src" --dkmstree "$t/tree"; }
rec() { echo "$1 dkms/$2"; }

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
