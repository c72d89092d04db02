// SPDX-License-Identifier: GPL-2.0
/*
 * regions: memory of every kind knuma meets, first-touched on node 0 and
 * used from node 1 while it scans: THP (MADV_HUGEPAGE), hugetlb
 * (MAP_HUGETLB, if pages are reserved), mlocked, and shared anonymous memory
 * written by a second process too. Every pass rewrites and verifies each
 * region; prints "regions ok <passes> hugetlb=<yes|no>" or
 * "regions CORRUPT <region>" and exits 1.
 */
#include <numa.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

#define PG 4096UL
#define MB (1UL << 20)

struct region {
	const char *name;
	char *p;
	size_t len;
	size_t first;	/* first page this process writes (shared: half) */
};

static void stamp(struct region *r, uint64_t pass)
{
	size_t i;

	for (i = r->first; i < r->len; i += PG)
		*(volatile uint64_t *)(r->p + i) = pass << 32 | i / PG;
}

static int verify(struct region *r, uint64_t pass)
{
	size_t i;

	for (i = r->first; i < r->len; i += PG)
		if (*(volatile uint64_t *)(r->p + i) != (pass << 32 | i / PG))
			return 0;
	return 1;
}

static char *map(size_t len, int flags)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, flags, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

int main(int argc, char **argv)
{
	long secs = argc > 1 ? atol(argv[1]) : 10;
	struct region rg[4];
	int n = 0, i, status, hugetlb = 0;
	uint64_t pass = 0;
	time_t end;
	pid_t child;
	char *thp;

	if (numa_available() < 0 || numa_max_node() < 1)
		die("regions: needs 2 nodes");
	numa_run_on_node(0);

	/* THP: 16 MiB, 2 MiB aligned. */
	thp = map(18 * MB, MAP_PRIVATE | MAP_ANONYMOUS);
	if (!thp)
		die("regions: mmap failed");
	thp = (char *)(((uintptr_t)thp + 2 * MB - 1) & ~(2 * MB - 1));
	madvise(thp, 16 * MB, MADV_HUGEPAGE);
	rg[n++] = (struct region){ "thp", thp, 16 * MB, 0 };

	rg[n].p = map(8 * MB, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB);
	if (rg[n].p) {
		rg[n].name = "hugetlb", rg[n].len = 8 * MB, rg[n].first = 0;
		hugetlb = 1;
		n++;
	}

	rg[n].p = map(8 * MB, MAP_PRIVATE | MAP_ANONYMOUS);
	if (!rg[n].p || mlock(rg[n].p, 8 * MB))
		die("regions: mlock failed");
	rg[n].name = "mlocked", rg[n].len = 8 * MB, rg[n].first = 0;
	n++;

	/* Shared: the child writes the first half, we write the second. */
	rg[n].p = map(16 * MB, MAP_SHARED | MAP_ANONYMOUS);
	if (!rg[n].p)
		die("regions: shared mmap failed");
	rg[n].name = "shared", rg[n].len = 16 * MB, rg[n].first = 8 * MB;
	n++;

	for (i = 0; i < n; i++)
		stamp(&rg[i], 0);
	end = time(NULL) + secs;

	child = fork();
	if (child == 0) {
		struct region half = rg[n - 1];
		uint64_t p = 0;

		half.len = 8 * MB;
		half.first = 0;
		numa_run_on_node(1);
		while (time(NULL) < end) {
			stamp(&half, ++p);
			if (!verify(&half, p))
				_exit(1);
		}
		_exit(0);
	}
	numa_run_on_node(1);
	while (time(NULL) < end) {
		pass++;
		for (i = 0; i < n; i++) {
			stamp(&rg[i], pass);
			if (!verify(&rg[i], pass)) {
				printf("regions CORRUPT %s pass %lu\n", rg[i].name,
				       (unsigned long)pass);
				kill(child, 9);
				return 1;
			}
		}
	}
	waitpid(child, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("regions CORRUPT shared (writer process)\n");
		return 1;
	}
	printf("regions ok %lu passes hugetlb=%s\n", (unsigned long)pass,
	       hugetlb ? "yes" : "no");
	return 0;
}
