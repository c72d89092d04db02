/* SPDX-License-Identifier: GPL-2.0 */
/*
 * knuma policy: pure decision functions with plain inputs. Built into the
 * module and, unchanged, into the host unit tests (tests/unit/).
 */
#ifndef KNUMA_POLICY_H
#define KNUMA_POLICY_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stdint.h>
typedef uint64_t u64;
#endif

/* Faults per scan window are split into this many slots (as mainline). */
#define KNUMA_PERIOD_SLOTS	10
/* At or above this many local slots the scan slows down. */
#define KNUMA_PERIOD_THRESHOLD	7

unsigned int knuma_policy_scan_period(unsigned int period_ms,
				      unsigned int min_ms, unsigned int max_ms,
				      u64 faults_local, u64 faults_remote);

#endif /* KNUMA_POLICY_H */
