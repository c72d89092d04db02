// SPDX-License-Identifier: GPL-2.0
/*
 * modload FILE [PARAMS]: one finit_module() call, and its exact result:
 *   ok | errno <n> (<text>)
 * busybox insmod retries with init_module() after a failure and maps errno
 * to its own words; the refusal tests need one attempt and the real errno.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common.h"

int main(int argc, char **argv)
{
	int fd;

	if (argc < 2 || argc > 3)
		die("usage: modload FILE [PARAMS]");
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die("modload: cannot open %s", argv[1]);
	if (syscall(SYS_finit_module, fd, argc == 3 ? argv[2] : "", 0)) {
		int err = errno;

		printf("errno %d (%s)\n", err, strerror(err));
		return 1;
	}
	printf("ok\n");
	return 0;
}
