// SPDX-License-Identifier: GPL-2.0
/*
 * follow: the "memory follows its thread" workload.
 *
 *   follow [-m MiB] [-f FROM] [-t TO] [-s SECONDS] [-r REPORT_MS] [-u PCT]
 *          [-b bind|bindnb] [-S] [-M MS]
 *
 * Runs on node FROM and first-touches MiB of anonymous memory there, moves
 * itself to node TO and keeps writing every page until SECONDS have passed
 * (or PCT % of the pages are on TO, with -u). Every REPORT_MS it prints
 *   t_ms <ms> on_target_pct <pct>
 * and at the end
 *   final on_target_pct <pct> reached_ms <ms|-1> data ok|CORRUPT max_step_ms <ms>
 * max_step_ms is the longest time one 1 MiB step of writes took: the worst
 * stall the workload saw (page-table scans and migrations in its context).
 * Each page keeps its own index in its first word: any corruption by a
 * migration shows as "data CORRUPT" and exit status 1.
 * -b binds the region to FROM with mbind(MPOL_BIND) before the first touch;
 * bindnb adds MPOL_F_NUMA_BALANCING (balancing allowed inside the nodemask).
 * -S maps the memory MAP_SHARED | MAP_ANONYMOUS: shmem, whose balancing
 * depends on the kernel (vma_policy_mof()).
 * -M moves every page to TO itself with move_pages(), once, MS ms after
 * its own move, and prints
 *   syscall_move t_ms <ms> not_moved <n> on_target_pct <pct> retried <n> rounds <n> [errno<N> <n>...]
 * (the kernel's migration core, as compaction, memory offlining and
 * long-term pinning use it: a page with an unexpected reference fails).
 */
#include <errno.h>
#include <numa.h>
#include <numaif.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

#ifndef MPOL_F_NUMA_BALANCING
#define MPOL_F_NUMA_BALANCING	(1 << 13)
#endif

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/*
 * Read one byte of every page: a page the balancing scan has just made
 * PROT_NONE (NUMA hinting) takes its hint fault now. Debian's 6.1
 * (gup_can_follow_protnone(), backported) answers move_pages() on such a
 * page with -ENOENT, for a query as for a move, whoever scanned it.
 */
static void touch_all(char *buf, size_t npages, size_t psz)
{
	size_t i;

	for (i = 0; i < npages; i++)
		(void)*(volatile char *)(buf + i * psz);
}

/*
 * -M: move every page to @node with move_pages(), print what stayed. A page
 * answered -ENOENT (PROT_NONE, see touch_all()) or -EBUSY (isolated by
 * another migrator at that instant: knuma's thread moving its current
 * chunk, say) is asked again 100 ms later, up to 5 times. not_moved counts
 * what migrate_pages() failed to move (a page with an unexpected
 * reference); what is still refused after the last round is listed by
 * errno and shows in on_target_pct.
 */
static void syscall_move(char *buf, size_t npages, size_t psz, int node, long t)
{
	void **addrs = calloc(npages, sizeof(*addrs));
	int *nodes = calloc(npages, sizeof(*nodes));
	int *status = calloc(npages, sizeof(*status));
	long ret, unmoved = 0, retried = 0, why[64] = { 0 };
	size_t i, n = npages;
	int round;

	if (!addrs || !nodes || !status)
		die("out of memory");
	for (i = 0; i < npages; i++) {
		addrs[i] = buf + i * psz;
		nodes[i] = node;
	}
	for (round = 0; round < 5 && n; round++) {
		size_t left = 0;

		if (round)
			usleep(100000);
		touch_all(buf, npages, psz);
		ret = move_pages(0, n, addrs, nodes, status, MPOL_MF_MOVE);
		if (ret < 0)
			die("follow: move_pages to node %d failed", node);
		unmoved += ret;
		memset(why, 0, sizeof(why));
		for (i = 0; i < n; i++) {
			if (status[i] == -ENOENT || status[i] == -EBUSY)
				addrs[left++] = addrs[i];
			if (status[i] < 0 && status[i] > -64)
				why[-status[i]]++;
		}
		retried += left;
		n = left;
	}
	touch_all(buf, npages, psz);
	printf("syscall_move t_ms %ld not_moved %ld on_target_pct %.1f retried %ld rounds %d",
	       t, unmoved, on_node_pct(buf, npages, psz, node), retried, round);
	for (i = 1; i < 64; i++)
		if (why[i])
			printf(" errno%zu %ld", i, why[i]);
	printf("\n");
	fflush(stdout);
	free(addrs);
	free(nodes);
	free(status);
}

