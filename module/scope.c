// SPDX-License-Identifier: GPL-2.0
/*
 * Per-process and per-cgroup scope: which processes knuma balances.
 *
 * scope=all|optin|optout says what being on scope_list means; scope_list
 * holds processes (by struct pid, so PID reuse cannot hit a newcomer) and
 * cgroup v2 directories (a reference on the cgroup). Both are
 * module parameters, not debugfs files, so that they stay writable under
 * lockdown. A process's entry goes when it exits, a cgroup's when the
 * cgroup is removed (checked once a second and on every read).
 *
 * Readers are the scan request and the fault path, neither of which may
 * sleep: they take a spinlock, and cache the answer per mm together with
 * knuma_scope_gen, which every change bumps (scanner/mm.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/err.h>
#include <linux/list.h>
#include <linux/moduleparam.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "knuma.h"
#include "policy.h"

/* Enough for an operator's list, small enough to scan under a spinlock. */
#define KNUMA_SCOPE_MAX_ENTRIES	256

struct knuma_scope_entry {
	struct list_head node;
	struct pid *pid;		/* a process (thread group), or */
	struct cgroup *cgrp;		/* a cgroup v2 directory */
	char path[];			/* the cgroup's path as written */
};

static LIST_HEAD(knuma_scope_list);
static DEFINE_SPINLOCK(knuma_scope_lock);
static unsigned int knuma_scope_count;
/*
 * Set by module exit: the parameter files outlive exit() until the module's
 * sysfs directory goes, so a write can still come; it must not add an entry
 * (and its pid or cgroup reference) that nothing would free.
 */
static bool knuma_scope_closed;
atomic_t knuma_scope_gen = ATOMIC_INIT(1);

/**
 * knuma_scope_changed() - make every cached scope answer stale
 */
void knuma_scope_changed(void)
{
	atomic_inc(&knuma_scope_gen);
}

static bool knuma_scope_entry_gone(const struct knuma_scope_entry *e)
{
	if (e->pid)
		return !pid_task(e->pid, PIDTYPE_TGID);
#ifdef CONFIG_CGROUPS
	/* rmdir takes CSS_ONLINE off the cgroup's own css at once. */
	return !(READ_ONCE(e->cgrp->self.flags) & CSS_ONLINE);
#else
	return true;
#endif
}

static void knuma_scope_entry_free(struct knuma_scope_entry *e)
{
	put_pid(e->pid);
#ifdef CONFIG_CGROUPS
	if (e->cgrp)
		cgroup_put(e->cgrp);
#endif
	kfree(e);
}

/* Is @p, or a cgroup it is in, listed? Caller holds knuma_scope_lock. */
static bool knuma_scope_listed(struct task_struct *p)
{
	struct knuma_scope_entry *e;
	struct pid *tgid = task_tgid(p);
	bool hit = false;

	rcu_read_lock();
	list_for_each_entry(e, &knuma_scope_list, node) {
		if (e->pid) {
			hit = e->pid == tgid;
		} else {
#ifdef CONFIG_CGROUPS
			hit = cgroup_is_descendant(task_dfl_cgroup(p), e->cgrp);
#endif
		}
		if (hit)
			break;
	}
	rcu_read_unlock();
	return hit;
}

/**
 * knuma_scope_excludes() - must knuma leave this process alone?
 * @p: a task of the process (current, in the scan request or a fault)
 *
 * Never sleeps.
 *
 * Return: true when scope and scope_list put it out of scope.
 */
bool knuma_scope_excludes(struct task_struct *p)
{
	int scope = READ_ONCE(knuma_scope);
	bool listed;

	if (scope == KNUMA_SCOPE_ALL)
		return false;
	spin_lock(&knuma_scope_lock);
	listed = knuma_scope_listed(p);
	spin_unlock(&knuma_scope_lock);
	return !knuma_policy_in_scope(scope, listed);
}

/* Unlink the entries whose process exited or cgroup was removed. */
static void knuma_scope_reap(struct list_head *victims)
{
	struct knuma_scope_entry *e, *tmp;

	rcu_read_lock();
	list_for_each_entry_safe(e, tmp, &knuma_scope_list, node) {
		if (!knuma_scope_entry_gone(e))
			continue;
		list_move(&e->node, victims);
		knuma_scope_count--;
	}
	rcu_read_unlock();
}

static void knuma_scope_free_list(struct list_head *victims)
{
	struct knuma_scope_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, victims, node)
		knuma_scope_entry_free(e);
}

/**
 * knuma_scope_sweep() - forget exited processes and removed cgroups
 *
 * Called once a second by the first node thread, and on every read.
 */
void knuma_scope_sweep(void)
{
	LIST_HEAD(victims);

	spin_lock(&knuma_scope_lock);
	knuma_scope_reap(&victims);
	spin_unlock(&knuma_scope_lock);
	if (!list_empty(&victims))
		knuma_scope_changed();
	knuma_scope_free_list(&victims);
}

/**
 * knuma_scope_exit() - free scope_list (module exit)
 */
