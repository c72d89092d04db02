// SPDX-License-Identifier: GPL-2.0
/*
 * shared: threads on different nodes doing random read-modify-writes over
 * one shared buffer -- the workload where balancing can only lose: no node
 * is right for the memory, every migration is a cost, and a stall in the
 * thread's own context shows as access latency.
 *
 *   shared [-m MiB] [-T THREADS] [-s SECONDS] [-g GROUP] [-r REPORT_MS] [-i]
 *
 * The main thread first-touches MiB (default 256) on node 0 (with -i:
 * interleaved over all nodes), then THREADS threads (default 2, at most 8)
 * run, thread i pinned to node i % nodes, for SECONDS (default 20). Each
 * access is an 8-byte read-modify-write (an increment) at a random cache line
 * of the buffer (xorshift64*), of the word of its own thread in that line.
 * Accesses are timed in groups of GROUP (default 16) with
 * clock_gettime(CLOCK_MONOTONIC); a group's time goes to a log2-linear
 * histogram (16 sub-buckets per power of two, so percentiles are upper
 * bounds within 6.25 %). Every REPORT_MS (default 1000) it prints
 *   t_ms <ms> maccs_s <M accesses/s in the interval> over1ms <groups so far>
 *   node0_pct <pct> node1_pct <pct> ...
 * and at the end
 *   final maccs_s <M/s> accesses <n> groups <n> group <GROUP> over1ms <n>
 *   over10ms <n> p99_us <us> p999_us <us> max_us <us> node0_pct <pct> ...
 *   mig_2nd <pages> over1ms_2nd <n> data ok|CORRUPT
 * mig_2nd and over1ms_2nd: pages migrated (the system's numa_pages_migrated)
 * and groups over 1 ms in the second half of the run, from the first report
 * at or after half time: what balancing still costs once it had a first
 * look at the buffer.
 * over1ms / over10ms count the groups that took longer than 1 / 10 ms (a
 * group that long holds a stall: a fault, scan or migration in the thread's
 * context, or a vCPU the host did not run); p99_us / p999_us are percentiles
 * of the group times. data: the words of each thread summed over the buffer
 * must equal the thread's own count of accesses; exit status 1 if not.
 */
#include <numa.h>
#include <numaif.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

#define MAX_THREADS	8
#define MAX_NODES	8
#define LINE		64
#define SUB_BITS	4
#define SUB		(1 << SUB_BITS)
#define NBUCKETS	(SUB + 60 * SUB)

struct worker {
	int id, node;
	volatile uint64_t accesses;	/* read by the main thread */
	volatile uint64_t over1ms;
	uint64_t over10ms, max_ns;
	uint64_t hist[NBUCKETS];
} __attribute__((aligned(64)));

static struct worker workers[MAX_THREADS];
static char *buf;
static size_t nlines;
static long group = 16;
static pthread_barrier_t go;
static volatile int stop;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* Histogram bucket of v: exact below SUB, then SUB buckets per power of 2. */
static int bucket(uint64_t v)
{
	int e;

	if (v < SUB)
		return v;
	e = 63 - __builtin_clzll(v);
	return SUB + (e - SUB_BITS) * SUB + ((v >> (e - SUB_BITS)) & (SUB - 1));
}

/* Upper bound of bucket b. */
static uint64_t bucket_top(int b)
{
	int e, m;

	if (b < SUB)
		return b;
	e = (b - SUB) / SUB + SUB_BITS;
	m = (b - SUB) % SUB;
	return (uint64_t)(SUB + m + 1) << (e - SUB_BITS);
}

static void *work(void *arg)
{
	struct worker *w = arg;
	uint64_t x = 0x9e3779b97f4a7c15ULL * (w->id + 1), t0, t1, d;
	long i;

	if (numa_run_on_node(w->node))
		die("shared: cannot run on node %d", w->node);
	pthread_barrier_wait(&go);
	t0 = now_ns();
	while (!stop) {
		for (i = 0; i < group; i++) {
			uint64_t *p;

			x ^= x >> 12;
			x ^= x << 25;
			x ^= x >> 27;
			p = (uint64_t *)(buf + ((x * 0x2545f4914f6cdd1dULL) >> 20) % nlines * LINE);
			p[w->id]++;
		}
		t1 = now_ns();
		d = t1 - t0;
		t0 = t1;
		w->hist[bucket(d)]++;
		if (d > w->max_ns)
			w->max_ns = d;
		if (d > 1000000) {
			w->over1ms++;
			if (d > 10000000)
				w->over10ms++;
		}
		w->accesses += group;
	}
	return NULL;
}

/* The system's numa_pages_migrated, 0 if unknown. */
static unsigned long long pages_migrated(void)
{
	unsigned long long v, found = 0;
	char name[64];
	FILE *f = fopen("/proc/vmstat", "r");

	if (!f)
		return 0;
	while (fscanf(f, "%63s %llu", name, &v) == 2)
		if (!strcmp(name, "numa_pages_migrated")) {
			found = v;
			break;
		}
	fclose(f);
	return found;
}

static void print_shares(int nodes, size_t npages, size_t psz)
{
	double pct[MAX_NODES + 1];
	int n;

	node_shares(buf, npages, psz, nodes, pct);
	for (n = 0; n < nodes; n++)
		printf(" node%d_pct %.1f", n, pct[n]);
}

