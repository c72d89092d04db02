// SPDX-License-Identifier: GPL-2.0
/*
 * The VMA walk: mark up to scan_size_mb of an mm PROT_NONE for NUMA hint
 * faults, from where the last pass stopped, as mainline task_numa_work()
 * does -- but in a knuma thread, which is not the mm's task: nothing here
 * may rely on current.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/hugetlb_inline.h>
#include <linux/mempolicy.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/sched/mm.h>

#include "knuma.h"
#include "policy.h"
#include "scanner.h"
#include "symbols.h"

static atomic_long_t knuma_vma_skips[KNUMA_VMA_SKIP_NR];

/**
 * knuma_scan_filtering() - do scans follow the per-VMA relevance plans?
 *
 * Return: scan_filter is on and the fault addresses that feed it are seen.
 */
bool knuma_scan_filtering(void)
{
	return READ_ONCE(knuma_scan_filter) && knuma_hooks_see_addresses();
}

static enum knuma_vma_skip knuma_scan_vma_skip(const struct knuma_mm *kmm,
					       struct vm_area_struct *vma)
{
	unsigned long flags = vma->vm_flags;
	struct knuma_vma_facts f = {
		.unmovable = (flags & (VM_IO | VM_PFNMAP)) || vma_is_dax(vma),
		.hugetlb = is_vm_hugetlb_page(vma),
		.mixedmap = flags & VM_MIXEDMAP,
		.accessible = vma_is_accessible(vma),
		.file = vma->vm_file,
		.readable = flags & VM_READ,
		.writable = flags & VM_WRITE,
		/* Stable under mmap_lock: mbind() replaces it under the write lock. */
		.vma_policy = vma->vm_policy,
		.vma_policy_mof = vma->vm_policy &&
				  (vma->vm_policy->flags & MPOL_F_MOF),
		.task_policy_nomof = kmm->task_nomof,
		.ops_policy_falls_back = KNUMA_GET_POLICY_FALLS_BACK,
	};
	struct mempolicy *pol;

	/* As vma_policy_mof() asks: shmem's shared policy, a reference. */
	if (vma->vm_ops && vma->vm_ops->get_policy) {
		f.ops_policy = true;
		pol = knuma_vma_get_policy(vma);
		if (pol) {
			f.ops_policy_found = true;
			f.ops_policy_mof = pol->flags & MPOL_F_MOF;
			if (mpol_needs_cond_ref(pol))
				knuma_call(__mpol_put)(pol);
		}
	}
	return knuma_policy_vma_skip(&f);
}

/*
 * Mark what @p selects of [*startp, vma end) -- all of it without a plan --
 * in chunks; returns false once the budget is spent. A sample marks whole
 * 2 MiB blocks and charges the budget for those only.
 */
static bool knuma_scan_vma(struct vm_area_struct *vma,
			   const struct knuma_vplan *p, unsigned long *startp,
			   long *pages, long *virtpages, long *ptes)
{
	unsigned long start = max(*startp, vma->vm_start), hi = vma->vm_end;
	unsigned long end, block;
	long nr;

	BUILD_BUG_ON(KNUMA_VREL_BLOCK != HPAGE_SIZE);
	if (p) {
		start = max(start, p->lo);
		hi = min(hi, p->hi);
	}
	while (start < hi) {
		if (p && p->act == KNUMA_VACT_SAMPLE) {
			block = ALIGN_DOWN(start, KNUMA_VREL_BLOCK);
			end = min(block + KNUMA_VREL_BLOCK, hi);
			if (!knuma_policy_vma_marks(p, vma->vm_start, block)) {
				start = end;
				*startp = start;
				continue;
			}
		} else {
			end = ALIGN(start + (*pages << PAGE_SHIFT), HPAGE_SIZE);
			end = min(end, hi);
		}
		nr = knuma_call(change_prot_numa)(vma, start, end);
		/* Charge the whole range when anything changed, as mainline. */
		if (nr > 0) {
			*ptes += nr;
			*pages -= (end - start) >> PAGE_SHIFT;
		}
		*virtpages -= (end - start) >> PAGE_SHIFT;
		start = end;
		*startp = start;
		if (*pages <= 0 || *virtpages <= 0)
			return false;
		cond_resched();
	}
	return true;
}

