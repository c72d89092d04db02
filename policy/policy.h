/* SPDX-License-Identifier: GPL-2.0 */
/*
 * knuma policy: pure decision functions with plain inputs. Built into the
 * module and, unchanged, into the host unit tests (tests/unit/).
 */
#ifndef KNUMA_POLICY_H
#define KNUMA_POLICY_H

/* Plain C types only: the same header compiles in the kernel and on the host. */

/* Faults per scan window are split into this many slots (as mainline). */
#define KNUMA_PERIOD_SLOTS	10
/* At or above this many local slots the scan slows down. */
#define KNUMA_PERIOD_THRESHOLD	7

unsigned int knuma_policy_scan_period(unsigned int period_ms,
				      unsigned int min_ms, unsigned int max_ms,
				      unsigned long long faults_local,
				      unsigned long long faults_remote);

#endif /* KNUMA_POLICY_H */
