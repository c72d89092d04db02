// SPDX-License-Identifier: GPL-2.0
/*
 * Per-node knuma threads: one "knuma/<nid>" for every node that has CPUs,
 * created on that node and bound to its CPUs. A task's mm reaches the thread
 * of the node the task runs on through that thread's queue (scanner/mm.c).
 *
 * The threads pay for scanning in the open: their time is accounted per mm
 * and per thread, and each thread keeps under thread_duty_pct of a CPU.
 *
 * A node thread also migrates the folios hint faults queued to its node
 * (scanner/migrate.c), and so do its copiers, "knuma/<nid>m<k>" (k = 1 to
 * migrate_threads - 1): kernel threads on the same CPUs that only migrate,
 * so that a node copies in several threads at once when a whole workload's
 * memory is misplaced, as mainline copies in every faulting thread. Each
 * copying context keeps under migrate_duty_pct of a CPU.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/kthread.h>
#include <linux/mmap_lock.h>
#include <linux/nodemask.h>
#include <linux/sched.h>
#include <linux/sched/isolation.h>
#include <linux/sched/mm.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/topology.h>
#include <linux/wait.h>

#include "knuma.h"
#include "knuma_trace.h"
#include "policy.h"
#include "scanner.h"

#define KNUMA_DUTY_WINDOW_NS	NSEC_PER_SEC
#define KNUMA_SWEEP_INTERVAL	HZ

static struct knuma_node_thread **knuma_threads;
/*
 * Unload began: every thread that copies finishes its batch and starts no
 * other, so that the threads stopped one after another stop at once.
 */
static bool knuma_threads_stopping;

/*
 * May a copying thread (node thread or copier) start another batch from
 * @q? Not once it or the whole module is stopping, nor while the queue is
 * empty or held back by the rate limit.
 */
static bool knuma_mig_go_on(struct knuma_migq *q)
{
	return !kthread_should_stop() && !READ_ONCE(knuma_threads_stopping) &&
	       knuma_migq_ready(q);
}

/* The copiers of @t started so far; the first that many of t->copiers. */
static unsigned int knuma_copiers_nr(const struct knuma_node_thread *t)
{
	/* Pairs with the release in knuma_copier_start(). */
	return smp_load_acquire(&t->nr_copiers);
}

/**
 * knuma_scan_is_thread() - is @p one of knuma's threads?
 * @p: a task
 *
 * Return: true for knuma/<nid> and its copiers, knuma/<nid>m<k>.
 */
bool knuma_scan_is_thread(struct task_struct *p)
{
	struct knuma_node_thread *t;
	unsigned int i, n;
	int nid;

	if (!(p->flags & PF_KTHREAD) || !knuma_threads)
		return false;
	for (nid = 0; nid < nr_node_ids; nid++) {
		t = knuma_threads[nid];
		if (!t)
			continue;
		if (t->task == p)
			return true;
		n = knuma_copiers_nr(t);
		for (i = 0; i < n; i++)
			if (t->copiers[i]->task == p)
				return true;
	}
	return false;
}

/**
 * knuma_node_thread() - the thread of a node
 * @nid: node id
 *
 * Return: the thread, or NULL for a node without one (no CPUs at load).
 * Valid while knuma's hooks are installed.
 */
struct knuma_node_thread *knuma_node_thread(int nid)
{
	if (nid < 0 || nid >= nr_node_ids || !knuma_threads)
		return NULL;
	return knuma_threads[nid];
}

/**
 * knuma_scan_threads_lagging() - has any node thread fallen behind its queue?
 *
 * Return: true while some node's faults migrate themselves (migrate_stall_ms).
 */
bool knuma_scan_threads_lagging(void)
{
	int nid;

	for (nid = 0; nid < nr_node_ids; nid++)
		if (knuma_threads[nid] &&
		    knuma_migq_lagging_now(&knuma_threads[nid]->migq))
			return true;
	return false;
}

/**
 * __knuma_scan_enqueue() - hand an mm to a node's thread
 * @kmm: the mm, marked queued by the caller
 * @nid: node the requesting task runs on
 *
 * Caller holds knuma_mm_lock. Never sleeps.
 */
void __knuma_scan_enqueue(struct knuma_mm *kmm, int nid)
{
	struct knuma_node_thread *t = NULL;
	int n;

	lockdep_assert_held(&knuma_mm_lock);
	if (nid >= 0 && nid < nr_node_ids)
		t = knuma_threads[nid];
	/* A node that got CPUs after load has no thread: use the first one. */
	for (n = 0; !t && n < nr_node_ids; n++)
		t = knuma_threads[n];
	list_add_tail(&kmm->qnode, &t->queue);
	wake_up(&t->wait);
}

