// SPDX-License-Identifier: GPL-2.0
/*
 * knuma and kernel.numa_balancing.
 *
 * With the sysctl at 0 the scheduler never queues task_numa_work and
 * change_prot_numa() marks nothing on a DRAM-only machine (change_pte_range
 * skips top-tier pages without NUMA_BALANCING_NORMAL), so a loaded knuma
 * would silently do nothing. Loading knuma is taken as the operator's
 * request for balancing: if the sysctl is 0 at load, knuma switches it on
 * through the kernel's own set_numabalancing_state() -- the sysctl, the mode
 * and the static key change together, so /proc/sys/kernel/numa_balancing
 * always shows what the kernel does -- and switches it back off at unload,
 * unless the operator changed it meanwhile. Writing 0 while knuma is
 * loaded is obeyed: the tick stops asking and knuma's threads stop scanning.
 *
 * Only an enabled knuma is such a request: with enabled=0 the kernel's own
 * balancing runs (the hooks pass through), so knuma leaves a 0 alone at load
 * and gives back a 0 it took when enabled goes to 0; it takes it again when
 * enabled goes back to 1.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mutex.h>
#include <linux/sched/sysctl.h>
#include <linux/seq_file.h>

#include "knuma.h"
#include "symbols.h"

static int *knuma_sysctl_mode;	/* sysctl_numa_balancing_mode */
static bool knuma_sysctl_taken;
static bool knuma_sysctl_ready;	/* between knuma_sysctl_take() and _restore() */
static DEFINE_MUTEX(knuma_sysctl_lock);	/* the three above, and the switching */

/**
 * knuma_sysctl_on() - does kernel.numa_balancing ask for knuma's scans now?
 *
 * The NORMAL mode bit, without memory tiering: in tiering mode (2, or 3)
 * knuma steps aside, and the kernel's own scan and promotion run (its scan
 * marks only slow-tier memory when NORMAL is clear, and its promotion
 * decides from hint-fault latency, which knuma's decision does not model).
 *
 * Return: true when knuma's threads should scan.
 */
bool knuma_sysctl_on(void)
{
	int mode;

	if (!knuma_sysctl_mode)
		return false;
	mode = READ_ONCE(*knuma_sysctl_mode);
	return (mode & NUMA_BALANCING_NORMAL) &&
	       !(mode & NUMA_BALANCING_MEMORY_TIERING);
}

/**
 * knuma_sysctl_tiering() - is memory-tiering mode on?
 *
 * Return: true when kernel.numa_balancing has the MEMORY_TIERING bit.
 */
bool knuma_sysctl_tiering(void)
{
	return knuma_sysctl_mode &&
	       (READ_ONCE(*knuma_sysctl_mode) & NUMA_BALANCING_MEMORY_TIERING);
}

/* Give back a 0 that knuma took. Called with knuma_sysctl_lock held. */
static void knuma_sysctl_give_back(void)
{
	if (!knuma_sysctl_taken)
		return;
	knuma_sysctl_taken = false;
	if (READ_ONCE(*knuma_sysctl_mode) != NUMA_BALANCING_NORMAL) {
		pr_info("kernel.numa_balancing changed while loaded: left at %d\n",
			READ_ONCE(*knuma_sysctl_mode));
		return;
	}
	knuma_call(set_numabalancing_state)(false);
	pr_info("kernel.numa_balancing restored to 0\n");
}

/* Take a 0 while enabled, give it back while not. knuma_sysctl_lock held. */
static void knuma_sysctl_apply(void)
{
	if (!knuma_sysctl_mode)
		return;
	if (!READ_ONCE(knuma_enabled)) {
		knuma_sysctl_give_back();
		return;
	}
	if (knuma_sysctl_taken || READ_ONCE(*knuma_sysctl_mode))
		return;
	knuma_call(set_numabalancing_state)(true);
	knuma_sysctl_taken = true;
	pr_info("kernel.numa_balancing was 0: set to 1 while knuma is loaded and enabled\n");
}

/**
 * knuma_sysctl_take() - switch kernel balancing on if it is off (module init)
 *
 * Only while knuma is enabled; knuma_sysctl_enabled() follows the switch.
 */
void knuma_sysctl_take(void)
{
	mutex_lock(&knuma_sysctl_lock);
	knuma_sysctl_mode = (int *)knuma_sym_addr("sysctl_numa_balancing_mode");
	knuma_sysctl_taken = false;
	knuma_sysctl_ready = true;
	knuma_sysctl_apply();
	mutex_unlock(&knuma_sysctl_lock);
}

/**
 * knuma_sysctl_enabled() - the enabled parameter was written
 *
 * Takes a 0 sysctl when knuma is now enabled, gives back one it took when
 * not. Nothing before knuma_sysctl_take() or after knuma_sysctl_restore().
 */
void knuma_sysctl_enabled(void)
{
	mutex_lock(&knuma_sysctl_lock);
	if (knuma_sysctl_ready)
		knuma_sysctl_apply();
	mutex_unlock(&knuma_sysctl_lock);
}

/**
 * knuma_sysctl_restore() - undo knuma_sysctl_take() (module exit)
 */
void knuma_sysctl_restore(void)
{
	mutex_lock(&knuma_sysctl_lock);
	knuma_sysctl_ready = false;
	knuma_sysctl_give_back();
	mutex_unlock(&knuma_sysctl_lock);
}

/**
 * knuma_sysctl_show() - sysctl state for debugfs
 * @m: seq_file to print to
 */
void knuma_sysctl_show(struct seq_file *m)
{
	seq_printf(m, "numa_balancing: %d%s\n",
		   knuma_sysctl_mode ? READ_ONCE(*knuma_sysctl_mode) : -1,
		   READ_ONCE(knuma_sysctl_taken) ?
		   " (set to 1 by knuma; 0 restored at unload or enabled=0)" : "");
}
