// SPDX-License-Identifier: GPL-2.0
/*
 * Symbol resolution, in one place and before any hook goes live.
 *
 * kallsyms_lookup_name() is not exported: its address comes from a kprobe
 * registered on it (and removed at once). Every other non-exported symbol
 * knuma needs is declared in knuma_syms[] with whether knuma can work
 * without it and why it is needed. A missing required symbol refuses the
 * load with -ENOENT and one line naming it; nothing has been registered
 * at that point.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/stringify.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>
#include <asm/ibt.h>

#include "knuma.h"
#include "symbols.h"

DEFINE_STATIC_CALL_NULL(knuma_sc_kallsyms_lookup_name, kallsyms_lookup_name);
DEFINE_STATIC_CALL_NULL(knuma_sc_change_prot_numa, change_prot_numa);
DEFINE_STATIC_CALL_NULL(knuma_sc_migrate_pages, migrate_pages);
DEFINE_STATIC_CALL_NULL(knuma_sc_putback_movable_pages, putback_movable_pages);
DEFINE_STATIC_CALL_NULL(knuma_sc_set_numabalancing_state, set_numabalancing_state);
DEFINE_STATIC_CALL_NULL(knuma_sc___mpol_put, __mpol_put);
DEFINE_STATIC_CALL_NULL(knuma_sc_folio_isolate_lru, knuma_proto_folio_isolate_lru);
#ifdef KNUMA_NEED_XCHG_LAST_CPUPID
DEFINE_STATIC_CALL_NULL(knuma_sc_xchg_last_cpupid, KNUMA_XCHG_LAST_CPUPID);
#endif
#ifdef KNUMA_COUNT_MEMCG_EVENTS
DEFINE_STATIC_CALL_NULL(knuma_sc_count_memcg_events, KNUMA_COUNT_MEMCG_EVENTS);
#endif

struct knuma_sym {
	const char *name;
	bool required;
	const char *why;
	/* For functions knuma calls: the static_call to point at it. */
	struct static_call_key *key;
	void *tramp;
	/* State. */
	unsigned long addr;
};

#define KNUMA_SYM(_name, _req, _why) \
	{ .name = (_name), .required = (_req), .why = (_why) }
