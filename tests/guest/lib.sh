# SPDX-License-Identifier: GPL-2.0
# Sourced by guest tests. fail MSG prints MSG and exits 1.
KO=/knuma/knuma.ko
PARAMS=/sys/module/knuma/parameters
DBG=/sys/kernel/debug/knuma
KREL=$(cat /etc/knuma-krel)

fail() { echo "FAIL: $*"; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }
ok() { echo "$*"; exit 0; }

load() { insmod "$KO" "$@" || fail "insmod knuma $*"; }
unload() { rmmod knuma || fail "rmmod knuma"; }

# Pids of the knuma/<nid> threads.
knuma_threads() {
	for d in /proc/[0-9]*; do
		case "$(cat "$d/comm" 2>/dev/null)" in knuma/*) echo "${d#/proc/}" ;; esac
	done
}

# Nothing of knuma may remain: module, sysfs, debugfs, threads, ftrace hooks.
assert_gone() {
	grep -q '^knuma ' /proc/modules && fail "$1: module still listed"
	[ -e /sys/module/knuma ] && fail "$1: /sys/module/knuma remains"
	[ -e "$DBG" ] && fail "$1: $DBG remains"
	[ -n "$(knuma_threads)" ] && fail "$1: knuma threads remain: $(knuma_threads)"
	ef=/sys/kernel/tracing/enabled_functions
	[ -r $ef ] && grep -q knuma $ef && fail "$1: ftrace hook remains: $(grep knuma $ef)"
	return 0
}


# Kernel counters and the NUMA balancing sysctl.
vmstat() { sed -n "s/^$1 //p" /proc/vmstat; }
sysctl_nb() { cat /proc/sys/kernel/numa_balancing; }
set_nb() { echo "$1" >/proc/sys/kernel/numa_balancing; }

# follow_run ARGS...: run the follow workload, check its data, and set
# FINAL_PCT (pages on the target node) and REACHED_MS (-1: never reached).
follow_run() {
	out=$(follow "$@") || { echo "$out"; fail "follow $* failed (data?)"; }
	final=$(echo "$out" | tail -n 1)
	echo "$out" | tail -n 4
	FINAL_PCT=$(echo "$final" | awk '{ print int($3) }')
	REACHED_MS=$(echo "$final" | awk '{ print $5 }')
	echo "$final" | grep -q 'data ok' || fail "data corrupted: $final"
}
