// SPDX-License-Identifier: GPL-2.0
/*
 * What to scan: whether a VMA is worth marking for NUMA hint faults. The
 * rules are mainline task_numa_work()'s, decided here from plain facts the
 * scanner gathers, so they are testable on the host and identical on every
 * kernel.
 */
#include "policy.h"

/**
 * knuma_policy_vma_skip() - should the scanner leave this VMA alone?
 * @f: facts about the VMA and its process
 *
 * Return: KNUMA_VMA_SCAN, or the first reason to skip it.
 */
enum knuma_vma_skip knuma_policy_vma_skip(const struct knuma_vma_facts *f)
{
	/* Pages that cannot move: I/O and PFN maps, DAX. */
	if (f->unmovable)
		return KNUMA_VMA_SKIP_UNMOVABLE;
	/* hugetlb has its own protection path; mixed maps may hold raw PFNs. */
	if (f->hugetlb)
		return KNUMA_VMA_SKIP_HUGETLB;
	if (f->mixedmap)
		return KNUMA_VMA_SKIP_MIXEDMAP;
	/* A PROT_NONE VMA's PTEs must not be mistaken for hinting PTEs. */
	if (!f->accessible)
		return KNUMA_VMA_SKIP_INACCESSIBLE;
	/* Read-only file data (library text) is cached on every node anyway. */
	if (f->file && f->readable && !f->writable)
		return KNUMA_VMA_SKIP_RO_FILE;
	/*
	 * An explicit policy without MPOL_F_MOF forbids migrate-on-fault.
	 * Where the VMA's ops give the policy (shmem), theirs counts; without
	 * one, kernels before v6.7 never scan the VMA, later ones go on to
	 * the task's policy (vma_policy_mof(), __get_vma_policy()).
	 */
	if (f->ops_policy) {
		if (f->ops_policy_found ? !f->ops_policy_mof :
		    !f->ops_policy_falls_back || f->task_policy_nomof)
			return KNUMA_VMA_SKIP_POLICY;
	} else if (f->vma_policy ? !f->vma_policy_mof : f->task_policy_nomof) {
		return KNUMA_VMA_SKIP_POLICY;
	}
	return KNUMA_VMA_SCAN;
}

/**
 * knuma_policy_vma_skip_name() - short name of a skip reason, for statistics
 * @why: the reason
 *
 * Return: a static string.
 */
const char *knuma_policy_vma_skip_name(enum knuma_vma_skip why)
{
	static const char * const names[KNUMA_VMA_SKIP_NR] = {
		[KNUMA_VMA_SCAN] = "scanned",
		[KNUMA_VMA_SKIP_UNMOVABLE] = "unmovable",
		[KNUMA_VMA_SKIP_HUGETLB] = "hugetlb",
		[KNUMA_VMA_SKIP_MIXEDMAP] = "mixedmap",
		[KNUMA_VMA_SKIP_INACCESSIBLE] = "inaccessible",
		[KNUMA_VMA_SKIP_RO_FILE] = "ro_file",
		[KNUMA_VMA_SKIP_POLICY] = "policy_no_mof",
	};

	return (unsigned int)why < KNUMA_VMA_SKIP_NR ? names[why] : "?";
}
