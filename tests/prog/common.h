/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the static guest test programs. */
#ifndef KNUMA_TEST_COMMON_H
#define KNUMA_TEST_COMMON_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
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

/*
 * Share of the npages pages of size psz at buf on each node: pct[n] for
 * n < nodes (pct[nodes] gets pages on no node, e.g. not present). One
 * move_pages() query with arrays of its own, freed again.
 */
static inline void node_shares(char *buf, size_t npages, size_t psz, int nodes,
			       double *pct)
{
	void **addrs = calloc(npages, sizeof(*addrs));
	int *status = calloc(npages, sizeof(*status));
	size_t i;
	int n;

	if (!addrs || !status)
		die("out of memory");
	for (i = 0; i < npages; i++)
		addrs[i] = buf + i * psz;
	if (move_pages(0, npages, addrs, NULL, status, 0))
		die("move_pages query failed");
	for (n = 0; n <= nodes; n++)
		pct[n] = 0;
	for (i = 0; i < npages; i++)
		pct[status[i] >= 0 && status[i] < nodes ? status[i] : nodes] += 100.0 / npages;
	free(addrs);
	free(status);
}

/* Size of a /proc/PID/sched text buffer. */
#define SCHED_BUF	16384

/*
 * Read /proc/PID/sched (pid 0: self) into text, SCHED_BUF bytes, NUL
 * terminated. Return: 0, or -1 when the task is gone.
 */
static inline int sched_read(int pid, char *text)
{
	char path[64];
	ssize_t n, len = 0;
	int fd;

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/sched", pid);
	else
		snprintf(path, sizeof(path), "/proc/self/sched");
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	while ((n = read(fd, text + len, SCHED_BUF - 1 - len)) > 0)
		len += n;
	close(fd);
	text[len] = '\0';
	return 0;
}

/* Value of the line "NAME<spaces>:<spaces>VALUE" of a /proc/PID/sched text. */
static inline int sched_value(const char *text, const char *name, long *val)
{
	size_t len = strlen(name);
	const char *l = text;

	while (l && *l) {
		if (!strncmp(l, name, len) && (l[len] == ' ' || l[len] == ':'))
			return sscanf(l + len, " : %ld", val) == 1 ? 0 : -1;
		l = strchr(l, '\n');
		if (l)
			l++;
	}
	return -1;
}

#endif
