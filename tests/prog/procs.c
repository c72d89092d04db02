// SPDX-License-Identifier: GPL-2.0
/*
 * procs: several processes, each with its own memory first-touched on
 * node 0, then at work on it from its own node (pinned) or from wherever the
 * scheduler puts it (-a): do the memory and the tasks meet?
 *
 *   procs [-P PROCS] [-T THREADS] [-m MiB] [-s SECONDS] [-r REPORT_MS]
 *         [-u PCT] [-a]
 *
 * The parent runs on node 0 and forks PROCS processes (default 2), which
 * first-touch MiB each (default 64) there, every 8-byte word its own index.
 * Then each starts THREADS threads (default 1) that stream over their own
 * part of the process's memory, adding 1 to every word each pass, for
 * SECONDS (default 15). Without -a process i and its threads are pinned to
 * node i % nodes, its target node; with -a they may run on every CPU, and
 * the target node is where most of its threads ran at the last look (a tie
 * goes to the node holding more of its memory). The parent looks every
 * REPORT_MS (default 500) with move_pages() on each process and prints
 *   t_ms <ms> gbs <GB/s of the interval> pct <pct on target per process,...>
 *   node <target per process,...> local <pct local per process,...>
 * and at the end
 *   final converge_ms <ms|-1> min_pct <pct> gbs <GB/s> procs <pct,...>
 *   node <target,...> min_local_pct <pct> local <pct,...> split <looks
 *   that found a process's threads on more than one node> data ok|CORRUPT
 * "local" is the share of a process's memory on the node of the thread that
 * works on it (pinned: the same as on target). converge_ms is the first
 * look from which on, up to the last, every process had PCT % (default 90)
 * of its memory local (-1: not at the last look); gbs counts 8 bytes read and written per word per
 * pass, over the whole run. data: every word must be its index plus the
 * passes of its thread; exit status 1 if not.
 */
#define _GNU_SOURCE
#include <numa.h>
#include <numaif.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

#define MAX_PROCS	16
#define MAX_THREADS	8
#define MAX_NODES	8

/* Per process, in memory shared with the parent. */
struct proc {
	volatile uint64_t words;		/* words done, all threads */
	volatile int cpu[MAX_THREADS];		/* last CPU of each thread */
	volatile int ready, finished, corrupt;
	uint64_t *buf;
};

struct thread {
	struct proc *p;
	uint64_t *part;
	size_t nwords;
	long passes;
	int id;
};

static struct proc *procs;
static volatile int *go, *stop;
static size_t words_per_proc;
static int nthreads;

static void *stream(void *arg)
{
	struct thread *t = arg;
	size_t i;

	while (!*stop) {
		for (i = 0; i < t->nwords; i++)
			t->part[i]++;
		t->passes++;
		__sync_fetch_and_add(&t->p->words, t->nwords);
		t->p->cpu[t->id] = sched_getcpu();
	}
	return NULL;
}

/* A worker process: first touch, then its threads at work until *stop. */
static void child(struct proc *p, int node, int pinned)
{
	struct thread th[MAX_THREADS];
	pthread_t tids[MAX_THREADS];
	size_t i, per = words_per_proc / nthreads;
	int t;

	p->buf = mmap(NULL, words_per_proc * 8, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p->buf == MAP_FAILED)
		die("procs: mmap failed");
	for (i = 0; i < words_per_proc; i++)
		p->buf[i] = i;
	p->ready = 1;
	while (!*go)
		usleep(1000);
	if (numa_run_on_node(pinned ? node : -1))
		die("procs: cannot run on node %d", pinned ? node : -1);
	for (t = 0; t < nthreads; t++) {
		th[t] = (struct thread){ .p = p, .part = p->buf + t * per, .nwords = per, .id = t };
		if (pthread_create(&tids[t], NULL, stream, &th[t]))
			die("procs: pthread_create failed");
	}
	for (t = 0; t < nthreads; t++)
		pthread_join(tids[t], NULL);
	for (t = 0; t < nthreads; t++)
		for (i = 0; i < per; i++)
			if (th[t].part[i] != t * per + i + th[t].passes)
				p->corrupt = 1;
	p->finished = 1;
	exit(0);
}

