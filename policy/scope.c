// SPDX-License-Identifier: GPL-2.0
/*
 * Which processes knuma balances (parameter scope) and the syntax of the
 * scope_list control file: one entry per write,
 *
 *   123                      add the process with PID 123
 *   -123                     remove it
 *   cgroup:/machine.slice/vm1   add a cgroup v2 directory (path from the
 *                               cgroup2 root) and everything below it
 *   -cgroup:/machine.slice/vm1  remove it
 *
 * with one optional trailing newline. Parsing is strict: an operator typo
 * must be refused, not half-applied.
 */
#include "policy.h"

/**
 * knuma_policy_in_scope() - is a process balanced by knuma?
 * @scope: KNUMA_SCOPE_ALL, KNUMA_SCOPE_OPTIN or KNUMA_SCOPE_OPTOUT
 * @listed: the process, or a cgroup it is in, is on scope_list
 *
 * Return: true when knuma may scan it and migrate its pages.
 */
bool knuma_policy_in_scope(int scope, bool listed)
{
	switch (scope) {
	case KNUMA_SCOPE_OPTIN:
		return listed;
	case KNUMA_SCOPE_OPTOUT:
		return !listed;
	default:
		return true;
	}
}

static bool knuma_scope_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A cgroup path: absolute, no empty, "." or ".." component, printable. */
static bool knuma_scope_path_ok(const char *p, unsigned int len)
{
	unsigned int i, comp = 0;

	if (!len || p[0] != '/')
		return false;
	for (i = 1; i <= len; i++) {
		if (i == len || p[i] == '/') {
			/* [i - comp, i) is the component just ended. */
			if (i < len && !comp)
				return false;		/* "//" */
			if (comp == 1 && p[i - 1] == '.')
				return false;
			if (comp == 2 && p[i - 1] == '.' && p[i - 2] == '.')
				return false;
			comp = 0;
			continue;
		}
		if ((unsigned char)p[i] < 0x21 || (unsigned char)p[i] == 0x7f)
			return false;
		comp++;
	}
	return true;
}

/**
 * knuma_policy_scope_parse() - parse one write to scope_list
 * @line: what was written (NUL-terminated)
 * @req: the request, filled on success
 *
 * A PID is 1 to KNUMA_SCOPE_PID_MAX in decimal, no sign but the removal
 * '-', no leading zero. A cgroup path is absolute (from the cgroup2 root),
 * at most KNUMA_SCOPE_PATH_MAX bytes, without "." or ".." components or
 * "//"; one trailing '/' is dropped ("/" itself is the root). @req->path
 * points into @line.
 *
 * Return: 0, or -KNUMA_EINVAL for anything else (empty, garbage, overlong).
 */
int knuma_policy_scope_parse(const char *line, struct knuma_scope_req *req)
{
	static const char cg[] = "cgroup:";
	unsigned int len = 0, i;
	unsigned long pid = 0;

	while (line[len] && len <= KNUMA_SCOPE_LINE_MAX)
		len++;
	if (len > KNUMA_SCOPE_LINE_MAX)
		return -KNUMA_EINVAL;
	if (len && line[len - 1] == '\n')
		len--;
	req->remove = len && line[0] == '-';
	if (req->remove) {
		line++;
		len--;
	}
	if (!len)
		return -KNUMA_EINVAL;
	for (i = 0; i < sizeof(cg) - 1; i++)
		if (i >= len || line[i] != cg[i])
			break;
	if (i == sizeof(cg) - 1) {
		line += i;
		len -= i;
		if (len > 1 && line[len - 1] == '/') {
			if (line[len - 2] == '/')
				return -KNUMA_EINVAL;
			len--;
		}
		if (len > KNUMA_SCOPE_PATH_MAX ||
		    (len > 1 && !knuma_scope_path_ok(line, len)) ||
		    (len == 1 && line[0] != '/') || !len)
			return -KNUMA_EINVAL;
		req->cgroup = true;
		req->path = line;
		req->path_len = len;
		req->pid = 0;
		return 0;
	}
	if (line[0] == '0')
		return -KNUMA_EINVAL;
	for (i = 0; i < len; i++) {
		if (!knuma_scope_is_digit(line[i]))
			return -KNUMA_EINVAL;
		pid = pid * 10 + (unsigned long)(line[i] - '0');
		if (pid > KNUMA_SCOPE_PID_MAX)
			return -KNUMA_EINVAL;
	}
	req->cgroup = false;
	req->path = NULL;
	req->path_len = 0;
	req->pid = (int)pid;
	return 0;
}
