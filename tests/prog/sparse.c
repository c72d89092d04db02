// SPDX-License-Identifier: GPL-2.0
/*
 * sparse: a large mapping of which only a small part is in use -- the
 * workload where scanning, not migrating, is the cost.
 *
 *   sparse [-m MAP_MiB] [-h HOT_MiB] [-o HOT_OFFSET_MiB] [-T THREADS]
 *          [-f FROM] [-t TO] [-w WARM_MS] [-s SECONDS] [-r REPORT_MS]
 *          [-u PCT] [-p PAUSE_MS]
 *
 * Runs on node FROM and first-touches all MAP_MiB there (default 1024),
 * then THREADS threads (default 2) keep writing the HOT_MiB (default 64)
 * at HOT_OFFSET_MiB (default: the middle), each its own share: for WARM_MS
 * (default 0) on FROM, as a long-lived process does before the scheduler
 * moves it, then on node TO, until SECONDS have passed since the move (or
 * PCT % of the hot pages are on TO, with -u). The rest is never touched
 * again. Every REPORT_MS after the move it prints
 *   t_ms <ms> on_target_pct <pct of the hot pages on TO>
 * and at the end, with every page of the mapping checked,
 *   final on_target_pct <pct> reached_ms <ms|-1> data ok|CORRUPT max_step_ms <ms>
 * (the same format as follow; max_step_ms is the longest 1 MiB write step).
 * With -p it pauses PAUSE_MS after the first touch, before the threads
 * start, and then prints
 *   mapping_grew yes|no|unknown
 * whether the mapping's VMA now starts below it (a thread stack merged;
 * unknown: /proc/self/maps did not show it).
 */
#include <numa.h>
#include <numaif.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

#define MAX_THREADS 16

struct worker {
	char *buf;
	size_t npages;
	int node;
	double max_step_ms;
};

static size_t psz;
static volatile int stop;
static volatile int dest = -1;	/* the node to move to, once set */

static double now_msf(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	size_t step = (1UL << 20) / psz, i, j;
	unsigned char pass = 0;
	double t0, d;

	if (numa_run_on_node(w->node))
		die("sparse: cannot run on node %d", w->node);
	while (!stop) {
		pass++;
		for (i = 0; i < w->npages && !stop; i += step) {
			if (dest >= 0 && w->node != dest) {
				w->node = dest;
				if (numa_run_on_node(w->node))
					die("sparse: cannot run on node %d", w->node);
			}
			t0 = now_msf();
			for (j = i; j < i + step && j < w->npages; j++)
				w->buf[j * psz + 8] = pass;
			d = now_msf() - t0;
			if (d > w->max_step_ms)
				w->max_step_ms = d;
		}
	}
	return NULL;
}

/* Start of the VMA that holds @addr, from /proc/self/maps (0: not found). */
static unsigned long vma_start_of(const void *addr)
{
	unsigned long lo, hi, a = (unsigned long)addr, ret = 0;
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && lo <= a && a < hi) {
			ret = lo;
			break;
		}
	fclose(f);
	return ret;
}

int main(int argc, char **argv)
{
	long map = 1024, hot = 64, off = -1, secs = 15, report = 500, until = -1;
	long warm = 0, pause_ms = -1;
	int from = 0, to = 1, nthreads = 2, o, i, corrupt = 0;
	struct worker w[MAX_THREADS];
	pthread_t tids[MAX_THREADS];
	long start, last, reached = -1;
	size_t npages, hot_pages, p, share;
	double pct = 0, max_step = 0;
	char *buf, *hbuf;

	while ((o = getopt(argc, argv, "m:h:o:T:f:t:w:s:r:u:p:")) != -1) {
		switch (o) {
		case 'm': map = atol(optarg); break;
		case 'h': hot = atol(optarg); break;
		case 'o': off = atol(optarg); break;
		case 'T': nthreads = atoi(optarg); break;
		case 'f': from = atoi(optarg); break;
		case 't': to = atoi(optarg); break;
		case 'w': warm = atol(optarg); break;
		case 's': secs = atol(optarg); break;
		case 'r': report = atol(optarg); break;
		case 'u': until = atol(optarg); break;
		case 'p': pause_ms = atol(optarg); break;
		default: die("usage: sparse [-m MiB] [-h MiB] [-o MiB] [-T N] [-f FROM] [-t TO] [-w MS] [-s S] [-r MS] [-u PCT] [-p MS]");
		}
	}
	if (off < 0)
		off = (map - hot) / 2;
	if (hot < 1 || off + hot > map || nthreads < 1 || nthreads > MAX_THREADS ||
	    warm < 0)
		die("sparse: bad sizes or thread count");
	if (numa_available() < 0 || numa_max_node() < (from > to ? from : to))
		die("sparse: nodes %d and %d are not both present", from, to);
	if (numa_run_on_node(from))
		die("sparse: cannot run on node %d", from);

	psz = sysconf(_SC_PAGESIZE);
	npages = (size_t)map << 20 >> __builtin_ctzl(psz);
	hot_pages = (size_t)hot << 20 >> __builtin_ctzl(psz);
	buf = mmap(NULL, npages * psz, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		die("sparse: mmap %ld MiB failed", map);
	for (p = 0; p < npages; p++)
		*(uint64_t *)(buf + p * psz) = p;
	hbuf = buf + ((size_t)off << 20);

	if (pause_ms > 0)
		usleep(pause_ms * 1000);
	share = hot_pages / nthreads;
	for (i = 0; i < nthreads; i++) {
		w[i].buf = hbuf + i * share * psz;
		w[i].npages = i == nthreads - 1 ? hot_pages - i * share : share;
		w[i].node = warm ? from : to;
		w[i].max_step_ms = 0;
		if (pthread_create(&tids[i], NULL, work, &w[i]))
			die("sparse: pthread_create failed");
	}
	if (pause_ms >= 0) {
		unsigned long vs = vma_start_of(buf);

		printf("mapping_grew %s\n", !vs ? "unknown" :
		       vs < (unsigned long)buf ? "yes" : "no");
	}
	if (warm)
		usleep(warm * 1000);
	/* The move: every thread switches to node TO at its next 1 MiB step. */
	dest = to;

	start = last = now_ms();
	while (now_ms() - start < secs * 1000) {
		usleep(10000);
		if (now_ms() - last < report)
			continue;
		last = now_ms();
		pct = on_node_pct(hbuf, hot_pages, psz, to);
		printf("t_ms %ld on_target_pct %.1f\n", last - start, pct);
		fflush(stdout);
		if (reached < 0 && pct >= 90)
			reached = last - start;
		if (until >= 0 && pct >= until)
			break;
	}
	stop = 1;
	for (i = 0; i < nthreads; i++) {
		pthread_join(tids[i], NULL);
		if (w[i].max_step_ms > max_step)
			max_step = w[i].max_step_ms;
	}
	pct = on_node_pct(hbuf, hot_pages, psz, to);
	for (p = 0; p < npages; p++)
		corrupt |= *(uint64_t *)(buf + p * psz) != p;
	printf("final on_target_pct %.1f reached_ms %ld data %s max_step_ms %.2f\n",
	       pct, reached, corrupt ? "CORRUPT" : "ok", max_step);
	return corrupt;
}