/*
 * Scan one mm; never wait behind an mmap_lock writer.
 *
 * kmm holds an mmgrab() reference: the mm_struct stays. Its VMAs and page
 * tables stay while the mmap_lock is held (exit_mmap() frees them under
 * the write lock), so a scan needs no mmget(): an mm_users reference would
 * make every process look multi-threaded to change_prot_numa(), which
 * skips the pages of a single-user private mapping already on the scanning
 * CPU's node (mainline's scan runs in the task, on that node; knuma's
 * thread runs on it too). An exiting mm (no users left) is never scanned,
 * tested again under the lock, as khugepaged does.
 *
 * One exception keeps the kernel's task placement fed: it folds a scan
 * sequence's faults only at a fault of a later sequence. Once knuma has
 * moved a single-threaded process's memory in one pass, the next would
 * mark nothing and the task would never get a preferred node. So when
 * the last full pass of a single-user mm marked nothing and its last hint
 * fault came from a task without a preferred node, the scan holds an
 * mm_users reference, so that local pages are marked too, at most
 * KNUMA_FEED_PAGES of them: a fault of the new sequence is all the
 * placement needs.
 */
static void knuma_scan_thread_scan(struct knuma_node_thread *t,
				   struct knuma_mm *kmm)
{
	struct mm_struct *mm = kmm->mm;
	/* With more users, change_prot_numa() marks local pages anyway. */
	bool feed = kmm->pass_empty && READ_ONCE(kmm->unplaced) &&
		    atomic_read(&mm->mm_users) == 1;
	bool full_pass = false;
	long ptes = 0;
	u64 t0, ns, cpu0, cpu_ns;

	if (feed ? !mmget_not_zero(mm) : !atomic_read(&mm->mm_users)) {
		kmm->dead = true;
		knuma_mm_scan_done(kmm, 0, 0, 0, false);
		return;
	}
	/* Queued before scope_list excluded it. */
	if (READ_ONCE(kmm->out_of_scope))
		goto skip;
	/* kernel.numa_balancing=0: change_prot_numa would mark nothing. */
	if (!knuma_sysctl_on())
		goto skip;
	if (!mmap_read_trylock(mm)) {
		kmm->lock_busy++;
		goto skip;
	}
	/* No user left but a feed scan's own reference: exiting. */
	if (atomic_read(&mm->mm_users) <= (feed ? 1 : 0)) {
		mmap_read_unlock(mm);
		kmm->dead = true;
		goto skip;
	}
	t0 = ktime_get_ns();
	cpu0 = current->se.sum_exec_runtime;
	ptes = knuma_scan_mm(kmm, feed ? KNUMA_FEED_PAGES :
			     (long)READ_ONCE(knuma_scan_size_mb) <<
			     (20 - PAGE_SHIFT), &full_pass);
	mmap_read_unlock(mm);
	ns = ktime_get_ns() - t0;
	/* A fault of the new sequence is on its way: no more feeding. */
	if (feed && ptes)
		kmm->pass_empty = false;
	/*
	 * The last reference, if the process exited meanwhile: its teardown
	 * goes to a workqueue, not into this thread's scan and duty time.
	 */
	if (feed)
		mmput_async(mm);
	/*
	 * What the process is charged is the CPU time the scan took, as
	 * mainline measures its own scan (tick-granular), never more than
	 * the wall time: a thread starved by busy CPUs takes long to scan,
	 * and charging that would stop the process's scans for minutes.
	 */
	cpu_ns = min(ns, current->se.sum_exec_runtime - cpu0);
	knuma_stat_hist(KNUMA_HIST_SCAN_LOCK, ns);
	trace_knuma_scan(t->nid, kmm->pid, ptes, ns, full_pass);

	t->mms_scanned++;
	t->ptes += ptes;
	t->scan_ns += ns;
	t->window_busy_ns += ns;
	knuma_mm_scan_done(kmm, ns, cpu_ns, ptes, full_pass);
	return;
skip:
	if (feed)
		mmput_async(mm);
	knuma_mm_scan_done(kmm, 0, 0, 0, false);
}

/*
 * Start a new duty-cycle window of a copying context once the current one
 * is over. Return: a new window began.
 */
