#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test-knumastat.sh: host tests of scripts/knumastat on the fixture debugfs
# directories tests/fixtures/knumastat/{two,four} (2 and 4 nodes), run once
# under dash with the system's awk and once under busybox sh with nothing
# but busybox's applets (awk included) in PATH, as in the guest initramfs.
# Prints "PASS knumastat/<shell>/<check>" or "FAIL knumastat/<shell>/<check>
# DETAIL" per check ("SKIP ..." for a shell that is not installed); exit 1
# if any check fails. Needs python3 (JSON validation), and setpriv when run
# as root (the permission checks run as nobody).
#   KNUMASTAT=FILE      test FILE instead of scripts/knumastat
#   KNUMASTAT_SHELLS=   the shells, of "dash busybox" (default: both)
# shellcheck disable=SC2015 # "A && B || fail": fail when any is false, on purpose
set -u

root=$(cd "$(dirname "$0")/.." && pwd)
fx=$root/tests/fixtures/knumastat
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
# A copy anyone can read: the permission checks run it as nobody.
ks=$tmp/knumastat
cp "${KNUMASTAT:-$root/scripts/knumastat}" "$ks" || exit 1
chmod 755 "$ks"
mod=$tmp/sys-module-knuma
mkdir "$mod"
nfail=0
shell=

pass() { echo "PASS knumastat/$shell/$1"; }
fail() {
	echo "FAIL knumastat/$shell/$1 $2"
	nfail=$((nfail + 1))
}

# ks ARGS...: run knumastat under $shell; stdout in $out, stderr in $err,
# exit status in $rc. KS_ENV may hold extra VAR=value words for env
# (split on purpose).
# shellcheck disable=SC2086
ks() {
	local pfx=()
	[ -n "${AS_NOBODY:-}" ] && pfx=("${nobody[@]}")
	if [ "$shell" = busybox ]; then
		(cd / && "${pfx[@]}" env PATH="$bbdir" KNUMA_SYSFS_MODULE="$mod" ${KS_ENV:-} \
			"$bb" sh "$ks" "$@") >"$tmp/out" 2>"$tmp/err"
	else
		(cd / && "${pfx[@]}" env KNUMA_SYSFS_MODULE="$mod" ${KS_ENV:-} \
			dash "$ks" "$@") >"$tmp/out" 2>"$tmp/err"
	fi
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}

# The per-node table of a text report, one line per metric:
# "label value... total", labels without spaces (local%, scan_ms, ...).
node_rows() {
	awk '/^knuma per-node/ { s = 1; next }
		s && /^$/ { exit }
		s && ($1 == "Node" || $1 ~ /^-+$/) { next }
		s { sub(/^local %/, "local%"); sub(/^scan ms/, "scan_ms");
		    sub(/^migrate ms/, "migrate_ms"); $1 = $1; print }'
}
# The "Node N ... Total" header of the per-node table, one name per line.
node_header() {
	awk '/^knuma per-node/ { getline; gsub(/Node /, "Node_"); for (i = 1; i <= NF; i++) print $i; exit }'
}
# The rows of the processes table (after its header line).
task_rows() {
	awk '/^knuma process/ { s = 1; getline; next } s && NF && $0 !~ /^\(/ { print }'
}

# expect_nodes DIR: what the per-node table must show for fixture DIR,
# computed here from the nodes file (columns found by header name).
expect_nodes() {
	awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	NF { n++; for (k in c) v[n, k] = $c[k] }
	function p(l, r) { return l + r ? sprintf("%.1f", 100 * l / (l + r)) : "-" }
	END {
		m = split("faults_local faults_remote local% pages_migrated migrate_failed queued pending scan_ms migrate_ms", met, " ")
		for (j = 1; j <= m; j++) {
			line = met[j]; t = 0; tl = 0; tr = 0
			for (i = 1; i <= n; i++) {
				if (met[j] == "local%") {
					x = p(v[i, "faults_local"], v[i, "faults_remote"])
					tl += v[i, "faults_local"]; tr += v[i, "faults_remote"]
				} else if (met[j] ~ /_ms$/) {
					k = met[j]; sub(/_ms$/, "_ns", k)
					x = sprintf("%.1f", v[i, k] / 1e6); t += v[i, k]
				} else {
					x = v[i, met[j]]; t += x
				}
				line = line " " x
			}
			if (met[j] == "local%")
				line = line " " p(tl, tr)
			else if (met[j] ~ /_ms$/)
				line = line " " sprintf("%.1f", t / 1e6)
			else
				line = line " " t
			print line
		}
	}' "$1/nodes"
}
# expect_tasks DIR N: the first N rows of the processes table for DIR.
expect_tasks() {
	awk -v n="$2" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	NF && ++k <= n {
		l = $c["faults_local"]; r = $c["faults_remote"]
		print $c["pid"], $c["comm"], l, r, (l + r ? sprintf("%.1f", 100 * l / (l + r)) : "-"),
			$c["migrated"], sprintf("%.1f", $c["scan_ns"] / 1e6),
			sprintf("%.1f", $c["migrate_ns"] / 1e6), $c["throttled"]
	}' "$1/tasks"
}

