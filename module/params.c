// SPDX-License-Identifier: GPL-2.0
/*
 * Module parameters (/sys/module/knuma/parameters). Every writable one goes
 * through a validating setter: a rejected write returns -EINVAL and leaves
 * the value as it was.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "knuma.h"
#include "policy.h"

bool knuma_enabled = true;

/*
 * Accept exactly "0" or "1", with one optional trailing newline (echo adds
 * one). param_set_bool() would also take y/n/on/off and ignore trailing
 * garbage; an operator typo must not pass silently.
 */
static int knuma_param_set_01(const char *val, const struct kernel_param *kp)
{
	size_t len = strlen(val);

	if (len == 2 && val[1] == '\n')
		len = 1;
	if (len != 1 || (val[0] != '0' && val[0] != '1'))
		return -EINVAL;
	WRITE_ONCE(*(bool *)kp->arg, val[0] == '1');
	return 0;
}

static int knuma_param_get_01(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(*(bool *)kp->arg) ? 1 : 0);
}

static const struct kernel_param_ops knuma_param_ops_01 = {
	.set = knuma_param_set_01,
	.get = knuma_param_get_01,
};

/*
 * enabled=0 hands balancing back to the kernel, as it was before knuma
 * loaded: a kernel.numa_balancing of 0 that knuma switched on goes back to
 * 0 (scanner/sysctl.c), and is switched on again with enabled=1.
 */
static int knuma_param_set_enabled(const char *val, const struct kernel_param *kp)
{
	int ret = knuma_param_set_01(val, kp);

	if (!ret)
		knuma_sysctl_enabled();
	return ret;
}

static const struct kernel_param_ops knuma_param_ops_enabled = {
	.set = knuma_param_set_enabled,
	.get = knuma_param_get_01,
};

module_param_cb(enabled, &knuma_param_ops_enabled, &knuma_enabled, 0644);
MODULE_PARM_DESC(enabled,
		 "Master switch, runtime-writable: 1 = knuma acts, 0 = loaded but idle, the kernel's own balancing as before the load (default 1; 0 or 1)");

/*
 * Integer tunables: a decimal integer in [min, max], optionally checked
 * against another parameter. kstrtoint() takes one trailing newline and
 * nothing else; every failure is reported as -EINVAL.
 */
struct knuma_int_param {
	int *val;
	int min, max;
	bool (*ok)(int v);	/* cross-parameter check, or NULL */
};

static int knuma_param_set_int(const char *val, const struct kernel_param *kp)
{
	const struct knuma_int_param *p = kp->arg;
	int v;

	if (kstrtoint(val, 10, &v) || v < p->min || v > p->max)
		return -EINVAL;
	if (p->ok && !p->ok(v))
		return -EINVAL;
	WRITE_ONCE(*p->val, v);
	return 0;
}

static int knuma_param_get_int(char *buf, const struct kernel_param *kp)
{
	const struct knuma_int_param *p = kp->arg;

	return sysfs_emit(buf, "%d\n", READ_ONCE(*p->val));
}

static const struct kernel_param_ops knuma_param_ops_int = {
	.set = knuma_param_set_int,
	.get = knuma_param_get_int,
};

