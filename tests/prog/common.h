/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the static guest test programs. */
#ifndef KNUMA_TEST_COMMON_H
#define KNUMA_TEST_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define die(...) do { fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); exit(2); } while (0)

/* Monotonic time in milliseconds. */
static inline long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

#endif
