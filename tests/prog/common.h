/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the static guest test programs. */
#ifndef KNUMA_TEST_COMMON_H
#define KNUMA_TEST_COMMON_H

#include <stdio.h>
#include <stdlib.h>

#define die(...) do { fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); exit(2); } while (0)

#endif
