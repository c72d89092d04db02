/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Calls into non-exported kernel functions.
 *
 * Every such function is reached through a static_call whose target is set
 * from kallsyms at init (module/symbols.c). On x86 the static_call trampoline
 * and the patched call sites are direct branches, which IBT does not check:
 * Debian 6.12 seals these functions (no ENDBR), so a plain indirect call
 * through a resolved pointer would #CP on IBT hardware.
 */
#ifndef KNUMA_SYMBOLS_H
#define KNUMA_SYMBOLS_H

#include <linux/irqflags.h>
#include <linux/kallsyms.h>
#include <linux/memcontrol.h>
#include <linux/static_call.h>

#include "compat/compat.h"

/*
 * Each static_call takes its type from the kernel's own declaration of the
 * function (typeof), so a prototype change between kernels is a build error
 * at the call site, not a silent mismatch.
 */
DECLARE_STATIC_CALL(knuma_sc_kallsyms_lookup_name, kallsyms_lookup_name);
DECLARE_STATIC_CALL(knuma_sc_change_prot_numa, change_prot_numa);
DECLARE_STATIC_CALL(knuma_sc_migrate_pages, migrate_pages);
DECLARE_STATIC_CALL(knuma_sc_putback_movable_pages, putback_movable_pages);
DECLARE_STATIC_CALL(knuma_sc_set_numabalancing_state, set_numabalancing_state);
DECLARE_STATIC_CALL(knuma_sc___mpol_put, __mpol_put);
DECLARE_STATIC_CALL(knuma_sc_folio_isolate_lru, knuma_proto_folio_isolate_lru);
#ifdef KNUMA_NEED_XCHG_LAST_CPUPID
DECLARE_STATIC_CALL(knuma_sc_xchg_last_cpupid, KNUMA_XCHG_LAST_CPUPID);
#endif
#ifdef KNUMA_COUNT_MEMCG_EVENTS
DECLARE_STATIC_CALL(knuma_sc_count_memcg_events, KNUMA_COUNT_MEMCG_EVENTS);

/*
 * Count @nr of @idx in @memcg as the kernel's count_memcg_events() does;
 * a no-op when the symbol was not found (optional).
 */
static inline void knuma_count_memcg_events(struct mem_cgroup *memcg,
					    enum vm_event_item idx,
					    unsigned long nr)
{
#ifdef KNUMA_COUNT_MEMCG_IRQOFF
	unsigned long flags;

	local_irq_save(flags);
	static_call_cond(knuma_sc_count_memcg_events)(memcg, idx, nr);
	local_irq_restore(flags);
#else
	static_call_cond(knuma_sc_count_memcg_events)(memcg, idx, nr);
#endif
}
#endif

/* knuma_call(change_prot_numa)(vma, start, end) */
#define knuma_call(sym) static_call(knuma_sc_##sym)

#endif /* KNUMA_SYMBOLS_H */