static bool knuma_mig_window(struct knuma_mig_ctx *c)
{
	u64 now = ktime_get_ns();
	u64 allowed;

	if (now - c->window_start_ns < KNUMA_DUTY_WINDOW_NS)
		return false;
	/* Migration beyond its share of the time passed is debt. */
	allowed = div_u64((now - c->window_start_ns) *
			  READ_ONCE(knuma_migrate_duty_pct), 100);
	c->window_start_ns = now;
	c->window_mig_ns = c->window_mig_ns > allowed ?
			   c->window_mig_ns - allowed : 0;
	return true;
}

/* How long a copying context must rest to stay within migrate_duty_pct. */
static u64 knuma_mig_rest_ns(const struct knuma_mig_ctx *c)
{
	return knuma_policy_duty_rest_ns(c->window_mig_ns,
					 ktime_get_ns() - c->window_start_ns,
					 READ_ONCE(knuma_migrate_duty_pct));
}

/* Start a new duty-cycle window once the current one is over. */
static void knuma_scan_thread_window(struct knuma_node_thread *t)
{
	if (knuma_mig_window(&t->mig))
		t->window_busy_ns = 0;
}

/* May the thread migrate now, within migrate_duty_pct of this window? */
static bool knuma_scan_thread_may_migrate(struct knuma_node_thread *t)
{
	return !knuma_mig_rest_ns(&t->mig);
}

/* Does an mm wait for this thread to scan it? */
static bool knuma_scan_thread_scan_waiting(struct knuma_node_thread *t)
{
	bool ret;

	spin_lock(&knuma_mm_lock);
	ret = !list_empty(&t->queue);
	spin_unlock(&knuma_mm_lock);
	return ret;
}

/* Folios wait, the rate limit has tokens and the migration budget allows. */
static bool knuma_scan_thread_can_migrate(struct knuma_node_thread *t)
{
	return knuma_migq_ready(&t->migq) && knuma_scan_thread_may_migrate(t);
}

static bool knuma_scan_thread_has_work(struct knuma_node_thread *t)
{
	return knuma_scan_thread_can_migrate(t) ||
	       knuma_scan_thread_scan_waiting(t);
}

/*
 * Migrate batches while the queue is ready and the budget allows. A queue
 * that starts lagging meanwhile (a batch can take seconds on a node whose
 * CPUs are all busy) hands over to the scans waiting: the faults they
 * cause migrate themselves, and without them the pages whose requests
 * were dropped (queue full) would wait for the whole queue to drain.
 * Not while the thread rests from scanning (@resting): no scan would run.
 */
static void knuma_scan_thread_migrate(struct knuma_node_thread *t, bool resting)
{
	while (knuma_mig_go_on(&t->migq)) {
		if (!knuma_scan_thread_may_migrate(t)) {
			t->throttled++;
			break;
		}
		if (!resting && knuma_scan_thread_scan_waiting(t) &&
		    knuma_migq_lagging_now(&t->migq)) {
			t->yields++;
			break;
		}
		t->mig.window_mig_ns += knuma_migq_run(&t->mig);
		knuma_scan_thread_window(t);
		cond_resched();
	}
}

/*
 * Rest from scanning when it took more than thread_duty_pct of the current
 * window. Queued folios keep moving meanwhile: migration has its own budget
 * (migrate_duty_pct; over it, the thread stops migrating until the window
 * ends but still scans, so that the lagging-queue fallback, faults that
 * migrate themselves, keeps getting faults).
 */
static void knuma_scan_thread_duty(struct knuma_node_thread *t)
{
	unsigned long until;
	long left;
	u64 rest;

	rest = knuma_policy_duty_rest_ns(t->window_busy_ns,
					 ktime_get_ns() - t->mig.window_start_ns,
					 READ_ONCE(knuma_thread_duty_pct));
	if (rest) {
		t->throttled++;
		until = jiffies + nsecs_to_jiffies(rest) + 1;
		while (!kthread_should_stop() &&
		       (left = (long)(until - jiffies)) > 0) {
			/* Folios held back by the rate limit: look again soon. */
			wait_event_interruptible_timeout(t->wait, kthread_should_stop() ||
							 knuma_scan_thread_can_migrate(t),
							 knuma_migq_pending(&t->migq) ?
							 1 : left);
			knuma_scan_thread_window(t);
			knuma_scan_thread_migrate(t, true);
		}
	}
	knuma_scan_thread_window(t);
}

