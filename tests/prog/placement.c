// SPDX-License-Identifier: GPL-2.0
/*
 * placement: does the kernel bring an unpinned task and its memory together?
 *
 *   placement [-m MiB] [-f FROM] [-t TO] [-s SECONDS] [-r REPORT_MS] [-u PCT]
 *
 * First-touches MiB of anonymous memory while bound to the CPUs of node FROM
 * (default 1), makes one pass of writes bound to the CPUs of node TO
 * (default 0), then resets its CPU affinity to every CPU and keeps writing
 * every page: the scheduler may move the task to its memory, NUMA balancing
 * may move the memory to the task. After every pass it reads /proc/self/sched;
 * every REPORT_MS it prints
 *   t_ms <ms> node <current_node> preferred <numa_preferred_nid>
 *        seq <mm->numa_scan_seq> on_to_pct <pct>
 * (one line), on_to_pct being the share of the pages on node TO. The outcome
 * is reached when numa_preferred_nid was FROM at some pass and, at a report,
 * the task runs on FROM or PCT % (default 90) of the pages are on TO. It
 * stops after SECONDS, once the outcome held at two reports in a row, or
 * once the task and its memory stayed together for ten reports in a row
 * without FROM ever being preferred (nothing is left to move). At the end it
 * prints the NUMA lines of /proc/self/sched as "sched <line>", then
 *   final reached_ms <ms|-1> pref_seen_ms <ms|-1> node <n> preferred <nid>
 *         on_to_pct <pct> node_moves <n> fault_migrated <n> data ok|CORRUPT
 * (one line), with the figures of the last report. reached_ms: when the
 * outcome that ended the run began to hold; pref_seen_ms: when FROM was
 * first the preferred node; node_moves: changes of current_node seen between
 * passes; fault_migrated: numa_pages_migrated, the pages migrated in this
 * task's own faults. Each page keeps its index in its first word: corruption
 * shows as "data CORRUPT" and exit status 1.
 */
#include <fcntl.h>
#include <numa.h>
#include <numaif.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common.h"

struct sched_numa {
	long preferred;		/* numa_preferred_nid */
	long node;		/* current_node */
	long seq;		/* mm->numa_scan_seq, -1 if absent */
	long migrated;		/* numa_pages_migrated */
};

static char sched_text[SCHED_BUF];

/* Read /proc/self/sched into sched_text and parse its NUMA fields. */
static void read_sched(struct sched_numa *s)
{
	const char *cn;

	if (sched_read(0, sched_text))
		die("placement: cannot read /proc/self/sched");
	cn = strstr(sched_text, "current_node=");
	if (sched_value(sched_text, "numa_preferred_nid", &s->preferred) ||
	    !cn || sscanf(cn, "current_node=%ld", &s->node) != 1)
		die("placement: no numa_preferred_nid/current_node in /proc/self/sched");
	if (sched_value(sched_text, "mm->numa_scan_seq", &s->seq))
		s->seq = -1;
	if (sched_value(sched_text, "numa_pages_migrated", &s->migrated))
		s->migrated = -1;
}

int main(int argc, char **argv)
{
	long mib = 128, secs = 30, report = 500, until = 90;
	long start, last, t, reached = -1, pref_seen = -1, hold_since = 0;
	int from = 1, to = 0, o, hold = 0, settled = 0, moves = 0;
	size_t psz = sysconf(_SC_PAGESIZE), npages, i;
	struct sched_numa s;
	unsigned char pass = 0;
	double pct = 0;
	long prev_node;
	char *buf;
	char *l;

	while ((o = getopt(argc, argv, "m:f:t:s:r:u:")) != -1) {
		switch (o) {
		case 'm': mib = atol(optarg); break;
		case 'f': from = atoi(optarg); break;
		case 't': to = atoi(optarg); break;
		case 's': secs = atol(optarg); break;
		case 'r': report = atol(optarg); break;
		case 'u': until = atol(optarg); break;
		default: die("usage: placement [-m MiB] [-f FROM] [-t TO] [-s S] [-r MS] [-u PCT]");
		}
	}
	if (numa_available() < 0 || numa_max_node() < (from > to ? from : to) ||
	    from == to)
		die("placement: nodes %d and %d are not two present nodes", from, to);

	if (numa_run_on_node(from))
		die("placement: cannot run on node %d", from);
	npages = (size_t)mib << 20 >> __builtin_ctzl(psz);
	buf = mmap(NULL, npages * psz, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		die("placement: mmap %ld MiB failed", mib);
	for (i = 0; i < npages; i++)
		*(uint64_t *)(buf + i * psz) = i;
	printf("start on_from_pct %.1f\n", on_node_pct(buf, npages, psz, from));

	/* Start on TO, then leave the scheduler free to move the task. */
	if (numa_run_on_node(to))
		die("placement: cannot run on node %d", to);
	pass++;
	for (i = 0; i < npages; i++)
		buf[i * psz + 8] = pass;
	if (numa_run_on_node(-1))
		die("placement: cannot reset the CPU affinity");
	read_sched(&s);
	prev_node = s.node;
	printf("released on node %ld preferred %ld\n", s.node, s.preferred);
	fflush(stdout);

	start = last = now_ms();
	for (;;) {
		pass++;
		for (i = 0; i < npages; i++)
			buf[i * psz + 8] = pass;
		t = now_ms();
		read_sched(&s);
		if (s.node != prev_node)
			moves++;
		prev_node = s.node;
		if (pref_seen < 0 && s.preferred == from)
			pref_seen = t - start;
		if (t - last >= report || t - start >= secs * 1000) {
			int together;

			last = t;
			pct = on_node_pct(buf, npages, psz, to);
			printf("t_ms %ld node %ld preferred %ld seq %ld on_to_pct %.1f\n",
			       t - start, s.node, s.preferred, s.seq, pct);
			fflush(stdout);
			together = s.node == from || pct >= until;
			if (together && pref_seen >= 0) {
				if (!hold++)
					hold_since = t - start;
				if (hold >= 2) {
					reached = hold_since;
					break;
				}
			} else {
				hold = 0;
			}
			/* Together without FROM preferred: nothing will move. */
			settled = together ? settled + 1 : 0;
			if (settled >= 10 && pref_seen < 0)
				break;
			if (t - start >= secs * 1000)
				break;
		}
	}
	/* The final figures are those of the last report. */
	for (l = strtok(sched_text, "\n"); l; l = strtok(NULL, "\n"))
		if (strstr(l, "numa_") || strstr(l, "current_node"))
			printf("sched %s\n", l);
	for (i = 0; i < npages; i++)
		if (*(uint64_t *)(buf + i * psz) != i ||
		    (unsigned char)buf[i * psz + 8] != pass)
			break;
	printf("final reached_ms %ld pref_seen_ms %ld node %ld preferred %ld on_to_pct %.1f node_moves %d fault_migrated %ld data %s\n",
	       reached, pref_seen, s.node, s.preferred, pct, moves, s.migrated,
	       i == npages ? "ok" : "CORRUPT");
	return i == npages ? 0 : 1;
}
