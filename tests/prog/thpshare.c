// SPDX-License-Identifier: GPL-2.0
/*
 * thpshare: a transparent huge page that two processes map.
 *
 *   thpshare [-m MiB] [-s SECONDS]
 *
 * Runs on node 0 and first-touches MiB (default 16, in 2 MiB-aligned THPs,
 * MADV_HUGEPAGE) there, then forks: the child keeps the mapping and sleeps,
 * so every THP is mapped by two processes (copy-on-write, never written
 * again). The parent moves itself to node 1 and reads every page for
 * SECONDS (default 8), then prints
 *   final thp_pct <pct of the range in THPs> on1_pct <pct on node 1> data ok|CORRUPT
 * (thp_pct from /proc/self/smaps AnonHugePages of the range).
 */
#define _GNU_SOURCE
#include <numa.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "common.h"

#define THP	(2UL << 20)

/* AnonHugePages of the mapping that starts at @addr, in kB. */
static long thp_kb(void *addr)
{
	char line[256], want[32];
	long kb = -1;
	int in = 0;
	FILE *f = fopen("/proc/self/smaps", "r");

	if (!f)
		return -1;
	snprintf(want, sizeof(want), "%lx-", (unsigned long)addr);
	while (fgets(line, sizeof(line), f)) {
		if (strchr(line, '-') && strchr(line, ':') > strchr(line, ' '))
			in = !strncmp(line, want, strlen(want));
		if (in && sscanf(line, "AnonHugePages: %ld kB", &kb) == 1)
			break;
	}
	fclose(f);
	return kb;
}

int main(int argc, char **argv)
{
	long mib = 16, secs = 8, start, kb;
	size_t psz = sysconf(_SC_PAGESIZE), npages, i, len;
	double share[3];
	volatile uint64_t sum = 0;
	char *raw, *buf;
	pid_t child;
	int o, ok = 1;

	while ((o = getopt(argc, argv, "m:s:")) != -1) {
		switch (o) {
		case 'm': mib = atol(optarg); break;
		case 's': secs = atol(optarg); break;
		default: die("usage: thpshare [-m MiB] [-s SECONDS]");
		}
	}
	if (numa_available() < 0 || numa_max_node() < 1)
		die("thpshare: needs two NUMA nodes");
	if (numa_run_on_node(0))
		die("thpshare: cannot run on node 0");
	len = (size_t)mib << 20;
	npages = len / psz;
	raw = mmap(NULL, len + THP, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED)
		die("thpshare: mmap failed");
	buf = (char *)(((unsigned long)raw + THP - 1) & ~(THP - 1));
	if (madvise(buf, len, MADV_HUGEPAGE))
		die("thpshare: MADV_HUGEPAGE failed");
	for (i = 0; i < npages; i++)
		*(uint64_t *)(buf + i * psz) = i;

	child = fork();
	if (child < 0)
		die("thpshare: fork failed");
	if (!child) {
		pause();
		_exit(0);
	}
	if (numa_run_on_node(1))
		die("thpshare: cannot run on node 1");
	start = now_ms();
	while (now_ms() - start < secs * 1000)
		for (i = 0; i < npages; i++)
			sum += *(volatile uint64_t *)(buf + i * psz);
	for (i = 0; i < npages; i++)
		if (*(uint64_t *)(buf + i * psz) != i)
			ok = 0;
	kb = thp_kb(buf);
	node_shares(buf, npages, psz, 2, share);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	printf("final thp_pct %.1f on1_pct %.1f data %s\n",
	       kb < 0 ? -1.0 : 100.0 * kb / (len >> 10), share[1], ok ? "ok" : "CORRUPT");
	return ok ? 0 : 1;
}