#define KNUMA_PARAM_INT_OPS(_name, _var, _min, _max, _ok, _ops, _perm)	\
	static struct knuma_int_param knuma_param_##_name = {		\
		.val = &(_var), .min = (_min), .max = (_max), .ok = (_ok) };	\
	module_param_cb(_name, _ops, &knuma_param_##_name, _perm)
#define KNUMA_PARAM_INT_PERM(_name, _var, _min, _max, _ok, _perm)		\
	KNUMA_PARAM_INT_OPS(_name, _var, _min, _max, _ok, &knuma_param_ops_int, _perm)
#define KNUMA_PARAM_INT(_name, _var, _min, _max, _ok)			\
	KNUMA_PARAM_INT_PERM(_name, _var, _min, _max, _ok, 0644)

/* Defaults are mainline's sysctl_numa_balancing_scan_* where it has one. */
int knuma_scan_delay_ms = 1000;
int knuma_scan_period_min_ms = 1000;
int knuma_scan_period_max_ms = 60000;
int knuma_scan_size_mb = 256;
int knuma_thread_nice;
int knuma_thread_duty_pct = 10;
int knuma_mm_scan_cap_pct = 3;

/* Writes are serialised by kernel_param_lock, so min <= max holds. */
static bool knuma_period_min_ok(int v)
{
	return v <= READ_ONCE(knuma_scan_period_max_ms);
}

static bool knuma_period_max_ok(int v)
{
	return v >= READ_ONCE(knuma_scan_period_min_ms);
}

KNUMA_PARAM_INT(scan_delay_ms, knuma_scan_delay_ms, 0, 3600000, NULL);
MODULE_PARM_DESC(scan_delay_ms,
		 "Age before a new process is first scanned, ms (default 1000; 0-3600000)");
KNUMA_PARAM_INT(scan_period_min_ms, knuma_scan_period_min_ms, 10, 3600000,
		knuma_period_min_ok);
MODULE_PARM_DESC(scan_period_min_ms,
		 "Shortest scan period of a process, ms (default 1000; 10-3600000, <= scan_period_max_ms)");
KNUMA_PARAM_INT(scan_period_max_ms, knuma_scan_period_max_ms, 10, 3600000,
		knuma_period_max_ok);
MODULE_PARM_DESC(scan_period_max_ms,
		 "Longest scan period of a process, ms (default 60000; 10-3600000, >= scan_period_min_ms)");
KNUMA_PARAM_INT(scan_size_mb, knuma_scan_size_mb, 1, 65536, NULL);
MODULE_PARM_DESC(scan_size_mb,
		 "Memory marked per scan pass, MB; virtual span capped at 8x (default 256; 1-65536)");

/*
 * Scan relevance (scanner/vmas.c, policy/relevance.c): which parts of each
 * VMA a pass marks, from where its hint faults hit.
 */
bool knuma_scan_filter = true;
int knuma_vma_delay_ms = 1000;

module_param_cb(scan_filter, &knuma_param_ops_01, &knuma_scan_filter, 0644);
MODULE_PARM_DESC(scan_filter,
		 "Mark only what is in use: young VMAs wait, idle ones are looked at less often, large ones are sampled, then their access window is marked (default 1; 0 or 1)");
KNUMA_PARAM_INT(vma_delay_ms, knuma_vma_delay_ms, 0, 3600000, NULL);
MODULE_PARM_DESC(vma_delay_ms,
		 "Age of a VMA before it is first marked, ms; with scan_filter (default 1000; 0-3600000)");

/*
 * A page another task used on another node within the last five scan
 * periods of its process (KNUMA_SHARE_LOOKS), and at most share_window_ms
 * ago, is shared and stays (scanner/pageuse.c).
 */
int knuma_share_window_ms = 60000;

KNUMA_PARAM_INT(share_window_ms, knuma_share_window_ms, 0, 3600000, NULL);
MODULE_PARM_DESC(share_window_ms,
		 "Longest time a page another task used on another node counts as shared and stays, ms (default 60000; 0 disables)");
KNUMA_PARAM_INT(thread_nice, knuma_thread_nice, -20, 19, NULL);
MODULE_PARM_DESC(thread_nice,
		 "Nice value of the knuma/<nid> threads (default 0; -20-19)");
KNUMA_PARAM_INT(thread_duty_pct, knuma_thread_duty_pct, 1, 100, NULL);
MODULE_PARM_DESC(thread_duty_pct,
		 "Max CPU share of each knuma/<nid> thread per second, % (default 10; 1-100)");
KNUMA_PARAM_INT(mm_scan_cap_pct, knuma_mm_scan_cap_pct, 1, 100, NULL);
MODULE_PARM_DESC(mm_scan_cap_pct,
		 "Max scan time of a process relative to its own CPU time, % (default 3; 1-100)");

/*
 * migrate_mode: where a page chosen to move is migrated. "sync": in the
 * faulting thread, as mainline; "async": queued to the target node's knuma
 * thread, which migrates in batches; "off": nowhere, knuma only observes
 * (scans, counts faults and decisions). Exactly one of the words, with one
 * optional trailing newline; switchable at runtime (what is queued stays
 * queued and is migrated).
 */
int knuma_migrate_mode = KNUMA_MIGRATE_ASYNC;

static const char * const knuma_migrate_mode_names[] = {
	[KNUMA_MIGRATE_SYNC] = "sync",
	[KNUMA_MIGRATE_ASYNC] = "async",
	[KNUMA_MIGRATE_OFF] = "off",
};

/*
 * Word-valued parameters: exactly one of the words of @names, with one
 * optional trailing newline; @changed (may be NULL) runs after a change.
 */
struct knuma_enum_param {
	int *val;
	const char * const *names;
	unsigned int n;
	void (*changed)(void);
};

static int knuma_param_set_enum(const char *val, const struct kernel_param *kp)
{
	const struct knuma_enum_param *p = kp->arg;
	int i = __sysfs_match_string(p->names, p->n, val);

	if (i < 0)
		return -EINVAL;
	WRITE_ONCE(*p->val, i);
	if (p->changed)
		p->changed();
	return 0;
}

static int knuma_param_get_enum(char *buf, const struct kernel_param *kp)
{
	const struct knuma_enum_param *p = kp->arg;

	return sysfs_emit(buf, "%s\n", p->names[READ_ONCE(*p->val)]);
}

static const struct kernel_param_ops knuma_param_ops_enum = {
	.set = knuma_param_set_enum,
	.get = knuma_param_get_enum,
};

/* The words are the array knuma_<name>_names, so its size is known. */
#define KNUMA_PARAM_ENUM(_name, _var, _changed)				\
	static struct knuma_enum_param knuma_param_##_name = {		\
		.val = &(_var), .names = knuma_##_name##_names,		\
		.n = ARRAY_SIZE(knuma_##_name##_names),			\
		.changed = (_changed) };				\
	module_param_cb(_name, &knuma_param_ops_enum, &knuma_param_##_name, 0644)

/**
 * knuma_migrate_mode_name() - the current migrate_mode
 *
 * Return: "sync", "async" or "off".
 */
const char *knuma_migrate_mode_name(void)
{
	return knuma_migrate_mode_names[READ_ONCE(knuma_migrate_mode)];
}

KNUMA_PARAM_ENUM(migrate_mode, knuma_migrate_mode, NULL);
MODULE_PARM_DESC(migrate_mode,
		 "Where pages are migrated: async = in batches by the target node's thread, sync = in the faulting thread, off = nowhere, observe only (default async)");

int knuma_migrate_rate_mb;
int knuma_migrate_duty_pct = 100;
int knuma_migrate_stall_ms = 1000;
int knuma_migrate_queue_len = 1024;

KNUMA_PARAM_INT(migrate_rate_mb, knuma_migrate_rate_mb, 0, 100000, NULL);
MODULE_PARM_DESC(migrate_rate_mb,
		 "Max migration into each node, MiB/s; 0 = no limit (default 0; 0-100000)");
KNUMA_PARAM_INT(migrate_duty_pct, knuma_migrate_duty_pct, 1, 100, NULL);
MODULE_PARM_DESC(migrate_duty_pct,
		 "Max CPU share each knuma/<nid> thread spends migrating per second, % (default 100; 1-100)");

KNUMA_PARAM_INT(migrate_stall_ms, knuma_migrate_stall_ms, 0, 60000, NULL);
MODULE_PARM_DESC(migrate_stall_ms,
		 "Async: when a node's oldest queued folio waited this long, faults to that node migrate in their own context, ms; 0 = never (default 1000; 0-60000)");

/*
 * scope: who knuma balances, all, optin (only what scope_list names) or
 * optout (all but that); module/scope.c keeps the list. A change makes
 * every process's cached answer stale.
 */
int knuma_scope = KNUMA_SCOPE_ALL;

static const char * const knuma_scope_names[] = {
	[KNUMA_SCOPE_ALL] = "all",
	[KNUMA_SCOPE_OPTIN] = "optin",
	[KNUMA_SCOPE_OPTOUT] = "optout",
};

/**
 * knuma_scope_name() - the current scope
 *
 * Return: "all", "optin" or "optout".
 */
const char *knuma_scope_name(void)
{
	return knuma_scope_names[READ_ONCE(knuma_scope)];
}

KNUMA_PARAM_ENUM(scope, knuma_scope, knuma_scope_changed);
MODULE_PARM_DESC(scope,
		 "Who is balanced: all, optin = only what scope_list names, optout = all but what scope_list names (default all)");

/*
 * The queues and the threads that empty them are set up at load: set with
 * modprobe. Once the module is live a write cannot be applied (the rings
 * are in use, the threads running) and gets -EBUSY, not a silent success.
 */
bool knuma_live;

static int knuma_param_set_load_only(const char *val,
				     const struct kernel_param *kp)
{
	if (READ_ONCE(knuma_live))
		return -EBUSY;
	return knuma_param_set_int(val, kp);
}

static const struct kernel_param_ops knuma_param_ops_load_only = {
	.set = knuma_param_set_load_only,
	.get = knuma_param_get_int,
};

/* An integer tunable read once, at load. */
#define KNUMA_PARAM_INT_LOAD_ONLY(_name, _var, _min, _max)		\
	KNUMA_PARAM_INT_OPS(_name, _var, _min, _max, NULL,			\
			    &knuma_param_ops_load_only, 0644)

KNUMA_PARAM_INT_LOAD_ONLY(migrate_queue_len, knuma_migrate_queue_len, 16, 65536);
MODULE_PARM_DESC(migrate_queue_len,
		 "Folios each node's async queue holds; load time only, -EBUSY at runtime (default 1024; 16-65536)");

/*
 * Threads that copy queued folios to a node: its knuma/<nid> and
 * migrate_threads - 1 copiers, knuma/<nid>m<k> (scanner/thread.c), started
 * at load. 0: as many as the node thread has CPUs, at most 4. Default 1
 * (no copiers): with copiers, NUMA-group memory on 6.1 failed to gather in
 * 2 of 5 runs of the numagroup test, 0 of 5 without (2026-12-07).
 */
int knuma_migrate_threads = 1;

KNUMA_PARAM_INT_LOAD_ONLY(migrate_threads, knuma_migrate_threads, 0, 16);
MODULE_PARM_DESC(migrate_threads,
		 "Async: threads that migrate queued folios to each node, its knuma/<nid> included; 0 = one per CPU that thread may use, at most 4; load time only, -EBUSY at runtime (default 1; 0-16)");

/*
 * Load-time only and not visible in sysfs: used by the health test
 * (module/health.c), as if knuma misread this kernel's isolation.
 */
bool knuma_test_fail_isolate;
module_param_named(test_fail_isolate, knuma_test_fail_isolate, bool, 0);
MODULE_PARM_DESC(test_fail_isolate,
		 "Testing only: the node threads fail every isolation (default N)");

/*
 * Load-time only and not visible in sysfs: used by the health test, as if
 * this kernel's hint faults no longer reached knuma's decision.
 */
bool knuma_test_skip_decision;
module_param_named(test_skip_decision, knuma_test_skip_decision, bool, 0);
MODULE_PARM_DESC(test_skip_decision,
		 "Testing only: hint faults never reach knuma's migration decision (default N)");

/*
 * Load-time only and not visible in sysfs: used by the scope-unload test.
 * Module exit sleeps this long once scope_list is closed, so that a write
 * racing rmmod lands in the window between exit and the removal of the
 * parameter files (it must be refused, not leak its reference).
 */
unsigned int knuma_test_exit_delay_ms;
module_param_named(test_exit_delay_ms, knuma_test_exit_delay_ms, uint, 0);
MODULE_PARM_DESC(test_exit_delay_ms,
		 "Testing only: module exit waits this long (at most 10000 ms) after closing scope_list (default 0)");

/* Load-time only and not visible in sysfs: used by the refusal-path test. */
char *knuma_test_require_symbol;
module_param_named(test_require_symbol, knuma_test_require_symbol, charp, 0);
MODULE_PARM_DESC(test_require_symbol,
		 "Testing only: an extra required kernel symbol; if missing, loading fails (default none)");
