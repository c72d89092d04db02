/* SPDX-License-Identifier: GPL-2.0 */
/*
 * knuma's tracepoints: /sys/kernel/tracing/events/knuma/, usable with
 * trace-cmd and perf (perf record -e knuma:knuma_migrate). No kernel
 * pointers: processes appear by PID, nodes by number.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM knuma

#if !defined(KNUMA_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define KNUMA_TRACE_H

#include <linux/tracepoint.h>

/* One scan of a process by a node thread (mmap_lock held for @ns). */
TRACE_EVENT(knuma_scan,
	    TP_PROTO(int nid, pid_t pid, long ptes, u64 ns, bool full_pass),
	    TP_ARGS(nid, pid, ptes, ns, full_pass),
	    TP_STRUCT__entry(__field(int, nid)
			     __field(pid_t, pid)
			     __field(long, ptes)
			     __field(u64, ns)
			     __field(bool, full_pass)),
	    TP_fast_assign(__entry->nid = nid;
			   __entry->pid = pid;
			   __entry->ptes = ptes;
			   __entry->ns = ns;
			   __entry->full_pass = full_pass;),
	    TP_printk("node=%d pid=%d ptes=%ld ns=%llu full_pass=%d",
		      __entry->nid, __entry->pid, __entry->ptes, __entry->ns,
		      __entry->full_pass)
);

/* One migrate_pages() call of a node thread for the folios of one process. */
TRACE_EVENT(knuma_migrate,
	    TP_PROTO(int nid, pid_t pid, unsigned int folios, long pages,
		     unsigned int migrated, u64 ns),
	    TP_ARGS(nid, pid, folios, pages, migrated, ns),
	    TP_STRUCT__entry(__field(int, nid)
			     __field(pid_t, pid)
			     __field(unsigned int, folios)
			     __field(long, pages)
			     __field(unsigned int, migrated)
			     __field(u64, ns)),
	    TP_fast_assign(__entry->nid = nid;
			   __entry->pid = pid;
			   __entry->folios = folios;
			   __entry->pages = pages;
			   __entry->migrated = migrated;
			   __entry->ns = ns;),
	    TP_printk("node=%d pid=%d folios=%u pages=%ld migrated=%u ns=%llu",
		      __entry->nid, __entry->pid, __entry->folios,
		      __entry->pages, __entry->migrated, __entry->ns)
);

#endif /* KNUMA_TRACE_H */

/* This part must be outside the include guard. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE knuma_trace
#include <trace/define_trace.h>
