/* SPDX-License-Identifier: GPL-2.0 */
/*
 * knuma policy: pure decision functions with plain inputs. Built into the
 * module and, unchanged, into the host unit tests (tests/unit/).
 */
#ifndef KNUMA_POLICY_H
#define KNUMA_POLICY_H

/* Plain C types only: the same header compiles in the kernel and on the host. */
#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stddef.h>
#endif

/* Faults per scan window are split into this many slots (as mainline). */
#define KNUMA_PERIOD_SLOTS	10
/* At or above this many local slots the scan slows down. */
#define KNUMA_PERIOD_THRESHOLD	7
/* At or above this share of local faults the period doubles. */
#define KNUMA_PERIOD_SETTLED_PCT 95

unsigned int knuma_policy_scan_period(unsigned int period_ms,
				      unsigned int min_ms, unsigned int max_ms,
				      unsigned long long faults_local,
				      unsigned long long faults_remote);
bool knuma_policy_shared_heavy(unsigned long long faults_shared,
			       unsigned long long faults_private);
unsigned int knuma_policy_shared_period(unsigned int period_ms,
					unsigned int next_ms,
					unsigned int min_ms, unsigned int max_ms,
					unsigned long long faults_shared,
					unsigned long long faults_private);

/* Why a VMA is not scanned (KNUMA_VMA_SCAN: it is). */
enum knuma_vma_skip {
	KNUMA_VMA_SCAN,
	KNUMA_VMA_SKIP_UNMOVABLE,
	KNUMA_VMA_SKIP_HUGETLB,
	KNUMA_VMA_SKIP_MIXEDMAP,
	KNUMA_VMA_SKIP_INACCESSIBLE,
	KNUMA_VMA_SKIP_RO_FILE,
	KNUMA_VMA_SKIP_POLICY,
	KNUMA_VMA_SKIP_NR
};

/* What the scanner knows about a VMA, as plain facts. */
struct knuma_vma_facts {
	bool unmovable;	/* VM_IO, VM_PFNMAP or DAX */
	bool hugetlb;
	bool mixedmap;
	bool accessible;	/* any of read, write, exec */
	bool file;
	bool readable;
	bool writable;
	bool vma_policy;	/* the VMA has its own mempolicy */
	bool vma_policy_mof;	/* ... and it has MPOL_F_MOF */
	bool task_policy_nomof;	/* the task's policy lacks MPOL_F_MOF */
	/* The VMA's ops give its policy (shmem: the file's shared policy). */
	bool ops_policy;
	bool ops_policy_found;	/* ... and they gave one */
	bool ops_policy_mof;	/* ... which has MPOL_F_MOF */
	/* Without one, the kernel falls back to vm_policy/task (v6.7+). */
	bool ops_policy_falls_back;
};

enum knuma_vma_skip knuma_policy_vma_skip(const struct knuma_vma_facts *f);
const char *knuma_policy_vma_skip_name(enum knuma_vma_skip why);

/*
 * Relevance of a VMA's parts (policy/relevance.c). Blocks are 2 MiB: a THP
 * is marked whole or not at all (marking part of it would split it).
 */
#define KNUMA_VREL_BLOCK	(2UL << 20)
/* VMAs of at least this many blocks are sampled before they are marked. */
#define KNUMA_VREL_SAMPLE_MIN	128
/* One block in this many is sampled: KNUMA_VREL_STRIDE == 1 << _SHIFT. */
#define KNUMA_VREL_STRIDE_SHIFT	4
#define KNUMA_VREL_STRIDE	16U
/* The margin around the window stops doubling at this many blocks (log2). */
#define KNUMA_VREL_WIDEN_MAX	16
/* A VMA with a window is looked at whole every this many looks. */
#define KNUMA_VREL_RELOOK	8
/* An idle VMA is looked at every 2^min(idle, this) visits. */
#define KNUMA_VREL_IDLE_MAX_SHIFT 3
/* After this many idle looks its window is forgotten. */
#define KNUMA_VREL_IDLE_FORGET	4
/* Settled: remote faults not acted on are at most 1/this of all faults. */
#define KNUMA_VREL_SETTLED_SLACK 16

/* What knuma learnt about one VMA; zeroed when first seen, then seen_ms set. */
struct knuma_vrel {
	long long seen_ms;		/* when a scan first saw it (< 0: before boot) */
	unsigned long win_lo, win_hi;	/* access window [lo, hi); hi 0: none */
	unsigned int idle;		/* looks since the last hint fault */
	unsigned int settled;		/* visits in a row that found it settled */
	unsigned int skipped;		/* visits skipped since the last look */
	unsigned int looks;
	unsigned int widen;		/* log2 of the window's next margin */
	unsigned int phase;		/* next sample phase */
	bool sampled;			/* the last look was a sample */
	bool fresh;			/* a task moved: look at the next visit */
};