# json_check FILE DIR [NTASKS|pid=PID]: FILE is one JSON object whose
# nodes, tasks and stats equal fixture DIR's values (numbers as JSON
# numbers, comm as a string); tasks limited to the first NTASKS rows (all
# by default) or to process PID. Prints the first difference.
json_check() {
	python3 - "$@" <<'EOF'
import json, sys
path, fdir = sys.argv[1], sys.argv[2]
sel = sys.argv[3] if len(sys.argv) > 3 else ""
try:
    with open(path) as f:
        got = json.load(f)
except ValueError as e:
    print("invalid JSON: %s" % e)
    sys.exit(1)

def num(s):
    return int(s)

def table(name):
    with open(fdir + "/" + name) as f:
        lines = [l.split() for l in f if l.strip()]
    hdr = lines[0]
    return [{k: (v if k == "comm" else num(v)) for k, v in zip(hdr, row)}
            for row in lines[1:]]

with open(fdir + "/stats") as f:
    stats = {l.split()[0]: num(l.split()[1]) for l in f if l.strip()}
tasks = table("tasks")
if sel.startswith("pid="):
    tasks = [t for t in tasks if t["pid"] == int(sel[4:])]
elif sel:
    tasks = tasks[:int(sel)]
want = {"nodes": table("nodes"), "tasks": tasks, "stats": stats}

def walk(g, w, where):
    if type(g) is not type(w):
        return "%s: %r (%s) != %r (%s)" % (where, g, type(g).__name__, w, type(w).__name__)
    if isinstance(w, dict):
        if list(g) != list(w):
            return "%s: keys %s != %s" % (where, list(g), list(w))
        for k in w:
            d = walk(g[k], w[k], where + "." + k)
            if d:
                return d
    elif isinstance(w, list):
        if len(g) != len(w):
            return "%s: %d entries != %d" % (where, len(g), len(w))
        for i, (a, b) in enumerate(zip(g, w)):
            d = walk(a, b, "%s[%d]" % (where, i))
            if d:
                return d
    elif g != w:
        return "%s: %r != %r" % (where, g, w)
    return None

d = walk(got, want, "json")
if d:
    print(d)
    sys.exit(1)
EOF
}

# A copy of fixture $1 with columns nobody knows yet, in front, in the middle
# and at the end, and the known ones in another order.
extra_columns() {
	local d=$tmp/extra
	rm -rf "$d" && mkdir -p "$d"
	cp "$1/stats" "$d/stats"
	echo "future_stat 7" >>"$d/stats"
	for f in nodes tasks; do
		awk '{ if (NR == 1) printf "zz_first %s mid_col %s", $2, $1
		       else printf "%d %s %d %s", NR, $2, NR * 3, $1
		       for (i = 3; i <= NF; i++) printf " %s", $i
		       print (NR == 1 ? " zz_last" : " x") }' "$1/$f" >"$d/$f"
	done
	echo "$d"
}

