# SPDX-License-Identifier: GPL-2.0
# migrate_rate_mb=X caps migration into a node: 128 MiB following their
# thread for 20 s, sampled every half second; from the first migration to
# the end the measured rate must stay <= 1.1 X, and the limit must have
# held migrations back. Async mode paces the node thread, so its rate must
# also reach X / 2; sync mode limits at the fault, where hint faults come in
# bursts after each scan pass and a burst beyond the bucket is refused, so
# only X / 10 is required there (unlimited, 128 MiB move in about a second).
. /tests/lib.sh
X=8
set_nb 1
for mode in async sync; do
	load migrate_rate_mb=$X migrate_mode=$mode
	follow -m 128 -f 0 -t 1 -s 20 -r 4000 >/tmp/follow.out &
	fp=$!
	: >/tmp/rate.samples
	while kill -0 $fp 2>/dev/null; do
		echo "$(uptime_cs) $(vmstat numa_pages_migrated)" >>/tmp/rate.samples
		sleep 0.5
	done
	wait $fp || { cat /tmp/follow.out; fail "$mode: follow failed"; }
	tail -n 1 /tmp/follow.out
	grep -E '^(migrate:|decisions:)' $DBG/status
	if [ $mode = sync ]; then rl=$(decision ratelimited); else rl=$(migq rl_waits); fi
	unload
	# From the sample before the first migration to the last sample.
	r=$(awk 'NR == 1 { m0 = $2 } { t[NR] = $1; m[NR] = $2 }
		END { for (i = 2; i <= NR && m[i] == m0; i++) ; s = i - 1;
		      if (i > NR || t[NR] == t[s]) { print "0 0 0"; exit }
		      mib = (m[NR] - m[s]) * 4 / 1024; sec = (t[NR] - t[s]) / 100;
		      printf "%d %d %d\n", mib * 1000 / sec, mib, sec * 1000 }' /tmp/rate.samples)
	set -- $r
	echo "$mode: $2 MiB in $3 ms = $(($1 / 1000)).$(($1 % 1000)) MiB/s, $rl times rate-limited"
	[ "$1" -le $((X * 1100)) ] || fail "$mode: $(($1 / 1000)) MiB/s > 1.1 x $X"
	if [ $mode = async ]; then min=$((X * 500)); else min=$((X * 100)); fi
	[ "$1" -ge $min ] || fail "$mode: only $(($1 / 1000)).$(($1 % 1000)) MiB/s"
	[ "$rl" -gt 0 ] || fail "$mode: the rate limit never held anything back"
	res="$res $mode: $(($1 / 1000)).$(($1 % 1000)) MiB/s for limit $X ($2 MiB in $3 ms);"
done
ok "$res"
