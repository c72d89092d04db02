// SPDX-License-Identifier: GPL-2.0
/*
 * pagesum: every byte of every page survives migration.
 *
 *   pagesum [-m MiB] [-f FROM] [-t TO] [-s SECONDS] [-u PCT]
 *
 * Runs on node FROM and fills MiB of anonymous memory there with
 * pseudo-random bytes (half the region may use THP, the other half is
 * MADV_NOHUGEPAGE, so both folio sizes move), and keeps a 64-bit checksum
 * of each page. It then moves itself to node TO and only reads its memory
 * (hint faults on reads migrate too) until PCT % of the pages are on TO or
 * SECONDS have passed, and finally checksums every page again:
 *   final moved_pct <pct> pages <n> mismatches <n>
 * Exit status 1 on any mismatch.
 */
#include <numa.h>
#include <numaif.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common.h"

static uint64_t page_sum(const uint64_t *p, size_t words)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < words; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h;
}

int main(int argc, char **argv)
{
	long mib = 64, secs = 15, until = 90, start;
	size_t psz = sysconf(_SC_PAGESIZE), npages, words, i, j, bad = 0;
	int from = 0, to = 1, o;
	volatile uint64_t sink = 0;
	uint64_t *sums, x;
	double pct = 0;
	char *buf;

	while ((o = getopt(argc, argv, "m:f:t:s:u:")) != -1) {
		switch (o) {
		case 'm': mib = atol(optarg); break;
		case 'f': from = atoi(optarg); break;
		case 't': to = atoi(optarg); break;
		case 's': secs = atol(optarg); break;
		case 'u': until = atol(optarg); break;
		default: die("usage: pagesum [-m MiB] [-f FROM] [-t TO] [-s S] [-u PCT]");
		}
	}
	if (numa_available() < 0 || numa_max_node() < (from > to ? from : to))
		die("pagesum: nodes %d and %d are not both present", from, to);
	if (numa_run_on_node(from))
		die("pagesum: cannot run on node %d", from);

	npages = (size_t)mib << 20 >> __builtin_ctzl(psz);
	words = psz / sizeof(uint64_t);
	buf = mmap(NULL, npages * psz, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	sums = calloc(npages, sizeof(*sums));
	if (buf == MAP_FAILED || !sums)
		die("pagesum: cannot map %ld MiB", mib);
	madvise(buf + npages / 2 * psz, (npages - npages / 2) * psz, MADV_NOHUGEPAGE);
	for (i = 0; i < npages; i++) {
		uint64_t *p = (uint64_t *)(buf + i * psz);

		x = 0x9e3779b97f4a7c15ULL * (i + 1);
		for (j = 0; j < words; j++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			p[j] = x;
		}
		sums[i] = page_sum(p, words);
	}
	printf("start on_node%d_pct %.1f\n", from, on_node_pct(buf, npages, psz, from));

	if (numa_run_on_node(to))
		die("pagesum: cannot run on node %d", to);
	start = now_ms();
	while (now_ms() - start < secs * 1000) {
		for (i = 0; i < npages; i++)
			sink += *(volatile uint64_t *)(buf + i * psz + (i % words) * 8);
		pct = on_node_pct(buf, npages, psz, to);
		if (pct >= until)
			break;
	}
	for (i = 0; i < npages; i++)
		if (page_sum((uint64_t *)(buf + i * psz), words) != sums[i])
			bad++;
	printf("final moved_pct %.1f pages %zu mismatches %zu ms %ld\n", pct,
	       npages, bad, now_ms() - start);
	return bad ? 1 : 0;
}
