// SPDX-License-Identifier: GPL-2.0
/* v6.6: migrate_pages() allocation callbacks take folios (new_folio_t). */
#include <linux/migrate.h>
new_folio_t *knuma_probe(void);
new_folio_t *knuma_probe(void)
{
	return NULL;
}
