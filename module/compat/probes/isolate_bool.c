// SPDX-License-Identifier: GPL-2.0
/*
 * v6.4: the page isolation functions return bool, true on success
 * (folio_isolate_lru() among them, which is in mm/internal.h only; the same
 * series changed isolate_movable_page(), which the headers show).
 */
#include <linux/build_bug.h>
#include <linux/migrate.h>
static_assert(__builtin_types_compatible_p(typeof(isolate_movable_page),
					   bool (struct page *, isolate_mode_t)),
	      "isolate_movable_page() returns int");
