// SPDX-License-Identifier: GPL-2.0
/*
 * slices: one process, T threads, each with its own slice of memory.
 *
 *   slices [-T THREADS] [-m MiB_PER_SLICE] [-s SECONDS] [-u PCT] [-M]
 *          [-p PASSES]
 *
 * Thread i's home node is i % nodes. Each thread first-touches its slice on
 * the next node, then moves home and keeps writing its slice. The main
 * thread reports, per slice, the share of pages on its thread's home node:
 *   t_ms <ms> [pct per slice...] min_pct <lowest slice>
 * and ends with
 *   final min_pct <pct> reached_ms <ms|-1> data ok|CORRUPT
 * once every slice reaches PCT % (or after SECONDS).
 *
 * -M: the main thread first-touches every slice, on node 0, before the
 * threads start (a buffer set up by one thread, then split among workers on
 * all nodes). -p: a fixed amount of work instead of a fixed time: each thread
 * writes every cache line of its slice PASSES times, and the run ends when
 * the last thread is done (SECONDS is then only a limit; PCT does not end
 * it). With -M or -p the progress lines add "majority_pct <pct>", the share
 * of all slices on the node that holds most of them, and the final line
 * becomes
 *   final min_pct <pct> reached_ms <ms|-1> data ok|CORRUPT run_ms <ms>
 *   majority_pct <pct> slices <pct>,<pct>,...
 * with run_ms the time until the last thread finished (-1 without -p) and
 * "slices" each slice's share on its thread's node.
 */
#include <numa.h>
#include <numaif.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

#define MAX_THREADS 64

struct slice {
	int home;
	char *buf;
	size_t npages;
	void **addrs;
	int *status;
};

static struct slice slices[MAX_THREADS];
static size_t psz;
static pthread_barrier_t touched;
static volatile int stop;
static int main_touch;		/* -M */
static long passes;		/* -p */
static volatile int done;	/* threads through their passes */
static int node_pages[MAX_THREADS + 1];	/* per node, last home_pct() round */

static void *worker(void *arg)
{
	struct slice *s = arg;
	unsigned char pass = 0;
	size_t i;

	if (!main_touch) {
		if (numa_run_on_node((s->home + 1) % (numa_max_node() + 1)))
			die("slices: cannot run on the first-touch node");
		for (i = 0; i < s->npages; i++)
			*(uint64_t *)(s->buf + i * psz) = i;
	}
	pthread_barrier_wait(&touched);
	if (numa_run_on_node(s->home))
		die("slices: cannot run on node %d", s->home);
	if (passes) {
		size_t lines = s->npages * psz / 64;
		long n;

		/* Offset 8 of every line: the first word of each page stays. */
		for (n = 0; !stop && n < passes; n++) {
			pass++;
			for (i = 0; i < lines; i++)
				s->buf[i * 64 + 8] = pass;
		}
		__sync_fetch_and_add(&done, 1);
		return NULL;
	}
	while (!stop) {
		pass++;
		for (i = 0; i < s->npages; i++)
			s->buf[i * psz + 8] = pass;
	}
	return NULL;
}

static double home_pct(struct slice *s)
{
	size_t i, on = 0;

	if (move_pages(0, s->npages, s->addrs, NULL, s->status, 0))
		die("slices: move_pages query failed");
	for (i = 0; i < s->npages; i++) {
		on += s->status[i] == s->home;
		if (s->status[i] >= 0 && s->status[i] < MAX_THREADS)
			node_pages[s->status[i]]++;
	}
	return 100.0 * on / s->npages;
}

