/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the static guest test programs. */
#ifndef KNUMA_TEST_COMMON_H
#define KNUMA_TEST_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <numaif.h>

#define die(...) do { fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); exit(2); } while (0)

/* Monotonic time in milliseconds. */
static inline long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/*
 * Percentage of the npages pages of size psz at buf that are on node (one
 * move_pages() query; the arrays are allocated on the first call).
 */
static inline double on_node_pct(char *buf, size_t npages, size_t psz, int node)
{
	static void **addrs;
	static int *status;
	size_t i, on = 0;

	if (!addrs) {
		addrs = calloc(npages, sizeof(*addrs));
		status = calloc(npages, sizeof(*status));
		if (!addrs || !status)
			die("out of memory");
		for (i = 0; i < npages; i++)
			addrs[i] = buf + i * psz;
	}
	if (move_pages(0, npages, addrs, NULL, status, 0))
		die("move_pages query failed");
	for (i = 0; i < npages; i++)
		on += status[i] == node;
	return 100.0 * on / npages;
}

#endif
