// SPDX-License-Identifier: GPL-2.0
/*
 * After 6.12 (seen on 7.2 and 7.3): isolate_movable_page() became
 * isolate_movable_ops_page(), bool like
 * the rest of the isolation functions since v6.4 (folio_isolate_lru() among
 * them, whose declaration is in mm/internal.h only).
 */
#include <linux/build_bug.h>
#include <linux/migrate.h>
static_assert(__builtin_types_compatible_p(typeof(isolate_movable_ops_page),
					   bool (struct page *, isolate_mode_t)),
	      "no bool isolate_movable_ops_page()");