/*
 * The CPUs a node's thread may run on: its node's housekeeping CPUs, those
 * every kernel thread keeps to (not isolated by nohz_full= or isolcpus=):
 * an isolated CPU's user is there for the absence of such work. When every
 * CPU of the node is isolated, the housekeeping CPUs of the other nodes:
 * remote to the node's memory, but never on an isolated CPU.
 */
static void knuma_scan_thread_cpus(int nid, struct cpumask *cpus)
{
	cpumask_and(cpus, housekeeping_cpumask(HK_TYPE_KTHREAD),
		    housekeeping_cpumask(HK_TYPE_DOMAIN));
	if (cpumask_intersects(cpus, cpumask_of_node(nid)))
		cpumask_and(cpus, cpus, cpumask_of_node(nid));
}

/*
 * CPU hotplug: when every CPU of its node goes offline the scheduler moves
 * the thread elsewhere and widens its affinity; it keeps draining its
 * queue from there. Once a CPU of the node is back, bind to the node again.
 * Checked on every wakeup (at least once a second), so no hotplug callback.
 * @cpus: current's own mask. Return: current was bound again.
 */
static bool knuma_scan_rebind(int nid, struct cpumask *cpus)
{
	knuma_scan_thread_cpus(nid, cpus);
	if (cpumask_equal(current->cpus_ptr, cpus) ||
	    !cpumask_intersects(cpus, cpu_online_mask))
		return false;
	return !set_cpus_allowed_ptr(current, cpus);
}

static void knuma_scan_thread_rebind(struct knuma_node_thread *t)
{
	if (knuma_scan_rebind(t->nid, t->cpus))
		t->rebinds++;
}

/* Apply thread_nice to current; @nice: what it has now. */
static void knuma_scan_nice(int *nice)
{
	int want = READ_ONCE(knuma_thread_nice);

	if (want != *nice) {
		set_user_nice(current, want);
		*nice = want;
	}
}

/*
 * The thread of the lowest node that has one sweeps: threads live until
 * unload, also when every CPU of their node went offline (they run
 * elsewhere then), so the sweep never stops -- a node that only gained
 * CPUs after load has no thread to do it.
 */
static bool knuma_scan_thread_sweeps(const struct knuma_node_thread *t)
{
	int nid;

	for (nid = 0; nid < nr_node_ids; nid++)
		if (READ_ONCE(knuma_threads[nid]))
			return READ_ONCE(knuma_threads[nid]) == t;
	return false;
}

static int knuma_scan_thread_fn(void *data)
{
	struct knuma_node_thread *t = data;
	unsigned long last_sweep = jiffies;
	struct knuma_mm *kmm;
	bool lagging;

	t->mig.window_start_ns = ktime_get_ns();
	complete(&t->started);
	while (!kthread_should_stop()) {
		knuma_scan_thread_rebind(t);
		knuma_scan_nice(&t->nice);
		/* Folios held back by the rate limit: look again soon. */
		wait_event_interruptible_timeout(t->wait, kthread_should_stop() ||
						 knuma_scan_thread_has_work(t),
						 knuma_migq_pending(&t->migq) ?
						 1 : KNUMA_SWEEP_INTERVAL);
		knuma_scan_thread_window(t);
		/*
		 * Queued migrations first: their pages are remote until moved.
		 * Unless the queue lags: then faults migrate themselves, and
		 * what they need is the next scan.
		 */
		lagging = knuma_migq_lagging_now(&t->migq);
		if (!lagging)
			knuma_scan_thread_migrate(t, false);
		while (!kthread_should_stop() && (kmm = knuma_mm_dequeue(t))) {
			knuma_scan_thread_scan(t, kmm);
			knuma_scan_thread_duty(t);
			cond_resched();
			if (!lagging && knuma_scan_thread_can_migrate(t))
				break;
		}
		if (lagging)
			knuma_scan_thread_migrate(t, false);
		/* The first thread forgets exited processes, once a second. */
		if (time_after(jiffies, last_sweep + KNUMA_SWEEP_INTERVAL) &&
		    knuma_scan_thread_sweeps(t)) {
			knuma_mms_sweep();
			knuma_scope_sweep();
			knuma_health_check();
			last_sweep = jiffies;
		}
	}
	return 0;
}

/* Folios wait, the rate limit has tokens and the copier's budget allows. */
static bool knuma_copier_can_migrate(struct knuma_copier *cp)
{
	return knuma_migq_ready(&cp->mig.node->migq) &&
	       !knuma_mig_rest_ns(&cp->mig);
}