t_node_values() { # DIR: each node column shows the fixture's values
	ks -d "$1"
	local got want
	got=$(echo "$out" | node_rows | awk '{ $NF = ""; sub(/ $/, ""); print }')
	want=$(expect_nodes "$1" | awk '{ $NF = ""; sub(/ $/, ""); print }')
	[ "$rc" = 0 ] || { detail="exit $rc: $err"; return 1; }
	[ -n "$got" ] && [ "$got" = "$want" ] ||
		{ detail="got [$(echo "$got" | tr '\n' '|')] want [$(echo "$want" | tr '\n' '|')]"; return 1; }
	local hdr nodes
	hdr=$(echo "$out" | node_header | tr '\n' ' ')
	nodes=$(awk 'NR > 1 && NF { printf "Node_%s ", $1 } END { printf "Total " }' "$1/nodes")
	[ "$hdr" = "$nodes" ] || { detail="header [$hdr] != [$nodes]"; return 1; }
}
t_totals() { # DIR: Total = sum of the node columns, and the fixture's sum
	ks -d "$1"
	local bad
	bad=$(echo "$out" | node_rows | awk '
		$1 == "local%" { next }
		{ s = 0; for (i = 2; i < NF; i++) s += $i
		  if ($1 ~ /_ms$/) s = sprintf("%.1f", s)
		  if (NF < 3 || ($1 !~ /_ms$/ && $NF != s) || ($1 ~ /_ms$/ && ($NF - s > 0.11 || s - $NF > 0.11)))
			printf "%s total %s != sum %s; ", $1, $NF, s }')
	[ "$rc" = 0 ] || { detail="exit $rc: $err"; return 1; }
	[ -z "$bad" ] || { detail=$bad; return 1; }
	local got want
	got=$(echo "$out" | node_rows | awk '{ print $1, $NF }')
	want=$(expect_nodes "$1" | awk '{ print $1, $NF }')
	[ -n "$got" ] && [ "$got" = "$want" ] ||
		{ detail="totals [$(echo "$got" | tr '\n' '|')] want [$(echo "$want" | tr '\n' '|')]"; return 1; }
}
t_local_pct() { # DIR: local % per node, in total and per process
	ks -d "$1" -n 0
	local got want
	got=$(echo "$out" | node_rows | grep '^local%')
	want=$(expect_nodes "$1" | grep '^local%')
	[ -n "$got" ] && [ "$got" = "$want" ] || { detail="nodes [$got] want [$want]"; return 1; }
	got=$(echo "$out" | task_rows | awk '{ print $1, $5 }')
	want=$(expect_tasks "$1" 1000 | awk '{ print $1, $5 }')
	[ -n "$got" ] && [ "$got" = "$want" ] ||
		{ detail="tasks [$(echo "$got" | tr '\n' '|')] want [$(echo "$want" | tr '\n' '|')]"; return 1; }
}
t_tasks() { # DIR: the processes table shows the fixture's rows
	ks -d "$1" -n 0
	local got want
	got=$(echo "$out" | task_rows | awk '{ $1 = $1; print }')
	want=$(expect_tasks "$1" 1000)
	[ -n "$got" ] && [ "$got" = "$want" ] ||
		{ detail="got [$(echo "$got" | tr '\n' '|')] want [$(echo "$want" | tr '\n' '|')]"; return 1; }
}
t_json() { # DIR [ARGS...]: --json ARGS is valid JSON equal to the fixture's values
	local d=$1 sel=
	shift
	ks -d "$d" --json "$@"
	[ "$rc" = 0 ] || { detail="exit $rc: $err"; return 1; }
	[ "$(echo "$out" | wc -l)" = 1 ] || { detail="not one line"; return 1; }
	echo "$out" >"$tmp/j"
	python3 -m json.tool "$tmp/j" >/dev/null 2>"$tmp/jerr" ||
		{ detail="invalid JSON: $(head -c 200 "$tmp/jerr")"; return 1; }
	case "$*" in
	"-n 0") sel= ;;
	-n\ *) sel=${2} ;;
	-p\ *) sel=pid=$2 ;;
	*) sel=10 ;;
	esac
	detail=$(json_check "$tmp/j" "$d" ${sel:+"$sel"}) || return 1
}
t_pid() { # -p PID: only that process; an unknown PID: none
	ks -d "$fx/four" -p 2200
	local rows
	rows=$(echo "$out" | task_rows)
	[ "$rc" = 0 ] && [ "$(echo "$rows" | awk '{ $1 = $1; print }')" = "$(expect_tasks "$fx/four" 3 | grep '^2200 ')" ] ||
		{ detail="-p 2200: rc $rc rows [$rows]"; return 1; }
	ks -d "$fx/two" -p 1
	rows=$(echo "$out" | task_rows | awk '{ print $1 }')
	[ "$rc" = 0 ] && [ "$rows" = 1 ] || { detail="-p 1: rc $rc rows [$rows]"; return 1; }
	ks -d "$fx/four" -p 99999
	rows=$(echo "$out" | task_rows)
	[ "$rc" = 0 ] && [ -z "$rows" ] && echo "$out" | grep -q 'process 99999 is not tracked' ||
		{ detail="-p 99999: rc $rc rows [$rows]"; return 1; }
}
t_limit() { # -n N: the first N processes; 10 by default; -n 0: all
	local n want got
	for n in default 3 0 1 5glued; do
		case $n in
		default) ks -d "$fx/four"; want=10 ;;
		0) ks -d "$fx/four" -n 0; want=12 ;;
		5glued) ks -d "$fx/four" -n5; want=5 ;;
		*) ks -d "$fx/four" -n "$n"; want=$n ;;
		esac
		got=$(echo "$out" | task_rows | awk '{ print $1 }' | tr '\n' ' ')
		[ "$rc" = 0 ] && [ "$got" = "$(expect_tasks "$fx/four" "$want" | awk '{ print $1 }' | tr '\n' ' ')" ] ||
			{ detail="-n $n: rc $rc pids [$got], want the first $want"; return 1; }
	done
}
t_watch() { # -w 1 -c 2: two reports, a second apart, no screen clearing
	local t0 t1 n
	t0=$(date +%s%N)
	ks -d "$fx/two" -w 1 -c 2
	t1=$(date +%s%N)
	n=$(echo "$out" | grep -c '^knuma per-node statistics')
	[ "$rc" = 0 ] && [ "$n" = 2 ] || { detail="rc $rc, $n reports"; return 1; }
	[ "$(echo "$out" | grep -c '^knumastat .*every 1 s$')" = 2 ] || { detail="no title per report"; return 1; }
	[ $(((t1 - t0) / 1000000)) -ge 900 ] || { detail="took $(((t1 - t0) / 1000000)) ms"; return 1; }
	printf '%s' "$out" | grep -q "$(printf '\033')" && { detail="escape sequence in a pipe"; return 1; }
	ks -d "$fx/two" -w 1 -c 3 --json
	n=$(echo "$out" | wc -l)
	[ "$rc" = 0 ] && [ "$n" = 3 ] || { detail="--json -c 3: rc $rc, $n lines"; return 1; }
	echo "$out" | sed -n 3p >"$tmp/j"
	detail=$(json_check "$tmp/j" "$fx/two" 10) || return 1
}
t_watch_tty() { # -w on a terminal: the screen is cleared before each report
	command -v script >/dev/null || { detail="script (bsdutils) is not installed"; return 1; }
	local cmd n clr
	if [ "$shell" = busybox ]; then
		cmd=$(printf '%q ' env PATH="$bbdir" KNUMA_SYSFS_MODULE="$mod" "$bb" sh "$ks")
	else
		cmd=$(printf '%q ' env KNUMA_SYSFS_MODULE="$mod" dash "$ks")
	fi
	script -qec "$cmd -d $(printf '%q' "$fx/two") -w 1 -c 2" /dev/null </dev/null >"$tmp/out" 2>&1
	rc=$?
	clr="$(printf '\033')[H$(printf '\033')[2J"
	n=$(grep -oF "$clr" "$tmp/out" | wc -l)
	[ "$rc" = 0 ] && [ "$n" = 2 ] && [ "$(grep -c '^knuma per-node statistics' "$tmp/out")" = 2 ] ||
		{ detail="rc $rc, $n screen clears: $(head -c 200 "$tmp/out" | od -c | head -3 | tr '\n' '|')"; return 1; }
}
t_watch_unload() { # the module goes away under -w: message, exit 2
	mkdir -p "$tmp/gone"
	(sleep 1.4 && rmdir "$tmp/gone") &
	KS_ENV="KNUMA_SYSFS_MODULE=$tmp/gone" ks -d "$fx/two" -w 1 -c 5
	wait
	[ "$rc" = 2 ] && [ "$err" = "knumastat: knuma is not loaded (modprobe knuma)" ] ||
		{ detail="rc $rc [$err]"; return 1; }
}
t_extra_columns() { # unknown columns and another column order: same report
	local d want
	d=$(extra_columns "$fx/four")
	ks -d "$fx/four" -n 0
	want=$out
	ks -d "$d" -n 0
	[ "$rc" = 0 ] && [ -n "$want" ] && [ "$out" = "$want" ] ||
		{ detail="rc $rc, report differs: $(diff <(echo "$want") <(echo "$out") | head -4 | tr '\n' '|')"; return 1; }
	ks -d "$d" --json -n 0
	echo "$out" >"$tmp/j"
	detail=$(python3 - "$tmp/j" 2>&1 <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
n, t = j["nodes"][2], j["tasks"][2]
assert n["zz_first"] == 4 and n["mid_col"] == 12 and n["zz_last"] == "x" and n["node"] == 2 \
    and n["migrate_ns"] == 23765432100, n
assert t["pid"] == 2200 and t["comm"] == 'we"ird' and t["zz_first"] == 4, t
assert j["stats"]["future_stat"] == 7
EOF
) || { detail="json: $(echo "$detail" | tail -n 1)"; return 1; }
	[ "$rc" = 0 ] || { detail="json: rc $rc"; return 1; }
}
t_json_control() { # a comm with a control character: escaped as \u0001
	local d=$tmp/ctl
	rm -rf "$d" && cp -r "$fx/two" "$d"
	sed "s/^31 back.slash /31 a$(printf '\001')b /" "$fx/two/tasks" >"$d/tasks"
	grep -q "$(printf '\001')" "$d/tasks" || { detail="no control character in the fixture"; return 1; }
	ks -d "$d" --json -n 0
	echo "$out" >"$tmp/j"
	[ "$rc" = 0 ] && grep -qF '"comm":"a\u0001b"' "$tmp/j" || { detail="rc $rc: $(grep -o '"comm":"a[^"]*"' "$tmp/j" | od -c | head -2)"; return 1; }
	detail=$(json_check "$tmp/j" "$d") || return 1
}
t_missing_column() { # a column the module does not have (yet): "-"
	local d=$tmp/missing
	rm -rf "$d" && cp -r "$fx/two" "$d"
	awk '{ $9 = ""; print }' "$fx/two/nodes" >"$d/nodes"
	ks -d "$d"
	[ "$rc" = 0 ] && echo "$out" | node_rows | grep -qx 'pending - - -' ||
		{ detail="rc $rc: $(echo "$out" | node_rows | grep pending) $err"; return 1; }
}
t_env_dir() { # KNUMA_DEBUGFS=DIR is -d DIR
	local want
	ks -d "$fx/two"
	want=$out
	KS_ENV="KNUMA_DEBUGFS=$fx/two" ks
	[ "$rc" = 0 ] && [ -n "$want" ] && [ "$out" = "$want" ] || { detail="rc $rc: $err"; return 1; }
}
t_not_loaded() {
	KS_ENV="KNUMA_SYSFS_MODULE=$tmp/none" ks -d "$fx/two"
	[ "$rc" = 2 ] && [ "$err" = "knumastat: knuma is not loaded (modprobe knuma)" ] && [ -z "$out" ] ||
		{ detail="rc $rc [$err]"; return 1; }
}
t_not_mounted() {
	local m="debugfs is not mounted: mount -t debugfs none /sys/kernel/debug"
	ks -d "$tmp/nodebugfs/knuma"
	[ "$rc" = 2 ] && [ "$err" = "knumastat: $tmp/nodebugfs/knuma not found: $m" ] ||
		{ detail="rc $rc [$err]"; return 1; }
	KS_ENV="KNUMA_DEBUGFS=$tmp/nodebugfs/knuma" ks
	[ "$rc" = 2 ] && [ "${err#*: * not found: }" = "$m" ] || { detail="env: rc $rc [$err]"; return 1; }
}
t_no_files() { # the directory without the statistics files (an older knuma)
	mkdir -p "$tmp/old"
	: >"$tmp/old/status"
	ks -d "$tmp/old"
	[ "$rc" = 2 ] && [ "$err" = "knumastat: $tmp/old/stats not found: this knuma does not export the statistics knumastat reads" ] ||
		{ detail="rc $rc [$err]"; return 1; }
}
t_permission() { # not root: debugfs' 0700 directory, or 0400 files
	[ -n "${nobody+x}" ] || { detail="cannot run as another user (setpriv missing)"; return 1; }
	# As root, nobody runs knumastat: the real modes. Else the owner does,
	# with modes that deny the owner too.
	local d=$tmp/perm dmode=700 fmode=400
	[ "$(id -u)" = 0 ] || { dmode=600; fmode=000; }
	rm -rf "$d" && mkdir -p "$d/debug" && cp -r "$fx/two" "$d/debug/knuma"
	chmod 755 "$d" "$d/debug/knuma"
	chmod 444 "$d"/debug/knuma/*
	AS_NOBODY=1 ks -d "$d/debug/knuma"
	[ "$rc" = 0 ] || { detail="readable as nobody: rc $rc [$err]"; return 1; }
	chmod "$dmode" "$d/debug"
	AS_NOBODY=1 ks -d "$d/debug/knuma"
	[ "$rc" = 2 ] && [ "$err" = "knumastat: cannot read $d/debug/knuma: permission denied on $d/debug (run as root)" ] ||
		{ detail="0700 parent: rc $rc [$err]"; return 1; }
	chmod 755 "$d/debug"
	chmod "$fmode" "$d"/debug/knuma/*
	AS_NOBODY=1 ks -d "$d/debug/knuma"
	[ "$rc" = 2 ] && [ "$err" = "knumastat: cannot read $d/debug/knuma/stats: permission denied (run as root)" ] ||
		{ detail="0400 files: rc $rc [$err]"; return 1; }
}
t_usage() { # -h: usage, exit 0; bad options: usage on stderr, exit 1
	ks -h
	[ "$rc" = 0 ] && [ "${out#usage: knumastat }" != "$out" ] && [ -z "$err" ] ||
		{ detail="-h: rc $rc"; return 1; }
	local a
	for a in "-x" "--bogus" "-n" "-n abc" "-p 12x" "-w 0" "-c -1" "-d" "extra" "-n 3 extra"; do
		# shellcheck disable=SC2086 # split on purpose
		ks -d "$fx/two" $a
		[ "$rc" = 1 ] && [ -z "$out" ] && echo "$err" | grep -q '^usage: knumastat ' ||
			{ detail="[$a]: rc $rc out [$out] err [$err]"; return 1; }
	done
}

run() { # NAME FUNC ARGS...
	local name=$1
	shift
	detail=
	if "$@"; then
		pass "$name"
	else
		fail "$name" "$detail"
	fi
}

command -v python3 >/dev/null || { echo "FAIL knumastat/setup python3 not found"; exit 1; }
bb=$(command -v busybox)
bbdir=$tmp/bb
if [ -n "$bb" ]; then
	mkdir -p "$bbdir"
	for a in $("$bb" --list); do
		ln -s "$bb" "$bbdir/$a"
	done
fi
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null &&
		nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
else
	nobody=()
fi

for shell in ${KNUMASTAT_SHELLS:-dash busybox}; do
	case $shell in
	dash | busybox) ;;
	*)
		echo "FAIL knumastat/$shell no such shell (dash, busybox)"
		nfail=$((nfail + 1))
		continue
		;;
	esac
	if [ "$shell" = dash ] && ! command -v dash >/dev/null; then
		echo "SKIP knumastat/dash dash is not installed"
		continue
	fi
	if [ "$shell" = busybox ] && [ -z "$bb" ]; then
		echo "SKIP knumastat/busybox busybox is not installed"
		continue
	fi
	for f in two four; do
		run "node-values-$f" t_node_values "$fx/$f"
		run "totals-$f" t_totals "$fx/$f"
		run "local-pct-$f" t_local_pct "$fx/$f"
		run "tasks-$f" t_tasks "$fx/$f"
		run "json-$f" t_json "$fx/$f"
		run "json-all-$f" t_json "$fx/$f" -n 0
	done
	run json-limit t_json "$fx/four" -n 3
	run json-pid t_json "$fx/four" -p 2200
	run pid t_pid
	run limit t_limit
	run watch t_watch
	run watch-tty t_watch_tty
	run watch-unload t_watch_unload
	run extra-columns t_extra_columns
	run json-control t_json_control
	run missing-column t_missing_column
	run env-dir t_env_dir
	run not-loaded t_not_loaded
	run not-mounted t_not_mounted
	run no-files t_no_files
	run permission t_permission
	run usage t_usage
done
[ "$nfail" = 0 ]
