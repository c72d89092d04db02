/* SPDX-License-Identifier: GPL-2.0 */
/* Shared between the parts of scanner/: per-mm state and the node queues. */
#ifndef KNUMA_SCANNER_H
#define KNUMA_SCANNER_H

#include <linux/hashtable.h>
#include <linux/list.h>
#include <linux/nodemask.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>

#include "policy.h"

struct folio;
struct knuma_vtab;
struct vm_area_struct;

/*
 * One per address space knuma has been asked to scan. Created by the first
 * task_numa_work of one of its tasks, which also pins the mm_struct (mmgrab,
 * never the address space itself); freed once the mm has no users left.
 */
struct knuma_mm {
	struct hlist_node hnode;	/* knuma_mm_hash, RCU for the fault path */
	struct list_head qnode;		/* on a node thread's queue */
	struct mm_struct *mm;
	struct rcu_head rcu;

	/* Under knuma_mm_lock. */
	bool queued;
	bool dead;
	bool task_nomof;		/* last queuing task's policy lacks MOF */
	pid_t pid;
	char comm[TASK_COMM_LEN];
	unsigned long next_scan;	/* jiffies */
	unsigned long scanned_at;	/* jiffies at the end of the last scan */
	u64 scan_debt_ns;		/* scan time not yet charged to its tasks */
	/*
	 * Nodes its tasks asked from lately (two generations, rotated every
	 * KNUMA_MOVE_MEMORY_MS): a request from another node means a task
	 * moved, and what knuma learnt of its memory's locality no longer
	 * holds (fresh).
	 */
	nodemask_t req_nodes[2];
	unsigned long req_rotated;	/* jiffies */
	unsigned long moved_at;		/* jiffies: a task asked from a new node */
	bool fresh;			/* a task moved: start over, now */
	bool shared_heavy;		/* last pass: faults mostly on shared pages */
	bool unplaced;			/* last hint fault's task: no preferred node */
	bool pass_empty;		/* the last full pass marked nothing */
	long pass_ptes;			/* PTEs marked in this pass so far */
	bool scanned;			/* a scan of it ended */

	/*
	 * A remote hint fault where knuma had not marked the neighbourhood
	 * (a sampled block, or outside the access window): the pages around
	 * it are likely remote too, so the next scan is brought forward.
	 * Set by the fault path, cleared when the mm is dequeued.
	 */
	bool prompt;

	/* Owned by the node thread scanning it (queued == true). */
	unsigned long scan_offset;
	unsigned int period_ms;
	unsigned int pass;		/* knuma's own pass count (VMA plans) */
	bool restart;			/* begin a new pass at the start */
	bool replan;			/* begin a new pass where the last stopped */
	bool scan_fresh;		/* a task moved: reset back-offs */

	/*
	 * Out of scope (scope, scope_list): leave this process alone. Cached;
	 * recomputed when knuma_scope_gen moves or a second passed (a process
	 * may change cgroups), by whichever task of it asks first.
	 */
	bool out_of_scope;
	int scope_gen;
	unsigned long scope_checked;	/* jiffies */

	/* Per-VMA relevance (scanner/vmas.c): written by the scanning thread. */
	struct knuma_vtab __rcu *vtab;

	/* Fault counts since the last full pass (from the fault hook). */
	atomic64_t faults_local;
	atomic64_t faults_remote;
	atomic64_t faults_shared;
	atomic64_t faults_private;

	/* Totals from the fault hook and the migration batches (base pages). */
	atomic64_t total_local;
	atomic64_t total_remote;
	atomic64_t total_shared;
	atomic64_t total_private;
	atomic64_t migrated;		/* in the fault (sync) or in batches */
	atomic64_t migrate_failed;
	atomic64_t migrate_ns;		/* knuma thread time spent on its folios */

	/* Totals for debugfs. */
	u64 scans;
	u64 passes;
	unsigned long pass_start;	/* jiffies: the current pass began */
	unsigned int pass_ms;		/* how long the last full pass took */
	u64 ptes;
	u64 scan_ns;
	u64 throttled;
	u64 lock_busy;
	u64 vmas_skipped;
};

/* A task asks knuma for a scan every this many ms of its runtime. */
#define KNUMA_REQUEST_MS	100
/* Budget of a scan that only keeps the kernel's placement fed: one PMD. */
#define KNUMA_FEED_PAGES	(HPAGE_SIZE >> PAGE_SHIFT)
/*
 * How many looks another task's use of a page counts for (scanner/mm.c).
 * A look samples a page once, by whichever task touches it first after
 * the mark: a page two tasks on two nodes use alike shows the other one in
 * a look with odds 1/2, so a window of n looks misses it with 1/2^n. Tasks
 * that run in step touch all such pages first together, so a miss pulls a
 * whole VMA's shared pages at once: 2 looks missed that one time in 4.
 */
