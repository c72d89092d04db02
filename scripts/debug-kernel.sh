#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# debug-kernel.sh [SERIES]: build (once) a small debug kernel from Debian's
# linux-source-SERIES package (default 6.12) for the test bed: KASAN,
# lockdep (PROVE_LOCKING), DEBUG_ATOMIC_SLEEP, kmemleak and DEBUG_LIST on top
# of what knuma and the guest need. The config starts from allnoconfig, not
# defconfig, so the build stays small. Result, cached under
# .cache/debug-kernel/<version>/:
#   obj/arch/x86/boot/bzImage   the kernel the VM boots
#   obj/                        the Kbuild output knuma builds against
# and .cache/kernels/debug.env, which makes "debug" a flavour for
# vm-run.sh and mkinitramfs.sh. Prints the build time.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

series=${1:-6.12}
pkg=linux-source-$series
top=$KNUMA_CACHE/debug-kernel

# What knuma and the guest need, then the debugging options; each must end
# up =y, or the script stops and names it.
need=(
	64BIT SMP NUMA PCI ACPI X86_64_ACPI_NUMA ACPI_NUMA HOTPLUG_CPU
	MIGRATION NUMA_BALANCING NUMA_BALANCING_DEFAULT_ENABLED
	TRANSPARENT_HUGEPAGE TRANSPARENT_HUGEPAGE_ALWAYS HUGETLBFS HUGETLB_PAGE
	MODULES MODULE_UNLOAD KALLSYMS KALLSYMS_ALL
	FTRACE FUNCTION_TRACER FUNCTION_GRAPH_TRACER DYNAMIC_FTRACE
	DYNAMIC_FTRACE_WITH_REGS KPROBES LIVEPATCH
	DEBUG_FS SCHED_DEBUG MAGIC_SYSRQ PRINTK PRINTK_TIME TTY SERIAL_8250
	SERIAL_8250_CONSOLE BLK_DEV_INITRD RD_GZIP BINFMT_ELF BINFMT_SCRIPT
	DEVTMPFS PROC_FS SYSFS TMPFS SHMEM SYSVIPC FUTEX
	DEBUG_KERNEL KASAN KASAN_GENERIC PROVE_LOCKING DEBUG_ATOMIC_SLEEP
	DEBUG_KMEMLEAK DEBUG_LIST
)
# Off: module signing (no keys here), KASLR (stable addresses in reports),
# kmemleak's own background scan (the test scans when it wants to).
off=(MODULE_SIG RANDOMIZE_BASE DEBUG_KMEMLEAK_DEFAULT_OFF DEBUG_KMEMLEAK_AUTO_SCAN
     LOCALVERSION_AUTO DEBUG_INFO_BTF WERROR)

# Build dependencies (idempotent; the rest of the test bed comes from deps.sh).
missing=()
for p in build-essential flex bison bc libelf-dev libssl-dev xz-utils cpio; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	log "debug-kernel: installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi

ver=$(apt-cache policy "$pkg" | sed -n 's/^ *Candidate: //p')
[ -n "$ver" ] && [ "$ver" != "(none)" ] || die "no $pkg package known to apt"
dir=$top/$ver
src=$dir/src
obj=$dir/obj
mkdir -p "$dir"

if [ ! -f "$src/Makefile" ]; then
	deb=$(ls "$dir"/"$pkg"_*.deb 2>/dev/null | head -n 1 || true)
	if [ -z "$deb" ]; then
		log "debug-kernel: fetching $pkg $ver"
		(cd "$dir" && apt-get download "$pkg=$ver" >/dev/null)
		deb=$(ls "$dir"/"$pkg"_*.deb | head -n 1)
	fi
	log "debug-kernel: unpacking $(basename "$deb")"
	tmp=$(mktemp -d "$dir/x.XXXXXX")
	dpkg-deb -x "$deb" "$tmp"
	rm -rf "$src.tmp" "$src"
	mkdir -p "$src.tmp"
	tar -xaf "$tmp"/usr/src/"$pkg".tar.* -C "$src.tmp" --strip-components=1
	rm -rf "$tmp" "$deb"
	mv "$src.tmp" "$src"
fi

stamp=$obj/.knuma-config
want="$(printf '%s ' "${need[@]}") / $(printf '%s ' "${off[@]}")"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
	log "debug-kernel: configuring (allnoconfig + ${#need[@]} options)"
	mkdir -p "$obj"
	make -s -C "$src" O="$obj" allnoconfig >/dev/null
	args=()
	for o in "${need[@]}"; do args+=(-e "$o"); done
	for o in "${off[@]}"; do args+=(-d "$o"); done
	args+=(--set-str LOCALVERSION "-knuma-debug" --set-val NR_CPUS 8
	       --set-val DEBUG_KMEMLEAK_MEM_POOL_SIZE 64000 -e KASAN_OUTLINE)
	"$src/scripts/config" --file "$obj/.config" "${args[@]}"
	# Twice: options enabled in the first pass open the menus of others.
	make -s -C "$src" O="$obj" olddefconfig >/dev/null
	"$src/scripts/config" --file "$obj/.config" "${args[@]}"
	make -s -C "$src" O="$obj" olddefconfig >/dev/null
	bad=()
	for o in "${need[@]}"; do
		grep -qx "CONFIG_$o=y" "$obj/.config" || bad+=("$o")
	done
	[ ${#bad[@]} -eq 0 ] || die "debug kernel config lacks: ${bad[*]}"
	echo "$want" >"$stamp"
	rm -f "$obj/.knuma-built"
fi

if [ ! -f "$obj/.knuma-built" ]; then
	log "debug-kernel: building $(make -s -C "$src" O="$obj" kernelrelease) on $(nproc) CPUs"
	start=$(date +%s)
	make -s -C "$src" O="$obj" -j"$(nproc)" bzImage modules >"$dir/build.log" 2>&1 ||
		{ tail -n 30 "$dir/build.log"; die "debug kernel build failed (log: $dir/build.log)"; }
	secs=$(($(date +%s) - start))
	echo "$secs" >"$obj/.knuma-built"
	log "debug-kernel: built in $((secs / 60)) min $((secs % 60)) s"
else
	secs=$(cat "$obj/.knuma-built")
	log "debug-kernel: cached (built in $((secs / 60)) min $((secs % 60)) s)"
fi

krel=$(make -s -C "$src" O="$obj" kernelrelease)
mkdir -p "$KNUMA_CACHE/kernels"
cat >"$KNUMA_CACHE/kernels/debug.env" <<EOF
KFLAVOUR=debug
KREL=$krel
KROOT=$obj
VMLINUZ=$obj/arch/x86/boot/bzImage
KDIR=$obj
EOF
echo "$krel"
