# SPDX-License-Identifier: GPL-2.0
# Development aid (run by name only): where the node thread's migration time goes.
. /tests/lib.sh
set_nb 1
load
pid=$(for p in $(knuma_threads); do [ "$(cat /proc/$p/comm)" = knuma/1 ] && echo $p; done)
cat /proc/$pid/schedstat
graph_on migrate_pages migrate_pages_batch migrate_folio_unmap migrate_folio_move try_to_unmap_flush folio_copy folio_mc_copy remove_migration_ptes try_to_migrate knuma_migq_alloc __folio_alloc_noprof
follow_run -m 128 -f 0 -t 1 -s 15 -r 500 -u 90
graph_off /tmp/trace
cat /proc/$pid/schedstat
grep -E '^migrate:' $DBG/status
awk '$0 ~ /knuma/ { d = ""; n = ""
	if (match($0, /[0-9]+\.[0-9]+ us/)) d = substr($0, RSTART, RLENGTH - 3) + 0
	if (match($0, /[a-z_]+\(\);/)) n = substr($0, RSTART, RLENGTH - 3)
	else if (match($0, /\/\* [a-z_]+ \*\//)) n = substr($0, RSTART + 3, RLENGTH - 6)
	if (n == "") next; c[n]++; u[n] += d; if (d > mx[n]) mx[n] = d }
	END { for (n in c) printf "%-28s calls %6d total_ms %10.1f max_ms %8.1f\n", n, c[n], u[n] / 1000, mx[n] / 1000 }' /tmp/trace
grep -c . /tmp/trace
head -50 /tmp/trace
unload
ok done
