// SPDX-License-Identifier: GPL-2.0
/*
 * Per-node knuma threads: one "knuma/<nid>" for every node that has CPUs,
 * created on that node and bound to its CPUs. Work reaches a thread through
 * its own queue and wait queue, never through locks shared across nodes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/kthread.h>
#include <linux/nodemask.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/topology.h>
#include <linux/wait.h>

#include "knuma.h"

struct knuma_node_thread {
	int nid;
	struct task_struct *task;
	struct completion started;
	wait_queue_head_t wait;
};

static struct knuma_node_thread **knuma_threads;

static int knuma_scan_thread_fn(void *data)
{
	struct knuma_node_thread *t = data;

	complete(&t->started);
	while (!kthread_should_stop()) {
		/* Nothing is queued yet: scanning arrives with issue 3. */
		wait_event_interruptible(t->wait, kthread_should_stop());
	}
	return 0;
}

static int knuma_scan_thread_start(int nid)
{
	struct knuma_node_thread *t;
	int ret;

	t = kzalloc_node(sizeof(*t), GFP_KERNEL, nid);
	if (!t)
		return -ENOMEM;
	t->nid = nid;
	init_completion(&t->started);
	init_waitqueue_head(&t->wait);

	t->task = kthread_create_on_node(knuma_scan_thread_fn, t, nid,
					 "knuma/%d", nid);
	if (IS_ERR(t->task)) {
		ret = PTR_ERR(t->task);
		kfree(t);
		return ret;
	}
	/* kthread_bind_mask() is not exported; this is its closest equivalent. */
	ret = set_cpus_allowed_ptr(t->task, cpumask_of_node(nid));
	if (ret) {
		kthread_stop(t->task);
		kfree(t);
		return ret;
	}
	wake_up_process(t->task);
	wait_for_completion(&t->started);
	knuma_threads[nid] = t;
	return 0;
}

/**
 * knuma_scan_threads_stop() - stop every node thread
 *
 * Safe after a partial start.
 */
void knuma_scan_threads_stop(void)
{
	int nid;

	if (!knuma_threads)
		return;
	for (nid = 0; nid < nr_node_ids; nid++) {
		struct knuma_node_thread *t = knuma_threads[nid];

		if (!t)
			continue;
		kthread_stop(t->task);
		kfree(t);
		knuma_threads[nid] = NULL;
	}
	kfree(knuma_threads);
	knuma_threads = NULL;
}

/**
 * knuma_scan_threads_start() - start one thread per node with CPUs
 *
 * Return: 0, or the first error (threads already started are stopped).
 */
int knuma_scan_threads_start(void)
{
	int nid, ret;

	knuma_threads = kcalloc(nr_node_ids, sizeof(*knuma_threads), GFP_KERNEL);
	if (!knuma_threads)
		return -ENOMEM;
	for_each_node_with_cpus(nid) {
		ret = knuma_scan_thread_start(nid);
		if (ret) {
			pr_err("cannot start thread knuma/%d (%d)\n", nid, ret);
			knuma_scan_threads_stop();
			return ret;
		}
	}
	return 0;
}

/**
 * knuma_scan_threads_show() - list the node threads for debugfs
 * @m: seq_file to print to
 */
void knuma_scan_threads_show(struct seq_file *m)
{
	int nid;

	seq_puts(m, "threads:\n");
	for (nid = 0; nid < nr_node_ids; nid++) {
		struct knuma_node_thread *t = knuma_threads[nid];

		if (t)
			seq_printf(m, "  knuma/%-3d pid %-7d cpus %*pbl\n", nid,
				   task_pid_nr(t->task),
				   cpumask_pr_args(cpumask_of_node(nid)));
	}
}