/*
 * Share of process p's memory on each node (pct[n], n < nodes), queried
 * with move_pages() on its pid. Return: the share on the node of the
 * thread that works on it (where that thread last ran).
 */
static double proc_shares(struct proc *p, pid_t pid, size_t npages, size_t psz, int nodes,
			  double *pct, void **addrs, int *status)
{
	size_t i, per = words_per_proc / nthreads, t;
	int n, tnode[MAX_THREADS];
	double local = 0;

	for (t = 0; t < (size_t)nthreads; t++)
		tnode[t] = p->cpu[t] >= 0 ? numa_node_of_cpu(p->cpu[t]) : -1;
	for (i = 0; i < npages; i++)
		addrs[i] = (char *)p->buf + i * psz;
	for (n = 0; n < nodes; n++)
		pct[n] = 0;
	if (move_pages(pid, npages, addrs, NULL, status, 0))
		return 0;
	for (i = 0; i < npages; i++) {
		if (status[i] >= 0 && status[i] < nodes)
			pct[status[i]] += 100.0 / npages;
		t = i * (psz / 8) / per;
		if (t >= (size_t)nthreads)
			t = nthreads - 1;
		if (status[i] == tnode[t])
			local += 100.0 / npages;
	}
	return local;
}

/* The node most of p's threads last ran on; a tie goes to the larger share. */
static int threads_node(struct proc *p, int nodes, const double *pct, int *split)
{
	int cnt[MAX_NODES] = { 0 }, t, n, best = 0, used = 0;

	for (t = 0; t < nthreads; t++) {
		n = p->cpu[t] >= 0 ? numa_node_of_cpu(p->cpu[t]) : -1;
		if (n >= 0 && n < nodes)
			cnt[n]++;
	}
	for (n = 0; n < nodes; n++) {
		used += cnt[n] > 0;
		if (cnt[n] > cnt[best] || (cnt[n] == cnt[best] && pct[n] > pct[best]))
			best = n;
	}
	*split = used > 1;
	return best;
}

