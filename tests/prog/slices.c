// SPDX-License-Identifier: GPL-2.0
/*
 * slices: one process, T threads, each with its own slice of memory.
 *
 *   slices [-T THREADS] [-m MiB_PER_SLICE] [-s SECONDS] [-u PCT]
 *
 * Thread i's home node is i % nodes. Each thread first-touches its slice on
 * the next node, then moves home and keeps writing its slice. The main
 * thread reports, per slice, the share of pages on its thread's home node:
 *   t_ms <ms> min_pct <lowest slice> [pct per slice...]
 * and ends with
 *   final min_pct <pct> reached_ms <ms|-1> data ok|CORRUPT
 * once every slice reaches PCT % (or after SECONDS).
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

static void *worker(void *arg)
{
	struct slice *s = arg;
	unsigned char pass = 0;
	size_t i;

	if (numa_run_on_node((s->home + 1) % (numa_max_node() + 1)))
		die("slices: cannot run on the first-touch node");
	for (i = 0; i < s->npages; i++)
		*(uint64_t *)(s->buf + i * psz) = i;
	pthread_barrier_wait(&touched);
	if (numa_run_on_node(s->home))
		die("slices: cannot run on node %d", s->home);
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
	for (i = 0; i < s->npages; i++)
		on += s->status[i] == s->home;
	return 100.0 * on / s->npages;
}

int main(int argc, char **argv)
{
	int nthreads = 8, o, i, nodes;
	long mib = 16, secs = 20, until = 90, start, reached = -1;
	pthread_t tids[MAX_THREADS];
	double minpct = 0;
	int corrupt = 0;
	size_t p;

	while ((o = getopt(argc, argv, "T:m:s:u:")) != -1) {
		switch (o) {
		case 'T': nthreads = atoi(optarg); break;
		case 'm': mib = atol(optarg); break;
		case 's': secs = atol(optarg); break;
		case 'u': until = atol(optarg); break;
		default: die("usage: slices [-T N] [-m MiB] [-s S] [-u PCT]");
		}
	}
	if (nthreads < 1 || nthreads > MAX_THREADS || numa_available() < 0)
		die("slices: bad thread count or no NUMA");
	nodes = numa_max_node() + 1;
	psz = sysconf(_SC_PAGESIZE);
	pthread_barrier_init(&touched, NULL, nthreads + 1);
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
		if (pthread_create(&tids[i], NULL, worker, s))
			die("slices: pthread_create failed");
	}
	pthread_barrier_wait(&touched);
	start = now_ms();
	while (now_ms() - start < secs * 1000) {
		usleep(500000);
		minpct = 100;
		printf("t_ms %ld", now_ms() - start);
		for (i = 0; i < nthreads; i++) {
			double pct = home_pct(&slices[i]);

			printf(" %.0f", pct);
			if (pct < minpct)
				minpct = pct;
		}
		printf(" min_pct %.1f\n", minpct);
		fflush(stdout);
		if (minpct >= until) {
			reached = now_ms() - start;
			break;
		}
	}
	stop = 1;
	for (i = 0; i < nthreads; i++)
		pthread_join(tids[i], NULL);
	for (i = 0; i < nthreads; i++)
		for (p = 0; p < slices[i].npages; p++)
			corrupt |= *(uint64_t *)(slices[i].buf + p * psz) != p;
	printf("final min_pct %.1f reached_ms %ld data %s\n", minpct, reached,
	       corrupt ? "CORRUPT" : "ok");
	return corrupt;
}
