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

#include <linux/static_call.h>

#include "compat/compat.h"

DECLARE_STATIC_CALL(knuma_sc_kallsyms_lookup_name, knuma_kallsyms_lookup_name_fn);
DECLARE_STATIC_CALL(knuma_sc_change_prot_numa, knuma_change_prot_numa_fn);
DECLARE_STATIC_CALL(knuma_sc_migrate_pages, knuma_migrate_pages_fn);
DECLARE_STATIC_CALL(knuma_sc_putback_movable_pages, knuma_putback_movable_pages_fn);

/* knuma_call(change_prot_numa)(vma, start, end) */
#define knuma_call(sym) static_call(knuma_sc_##sym)

#endif /* KNUMA_SYMBOLS_H */