/*
 * The plan for a VMA this pass, or NULL to mark it whole: scan_filter off,
 * no fault addresses (the mpol_misplaced hook is optional), or a VMA the
 * table does not track.
 */
static const struct knuma_vplan *knuma_scan_plan(struct knuma_mm *kmm,
						 struct vm_area_struct *vma,
						 bool filter)
{
	return filter ? knuma_vmas_plan(kmm, vma) : NULL;
}

/**
 * knuma_scan_mm() - one scan pass over an mm, from its resume offset
 * @kmm: the mm; the caller holds mmap_lock for read
 * @pages: budget: how many pages to mark at most (virtual: 8 times that)
 * @full_pass: set when the walk reached the end of the address space
 *
 * At the end of the address space it advances mm->numa_scan_seq, as
 * mainline's reset_ptenuma_scan() does: the scheduler's task placement
 * only runs when the sequence moves; and notes whether the pass marked
 * anything (kmm->pass_empty, scanner/thread.c). With scan_filter, each
 * VMA is marked as its relevance plan says (scanner/vmas.c,
 * policy/relevance.c).
 *
 * Return: the number of PTEs marked (a PMD counts as its base pages).
 */
long knuma_scan_mm(struct knuma_mm *kmm, long pages, bool *full_pass)
{
	struct mm_struct *mm = kmm->mm;
	long virtpages = pages * 8;
	unsigned long began, start;
	bool filter = knuma_scan_filtering();
	const struct knuma_vplan *plan;
	struct vm_area_struct *vma;
	enum knuma_vma_skip why;
	bool wrapped = false;
	long ptes = 0, mark = 0;

	VMA_ITERATOR(vmi, mm, 0);

	/*
	 * A move: a new pass, with new plans, from the start. A tripwire: new
	 * plans from where the last scan stopped (restarting from the start
	 * could starve the VMAs beyond scan_size_mb of marked memory).
	 */
	if (kmm->restart) {
		kmm->scan_offset = 0;
		/* A new pass: what the one given up marked does not count. */
		kmm->pass_ptes = 0;
		kmm->pass_empty = false;
	}
	if (kmm->restart || kmm->replan)
		kmm->pass++;
	kmm->restart = false;
	kmm->replan = false;
	began = kmm->scan_offset;
	start = began;
	*full_pass = false;
	if (filter)
		knuma_vmas_update(kmm, mm);
	else
		knuma_vmas_free(kmm);
	vma_iter_init(&vmi, mm, start);
	for (;;) {
		for_each_vma(vmi, vma) {
			why = knuma_scan_vma_skip(kmm, vma);
			if (why != KNUMA_VMA_SCAN) {
				atomic_long_inc(&knuma_vma_skips[why]);
				kmm->vmas_skipped++;
				continue;
			}
			plan = knuma_scan_plan(kmm, vma, filter);
			if (plan && (plan->act == KNUMA_VACT_NEW ||
				     plan->act == KNUMA_VACT_IDLE))
				continue;
			if (!knuma_scan_vma(vma, plan, &start, &pages, &virtpages,
					    &ptes)) {
				kmm->scan_offset = start;
				kmm->pass_ptes += ptes - mark;
				return ptes;
			}
		}
		/* End of the address space: a pass is complete. */
		WRITE_ONCE(mm->numa_scan_seq, READ_ONCE(mm->numa_scan_seq) + 1);
		kmm->pass_empty = !(kmm->pass_ptes + ptes - mark);
		kmm->pass_ptes = 0;
		mark = ptes;
		kmm->pass++;
		*full_pass = true;
		kmm->scan_offset = 0;
		/* Use the rest of the budget from the start, once. */
		if (wrapped || !began)
			return ptes;
		wrapped = true;
		start = 0;
		vma_iter_init(&vmi, mm, 0);
	}
}

/**
 * knuma_scan_skips_show() - VMAs skipped, by reason, for debugfs
 * @m: seq_file to print to
 */
void knuma_scan_skips_show(struct seq_file *m)
{
	int i;

	seq_puts(m, "vma_skipped:");
	for (i = 1; i < KNUMA_VMA_SKIP_NR; i++)
		seq_printf(m, " %s %ld", knuma_policy_vma_skip_name(i),
			   atomic_long_read(&knuma_vma_skips[i]));
	seq_putc(m, '\n');
}