/* Bind a copier to its node's CPUs again if it left them; apply thread_nice. */
static void knuma_copier_settle(struct knuma_copier *cp)
{
	if (knuma_scan_rebind(cp->mig.node->nid, cp->cpus))
		WRITE_ONCE(cp->rebinds, cp->rebinds + 1);
	knuma_scan_nice(&cp->nice);
}

/*
 * A copier: sleeps on its node's mig_wait until folios are queued (or a
 * second passed), then migrates batches while the queue is ready and its
 * own budget allows. It never scans, so it never yields to a scan: when
 * the queue lags, the node thread scans and the copiers keep copying.
 */
static int knuma_copier_fn(void *data)
{
	struct knuma_copier *cp = data;
	struct knuma_mig_ctx *c = &cp->mig;
	struct knuma_node_thread *t = c->node;
	long timeout;
	u64 rest;

	c->window_start_ns = ktime_get_ns();
	complete(&cp->started);
	while (!kthread_should_stop()) {
		knuma_copier_settle(cp);
		/*
		 * Over its budget: back when it allows again. Folios held back
		 * by the rate limit: look again soon.
		 */
		rest = knuma_mig_rest_ns(c);
		if (rest)
			timeout = min_t(u64, nsecs_to_jiffies(rest),
					KNUMA_SWEEP_INTERVAL) + 1;
		else
			timeout = knuma_migq_pending(&t->migq) ?
				  1 : KNUMA_SWEEP_INTERVAL;
		wait_event_interruptible_timeout(t->mig_wait,
						 kthread_should_stop() ||
						 knuma_copier_can_migrate(cp),
						 timeout);
		knuma_mig_window(c);
		while (knuma_mig_go_on(&t->migq)) {
			if (knuma_mig_rest_ns(c)) {
				WRITE_ONCE(cp->throttled, cp->throttled + 1);
				break;
			}
			c->window_mig_ns += knuma_migq_run(c);
			knuma_mig_window(c);
			/*
			 * A long move keeps the queue ready: stay on the node's
			 * housekeeping CPUs and at thread_nice meanwhile.
			 */
			knuma_copier_settle(cp);
			cond_resched();
		}
	}
	return 0;
}

/*
 * How many threads copy for a node whose thread may use @cpus: the node
 * thread and its copiers. migrate_threads, or by default one per CPU, at
 * most KNUMA_MIG_THREADS_AUTO_MAX.
 */
static unsigned int knuma_mig_threads(const struct cpumask *cpus)
{
	int n = READ_ONCE(knuma_migrate_threads);

	if (n > 0)
		return n;
	return clamp_t(unsigned int, cpumask_weight(cpus), 1,
		       KNUMA_MIG_THREADS_AUTO_MAX);
}

/*
 * Start copier @k of @t, "knuma/<nid>m<k>": created on the node and bound
 * to the node thread's CPUs (housekeeping only), as the node thread is.
 * @t's queue exists already.
 */
static int knuma_copier_start(struct knuma_node_thread *t, unsigned int k)
{
	struct knuma_copier *cp;
	int ret;

	cp = kzalloc_node(sizeof(*cp), GFP_KERNEL, t->nid);
	if (!cp)
		return -ENOMEM;
	cp->k = k;
	cp->mig.node = t;
	init_completion(&cp->started);
	if (!zalloc_cpumask_var_node(&cp->cpus, GFP_KERNEL, t->nid)) {
		ret = -ENOMEM;
		goto err_free;
	}
	cp->task = kthread_create_on_node(knuma_copier_fn, cp, t->nid,
					  "knuma/%dm%u", t->nid, k);
	if (IS_ERR(cp->task)) {
		ret = PTR_ERR(cp->task);
		goto err_cpus;
	}
	knuma_scan_thread_cpus(t->nid, cp->cpus);
	ret = set_cpus_allowed_ptr(cp->task, cp->cpus);
	if (ret) {
		/* Never woken: it stops without running. */
		kthread_stop(cp->task);
		goto err_cpus;
	}
	wake_up_process(cp->task);
	wait_for_completion(&cp->started);
	t->copiers[k - 1] = cp;
	/* Readers see the copier whole: pairs with knuma_copiers_nr(). */
	smp_store_release(&t->nr_copiers, k);
	return 0;

err_cpus:
	free_cpumask_var(cp->cpus);
err_free:
	kfree(cp);
	return ret;
}