int main(int argc, char **argv)
{
	long mib = 64, secs = 15, report = 500, until = 90, start, last, t, converged = -1;
	int nprocs = 2, all = 0, nodes, o, i, corrupt = 0, split, splits = 0;
	size_t psz = sysconf(_SC_PAGESIZE), npages;
	double pct[MAX_NODES], on[MAX_PROCS] = { 0 }, loc[MAX_PROCS] = { 0 };
	double minpct = 0, minloc = 0;
	int target[MAX_PROCS] = { 0 };
	pid_t pids[MAX_PROCS];
	uint64_t words, last_words = 0;
	void **addrs;
	int *status;
	char *shm;

	nthreads = 1;
	while ((o = getopt(argc, argv, "P:T:m:s:r:u:a")) != -1) {
		switch (o) {
		case 'P': nprocs = atoi(optarg); break;
		case 'T': nthreads = atoi(optarg); break;
		case 'm': mib = atol(optarg); break;
		case 's': secs = atol(optarg); break;
		case 'r': report = atol(optarg); break;
		case 'u': until = atol(optarg); break;
		case 'a': all = 1; break;
		default: die("usage: procs [-P N] [-T N] [-m MiB] [-s S] [-r MS] [-u PCT] [-a]");
		}
	}
	if (nprocs < 1 || nprocs > MAX_PROCS || nthreads < 1 || nthreads > MAX_THREADS || mib < 1)
		die("procs: 1..%d processes, 1..%d threads, MiB >= 1", MAX_PROCS, MAX_THREADS);
	if (numa_available() < 0)
		die("procs: no NUMA");
	nodes = numa_max_node() + 1;
	if (nodes > MAX_NODES)
		nodes = MAX_NODES;
	if (numa_run_on_node(0))
		die("procs: cannot run on node 0");
	words_per_proc = ((size_t)mib << 20) / 8;
	npages = ((size_t)mib << 20) / psz;
	addrs = calloc(npages, sizeof(*addrs));
	status = calloc(npages, sizeof(*status));
	shm = mmap(NULL, 4096 + sizeof(*procs) * MAX_PROCS, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!addrs || !status || shm == MAP_FAILED)
		die("procs: out of memory");
	go = (int *)shm;
	stop = (int *)shm + 1;
	procs = (struct proc *)(shm + 4096);
	for (i = 0; i < nprocs; i++) {
		for (o = 0; o < MAX_THREADS; o++)
			procs[i].cpu[o] = -1;
		target[i] = i % nodes;
		/* Not in shared memory: the child would see its 0 there. */
		pids[i] = fork();
		if (pids[i] < 0)
			die("procs: fork failed");
		if (!pids[i])
			child(&procs[i], i % nodes, !all);
	}
	for (i = 0; i < nprocs; i++)
		while (!procs[i].ready)
			usleep(10000);
	printf("start procs %d threads %d mib %ld %s\n", nprocs, nthreads, mib,
	       all ? "unpinned" : "pinned");
	fflush(stdout);
	*go = 1;
	start = now_ms();
	last = start;
	while ((t = now_ms()) - start < secs * 1000) {
		long left = secs * 1000 - (t - start);

		usleep((left < report ? left : report) * 1000);
		t = now_ms();
		minpct = 100;
		minloc = 100;
		for (i = 0, words = 0; i < nprocs; i++) {
			words += procs[i].words;
			loc[i] = proc_shares(&procs[i], pids[i], npages, psz, nodes, pct, addrs,
					     status);
			if (loc[i] < minloc)
				minloc = loc[i];
			if (all) {
				target[i] = threads_node(&procs[i], nodes, pct, &split);
				splits += split;
			}
			on[i] = pct[target[i]];
			if (on[i] < minpct)
				minpct = on[i];
		}
		/* Converged: from this look on, every later look too. */
		if (minloc < until)
			converged = -1;
		else if (converged < 0)
			converged = t - start;
		printf("t_ms %ld gbs %.3f pct", t - start,
		       (words - last_words) * 8 / 1e6 / (t - last > 0 ? t - last : 1));
		for (i = 0; i < nprocs; i++)
			printf("%s%.1f", i ? "," : " ", on[i]);
		printf(" node");
		for (i = 0; i < nprocs; i++)
			printf("%s%d", i ? "," : " ", target[i]);
		printf(" local");
		for (i = 0; i < nprocs; i++)
			printf("%s%.1f", i ? "," : " ", loc[i]);
		printf("\n");
		fflush(stdout);
		last = t;
		last_words = words;
	}
	*stop = 1;
	t = now_ms();
	for (i = 0, words = 0; i < nprocs; i++)
		words += procs[i].words;
	for (i = 0; i < nprocs; i++) {
		int st;

		if (waitpid(pids[i], &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) ||
		    !procs[i].finished || procs[i].corrupt)
			corrupt = 1;
	}
	printf("final converge_ms %ld min_pct %.1f gbs %.3f procs", converged, minpct,
	       words * 8 / 1e6 / (t - start > 0 ? t - start : 1));
	for (i = 0; i < nprocs; i++)
		printf("%s%.1f", i ? "," : " ", on[i]);
	printf(" node");
	for (i = 0; i < nprocs; i++)
		printf("%s%d", i ? "," : " ", target[i]);
	printf(" min_local_pct %.1f local", minloc);
	for (i = 0; i < nprocs; i++)
		printf("%s%.1f", i ? "," : " ", loc[i]);
	printf(" split %d data %s\n", splits, corrupt ? "CORRUPT" : "ok");
	return corrupt;
}