int main(int argc, char **argv)
{
	int nthreads = 8, o, i, nodes;
	long mib = 16, secs = 20, until = 90, start, reached = -1, run_ms = -1;
	pthread_t tids[MAX_THREADS];
	double minpct = 0, majority = 0, pcts[MAX_THREADS] = { 0 };
	int corrupt = 0, extra;
	size_t p, total;

	while ((o = getopt(argc, argv, "T:m:s:u:Mp:")) != -1) {
		switch (o) {
		case 'T': nthreads = atoi(optarg); break;
		case 'm': mib = atol(optarg); break;
		case 's': secs = atol(optarg); break;
		case 'u': until = atol(optarg); break;
		case 'M': main_touch = 1; break;
		case 'p': passes = atol(optarg); break;
		default: die("usage: slices [-T N] [-m MiB] [-s S] [-u PCT] [-M] [-p PASSES]");
		}
	}
	extra = main_touch || passes;
	if (nthreads < 1 || nthreads > MAX_THREADS || numa_available() < 0)
		die("slices: bad thread count or no NUMA");
	nodes = numa_max_node() + 1;
	psz = sysconf(_SC_PAGESIZE);
	pthread_barrier_init(&touched, NULL, nthreads + 1);
	if (main_touch && numa_run_on_node(0))
		die("slices: cannot run on node 0");
	/*
	 * Each slice is mapped, (with -M) touched, and its thread started in
	 * turn: the thread's stack lands between two slices, which stay
	 * separate VMAs, as they were before -M existed.
	 */
	for (i = 0; i < nthreads; i++) {
		struct slice *s = &slices[i];

		s->home = i % nodes;
		s->npages = (size_t)mib << 20 >> __builtin_ctzl(psz);
		s->buf = mmap(NULL, s->npages * psz, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		s->addrs = calloc(s->npages, sizeof(void *));
		s->status = calloc(s->npages, sizeof(int));
		if (s->buf == MAP_FAILED || !s->addrs || !s->status)
			die("slices: out of memory");
		for (p = 0; p < s->npages; p++)
			s->addrs[p] = s->buf + p * psz;
		if (main_touch)
			for (p = 0; p < s->npages; p++)
				*(uint64_t *)(s->buf + p * psz) = p;
		if (pthread_create(&tids[i], NULL, worker, s))
			die("slices: pthread_create failed");
	}
	pthread_barrier_wait(&touched);
	start = now_ms();
	while (now_ms() - start < secs * 1000) {
		long t;

		usleep(passes ? 250000 : 500000);
		t = now_ms() - start;
		if (passes && run_ms < 0 && done == nthreads)
			run_ms = t;
		minpct = 100;
		memset(node_pages, 0, sizeof(node_pages));
		printf("t_ms %ld", t);
		for (i = 0, total = 0; i < nthreads; i++) {
			pcts[i] = home_pct(&slices[i]);
			printf(" %.0f", pcts[i]);
			if (pcts[i] < minpct)
				minpct = pcts[i];
			total += slices[i].npages;
		}
		for (i = 0, majority = 0; i < MAX_THREADS; i++)
			if (100.0 * node_pages[i] / total > majority)
				majority = 100.0 * node_pages[i] / total;
		printf(" min_pct %.1f", minpct);
		if (extra)
			printf(" majority_pct %.1f", majority);
		printf("\n");
		fflush(stdout);
		if (reached < 0 && minpct >= until)
			reached = now_ms() - start;
		if (passes ? run_ms >= 0 : reached >= 0)
			break;
	}
	stop = 1;
	for (i = 0; i < nthreads; i++)
		pthread_join(tids[i], NULL);
	for (i = 0; i < nthreads; i++)
		for (p = 0; p < slices[i].npages; p++)
			corrupt |= *(uint64_t *)(slices[i].buf + p * psz) != p;
	printf("final min_pct %.1f reached_ms %ld data %s", minpct, reached,
	       corrupt ? "CORRUPT" : "ok");
	if (extra) {
		printf(" run_ms %ld majority_pct %.1f slices", run_ms, majority);
		for (i = 0; i < nthreads; i++)
			printf("%s%.1f", i ? "," : " ", pcts[i]);
	}
	printf("\n");
	return corrupt;
}
