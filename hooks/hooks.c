// SPDX-License-Identifier: GPL-2.0
/*
 * Every attachment knuma makes to the kernel, declared in knuma_hooks[]:
 * target, handler, required or optional, and why.
 *
 * Installation is all or nothing: a required hook that fails rolls back the
 * ones already installed, in reverse. Removal is safe to repeat and reports
 * each hook's hit count. Hooks are installed last in module init and removed
 * first in exit (module/main.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ftrace.h>
#include <linux/kernel.h>
#include <linux/mempolicy.h>
#include <linux/mm.h>
#include <linux/sched/numa_balancing.h>
#include <linux/seq_file.h>

#include "knuma.h"
#include "compat/compat.h"

struct knuma_hook {
	const char *target;
	ftrace_func_t handler;
	unsigned long flags;	/* extra ftrace_ops flags */
	bool required;
	const char *why;
	/* State. */
	struct ftrace_ops ops;
	bool installed;
	atomic_long_t hits;
};

static atomic_long_t knuma_cpn_incontext = ATOMIC_LONG_INIT(0);
static atomic_long_t knuma_cpn_knuma = ATOMIC_LONG_INIT(0);
static atomic_long_t knuma_mig_incontext = ATOMIC_LONG_INIT(0);

/* The redirect target must have the kernel function's exact type. */
static_assert(__same_type(&knuma_fault_should_migrate,
			  &should_numa_migrate_memory));

/* The mpol_misplaced hook reads its first and third arguments. */
static_assert(__same_type(&mpol_misplaced, KNUMA_MPOL_MISPLACED_T));

/* Every handler counts its hits first, whatever it then decides. */
static __always_inline void knuma_hook_hit(struct ftrace_ops *op)
{
	atomic_long_inc(&container_of(op, struct knuma_hook, ops)->hits);
}

/*
 * task_numa_fault(last_cpupid, mem_node, pages, flags) is called for every
 * hint fault, after any migration. Observed at entry because its body
 * returns at once while kernel.numa_balancing=0. When knuma queued the
 * fault's folio, the call is rewritten to report it as mainline reports a
 * migrated page (scanner/fault.c, the hand-off): the trampoline loads the
 * argument registers back from the frame this handler sees. The hand-off
 * also counts the fault in the task's NUMA group (scanner/group.c): here
 * every hint fault, local or remote, arrives with its page's final node.
 */
static void notrace knuma_hook_fault_entry(unsigned long ip,
					   unsigned long parent_ip,
					   struct ftrace_ops *op,
					   struct ftrace_regs *fregs)
{
	int last_cpupid = (int)knuma_fregs_arg(fregs, 0);
	int mem_node = (int)knuma_fregs_arg(fregs, 1);
	int pages = (int)knuma_fregs_arg(fregs, 2);
	int flags = (int)knuma_fregs_arg(fregs, 3);
	int dst_nid;

	knuma_hook_hit(op);
	if (!READ_ONCE(knuma_enabled))
		return;
	knuma_stat_fault(last_cpupid, pages, flags);
	if (knuma_fault_handoff_take(mem_node, pages, &dst_nid)) {
		knuma_fregs_set_arg(fregs, 1, dst_nid);
		knuma_fregs_set_arg(fregs, 3, flags | TNF_MIGRATED);
	}
	/*
	 * knuma's own counts see the fault as it happened (remote); the node
	 * thread counts the pages it migrates itself. Read before the kernel
	 * counts this fault: a task without a preferred node asks for a scan
	 * that marks local pages too (scanner/thread.c).
	 */
	if (current->mm)
		knuma_mm_fault(current->mm, last_cpupid, pages, flags,
			       current->numa_preferred_nid == NUMA_NO_NODE);
	/* The end of a hint fault whose decision knuma made. */
	knuma_stat_fault_end();
}

/*
 * should_numa_migrate_memory() is asked by mpol_misplaced() once the memory
 * policy allows migration on fault; redirected to knuma's decision
 * (scanner/fault.c). Memory-tiering mode keeps the kernel's own answer:
 * its promotion logic is not knuma's business. test_skip_decision keeps it
 * too, as a kernel whose faults no longer reach this hook would (the
 * health test).
 */