#define KNUMA_SHARE_LOOKS	5
/* How long a node asked from counts as known (a move is to another). */
#define KNUMA_MOVE_MEMORY_MS	10000
/* A tripwire brings a scan forward, but not closer than this to the last. */
#define KNUMA_PROMPT_GAP_MS	100

/* Folios taken from a queue per batch. */
#define KNUMA_MIG_BATCH		64
/*
 * Pages per migrate_pages() call within a batch: the kernel's own batch
 * (NR_MAX_BATCHED_MIGRATION, one PMD's worth). A queued folio is checked
 * (scanner/migrate.c: contested, interleaved) just before its chunk is
 * isolated, so the later folios of a batch are judged on what the faults
 * saw while the earlier ones were copied.
 */
#define KNUMA_MIG_CHUNK_PAGES	512
/* ... and at most this many bytes, so that the thread returns to its queue often. */
#define KNUMA_MIG_BATCH_BYTES	(16UL << 20)

/*
 * A folio waiting for its node thread. No reference on the folio: while it
 * waits it can still be pinned long-term, compacted, split, reclaimed or
 * offlined. The thread finds it again by its pfn and checks it is the same
 * page (mapping, index, size) before it moves it (scanner/migrate.c).
 */
struct knuma_migq_entry {
	unsigned long pfn;		/* first pfn; 0: taken back by a fault */
	const void *mapping;		/* folio->mapping when queued */
	pgoff_t index;			/* folio->index when queued */
	unsigned int nr_pages;
	bool group;			/* moved by the NUMA-group rule */
	struct mm_struct *mm;		/* mmgrab()bed */
	unsigned long since;		/* jiffies when queued */
	unsigned long addr;		/* the folio's first address, 0: unknown */
	unsigned int window_ms;		/* the fault's page-use window */
	pid_t pid;			/* the task whose fault queued it */
};

/*
 * The asynchronous migration queue of a node: a preallocated ring filled
 * by hint faults (under the page-table lock: no allocation, no sleep) and
 * emptied in batches by the node's copying contexts (struct knuma_mig_ctx:
 * the node thread and its copiers), any number at once. The lock covers
 * everything they share: the ring, the set, the rate limit and the
 * back-off of the node as a migration target.
 */
struct knuma_migq {
	/*
	 * Writes to all below but the atomics; count and rl_until are also
	 * read without it (READ_ONCE: knuma_migq_ready()).
	 */
	spinlock_t lock;
	struct knuma_migq_entry *ring;
	struct knuma_ptrset set;	/* the folios in the ring, once each */
	unsigned int size;
	unsigned int head;		/* next to take */
	unsigned int count;
	struct knuma_ratelimit rl;
	unsigned long backoff_until;	/* jiffies */
	unsigned int backoff_ms;
	/*
	 * Bumped by each batch outcome that updates the back-off: an outcome
	 * of a chunk that began before another context's outcome is stale.
	 */
	unsigned long backoff_seq;

	/* Folio counts; queued == done + count + drained at all times. */
	atomic64_t queued;
	atomic64_t dropped_full;
	atomic64_t already_queued;
	u64 done;			/* under lock, with count */
	u64 drained;
	u64 stolen;			/* taken back by lagging-fallback faults */
	u64 rl_waits;			/* batches cut short by the rate limit */
	unsigned long rl_until;		/* jiffies; the queue waits till then */
};

/* What one copying context did; written by that context only. */
struct knuma_mig_stats {
	u64 batches;
	u64 pages_migrated;
	u64 pages_failed;
	u64 alloc_failed;		/* base pages: the node is short of memory */
	u64 large_alloc_failed;		/* large folios: fragmentation is enough */
	u64 isolate_failed;
	u64 skip_exited;
	u64 skip_moved;
	u64 skip_unmapped;
	u64 skip_backoff;
	u64 skip_contested;		/* another node's task used it since */
	u64 skip_interleaved;		/* its neighbours are used elsewhere */
	u64 migrate_ns;
	u64 batch_ns_max;
};

struct knuma_node_thread;

/*
 * A copying context: one kernel thread that takes batches off its node's
 * queue and migrates them. The node thread has one (knuma_node_thread.mig),
 * each of its copiers another (knuma_copier.mig). Owned by its thread:
 * the batch, the statistics (read unlocked by debugfs) and the migration
 * duty window, which keeps the thread under migrate_duty_pct of a CPU.
 */
struct knuma_mig_ctx {
	struct knuma_node_thread *node;
	struct knuma_migq_entry batch[KNUMA_MIG_BATCH];
	struct knuma_mig_stats st;
	u64 window_start_ns;		/* the node thread's scan window too */
	u64 window_mig_ns;
};

/*
 * Auto migrate_threads: as many copying contexts per node as its thread
 * has CPUs, at most this many.
 */
#define KNUMA_MIG_THREADS_AUTO_MAX	4

/*
 * "knuma/<nid>m<k>": an extra copying context of a node, k = 1..N-1. It
 * only migrates: same CPUs, same nice value as its node thread.
 */
