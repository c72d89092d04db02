// SPDX-License-Identifier: GPL-2.0
/* Before v6.10: migrate_misplaced_page(page, vma, node). */
#include <linux/migrate.h>
void *knuma_probe(void);
void *knuma_probe(void)
{
	int (*fn)(struct page *, struct vm_area_struct *, int) = migrate_misplaced_page;
	return fn;
}