static void notrace knuma_hook_smm_redirect(unsigned long ip,
					    unsigned long parent_ip,
					    struct ftrace_ops *op,
					    struct ftrace_regs *fregs)
{
	knuma_hook_hit(op);
	if (!READ_ONCE(knuma_enabled) || knuma_sysctl_tiering() ||
	    unlikely(knuma_test_skip_decision))
		return;
	knuma_fregs_set_ip(fregs, (unsigned long)knuma_fault_should_migrate);
}

/*
 * mpol_misplaced(page or folio, vma or vmf, addr) is asked on every hint
 * fault (numa_migrate_prep/numa_migrate_check); its address, the same
 * argument on both kernels, tells which part of which VMA is in use
 * (scanner/vmas.c).
 */
static void notrace knuma_hook_misplaced_entry(unsigned long ip,
					       unsigned long parent_ip,
					       struct ftrace_ops *op,
					       struct ftrace_regs *fregs)
{
	KNUMA_FAULT_OBJ *obj = (KNUMA_FAULT_OBJ *)knuma_fregs_arg(fregs, 0);
	struct folio *folio = knuma_fault_folio(obj);
	unsigned long addr = knuma_fregs_arg(fregs, 2);
	struct knuma_fault_page pg = {
		.mm = current->mm,
		.addr = addr & ~(folio_size(folio) - 1),
	};

	knuma_hook_hit(op);
	/* A new fault: no record of an earlier one may reach its report. */
	knuma_fault_handoff_begin(pg.addr);
	if (!READ_ONCE(knuma_enabled) || !current->mm)
		return;
	knuma_mm_fault_addr(&pg, addr, folio_nid(folio) != numa_node_id());
}

/* A migration inside a hint fault: sync mode, or mainline. */
static void notrace knuma_hook_mm_entry(unsigned long ip,
					unsigned long parent_ip,
					struct ftrace_ops *op,
					struct ftrace_regs *fregs)
{
	knuma_hook_hit(op);
	atomic_long_inc(&knuma_mig_incontext);
}

/*
 * task_numa_work(work) is the in-context scan, queued by the scheduler tick.
 * Redirected (IPMODIFY) to knuma_scan_task_work(), which hands the mm to a
 * node thread. The replacement never sleeps, so the RCU-tasks wait in
 * unregister_ftrace_function() is enough to know no task is inside it.
 */
static void notrace knuma_hook_tnw_redirect(unsigned long ip,
					    unsigned long parent_ip,
					    struct ftrace_ops *op,
					    struct ftrace_regs *fregs)
{
	knuma_hook_hit(op);
	/*
	 * enabled=0, or memory-tiering mode: mainline's own task_numa_work
	 * runs (scanner/sysctl.c knuma_sysctl_on()).
	 */
	if (!READ_ONCE(knuma_enabled) || knuma_sysctl_tiering())
		return;
	knuma_fregs_set_ip(fregs, (unsigned long)knuma_scan_task_work);
}

/* change_prot_numa() called by anything but a knuma thread: an in-context scan. */
static void notrace knuma_hook_cpn_entry(unsigned long ip,
					 unsigned long parent_ip,
					 struct ftrace_ops *op,
					 struct ftrace_regs *fregs)
{
	knuma_hook_hit(op);
	if (knuma_scan_is_thread(current))
		atomic_long_inc(&knuma_cpn_knuma);
	else
		atomic_long_inc(&knuma_cpn_incontext);
}

static struct knuma_hook knuma_hooks[] = {
	{
		.target = "task_numa_fault",
		.handler = knuma_hook_fault_entry,
		.required = true,
		.why = "count every NUMA hint fault: local/remote, private/shared, migrated",
	},
	{
		.target = "change_prot_numa",
		.handler = knuma_hook_cpn_entry,
		.required = false,
		.why = "count scans made outside knuma threads (should stay 0)",
	},
	{
		.target = "mpol_misplaced",
		.handler = knuma_hook_misplaced_entry,
		.required = false,
		.why = "where hint faults hit, for scan_filter (without it, VMAs are marked whole)",
	},
	{
		.target = KNUMA_SYM_MIGRATE_MISPLACED,
		.handler = knuma_hook_mm_entry,
		.required = false,
		.why = "count migrations made inside faults (0 in async mode)",
	},
	{
		.target = "should_numa_migrate_memory",
		.handler = knuma_hook_smm_redirect,
		.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY |
			 FTRACE_OPS_FL_PERMANENT,
		.required = true,
		.why = "take the migration decision over: filter, rate limit, async queue",
	},
	{
		/* Last: everything it hands work to is already running. */
		.target = "task_numa_work",
		.handler = knuma_hook_tnw_redirect,
		.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY |
			 FTRACE_OPS_FL_PERMANENT,
		.required = true,
		.why = "take the in-context scan over: the task only queues its mm",
	},
};