static int knuma_scan_thread_start(int nid)
{
	struct knuma_node_thread *t;
	int ret;

	t = kzalloc_node(sizeof(*t), GFP_KERNEL, nid);
	if (!t)
		return -ENOMEM;
	t->nid = nid;
	t->mig.node = t;
	init_completion(&t->started);
	init_waitqueue_head(&t->wait);
	init_waitqueue_head(&t->mig_wait);
	INIT_LIST_HEAD(&t->queue);
	if (!zalloc_cpumask_var_node(&t->cpus, GFP_KERNEL, nid)) {
		kfree(t);
		return -ENOMEM;
	}
	knuma_scan_thread_cpus(nid, t->cpus);
	/* Room for the copiers, started once the node thread runs. */
	t->max_copiers = knuma_mig_threads(t->cpus) - 1;
	if (t->max_copiers) {
		t->copiers = kcalloc_node(t->max_copiers, sizeof(*t->copiers),
					  GFP_KERNEL, nid);
		if (!t->copiers) {
			ret = -ENOMEM;
			goto err_free;
		}
	}
	ret = knuma_migq_init(&t->migq, nid);
	if (ret)
		goto err_free;

	t->task = kthread_create_on_node(knuma_scan_thread_fn, t, nid,
					 "knuma/%d", nid);
	if (IS_ERR(t->task)) {
		ret = PTR_ERR(t->task);
		goto err_migq;
	}
	/* kthread_bind_mask() is not exported; this is its closest equivalent. */
	if (!cpumask_intersects(t->cpus, cpumask_of_node(nid)))
		pr_info("node %d: every CPU isolated: knuma/%d runs on housekeeping CPUs %*pbl\n",
			nid, nid, cpumask_pr_args(t->cpus));
	ret = set_cpus_allowed_ptr(t->task, t->cpus);
	if (ret) {
		kthread_stop(t->task);
		goto err_migq;
	}
	knuma_threads[nid] = t;
	wake_up_process(t->task);
	wait_for_completion(&t->started);
	return 0;

err_migq:
	knuma_migq_free(&t->migq);
err_free:
	kfree(t->copiers);
	free_cpumask_var(t->cpus);
	kfree(t);
	return ret;
}

/* Detach what is still queued on @t: the mms stay known, unqueued. */
static void knuma_scan_thread_drain(struct knuma_node_thread *t)
{
	struct knuma_mm *kmm, *tmp;

	spin_lock(&knuma_mm_lock);
	list_for_each_entry_safe(kmm, tmp, &t->queue, qnode) {
		list_del_init(&kmm->qnode);
		kmm->queued = false;
	}
	spin_unlock(&knuma_mm_lock);
}

/* Free the copiers of @t, stopped. */
static void knuma_copiers_free(struct knuma_node_thread *t)
{
	unsigned int i;

	for (i = 0; i < t->nr_copiers; i++) {
		free_cpumask_var(t->copiers[i]->cpus);
		kfree(t->copiers[i]);
	}
	kfree(t->copiers);
}

/**
 * knuma_scan_threads_stop() - stop every node thread and every copier
 *
 * Safe after a partial start. The hooks that queue work are gone already.
 * Every thread that copies from a queue is stopped before any queue is
 * drained and freed.
 */
void knuma_scan_threads_stop(void)
{
	struct knuma_node_thread *t;
	unsigned int i;
	int nid;

	if (!knuma_threads)
		return;
	WRITE_ONCE(knuma_threads_stopping, true);
	for (nid = 0; nid < nr_node_ids; nid++)
		if (knuma_threads[nid])
			wake_up_all(&knuma_threads[nid]->mig_wait);
	for (nid = 0; nid < nr_node_ids; nid++) {
		t = knuma_threads[nid];
		if (!t)
			continue;
		for (i = 0; i < t->nr_copiers; i++)
			kthread_stop(t->copiers[i]->task);
		kthread_stop(t->task);
	}
	for (nid = 0; nid < nr_node_ids; nid++) {
		t = knuma_threads[nid];
		if (!t)
			continue;
		knuma_scan_thread_drain(t);
		knuma_migq_drain(&t->migq, nid);
		knuma_migq_free(&t->migq);
		knuma_copiers_free(t);
		free_cpumask_var(t->cpus);
		kfree(t);
	}
	kfree(knuma_threads);
	knuma_threads = NULL;
}