#define KNUMA_SYM_CALL_AS(_key, _name, _req, _why)			\
	{ .name = (_name), .required = (_req), .why = (_why),		\
	  .key = &STATIC_CALL_KEY(knuma_sc_##_key),			\
	  .tramp = STATIC_CALL_TRAMP_ADDR(knuma_sc_##_key) }
#define KNUMA_SYM_CALL(_fn, _req, _why)					\
	KNUMA_SYM_CALL_AS(_fn, #_fn, _req, _why)

static struct knuma_sym knuma_syms[] = {
	KNUMA_SYM("task_numa_work", true,
		  "the in-context scan that knuma takes over"),
	KNUMA_SYM_CALL(change_prot_numa, true,
		       "node threads mark ranges PROT_NONE"),
	KNUMA_SYM("task_numa_fault", true,
		  "every NUMA hint fault is observed at its entry"),
	KNUMA_SYM("should_numa_migrate_memory", true,
		  "the misplaced-page decision knuma takes over"),
	KNUMA_SYM("mpol_misplaced", false,
		  "where hint faults hit, per VMA: scan_filter marks what is used"),
	KNUMA_SYM(KNUMA_SYM_MIGRATE_MISPLACED, false,
		  "counts migrations made inside faults (sync mode, mainline)"),
	KNUMA_SYM_CALL(migrate_pages, true,
		       "batched migration in the node threads"),
	KNUMA_SYM_CALL(folio_isolate_lru, true,
		       "queued folios are isolated before a batch"),
	KNUMA_SYM_CALL(putback_movable_pages, true,
		       "folios a batch could not move go back to the LRU"),
#ifdef KNUMA_NEED_XCHG_LAST_CPUPID
	KNUMA_SYM_CALL_AS(xchg_last_cpupid, __stringify(KNUMA_XCHG_LAST_CPUPID),
			  true, "the two-stage filter records each fault on the folio"),
#endif
#ifdef KNUMA_COUNT_MEMCG_EVENTS
	KNUMA_SYM_CALL_AS(count_memcg_events, __stringify(KNUMA_COUNT_MEMCG_EVENTS),
			  false, "async migrations in the memory cgroup's numa_pages_migrated"),
#endif
	KNUMA_SYM("sysctl_numa_balancing_mode", true,
		  "what kernel.numa_balancing really is (data)"),
	KNUMA_SYM_CALL(set_numabalancing_state, true,
		       "switches kernel balancing on when loaded with the sysctl at 0"),
	KNUMA_SYM_CALL(__mpol_put, true,
		       "drops a shared (shmem) policy read like vma_policy_mof() does"),
	/* Filled from test_require_symbol=: exercises the refusal path. */
	KNUMA_SYM(NULL, true, "test_require_symbol= (testing only)"),
};

#define KNUMA_SYMS_END (knuma_syms + ARRAY_SIZE(knuma_syms))

/*
 * On IBT kernels every function starts with ENDBR (or its poison when
 * sealed) and a kprobe is placed after it: step back to the symbol so the
 * address matches what kallsyms reports.
 */
static unsigned long knuma_sym_start(unsigned long addr)
{
	u32 insn;

	if (!IS_ENABLED(CONFIG_X86_KERNEL_IBT))
		return addr;
	if (get_kernel_nofault(insn, (u32 *)(addr - ENDBR_INSN_SIZE)))
		return addr;
	return knuma_is_endbr(insn) ? addr - ENDBR_INSN_SIZE : addr;
}

static int knuma_find_kallsyms_lookup_name(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long addr, self;
	int ret;

	ret = register_kprobe(&kp);
	if (ret) {
		pr_err("cannot find kallsyms_lookup_name through a kprobe (%d) in kernel %s\n",
		       ret, init_utsname()->release);
		return ret;
	}
	addr = knuma_sym_start((unsigned long)kp.addr);
	unregister_kprobe(&kp);

	static_call_update(knuma_sc_kallsyms_lookup_name, (void *)addr);

	/* Cross-check: kallsyms must agree on where it lives itself. */
	self = knuma_call(kallsyms_lookup_name)("kallsyms_lookup_name");
	if (self != addr) {
		pr_err("kallsyms_lookup_name address mismatch (kprobe and kallsyms disagree) in kernel %s\n",
		       init_utsname()->release);
		return -ENOENT;
	}
	return 0;
}

/**
 * knuma_symbols_resolve() - resolve every symbol of knuma_syms[]
 *
 * Also points the static_calls of the functions knuma calls at them.
 *
 * Return: 0, or -ENOENT when a required symbol is missing (logged).
 */
int knuma_symbols_resolve(void)
{
	struct knuma_sym *s;
	int ret;

	ret = knuma_find_kallsyms_lookup_name();
	if (ret)
		return ret;

	knuma_syms[ARRAY_SIZE(knuma_syms) - 1].name =
		(knuma_test_require_symbol && *knuma_test_require_symbol) ?
		knuma_test_require_symbol : NULL;

	for (s = knuma_syms; s < KNUMA_SYMS_END; s++) {
		if (!s->name)
			continue;
		s->addr = knuma_call(kallsyms_lookup_name)(s->name);
		if (!s->addr && s->required) {
			pr_err("required symbol %s not found in kernel %s (needed: %s); not loading\n",
			       s->name, init_utsname()->release, s->why);
			return -ENOENT;
		}
		if (!s->addr) {
			pr_info("optional symbol %s not found: %s is unavailable\n",
				s->name, s->why);
			continue;
		}
		if (s->key)
			__static_call_update(s->key, s->tramp, (void *)s->addr);
	}
	return 0;
}

/**
 * knuma_sym_addr() - address of a resolved symbol of knuma_syms[]
 * @name: symbol name
 *
 * Return: the address, or 0 when the symbol is unknown or was not found.
 */
unsigned long knuma_sym_addr(const char *name)
{
	struct knuma_sym *s;

	for (s = knuma_syms; s < KNUMA_SYMS_END; s++)
		if (s->name && !strcmp(s->name, name))
			return s->addr;
	return 0;
}

/**
 * knuma_symbols_show() - list the symbol table for debugfs (no addresses)
 * @m: seq_file to print to
 */
void knuma_symbols_show(struct seq_file *m)
{
	struct knuma_sym *s;

	seq_puts(m, "symbols:\n");
	seq_printf(m, "  %-28s %-9s %-8s %s\n", "kallsyms_lookup_name",
		   "resolved", "required", "via kprobe, called through static_call");
	for (s = knuma_syms; s < KNUMA_SYMS_END; s++)
		if (s->name)
			seq_printf(m, "  %-28s %-9s %-8s %s%s\n", s->name,
				   s->addr ? "resolved" : "missing",
				   s->required ? "required" : "optional", s->why,
				   s->key ? " [static_call]" : "");
}