static int knuma_hook_install(struct knuma_hook *h)
{
	unsigned long addr = knuma_sym_addr(h->target);
	int ret;

	if (!addr)
		return -ENOENT;
	h->ops.func = h->handler;
	/* RECURSION: ftrace guards against recursion and disables preemption. */
	h->ops.flags = FTRACE_OPS_FL_RECURSION | h->flags;
	atomic_long_set(&h->hits, 0);
	ret = ftrace_set_filter_ip(&h->ops, addr, 0, 0);
	if (ret)
		return ret;
	ret = register_ftrace_function(&h->ops);
	if (ret) {
		ftrace_free_filter(&h->ops);
		return ret;
	}
	h->installed = true;
	return 0;
}

static void knuma_hook_remove(struct knuma_hook *h)
{
	int ret;

	if (!h->installed)
		return;
	ret = unregister_ftrace_function(&h->ops);
	if (ret)
		pr_warn("hook %s: unregister failed (%d)\n", h->target, ret);
	ftrace_free_filter(&h->ops);
	h->installed = false;
	pr_debug("hook %s removed after %ld hits\n", h->target,
		 atomic_long_read(&h->hits));
}

/**
 * knuma_hooks_remove() - remove every installed hook, in reverse order
 *
 * Safe to call more than once, and after a partial install.
 */
void knuma_hooks_remove(void)
{
	int i;

	for (i = ARRAY_SIZE(knuma_hooks) - 1; i >= 0; i--)
		knuma_hook_remove(&knuma_hooks[i]);
}

/**
 * knuma_hooks_install() - install the hooks of knuma_hooks[]
 *
 * An optional hook that fails is logged and skipped; a required one rolls
 * back everything installed so far.
 *
 * Return: 0, or the error of the first required hook that failed.
 */
int knuma_hooks_install(void)
{
	struct knuma_hook *h;
	int ret;

	for (h = knuma_hooks; h < knuma_hooks + ARRAY_SIZE(knuma_hooks); h++) {
		ret = knuma_hook_install(h);
		if (!ret)
			continue;
		if (h->required) {
			pr_err("cannot hook %s (%d): %s; not loading\n",
			       h->target, ret, h->why);
			knuma_hooks_remove();
			return ret;
		}
		pr_info("optional hook %s unavailable (%d): %s\n", h->target,
			ret, h->why);
	}
	return 0;
}

/**
 * knuma_hooks_mig_incontext() - migrate_misplaced_* calls seen
 *
 * Return: migrations inside hint faults (sync mode, fallback, mainline).
 */
long knuma_hooks_mig_incontext(void)
{
	return atomic_long_read(&knuma_mig_incontext);
}

/**
 * knuma_hooks_see_addresses() - are hint-fault addresses recorded?
 *
 * Return: true when the mpol_misplaced hook is installed.
 */
bool knuma_hooks_see_addresses(void)
{
	struct knuma_hook *h;

	for (h = knuma_hooks; h < knuma_hooks + ARRAY_SIZE(knuma_hooks); h++)
		if (h->handler == knuma_hook_misplaced_entry)
			return h->installed;
	return false;
}

/**
 * knuma_hooks_show() - list the hook table for debugfs
 * @m: seq_file to print to
 */
void knuma_hooks_show(struct seq_file *m)
{
	struct knuma_hook *h;

	seq_puts(m, "hooks:\n");
	for (h = knuma_hooks; h < knuma_hooks + ARRAY_SIZE(knuma_hooks); h++)
		seq_printf(m, "  %-28s %-9s %-8s hits %-10ld %s\n", h->target,
			   h->installed ? "installed" : "absent",
			   h->required ? "required" : "optional",
			   atomic_long_read(&h->hits), h->why);
	seq_printf(m, "change_prot_numa_calls: knuma %ld in_context %ld\n",
		   atomic_long_read(&knuma_cpn_knuma),
		   atomic_long_read(&knuma_cpn_incontext));
	seq_printf(m, "migrate_misplaced_calls: in_context %ld\n",
		   atomic_long_read(&knuma_mig_incontext));
}