/**
 * knuma_scan_threads_start() - start one thread per node with CPUs, and its copiers
 *
 * A node's copiers start once its thread runs (its queue exists).
 *
 * Return: 0, or the first error (threads already started are stopped).
 */
int knuma_scan_threads_start(void)
{
	struct knuma_node_thread *t;
	unsigned int k;
	int nid, ret;

	WRITE_ONCE(knuma_threads_stopping, false);
	knuma_threads = kcalloc(nr_node_ids, sizeof(*knuma_threads), GFP_KERNEL);
	if (!knuma_threads)
		return -ENOMEM;
	for_each_node_with_cpus(nid) {
		ret = knuma_scan_thread_start(nid);
		if (ret) {
			pr_err("cannot start thread knuma/%d (%d)\n", nid, ret);
			goto err;
		}
		t = knuma_threads[nid];
		/* Copiers only speed up a move: fewer of them is no failure. */
		for (k = 1; k <= t->max_copiers; k++) {
			ret = knuma_copier_start(t, k);
			if (ret) {
				pr_warn("cannot start thread knuma/%dm%u (%d): node %d copies in %u threads\n",
					nid, k, ret, nid, k);
				break;
			}
		}
	}
	return 0;

err:
	knuma_scan_threads_stop();
	return ret;
}

/* Add what a copying context did to @sum; batch_ns_max: the longest. */
static void knuma_mig_stats_add(struct knuma_mig_stats *sum,
				const struct knuma_mig_stats *st)
{
	sum->batches += READ_ONCE(st->batches);
	sum->pages_migrated += READ_ONCE(st->pages_migrated);
	sum->pages_failed += READ_ONCE(st->pages_failed);
	sum->alloc_failed += READ_ONCE(st->alloc_failed);
	sum->large_alloc_failed += READ_ONCE(st->large_alloc_failed);
	sum->isolate_failed += READ_ONCE(st->isolate_failed);
	sum->skip_exited += READ_ONCE(st->skip_exited);
	sum->skip_moved += READ_ONCE(st->skip_moved);
	sum->skip_unmapped += READ_ONCE(st->skip_unmapped);
	sum->skip_backoff += READ_ONCE(st->skip_backoff);
	sum->skip_contested += READ_ONCE(st->skip_contested);
	sum->skip_interleaved += READ_ONCE(st->skip_interleaved);
	sum->migrate_ns += READ_ONCE(st->migrate_ns);
	sum->batch_ns_max = max_t(u64, sum->batch_ns_max,
				  READ_ONCE(st->batch_ns_max));
}

/* What the node thread of @t and its copiers did, together. */
static void knuma_node_mig_stats(const struct knuma_node_thread *t,
				 struct knuma_mig_stats *sum)
{
	unsigned int i, n = knuma_copiers_nr(t);

	memset(sum, 0, sizeof(*sum));
	knuma_mig_stats_add(sum, &t->mig.st);
	for (i = 0; i < n; i++)
		knuma_mig_stats_add(sum, &t->copiers[i]->mig.st);
}

/**
 * knuma_scan_node_totals() - add up what node threads did
 * @nid: a node, or NUMA_NO_NODE for all
 * @tot: totals to add to
 *
 * Migration counts are those of each node thread and its copiers.
 */
void knuma_scan_node_totals(int nid, struct knuma_node_totals *tot)
{
	struct knuma_mig_stats st;
	int n;

	for (n = 0; n < nr_node_ids; n++) {
		struct knuma_node_thread *t = knuma_threads[n];
		struct knuma_migq *q;

		if (!t || (nid != NUMA_NO_NODE && n != nid))
			continue;
		q = &t->migq;
		knuma_node_mig_stats(t, &st);
		tot->scan_passes += READ_ONCE(t->mms_scanned);
		tot->scan_ptes += READ_ONCE(t->ptes);
		tot->scan_ns += READ_ONCE(t->scan_ns);
		tot->scan_throttled += READ_ONCE(t->throttled);
		tot->mig_queued += atomic64_read(&q->queued);
		tot->mig_pending += READ_ONCE(q->count);
		tot->mig_queue_full += atomic64_read(&q->dropped_full);
		tot->mig_batches += st.batches;
		tot->mig_pages += st.pages_migrated;
		tot->mig_failed += st.pages_failed;
		tot->mig_isolate_failed += st.isolate_failed;
		tot->mig_alloc_failed += st.alloc_failed + st.large_alloc_failed;
		tot->mig_ns += st.migrate_ns;
	}
}