int main(int argc, char **argv)
{
	long mib = 128, secs = 15, report = 500, until = -1, move_at = -1;
	int from = 0, to = 1, shared = 0, o;
	size_t psz = sysconf(_SC_PAGESIZE), npages, i;
	long start, last, reached = -1;
	unsigned char pass = 0;
	double pct = 0, max_step = 0;
	size_t step_pages;
	const char *bind = NULL;
	char *buf;

	while ((o = getopt(argc, argv, "m:f:t:s:r:u:b:SM:")) != -1) {
		switch (o) {
		case 'm': mib = atol(optarg); break;
		case 'f': from = atoi(optarg); break;
		case 't': to = atoi(optarg); break;
		case 's': secs = atol(optarg); break;
		case 'r': report = atol(optarg); break;
		case 'u': until = atol(optarg); break;
		case 'b': bind = optarg; break;
		case 'S': shared = 1; break;
		case 'M': move_at = atol(optarg); break;
		default: die("usage: follow [-m MiB] [-f FROM] [-t TO] [-s S] [-r MS] [-u PCT] [-b bind|bindnb] [-S] [-M MS]");
		}
	}
	if (numa_available() < 0 || numa_max_node() < (from > to ? from : to))
		die("follow: nodes %d and %d are not both present", from, to);

	if (numa_run_on_node(from))
		die("follow: cannot run on node %d", from);
	npages = (size_t)mib << 20 >> __builtin_ctzl(psz);
	buf = mmap(NULL, npages * psz, PROT_READ | PROT_WRITE,
		   (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		die("follow: mmap %ld MiB failed", mib);
	if (bind) {
		unsigned long mask = 1UL << from;
		int mode = MPOL_BIND;

		if (!strcmp(bind, "bindnb"))
			mode |= MPOL_F_NUMA_BALANCING;
		else if (strcmp(bind, "bind"))
			die("follow: -b bind or bindnb");
		if (mbind(buf, npages * psz, mode, &mask, sizeof(mask) * 8, 0))
			die("follow: mbind %s to node %d failed", bind, from);
		printf("bound %s to node %d\n", bind, from);
	}
	for (i = 0; i < npages; i++)
		*(uint64_t *)(buf + i * psz) = i;
	printf("start on_node%d_pct %.1f\n", from, on_node_pct(buf, npages, psz, from));

	if (numa_run_on_node(to))
		die("follow: cannot run on node %d", to);
	step_pages = (1 << 20) / psz;
	start = last = now_ms();
	for (;;) {
		double s0 = now_us();
		long t;

		pass++;
		for (i = 0; i < npages; i++) {
			buf[i * psz + 8] = pass;
			if ((i + 1) % step_pages == 0) {
				double s1 = now_us();

				if (s1 - s0 > max_step)
					max_step = s1 - s0;
				s0 = s1;
			}
		}
		t = now_ms();
		if (move_at >= 0 && t - start >= move_at) {
			move_at = -1;
			syscall_move(buf, npages, psz, to, t - start);
		}
		if (t - last >= report) {
			last = t;
			pct = on_node_pct(buf, npages, psz, to);
			printf("t_ms %ld on_target_pct %.1f\n", t - start, pct);
			fflush(stdout);
			if (reached < 0 && until >= 0 && pct >= until) {
				reached = t - start;
				break;
			}
		}
		if (t - start >= secs * 1000)
			break;
	}
	pct = on_node_pct(buf, npages, psz, to);
	for (i = 0; i < npages; i++)
		if (*(uint64_t *)(buf + i * psz) != i ||
		    (unsigned char)buf[i * psz + 8] != pass)
			break;
	printf("final on_target_pct %.1f reached_ms %ld data %s max_step_ms %.2f\n",
	       pct, reached, i == npages ? "ok" : "CORRUPT", max_step / 1000.0);
	return i == npages ? 0 : 1;
}
