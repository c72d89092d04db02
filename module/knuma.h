/* SPDX-License-Identifier: GPL-2.0 */
/*
 * knuma: automatic NUMA balancing as a loadable module.
 * Declarations shared between the module's parts (module/, hooks/, scanner/).
 */
#ifndef KNUMA_H
#define KNUMA_H

#include <linux/types.h>

#include "compat/compat.h"

struct seq_file;
struct task_struct;

#define KNUMA_VERSION "0.1.0"

/* module/params.c */
extern bool knuma_enabled;
extern bool knuma_live;
extern char *knuma_test_require_symbol;
extern bool knuma_test_fail_isolate;
extern bool knuma_test_skip_decision;
extern unsigned int knuma_test_exit_delay_ms;
extern int knuma_scan_delay_ms;
extern int knuma_scan_period_min_ms;
extern int knuma_scan_period_max_ms;
extern int knuma_scan_size_mb;
extern int knuma_thread_nice;
extern int knuma_thread_duty_pct;
extern int knuma_mm_scan_cap_pct;
extern int knuma_migrate_mode;
extern int knuma_migrate_rate_mb;
extern int knuma_migrate_duty_pct;
extern int knuma_migrate_stall_ms;
extern int knuma_migrate_queue_len;
extern int knuma_migrate_threads;
extern bool knuma_scan_filter;
extern int knuma_vma_delay_ms;
extern int knuma_share_window_ms;

enum { KNUMA_MIGRATE_SYNC, KNUMA_MIGRATE_ASYNC, KNUMA_MIGRATE_OFF };
const char *knuma_migrate_mode_name(void);

/* module/scope.c */
extern int knuma_scope;
extern atomic_t knuma_scope_gen;
bool knuma_scope_excludes(struct task_struct *p);
void knuma_scope_changed(void);
const char *knuma_scope_name(void);
void knuma_scope_sweep(void);
void knuma_scope_exit(void);

/* module/symbols.c */
int knuma_symbols_resolve(void);
unsigned long knuma_sym_addr(const char *name);
void knuma_symbols_show(struct seq_file *m);

/* module/stats.c */
int knuma_stats_init(void);
void knuma_stats_exit(void);
void knuma_stat_fault(int last_cpupid, int pages, int tnf_flags);
void knuma_stat_verdict(int v);
bool knuma_fault_private(int last_cpupid);
void knuma_stats_show(struct seq_file *m);
void knuma_stats_faults_decisions(u64 *faults, u64 *decisions);

/* Duration histograms in debugfs "histograms". */
enum knuma_hist {
	KNUMA_HIST_SCAN_LOCK,	/* mmap_lock held by one scan */
	KNUMA_HIST_FAULT_SYNC,	/* hint fault, decision to end, migrate_mode=sync */
	KNUMA_HIST_FAULT_ASYNC,	/* the same in async mode */
	KNUMA_HIST_MIG_BATCH,	/* one mm's share of a batch (node thread, copier) */
	KNUMA_HIST_NR
};

void knuma_stat_hist(enum knuma_hist h, u64 ns);
void knuma_stat_fault_begin(int mode);
void knuma_stat_fault_end(void);
void knuma_stats_file_show(struct seq_file *m);
void knuma_nodes_file_show(struct seq_file *m);
void knuma_hist_file_show(struct seq_file *m);

/*
 * What a node thread (with its copiers, for the mig_* counts) did, summed
 * into debugfs "stats" and "nodes".
 */
struct knuma_node_totals {
	u64 scan_passes;
	u64 scan_ptes;
	u64 scan_ns;
	u64 scan_throttled;
	u64 mig_queued;
	u64 mig_pending;
	u64 mig_queue_full;
	u64 mig_batches;
	u64 mig_pages;
	u64 mig_failed;
	u64 mig_isolate_failed;
	u64 mig_alloc_failed;
	u64 mig_ns;
};

void knuma_scan_node_totals(int nid, struct knuma_node_totals *tot);
long knuma_hooks_mig_incontext(void);
long knuma_mms_count(void);
void knuma_mms_top_show(struct seq_file *m);

/* module/health.c */
void knuma_health_check(void);
void knuma_health_show(struct seq_file *m);

/* module/debugfs.c */
void knuma_debugfs_init(void);
void knuma_debugfs_exit(void);

/* hooks/hooks.c */
int knuma_hooks_install(void);
void knuma_hooks_remove(void);
void knuma_hooks_show(struct seq_file *m);
bool knuma_hooks_see_addresses(void);

/* scanner/thread.c */
int knuma_scan_threads_start(void);
void knuma_scan_threads_stop(void);
void knuma_scan_threads_show(struct seq_file *m);
bool knuma_scan_is_thread(struct task_struct *p);

/* scanner/mm.c */
struct callback_head;
struct mm_struct;

/* A page as the fault path names it: its mm and its folio's first address. */
struct knuma_fault_page {
	struct mm_struct *mm;
	unsigned long addr;	/* 0: not known */
	unsigned int window_ms;	/* how old another task's use may be */
	bool group;		/* the NUMA-group rule moves it (gathers the memory) */
};

void knuma_scan_task_work(struct callback_head *work);
void knuma_mm_fault(struct mm_struct *mm, int last_cpupid, int pages,
		    int tnf_flags, bool unplaced);
void knuma_mm_fault_addr(const struct knuma_fault_page *pg,
			 unsigned long addr, bool remote);
void knuma_mms_release(void);
void knuma_mms_show(struct seq_file *m);
void knuma_scan_incontext_show(struct seq_file *m);
void knuma_scan_skips_show(struct seq_file *m);
bool knuma_scan_filtering(void);

/* scanner/vmas.c */
void knuma_vmas_show(struct seq_file *m);

/* scanner/group.c */
int knuma_groups_init(void);
void knuma_groups_exit(void);

/* scanner/pageuse.c */
int knuma_pageuse_init(void);
void knuma_pageuse_exit(void);

/* scanner/fault.c */
bool knuma_fault_should_migrate(struct task_struct *p, KNUMA_FAULT_OBJ *obj,
				int src_nid, int dst_cpu);
void knuma_fault_handoff_begin(unsigned long addr);
void knuma_fault_handoff_window(unsigned int window_ms, unsigned int look_ms);
bool knuma_fault_handoff_take(int mem_node, int pages, int *dst_nid);

/* scanner/sysctl.c */
void knuma_sysctl_take(void);
void knuma_sysctl_enabled(void);
void knuma_sysctl_restore(void);
bool knuma_sysctl_on(void);
bool knuma_sysctl_tiering(void);
void knuma_sysctl_show(struct seq_file *m);

#endif /* KNUMA_H */