/* One visit of a VMA by a scan pass. */
struct knuma_vvisit {
	unsigned long start, end;	/* the VMA now */
	unsigned long long now_ms;
	unsigned int delay_ms;		/* vma_delay_ms */
	unsigned long faults;		/* hint faults in it since the last visit */
	unsigned long remote;		/* ... on a page of another node */
	unsigned long moved;		/* ... whose folio was queued or migrated */
	unsigned long f_lo, f_hi;	/* their addresses: [lo, hi) */
};

enum knuma_vact {
	KNUMA_VACT_NEW,		/* too young: not marked */
	KNUMA_VACT_IDLE,	/* no fault lately: not marked this pass */
	KNUMA_VACT_SETTLED,	/* remote faults all acted on: not this pass */
	KNUMA_VACT_SAMPLE,	/* one block in stride, from phase */
	KNUMA_VACT_WINDOW,	/* [lo, hi) only */
	KNUMA_VACT_FULL,	/* all of it */
	KNUMA_VACT_NR
};

struct knuma_vplan {
	enum knuma_vact act;
	unsigned long lo, hi;		/* range to mark */
	unsigned int stride, phase;	/* SAMPLE: block i when i % stride == phase */
};

enum knuma_vact knuma_policy_vma_plan(struct knuma_vrel *st,
				      const struct knuma_vvisit *v,
				      struct knuma_vplan *p);
bool knuma_policy_vma_marks(const struct knuma_vplan *p, unsigned long start,
			    unsigned long addr);
void knuma_policy_vma_known(const struct knuma_vrel *st,
			    const struct knuma_vplan *p,
			    unsigned long *lo, unsigned long *hi);
void knuma_policy_vma_fresh(struct knuma_vrel *st);
const char *knuma_policy_vact_name(enum knuma_vact a);

unsigned long long knuma_policy_duty_rest_ns(unsigned long long busy_ns,
					     unsigned long long elapsed_ns,
					     unsigned int pct);

/*
 * The migration decision for one hint fault (policy/migrate.c). Only faults
 * the kernel's own mempolicy already lets move reach it: an application's
 * MPOL_BIND / PREFERRED / INTERLEAVE without MPOL_F_NUMA_BALANCING never
 * gets here, and MPOL_BIND with it only from nodes inside its nodemask.
 */
enum knuma_mig_verdict {
	KNUMA_MIG_MOVE,		/* migrate now, in the fault (sync mode) */
	KNUMA_MIG_QUEUED,	/* queued to the target node's thread (async) */
	KNUMA_MIG_LOCAL,	/* already on the faulting node */
	KNUMA_MIG_OPTOUT,	/* the process is opted out */
	KNUMA_MIG_PINNED,	/* maybe DMA-pinned: would fail, or worse */
	KNUMA_MIG_NOMEM_NODE,	/* the faulting node has no memory */
	KNUMA_MIG_FILE,		/* dirty file page, or one mapped by others */
	KNUMA_MIG_FILTERED,	/* two-stage filter: faults disagree */
	KNUMA_MIG_BACKOFF,	/* target node recently out of memory */
	KNUMA_MIG_RATELIMIT,	/* over migrate_rate_mb for the target */
	KNUMA_MIG_QFULL,	/* async queue of the target full: dropped */
	KNUMA_MIG_INQUEUE,	/* already queued by an earlier fault */
	KNUMA_MIG_OBSERVE,	/* would move, but migrate_mode=off */
	KNUMA_MIG_FALLBACK,	/* async, but the node thread lags: the fault moves it */
	KNUMA_MIG_GROUP,	/* a NUMA group's shared page stays */
	KNUMA_MIG_CONTESTED,	/* another task used it on another node lately */
	KNUMA_MIG_CPUSET,	/* the task's cpuset does not allow the node */
	KNUMA_MIG_THP_SHARED,	/* a THP other processes map, where the kernel keeps it */
	KNUMA_MIG_NR
};

/* What the fault path knows about one hint fault, as plain facts. */
struct knuma_mig_facts {
	int src_nid;		/* node the folio is on */
	int dst_nid;		/* node of the faulting CPU */
	bool last_unset;	/* no earlier fault recorded on the folio */
	int last_nid;		/* node of the earlier fault (when set) */
	bool last_pid_match;	/* the earlier fault was by this task */
	bool task_young;	/* no preferred node yet or few placement passes */
	bool dst_has_memory;
	bool cpuset_denied;	/* the node is not in the task's mems_allowed */
	bool pinned;
	bool opted_out;
	bool file_dirty;
	bool file_shared;	/* file folio mapped by more than one process */
	/*
	 * A large folio mapped by more than one process, on a kernel whose own
	 * misplaced-page path refuses those (before v6.7).
	 */
	bool thp_shared;
	/*
	 * The task is in a NUMA group and the folio is shared (mapped by more
	 * than one process, or the earlier fault was by another task); then
	 * the group's recent hint faults on the source and target nodes, by
	 * the node of the faulting CPU and by the node of the page, and what
	 * this fault would weigh in them (its pages, and how seldom its
	 * process is scanned).
	 */
	bool group_shared;
	long grp_weight;
	long grp_cpu_src;
	long grp_cpu_dst;
	long grp_mem_src;
	long grp_mem_dst;
	/*
	 * The page's last known use (scanner/pageuse.c), if recent: on which
	 * node, and whether by this task.
	 */
	bool used_recently;
	int used_nid;
	bool used_by_this_task;
	/* The page's VMA was found shared across nodes (scanner/vmas.c). */
	bool vma_shared;
};