int main(int argc, char **argv)
{
	long mib = 256, secs = 20, report = 1000, start, last, t;
	int nthreads = 2, interleave = 0, nodes, o, i, b;
	size_t psz = sysconf(_SC_PAGESIZE), npages, l;
	uint64_t total = 0, last_total = 0, over1 = 0, over10 = 0, max_ns = 0;
	uint64_t groups = 0, seen, p99 = 0, p999 = 0;
	unsigned long long mig_half = 0, over1_half = 0;
	int half = 0;
	static uint64_t hist[NBUCKETS];
	pthread_t tids[MAX_THREADS];
	int corrupt = 0;

	while ((o = getopt(argc, argv, "m:T:s:g:r:i")) != -1) {
		switch (o) {
		case 'm': mib = atol(optarg); break;
		case 'T': nthreads = atoi(optarg); break;
		case 's': secs = atol(optarg); break;
		case 'g': group = atol(optarg); break;
		case 'r': report = atol(optarg); break;
		case 'i': interleave = 1; break;
		default: die("usage: shared [-m MiB] [-T THREADS] [-s S] [-g GROUP] [-r MS] [-i]");
		}
	}
	if (nthreads < 1 || nthreads > MAX_THREADS || group < 1 || mib < 1)
		die("shared: bad thread count (1..%d), group or size", MAX_THREADS);
	if (numa_available() < 0)
		die("shared: no NUMA");
	nodes = numa_max_node() + 1;
	if (nodes > MAX_NODES)
		nodes = MAX_NODES;
	if (numa_run_on_node(0))
		die("shared: cannot run on node 0");
	npages = (size_t)mib << 20 >> __builtin_ctzl(psz);
	nlines = ((size_t)mib << 20) / LINE;
	buf = mmap(NULL, npages * psz, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		die("shared: mmap %ld MiB failed", mib);
	if (interleave)
		numa_interleave_memory(buf, npages * psz, numa_all_nodes_ptr);
	for (l = 0; l < npages; l++)
		buf[l * psz] = 0;
	printf("start %s", interleave ? "interleaved" : "node0");
	print_shares(nodes, npages, psz);
	printf("\n");
	fflush(stdout);

	pthread_barrier_init(&go, NULL, nthreads + 1);
	for (i = 0; i < nthreads; i++) {
		workers[i].id = i;
		workers[i].node = i % nodes;
		if (pthread_create(&tids[i], NULL, work, &workers[i]))
			die("shared: pthread_create failed");
	}
	pthread_barrier_wait(&go);
	start = now_ms();
	last = start;
	while ((t = now_ms()) - start < secs * 1000) {
		long left = secs * 1000 - (t - start);

		usleep((left < report ? left : report) * 1000);
		t = now_ms();
		for (total = 0, over1 = 0, i = 0; i < nthreads; i++) {
			total += workers[i].accesses;
			over1 += workers[i].over1ms;
		}
		if (!half && (t - start) * 2 >= secs * 1000) {
			half = 1;
			mig_half = pages_migrated();
			over1_half = over1;
		}
		printf("t_ms %ld maccs_s %.3f over1ms %llu", t - start,
		       (total - last_total) / 1e3 / (t - last > 0 ? t - last : 1),
		       (unsigned long long)over1);
		print_shares(nodes, npages, psz);
		printf("\n");
		fflush(stdout);
		last = t;
		last_total = total;
	}
	stop = 1;
	t = now_ms();
	for (i = 0; i < nthreads; i++)
		pthread_join(tids[i], NULL);

	total = 0;
	over1 = 0;
	for (i = 0; i < nthreads; i++) {
		struct worker *w = &workers[i];
		uint64_t sum = 0;

		for (l = 0; l < nlines; l++)
			sum += ((uint64_t *)(buf + l * LINE))[i];
		corrupt |= sum != w->accesses;
		total += w->accesses;
		over1 += w->over1ms;
		over10 += w->over10ms;
		if (w->max_ns > max_ns)
			max_ns = w->max_ns;
		for (b = 0; b < NBUCKETS; b++) {
			hist[b] += w->hist[b];
			groups += w->hist[b];
		}
	}
	for (seen = 0, b = 0; b < NBUCKETS; b++) {
		seen += hist[b];
		if (!p99 && seen * 100 >= groups * 99)
			p99 = bucket_top(b);
		if (!p999 && seen * 1000 >= groups * 999)
			p999 = bucket_top(b);
	}
	printf("final maccs_s %.3f accesses %llu groups %llu group %ld",
	       total / 1e3 / (t - start > 0 ? t - start : 1), (unsigned long long)total,
	       (unsigned long long)groups, group);
	printf(" over1ms %llu over10ms %llu p99_us %.1f p999_us %.1f max_us %.1f",
	       (unsigned long long)over1, (unsigned long long)over10, p99 / 1e3, p999 / 1e3,
	       max_ns / 1e3);
	print_shares(nodes, npages, psz);
	printf(" mig_2nd %llu over1ms_2nd %llu", half ? pages_migrated() - mig_half : 0,
	       half ? (unsigned long long)over1 - over1_half : 0);
	printf(" data %s\n", corrupt ? "CORRUPT" : "ok");
	return corrupt;
}