struct knuma_copier {
	struct task_struct *task;
	struct completion started;
	unsigned int k;
	cpumask_var_t cpus;		/* where it runs; the thread's own */
	int nice;
	u64 throttled;			/* migrate_duty_pct reached */
	u64 rebinds;
	struct knuma_mig_ctx mig;
};

/* One per node with CPUs: "knuma/<nid>". */
struct knuma_node_thread {
	int nid;
	struct task_struct *task;
	struct completion started;
	wait_queue_head_t wait;
	wait_queue_head_t mig_wait;	/* copiers: folios were queued */
	struct list_head queue;		/* of knuma_mm, under knuma_mm_lock */
	cpumask_var_t cpus;		/* where it runs; the thread's own */
	int nice;

	/*
	 * Duty-cycle window: scanning and migrating have separate caps; the
	 * window starts at mig.window_start_ns.
	 */
	u64 window_busy_ns;

	struct knuma_migq migq;
	struct knuma_mig_ctx mig;	/* the node thread's own copying */

	/*
	 * Its copiers: room for max_copiers, the first nr_copiers started
	 * (published with a release, read with an acquire).
	 */
	struct knuma_copier **copiers;
	unsigned int max_copiers;
	unsigned int nr_copiers;

	/* Statistics, written by the thread only. */
	u64 mms_scanned;
	u64 ptes;
	u64 scan_ns;
	u64 throttled;
	u64 rebinds;
	u64 yields;			/* migration left for a scan (lagging queue) */
};

extern spinlock_t knuma_mm_lock;
/* Scans brought forward: a task moved, or a tripwire fired (debugfs). */
extern atomic_long_t knuma_mm_moves;
extern atomic_long_t knuma_mm_prompts;

/* scanner/thread.c */
void __knuma_scan_enqueue(struct knuma_mm *kmm, int nid);

/* scanner/mm.c */
struct knuma_mm *knuma_mm_dequeue(struct knuma_node_thread *t);
void knuma_mm_scan_done(struct knuma_mm *kmm, u64 ns, u64 cpu_ns, long ptes,
			bool full_pass);
void knuma_mms_sweep(void);

/* scanner/thread.c */
struct knuma_node_thread *knuma_node_thread(int nid);
bool knuma_scan_threads_lagging(void);

/* scanner/migrate.c */
int knuma_migq_init(struct knuma_migq *q, int nid);
void knuma_migq_free(struct knuma_migq *q);
bool knuma_migq_pending(struct knuma_migq *q);
bool knuma_migq_ready(struct knuma_migq *q);
bool knuma_migq_lagging_now(struct knuma_migq *q);
enum knuma_mig_verdict knuma_migq_admit(struct knuma_migq *q,
					unsigned long bytes, bool async,
					struct folio *folio,
					const struct knuma_fault_page *pg,
					pid_t pid);
u64 knuma_migq_run(struct knuma_mig_ctx *c);
void knuma_migq_drain(struct knuma_migq *q, int nid);

/* scanner/mm.c */
bool knuma_mm_out_of_scope(struct mm_struct *mm, struct task_struct *p);
pid_t knuma_mm_migrated(struct mm_struct *mm, long ok, long failed, u64 ns);
void knuma_mm_failed_at(struct mm_struct *mm, unsigned long addr);

/* scanner/scan.c */
long knuma_scan_mm(struct knuma_mm *kmm, long pages, bool *full_pass);

/* scanner/vmas.c */
unsigned int knuma_vmas_fault(struct knuma_mm *kmm, unsigned long addr,
			      bool remote);
void knuma_vmas_failed(struct knuma_mm *kmm, unsigned long addr);
void knuma_vmas_fault_forget(void);
void knuma_vmas_fault_acted(bool queued);
bool knuma_vmas_fault_shared(bool contested);
void knuma_vmas_update(struct knuma_mm *kmm, struct mm_struct *mm);
const struct knuma_vplan *knuma_vmas_plan(struct knuma_mm *kmm,
					  struct vm_area_struct *vma);
void knuma_vmas_free(struct knuma_mm *kmm);

/* scanner/pageuse.c: the last use of pages, to see them shared */
void knuma_pageuse_seen(const struct knuma_fault_page *pg, int nid, pid_t pid);
void knuma_pageuse_lookup(const struct knuma_fault_page *pg,
			  unsigned int window_ms, pid_t pid,
			  struct knuma_mig_facts *f);
bool knuma_pageuse_other_since(const struct knuma_fault_page *pg, int nid,
			       pid_t pid, unsigned long since);
unsigned int knuma_pageuse_foreign_near(const struct knuma_fault_page *pg,
					unsigned long stride, bool after,
					int nid, pid_t pid,
					unsigned long limit);

/* scanner/group.c: a NUMA group's hint faults, counted and read */
void knuma_group_read(unsigned long key, struct knuma_mig_facts *f);
void knuma_group_count(unsigned long key, int cpu_nid, int mem_nid,
		       long weight);

#endif /* KNUMA_SCANNER_H */