void knuma_scope_exit(void)
{
	LIST_HEAD(victims);

	spin_lock(&knuma_scope_lock);
	knuma_scope_closed = true;
	list_splice_init(&knuma_scope_list, &victims);
	knuma_scope_count = 0;
	spin_unlock(&knuma_scope_lock);
	knuma_scope_free_list(&victims);
}

/* A new entry for @req, with its reference taken; ERR_PTR on failure. */
static struct knuma_scope_entry *knuma_scope_entry_new(const struct knuma_scope_req *req)
{
	struct knuma_scope_entry *e;
	struct task_struct *p;
	struct pid *spid;

	e = kzalloc(struct_size(e, path, req->path_len + 1), GFP_KERNEL);
	if (!e)
		return ERR_PTR(-ENOMEM);
	if (!req->cgroup) {
		/* Any thread's PID names its process; kernel threads have none to balance. */
		spid = find_get_pid(req->pid);
		p = spid ? get_pid_task(spid, PIDTYPE_PID) : NULL;
		put_pid(spid);
		if (p && p->mm && !(p->flags & PF_KTHREAD))
			e->pid = get_pid(task_tgid(p));
		if (!e->pid) {
			kfree(e);
			e = ERR_PTR(p ? -EINVAL : -ESRCH);
		}
		if (p)
			put_task_struct(p);
		return e;
	}
#ifdef CONFIG_CGROUPS
	memcpy(e->path, req->path, req->path_len);
	e->cgrp = cgroup_get_from_path(e->path);
	if (IS_ERR(e->cgrp)) {
		kfree(e);
		return ERR_PTR(-ENOENT);
	}
	return e;
#else
	kfree(e);
	return ERR_PTR(-EOPNOTSUPP);
#endif
}

static bool knuma_scope_same(const struct knuma_scope_entry *e,
			     const struct knuma_scope_entry *n)
{
	return n->pid ? e->pid == n->pid : e->cgrp == n->cgrp;
}

/*
 * Add or remove one entry. Errors: -EINVAL (syntax, a kernel thread),
 * -ESRCH (no such process), -ENOENT (no such cgroup, or removing what is
 * not listed), -EEXIST (listed already), -ENOSPC (list full).
 */
static int knuma_scope_list_set(const char *val, const struct kernel_param *kp)
{
	struct knuma_scope_entry *n, *e, *found = NULL;
	struct knuma_scope_req req;
	LIST_HEAD(victims);
	int ret;

	if (knuma_policy_scope_parse(val, &req))
		return -EINVAL;
	n = knuma_scope_entry_new(&req);
	if (IS_ERR(n))
		return PTR_ERR(n);

	spin_lock(&knuma_scope_lock);
	if (knuma_scope_closed) {
		spin_unlock(&knuma_scope_lock);
		knuma_scope_entry_free(n);
		return -ENODEV;
	}
	knuma_scope_reap(&victims);
	list_for_each_entry(e, &knuma_scope_list, node) {
		if (knuma_scope_same(e, n)) {
			found = e;
			break;
		}
	}
	if (req.remove) {
		if (found) {
			list_move(&found->node, &victims);
			knuma_scope_count--;
		}
		list_add(&n->node, &victims);
		ret = found ? 0 : -ENOENT;
	} else if (found) {
		ret = -EEXIST;
		list_add(&n->node, &victims);
	} else if (knuma_scope_count >= KNUMA_SCOPE_MAX_ENTRIES) {
		ret = -ENOSPC;
		list_add(&n->node, &victims);
	} else {
		list_add_tail(&n->node, &knuma_scope_list);
		knuma_scope_count++;
		ret = 0;
	}
	spin_unlock(&knuma_scope_lock);
	knuma_scope_changed();
	knuma_scope_free_list(&victims);
	return ret;
}

/* One line per entry: the PID (in the reader's namespace) or cgroup:PATH. */
static int knuma_scope_list_get(char *buf, const struct kernel_param *kp)
{
	struct knuma_scope_entry *e;
	int len = 0;

	knuma_scope_sweep();
	spin_lock(&knuma_scope_lock);
	list_for_each_entry(e, &knuma_scope_list, node) {
		if (e->pid)
			len += scnprintf(buf + len, PAGE_SIZE - len, "%d\n",
					 pid_vnr(e->pid));
		else
			len += scnprintf(buf + len, PAGE_SIZE - len, "cgroup:%s\n",
					 e->path);
	}
	spin_unlock(&knuma_scope_lock);
	return len;
}

static const struct kernel_param_ops knuma_param_ops_scope_list = {
	.set = knuma_scope_list_set,
	.get = knuma_scope_list_get,
};

module_param_cb(scope_list, &knuma_param_ops_scope_list, NULL, 0644);
MODULE_PARM_DESC(scope_list,
		 "Processes and cgroups named by scope: write PID, -PID, cgroup:/PATH or -cgroup:/PATH (path from the cgroup2 root), one per write; read: one per line");
