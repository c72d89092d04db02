// SPDX-License-Identifier: GPL-2.0
/*
 * churn: races the scanner with address-space changes.
 *
 *   churn -p N      N short-lived processes (8 at a time): fork, map and
 *                   touch 4 MiB, live 0-30 ms, verify, exit
 *   churn -v SECS   4 threads for SECS seconds: mmap, touch, mprotect,
 *                   mremap (grow and move), partial munmap, verify
 *   churn -x -v SECS  the same, each thread hopping to another node after
 *                   touching its memory and pausing 2 ms, so that hint
 *                   faults queue migrations that race the unmaps
 *
 * Every page carries a pattern checked before it is unmapped; prints
 *   churn ok <count> | churn CORRUPT ...
 * and exits 1 on corruption.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <numa.h>

#include "common.h"

#define PG 4096UL

static volatile int corrupt;

static void fill(char *p, size_t len, uint64_t seed)
{
	size_t i;

	for (i = 0; i < len; i += PG)
		*(uint64_t *)(p + i) = seed ^ i;
}

static int check(const char *p, size_t len, uint64_t seed)
{
	size_t i;

	for (i = 0; i < len; i += PG)
		if (*(const uint64_t *)(p + i) != (seed ^ i))
			return 0;
	return 1;
}

static int one_process(unsigned int n)
{
	size_t len = 4 << 20;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct timespec ts = { 0, (n * 7919 % 30) * 1000000L };

	if (p == MAP_FAILED)
		return 2;
	fill(p, len, n);
	nanosleep(&ts, NULL);
	return check(p, len, n) ? 0 : 1;
}

static int processes(int total)
{
	int started = 0, running = 0, bad = 0, status;
	pid_t pid;

	while (started < total || running) {
		if (started < total && running < 8) {
			pid = fork();
			if (pid < 0)
				die("churn: fork failed");
			if (!pid)
				_exit(one_process(started));
			started++;
			running++;
			continue;
		}
		if (wait(&status) > 0) {
			running--;
			bad += !WIFEXITED(status) || WEXITSTATUS(status);
		}
	}
	if (bad) {
		printf("churn CORRUPT %d of %d processes\n", bad, total);
		return 1;
	}
	printf("churn ok %d processes\n", total);
	return 0;
}

static long secs;
static int hop;

static void *vma_worker(void *arg)
{
	uint64_t seed = (uintptr_t)arg * 1000003, rounds = 0;
	time_t end = time(NULL) + secs;

	while (time(NULL) < end && !corrupt) {
		size_t len = (8 + rounds % 8) << 20;
		char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		char *q;

		if (p == MAP_FAILED)
			die("churn: mmap failed");
		fill(p, len, seed + rounds);
		if (hop) {
			numa_run_on_node((int)((rounds + (uintptr_t)arg) %
					       (numa_max_node() + 1)));
			usleep(2000);
		}
		/* Split the VMA and merge it back. */
		mprotect(p + len / 4, len / 2, PROT_READ);
		if (!check(p, len, seed + rounds))
			corrupt = 1;
		mprotect(p + len / 4, len / 2, PROT_READ | PROT_WRITE);
		/* Grow, possibly moving it. */
		q = mremap(p, len, len * 2, MREMAP_MAYMOVE);
		if (q == MAP_FAILED)
			die("churn: mremap failed");
		if (!check(q, len, seed + rounds))
			corrupt = 1;
		/* Punch a hole, then drop everything. */
		munmap(q + len / 2, PG * 16);
		if (!check(q, len / 2, seed + rounds))
			corrupt = 1;
		munmap(q, len * 2);
		rounds++;
	}
	return (void *)(uintptr_t)rounds;
}

static int vmas(void)
{
	pthread_t t[4];
	uintptr_t total = 0;
	void *r;
	int i;

	for (i = 0; i < 4; i++)
		if (pthread_create(&t[i], NULL, vma_worker, (void *)(uintptr_t)(i + 1)))
			die("churn: pthread_create failed");
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], &r);
		total += (uintptr_t)r;
	}
	if (corrupt) {
		printf("churn CORRUPT after %lu rounds\n", (unsigned long)total);
		return 1;
	}
	printf("churn ok %lu vma rounds\n", (unsigned long)total);
	return 0;
}

int main(int argc, char **argv)
{
	int o, procs = 0;

	while ((o = getopt(argc, argv, "p:v:x")) != -1) {
		switch (o) {
		case 'p': procs = atoi(optarg); break;
		case 'v': secs = atol(optarg); break;
		case 'x': hop = 1; break;
		default: die("usage: churn -p N | [-x] -v SECONDS");
		}
	}
	if (procs)
		return processes(procs);
	if (secs)
		return vmas();
	die("usage: churn -p N | [-x] -v SECONDS");
}