/* A group runs mostly on a node with this many times the other's faults. */
#define KNUMA_GROUP_ACTIVE	3
/*
 * One node clearly holds more of a group's memory when the difference of
 * the two counts exceeds this many standard deviations of their sum, taken
 * as a sum of faults that each weigh as much as the one being decided.
 */
#define KNUMA_GROUP_NOISE	2
/*
 * A fault weighs this much per base page in a group's counts when its
 * process is scanned at the shortest period (more when less often).
 */
#define KNUMA_GROUP_UNIT	4

/* What the NUMA-group rule says of a group's shared page. */
enum knuma_group_way {
	KNUMA_GROUP_UNDECIDED,	/* the rules after it decide */
	KNUMA_GROUP_KEEP,	/* it stays */
	KNUMA_GROUP_GATHER,	/* it moves to where the group gathers its memory */
};

enum knuma_mig_verdict knuma_policy_migrate(const struct knuma_mig_facts *f);
bool knuma_policy_group_shared(const struct knuma_mig_facts *f,
			       bool mapped_shared);
enum knuma_group_way knuma_policy_group_way(const struct knuma_mig_facts *f);
bool knuma_policy_contested(const struct knuma_mig_facts *f);
bool knuma_policy_vma_shared(unsigned long contested, unsigned long remote);
bool knuma_policy_interleaved(unsigned int before, unsigned int after);

/*
 * Folios looked at on each side of a queued one (knuma_policy_interleaved()).
 * Memory two nodes share page by page shows the other node on a side with
 * odds 1 - 1/2^n; memory split in parts, one per node, never on both sides
 * of a page, except in the middle of a part shorter than twice this.
 */
#define KNUMA_SHARE_NEIGHBOURS	4

/* A VMA is shared across nodes when this share of its remote faults or more were contested. */
#define KNUMA_VMA_SHARED_DIV	4
const char *knuma_policy_mig_verdict_name(enum knuma_mig_verdict v);

/*
 * Per target node migration budget: a token bucket in bytes, refilled at
 * the configured rate and holding at most half a second of it.
 */
struct knuma_ratelimit {
	unsigned long long last_ns;
	long long tokens;
};

bool knuma_policy_ratelimit(struct knuma_ratelimit *rl,
			    unsigned long long now_ns, unsigned int mb_per_s,
			    unsigned long bytes);

/* A fixed-size set of non-zero keys (policy/ptrset.c); slots: 1 << bits. */
struct knuma_ptrset {
	unsigned long *slots;
	unsigned int bits;
	unsigned int count;
};

bool knuma_ptrset_add(struct knuma_ptrset *s, unsigned long key);
bool knuma_ptrset_has(const struct knuma_ptrset *s, unsigned long key);
bool knuma_ptrset_del(struct knuma_ptrset *s, unsigned long key);

/* How long a node stays out of bounds after its allocation failed. */
unsigned int knuma_policy_backoff_ms(unsigned int prev_ms, bool alloc_failed);
#define KNUMA_BACKOFF_MIN_MS	100
#define KNUMA_BACKOFF_MAX_MS	5000

bool knuma_policy_async_lagging(unsigned long long oldest_wait_ms,
				bool paced, bool full, unsigned int stall_ms);

/* Who knuma balances (policy/scope.c). */
enum { KNUMA_SCOPE_ALL, KNUMA_SCOPE_OPTIN, KNUMA_SCOPE_OPTOUT };

bool knuma_policy_in_scope(int scope, bool listed);

/* One write to scope_list, parsed. */
struct knuma_scope_req {
	bool remove;		/* "-..." */
	bool cgroup;		/* "cgroup:/path" rather than a PID */
	int pid;
	const char *path;	/* into the written line, not NUL-terminated */
	unsigned int path_len;
};

/* PID_MAX_LIMIT on 64-bit; the kernel still checks that the PID exists. */
#define KNUMA_SCOPE_PID_MAX	4194304
#define KNUMA_SCOPE_PATH_MAX	512
#define KNUMA_SCOPE_LINE_MAX	(KNUMA_SCOPE_PATH_MAX + 16)
/* EINVAL, spelt out so that the host build needs no errno.h. */
#define KNUMA_EINVAL		22

int knuma_policy_scope_parse(const char *line, struct knuma_scope_req *req);

/* Log2 duration histograms (policy/hist.c). */
#define KNUMA_HIST_BUCKETS	40
unsigned int knuma_policy_hist_bucket(unsigned long long ns);
unsigned long long knuma_policy_hist_lower(unsigned int b);

#endif /* KNUMA_POLICY_H */
