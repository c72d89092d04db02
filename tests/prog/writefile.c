// SPDX-License-Identifier: GPL-2.0
/*
 * writefile [-n] FILE VALUE: write VALUE (plus a newline with -n) to FILE
 * in one write() and print its exact result:  ok | errno <n> (<text>)
 * Shell builtins hide the errno of a failed write to a sysfs file.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

int main(int argc, char **argv)
{
	int nl = argc > 1 && !strcmp(argv[1], "-n");
	char buf[4096];
	size_t len;
	ssize_t ret;
	int fd;

	if (argc != 3 + nl)
		die("usage: writefile [-n] FILE VALUE");
	len = strlen(argv[2 + nl]);
	if (len + 2 > sizeof(buf))
		die("writefile: value too long");
	memcpy(buf, argv[2 + nl], len);
	if (nl)
		buf[len++] = '\n';
	fd = open(argv[1 + nl], O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		die("writefile: cannot open %s: %s", argv[1 + nl], strerror(errno));
	ret = write(fd, buf, len);
	if (ret < 0) {
		int err = errno;

		printf("errno %d (%s)\n", err, strerror(err));
		return 1;
	}
	printf(ret == (ssize_t)len ? "ok\n" : "short write %zd of %zu\n", ret, len);
	return ret == (ssize_t)len ? 0 : 1;
}
