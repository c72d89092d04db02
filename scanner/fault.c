// SPDX-License-Identifier: GPL-2.0
/*
 * The misplaced-page decision of a NUMA hint fault.
 *
 * The kernel's mpol_misplaced() first applies the memory policy of the
 * faulting address: a policy set by the application without
 * MPOL_F_NUMA_BALANCING (bind, preferred, interleave) is final there, and
 * MPOL_BIND with it only continues from nodes inside its nodemask. Only
 * then, for "migrate on fault to the faulting node" policies, does it ask
 * should_numa_migrate_memory(). knuma redirects that question here
 * (hooks/hooks.c): the answer comes from policy/migrate.c, the rate limit
 * and back-off of the target node, and migrate_mode decides whether the
 * fault migrates (sync), the folio is queued to the target node's thread
 * and the fault goes on as if the page were staying (async), or nothing
 * moves and the decision is only counted (off). An async fault migrates
 * itself when the target node's thread has fallen behind (migrate_stall_ms).
 *
 * Runs under the page-table lock: no allocation, no sleep. That also makes
 * the RCU-tasks wait of unregister_ftrace_function() enough at unload.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/nodemask.h>
#include <linux/sched.h>
#include <linux/sched/numa_balancing.h>
#include <linux/topology.h>

#include "knuma.h"
#include "compat/compat.h"
#include "policy.h"
#include "scanner.h"
#include "symbols.h"

/* Mainline's rule: a task is young until its fourth placement pass. */
#define KNUMA_YOUNG_SCAN_SEQ	4

/*
 * A file folio mapped by more than one process: shared library data or a
 * shared file mapping, where the kernel does not migrate on a single
 * process's fault either.
 */
static bool knuma_folio_file_shared(struct folio *folio)
{
	return folio_is_file_lru(folio) && knuma_folio_mapped_shared(folio);
}

/**
 * knuma_fault_should_migrate() - replacement of should_numa_migrate_memory()
 * @p: the faulting task (current)
 * @obj: the folio (page before v6.7) that faulted
 * @src_nid: the node it is on
 * @dst_cpu: the faulting CPU
 *
 * Same contract as the kernel function: records this fault in the folio's
 * last_cpupid and says whether the fault itself should migrate the folio.
 *
 * Return: true for a folio the fault should migrate now: sync mode, or
 * async mode while the target node's thread lags behind its queue.
 */
bool knuma_fault_should_migrate(struct task_struct *p, KNUMA_FAULT_OBJ *obj,
				int src_nid, int dst_cpu)
{
	struct folio *folio = knuma_fault_folio(obj);
	int dst_nid = cpu_to_node(dst_cpu);
	struct knuma_mig_facts f = {
		.src_nid = src_nid,
		.dst_nid = dst_nid,
	};
	struct knuma_node_thread *t;
	enum knuma_mig_verdict v;
	unsigned long group;
	int last, mode;

	mode = READ_ONCE(knuma_migrate_mode);
	knuma_stat_fault_begin(mode);
	last = knuma_xchg_last_cpupid(folio, cpu_pid_to_cpupid(dst_cpu, p->pid));
	f.last_unset = cpupid_pid_unset(last);
	f.last_nid = f.last_unset ? NUMA_NO_NODE : cpupid_to_nid(last);
	f.last_pid_match = cpupid_match_pid(p, last);
	f.task_young = p->numa_preferred_nid == NUMA_NO_NODE ||
		       p->numa_scan_seq <= KNUMA_YOUNG_SCAN_SEQ;
	f.dst_has_memory = node_state(dst_nid, N_MEMORY);
	f.pinned = folio_maybe_dma_pinned(folio);
	f.opted_out = p->mm && knuma_mm_out_of_scope(p->mm, p);
	f.file_dirty = folio_is_file_lru(folio) && folio_test_dirty(folio);
	f.file_shared = knuma_folio_file_shared(folio);
	group = (unsigned long)rcu_access_pointer(p->numa_group);
	if (group) {
		bool mapped_shared = knuma_folio_mapped_shared(folio);

		f.group_shared = knuma_policy_group_shared(&f, mapped_shared);
		knuma_group_fault(group, &f, folio_nr_pages(folio));
	}

	v = knuma_policy_migrate(&f);
	t = knuma_node_thread(dst_nid);
	if (v == KNUMA_MIG_MOVE && mode == KNUMA_MIGRATE_OFF)
		v = KNUMA_MIG_OBSERVE;
	else if (v == KNUMA_MIG_MOVE && t && p->mm)
		v = knuma_migq_admit(&t->migq, folio_size(folio),
				     mode == KNUMA_MIGRATE_ASYNC, folio, p->mm);
	knuma_stat_verdict(v);
	/* Acted on: the page will be local, its VMA need not be re-marked. */
	if (v == KNUMA_MIG_MOVE || v == KNUMA_MIG_FALLBACK)
		knuma_vmas_fault_acted(false);
	else if (v == KNUMA_MIG_QUEUED || v == KNUMA_MIG_INQUEUE)
		knuma_vmas_fault_acted(true);
	return v == KNUMA_MIG_MOVE || v == KNUMA_MIG_FALLBACK;
}
