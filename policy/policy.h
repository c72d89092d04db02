/* SPDX-License-Identifier: GPL-2.0 */
/*
 * knuma policy: pure decision functions with plain inputs. Built into the
 * module and, unchanged, into the host unit tests (tests/unit/).
 */
#ifndef KNUMA_POLICY_H
#define KNUMA_POLICY_H

/* Plain C types only: the same header compiles in the kernel and on the host. */
#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#endif

/* Faults per scan window are split into this many slots (as mainline). */
#define KNUMA_PERIOD_SLOTS	10
/* At or above this many local slots the scan slows down. */
#define KNUMA_PERIOD_THRESHOLD	7

unsigned int knuma_policy_scan_period(unsigned int period_ms,
				      unsigned int min_ms, unsigned int max_ms,
				      unsigned long long faults_local,
				      unsigned long long faults_remote);

/* Why a VMA is not scanned (KNUMA_VMA_SCAN: it is). */
enum knuma_vma_skip {
	KNUMA_VMA_SCAN,
	KNUMA_VMA_SKIP_UNMOVABLE,
	KNUMA_VMA_SKIP_HUGETLB,
	KNUMA_VMA_SKIP_MIXEDMAP,
	KNUMA_VMA_SKIP_INACCESSIBLE,
	KNUMA_VMA_SKIP_RO_FILE,
	KNUMA_VMA_SKIP_POLICY,
	KNUMA_VMA_SKIP_NR
};

/* What the scanner knows about a VMA, as plain facts. */
struct knuma_vma_facts {
	bool unmovable;	/* VM_IO, VM_PFNMAP or DAX */
	bool hugetlb;
	bool mixedmap;
	bool accessible;	/* any of read, write, exec */
	bool file;
	bool readable;
	bool writable;
	bool vma_policy;	/* the VMA has its own mempolicy */
	bool vma_policy_mof;	/* ... and it has MPOL_F_MOF */
	bool task_policy_nomof;	/* the task's policy lacks MPOL_F_MOF */
};

enum knuma_vma_skip knuma_policy_vma_skip(const struct knuma_vma_facts *f);
const char *knuma_policy_vma_skip_name(enum knuma_vma_skip why);

unsigned long long knuma_policy_duty_rest_ns(unsigned long long busy_ns,
					     unsigned long long elapsed_ns,
					     unsigned int pct);

#endif /* KNUMA_POLICY_H */
