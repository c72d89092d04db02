// SPDX-License-Identifier: GPL-2.0
/* v6.10: folio_likely_mapped_shared() (folio_mapcount() is not exported before). */
#include <linux/mm.h>
bool knuma_probe(struct folio *folio);
bool knuma_probe(struct folio *folio)
{
	return folio_likely_mapped_shared(folio);
}