/**
 * knuma_scan_threads_show() - per node thread statistics for debugfs
 * @m: seq_file to print to
 *
 * A "threads:" line per node thread and per copier (which neither scans
 * nor yields: its throttled counts migrate_duty_pct reached), each with
 * its own pages migrated and time migrating; the "migrate:" line of a
 * node adds up its node thread and its copiers.
 */
void knuma_scan_threads_show(struct seq_file *m)
{
	struct knuma_mig_stats st;
	char name[TASK_COMM_LEN];
	unsigned int i, n;
	int nid;

	seq_printf(m, "threads: %-9s %-7s %-9s %12s %14s %16s %10s %8s %8s %12s %14s\n",
		   "name", "pid", "cpus", "mms_scanned", "ptes_updated",
		   "scan_ns", "throttled", "rebinds", "yields", "pg_migrated",
		   "migrate_ns");
	for (nid = 0; nid < nr_node_ids; nid++) {
		struct knuma_node_thread *t = knuma_threads[nid];

		if (!t)
			continue;
		snprintf(name, sizeof(name), "knuma/%d", nid);
		seq_printf(m, "threads: %-9s %-7d %*pbl %12llu %14llu %16llu %10llu %8llu %8llu %12llu %14llu\n",
			   name, task_pid_nr(t->task), cpumask_pr_args(t->cpus),
			   t->mms_scanned, t->ptes, t->scan_ns, t->throttled,
			   t->rebinds, t->yields,
			   READ_ONCE(t->mig.st.pages_migrated),
			   READ_ONCE(t->mig.st.migrate_ns));
		n = knuma_copiers_nr(t);
		for (i = 0; i < n; i++) {
			struct knuma_copier *cp = t->copiers[i];

			snprintf(name, sizeof(name), "knuma/%dm%u", nid, cp->k);
			seq_printf(m, "threads: %-9s %-7d %*pbl %12u %14u %16u %10llu %8llu %8u %12llu %14llu\n",
				   name, task_pid_nr(cp->task),
				   cpumask_pr_args(cp->cpus), 0U, 0U, 0U,
				   READ_ONCE(cp->throttled),
				   READ_ONCE(cp->rebinds), 0U,
				   READ_ONCE(cp->mig.st.pages_migrated),
				   READ_ONCE(cp->mig.st.migrate_ns));
		}
	}
	seq_printf(m, "migrate: %-5s %9s %9s %9s %9s %9s %9s %8s %12s %12s %9s %9s %9s %9s %9s %9s %9s %14s %12s %9s %9s %10s %9s %9s %11s\n",
		   "node", "queued", "done", "pending", "drained", "q_full", "q_dup",
		   "batches", "pg_migrated", "pg_failed", "alloc_fail",
		   "iso_fail", "exited", "moved", "unmapped", "backoff",
		   "backoff_ms", "migrate_ns", "batch_ns_max", "q_len", "rl_waits",
		   "large_fail", "stolen", "contested", "interleaved");
	for (nid = 0; nid < nr_node_ids; nid++) {
		struct knuma_node_thread *t = knuma_threads[nid];
		struct knuma_migq *q;
		u64 queued, done, drained, rl_waits, stolen;
		unsigned int count, backoff;

		if (!t)
			continue;
		q = &t->migq;
		knuma_node_mig_stats(t, &st);
		spin_lock(&q->lock);
		queued = atomic64_read(&q->queued);
		done = q->done;
		drained = q->drained;
		count = q->count;
		backoff = q->backoff_ms;
		rl_waits = q->rl_waits;
		stolen = q->stolen;
		spin_unlock(&q->lock);
		seq_printf(m, "migrate: %-5d %9llu %9llu %9u %9llu %9lld %9lld %8llu %12llu %12llu %9llu %9llu %9llu %9llu %9llu %9llu %9u %14llu %12llu %9u %9llu %10llu %9llu %9llu %11llu\n",
			   nid, queued, done, count, drained,
			   atomic64_read(&q->dropped_full),
			   atomic64_read(&q->already_queued), st.batches,
			   st.pages_migrated, st.pages_failed, st.alloc_failed,
			   st.isolate_failed, st.skip_exited, st.skip_moved,
			   st.skip_unmapped, st.skip_backoff, backoff,
			   st.migrate_ns, st.batch_ns_max, q->size, rl_waits,
			   st.large_alloc_failed, stolen, st.skip_contested,
			   st.skip_interleaved);
	}
}
