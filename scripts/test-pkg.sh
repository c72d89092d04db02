#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test-pkg.sh [FLAVOUR]: the packaging, on the host (FLAVOUR: the cached
# kernel to build for, default 6.12).
#   - "make deb": the package builds; its files (the DKMS source with every
#     .c/.h of module/ hooks/ scanner/ policy/, no build artefacts; the
#     modprobe.d example; the copyright file), control fields, maintainer
#     scripts (sh -n), conffiles; the modprobe.d example sets nothing
#     (modprobe -c with it as the only config) and names only real module
#     parameters. lintian, if installed, is reported, never fatal.
#   - "make dkms-install" / "make dkms-remove" for the cached kernel, in
#     private DKMS trees (source, dkms and install trees under build/): the
#     module is built and installed, a second install changes nothing, remove
#     leaves nothing behind, a second remove is fine; the system's
#     /var/lib/dkms, /usr/src and /lib/modules/<release> stay as they were.
# Prints "PASS pkg/<name>" or "FAIL pkg/<name> <detail>" (then detail lines
# indented by 4 spaces) per check; exit status 1 if any check failed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$KNUMA_ROOT" || exit 1

flavour=${1:-6.12}
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
t=$KNUMA_BUILD/pkg-test
rm -rf "$t" && mkdir -p "$t"
failed=0
errs=()

# report NAME [SUMMARY]: PASS if the check collected no errors in errs[],
# else FAIL with SUMMARY (default: the first error) and the errors (at most
# 30) as detail lines.
report() {
	if [ ${#errs[@]} -eq 0 ]; then
		echo "PASS pkg/$1"
	else
		if [ $# -ge 2 ]; then
			echo "FAIL pkg/$1 $2"
		else
			echo "FAIL pkg/$1 ${errs[0]}"
			errs=("${errs[@]:1}")
		fi
		[ ${#errs[@]} -eq 0 ] || printf '    %s\n' "${errs[@]:0:30}"
		[ ${#errs[@]} -le 30 ] || echo "    ... ($((${#errs[@]} - 30)) more)"
		failed=1
	fi
	errs=()
}
# err MESSAGE...: an error of the current check; one detail line per line.
err() {
	local l
	while IFS= read -r l; do
		errs+=("$l")
	done <<<"$*"
}
# err_file FILE [N]: the last N (20) lines of FILE as errors.
err_file() {
	local l
	while IFS= read -r l; do
		errs+=("$l")
	done < <(tail -n "${2:-20}" "$1")
}

# ---------------------------------------------------------------- the .deb
deb=$KNUMA_BUILD/deb/knuma-dkms_${ver}_all.deb
root=$t/deb-root
rm -f "$deb"
have_deb=
if [ -z "$ver" ]; then
	err "no PACKAGE_VERSION in dkms.conf"
elif ! make -s deb >"$t/deb.log" 2>&1; then
	err "make deb failed (log $t/deb.log):"
	err_file "$t/deb.log"
elif [ ! -f "$deb" ]; then
	err "make deb succeeded but $deb does not exist"
elif ! dpkg-deb -x "$deb" "$root" 2>"$t/x.log" ||
     ! dpkg-deb -e "$deb" "$root/DEBIAN" 2>>"$t/x.log" ||
     ! dpkg-deb --fsys-tarfile "$deb" | tar -t >"$t/list" 2>>"$t/x.log"; then
	err "dpkg-deb cannot unpack $deb:"
	err_file "$t/x.log"
else
	have_deb=1
fi
report deb-build

deb_checks="deb-contents deb-no-artefacts field-package field-version
	    field-architecture field-depends maintscripts conffiles
	    modprobe-example modprobe-example-inert copyright"
if [ -z "$have_deb" ]; then
	for c in $deb_checks; do
		err "no package (pkg/deb-build failed)"
		report "$c"
	done
else
	# The listing has "./usr/src/knuma-0.1.0/module/main.c", directories
	# with a trailing slash.
	usrc=./usr/src/knuma-$ver
	expect=("$usrc/dkms.conf" "$usrc/Makefile" "$usrc/Kbuild" "$usrc/LICENSE"
		"$usrc/scripts/probe.sh" ./etc/modprobe.d/knuma.conf
		./usr/share/doc/knuma-dkms/copyright)
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		mapfile -t srcs < <(git ls-files -- module hooks scanner policy | grep -E '\.[ch]$')
	else
		mapfile -t srcs < <(find module hooks scanner policy -name '*.[ch]' ! -name '*.mod.c' | sort)
	fi
	for d in module hooks scanner policy; do
		printf '%s\n' "${srcs[@]}" | grep -q "^$d/.*\.c$" ||
			err "no .c file found in $d/ to expect in the package"
	done
	for f in "${srcs[@]}"; do
		expect+=("$usrc/$f")
	done
	for f in "${expect[@]}"; do
		grep -qxF "$f" "$t/list" || err "missing: ${f#./}"
	done
	report deb-contents "(${#errs[@]} of ${#expect[@]} expected files missing)"

	grep -nE '\.(o|ko|mod|cmd|pyc)$|\.ko\.|\.mod\.c$|\.o\.d$|/modules\.order$|/Module\.symvers$|/(build|\.tmp_versions|__pycache__)(/|$)' \
		"$t/list" >"$t/artefacts"
	while IFS= read -r l; do
		err "artefact: $l"
	done <"$t/artefacts"
	report deb-no-artefacts "(${#errs[@]} build artefacts in the package)"

	field() { dpkg-deb -f "$deb" "$1" 2>/dev/null; }
	v=$(field Package)
	[ "$v" = knuma-dkms ] || err "Package is '$v', want knuma-dkms"
	report field-package
	v=$(field Version)
	[ "$v" = "$ver" ] || err "Version is '$v', dkms.conf PACKAGE_VERSION is '$ver'"
	report field-version
	v=$(field Architecture)
	[ "$v" = all ] || err "Architecture is '$v', want all"
	report field-architecture
	v=$(field Depends)
	echo "$v" | grep -qE '(^|,)[[:space:]]*dkms([[:space:]]|,|$)' ||
		err "Depends is '$v', want it to contain dkms"
	report field-depends

	for s in postinst prerm; do
		f=$root/DEBIAN/$s
		if [ ! -f "$f" ]; then
			err "$s: not in the package"
			continue
		fi
		[ -x "$f" ] || err "$s: not executable"
		[ "$(head -n 1 "$f")" = "#!/bin/sh" ] || err "$s: first line is not #!/bin/sh"
		sh -n "$f" 2>"$t/sh-n-$s.log" || { err "$s: sh -n fails:"; err_file "$t/sh-n-$s.log"; }
		grep -qx "VERSION=$ver" "$f" || err "$s: no line VERSION=$ver"
		! grep -n '@[A-Z_]*@' "$f" >"$t/placeholders" || err "$s: placeholder left: $(head -n 1 "$t/placeholders")"
	done
	report maintscripts

	grep -qx /etc/modprobe.d/knuma.conf "$root/DEBIAN/conffiles" 2>/dev/null ||
		err "/etc/modprobe.d/knuma.conf is not listed in DEBIAN/conffiles"
	report conffiles

	# The example: only comments and blank lines, and it is an example of
	# knuma options (at least migrate_mode and migrate_rate_mb).
	ex=$root/etc/modprobe.d/knuma.conf
	if [ ! -s "$ex" ]; then
		err "etc/modprobe.d/knuma.conf missing or empty"
	else
		grep -nvE '^[[:space:]]*(#.*)?$' "$ex" >"$t/active"
		while IFS= read -r l; do
			err "not a comment: line ${l%%:*}: ${l#*:}"
		done <"$t/active"
		for p in migrate_mode migrate_rate_mb; do
			grep -qE "^#[[:space:]]*options[[:space:]]+knuma[[:space:]].*\\b$p=" "$ex" ||
				err "no commented example 'options knuma $p=...'"
		done
	fi
	report modprobe-example

	# What modprobe makes of it: with the example as its only config, no
	# option for knuma. Control: with the option lines uncommented, the
	# same command must show them, or the probe proves nothing.
	mkdir -p "$t/mpd-as-is" "$t/mpd-uncommented"
	cp "$ex" "$t/mpd-as-is/knuma.conf" 2>/dev/null
	sed 's/^#[[:space:]]*options/options/' "$ex" >"$t/mpd-uncommented/knuma.conf" 2>/dev/null
	n_as_is=$(modprobe -C "$t/mpd-as-is" -c 2>/dev/null | grep -c '^options knuma ')
	n_unc=$(modprobe -C "$t/mpd-uncommented" -c 2>/dev/null | grep -c '^options knuma ')
	[ "$n_unc" -gt 0 ] || err "modprobe -c shows no knuma options even with the example uncommented: cannot tell"
	[ "$n_as_is" -eq 0 ] || err "modprobe -c sets $n_as_is knuma option lines from the example as installed"
	report modprobe-example-inert

	cr=$root/usr/share/doc/knuma-dkms/copyright
	grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' "$cr" 2>/dev/null ||
		err "copyright: no machine-readable Format: line"
	grep -qx 'License: GPL-2.0' "$cr" 2>/dev/null || err "copyright: no 'License: GPL-2.0'"
	report copyright

	if command -v lintian >/dev/null; then
		lintian "$deb" >"$t/lintian.log" 2>&1
		echo "info: lintian (not a check): $(grep -c '^E:' "$t/lintian.log") errors," \
			"$(grep -c '^W:' "$t/lintian.log") warnings, see $t/lintian.log"
	else
		echo "info: lintian is not installed: not run"
	fi
fi

# ------------------------------------------- dkms-install / dkms-remove
dkms_checks="dkms-install-no-headers dkms-install dkms-install-again
	     dkms-source-matches-deb modprobe-example-params dkms-remove
	     dkms-remove-again system-untouched"
if ! knuma_kernel_env "$flavour"; then
	for c in $dkms_checks; do
		err "no cached $flavour kernel (scripts/fetch-kernel.sh $flavour)"
		report "$c"
	done
	exit 1
fi
src=$t/dkms-src
tree=$t/dkms-tree
inst=$t/modules
mkdir -p "$src" "$tree" "$inst/$KREL"
# mk TARGET [VAR=...]: make with the private trees. No depmod (it would
# read /lib/modules), one make job.
mk() {
	make -s --no-print-directory DKMS_SOURCETREE="$src" DKMS_TREE="$tree" \
		DKMS_INSTALLTREE="$inst" DKMS_ARGS="--no-depmod -j 1" "$@"
}
dstatus() {
	dkms status -m knuma -v "$ver" --sourcetree "$src" --dkmstree "$tree" --installtree "$inst" "$@" 2>&1
}
sys_state() {
	ls -la --time-style=+%s /var/lib/dkms /usr/src "/lib/modules/$KREL" 2>&1
}
sys_state >"$t/system-before"

# A kernel without headers: refused with a message, before anything is copied.
mk dkms-install KVER=0.0.0-knuma-none KDIR= >"$t/install-none.log" 2>&1
rc=$?
[ $rc -ne 0 ] || err "make dkms-install succeeded for a kernel without headers"
grep -q 'no kernel build tree for 0.0.0-knuma-none' "$t/install-none.log" ||
	{ err "no clear message; output:"; err_file "$t/install-none.log"; }
[ -z "$(ls -A "$src")" ] || err "files were copied into the source tree: $(ls -A "$src")"
report dkms-install-no-headers

mk dkms-install KVER="$KREL" KDIR="$KDIR" >"$t/install.log" 2>&1
rc=$?
ko=$(find "$inst/$KREL" -name 'knuma.ko*' 2>/dev/null | head -n 1)
built=$(find "$tree/knuma/$ver/$KREL" -path '*/module/knuma.ko*' 2>/dev/null | head -n 1)
if [ $rc -ne 0 ]; then
	err "make dkms-install KVER=$KREL failed (rc $rc):"
	err_file "$t/install.log"
	[ ! -f "$tree/knuma/$ver/build/make.log" ] || err_file "$tree/knuma/$ver/build/make.log" 15
else
	[ -f "$src/knuma-$ver/dkms.conf" ] || err "no $src/knuma-$ver/dkms.conf"
	dstatus -k "$KREL" | grep -q ': installed' ||
		err "dkms status does not say installed: $(dstatus -k "$KREL")"
	[ -n "$built" ] || err "no knuma.ko in the dkms tree $tree/knuma/$ver/$KREL"
	if [ -z "$ko" ]; then
		err "no knuma.ko installed under $inst/$KREL"
	else
		v=$(modinfo -F vermagic "$ko" 2>&1)
		[ "${v%% *}" = "$KREL" ] || err "$ko: vermagic '$v', want $KREL"
		v=$(modinfo -F version "$ko" 2>&1)
		[ "$v" = "$ver" ] || err "$ko: version '$v', want $ver"
	fi
fi
report dkms-install

# Again: same sources, so nothing is rebuilt or reinstalled.
stamp() { stat -c '%i %Y' "$@" 2>&1 | tr '\n' ' '; }
before=$(stamp "$ko" "$built")
mk dkms-install KVER="$KREL" KDIR="$KDIR" >"$t/install-again.log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
	err "second make dkms-install failed (rc $rc):"
	err_file "$t/install-again.log"
else
	grep -q 'is up to date' "$t/install-again.log" ||
		err "no 'source ... is up to date' message"
	if [ -z "$ko" ] || [ "$(stamp "$ko" "$built")" != "$before" ]; then
		err "the module was rebuilt or reinstalled: '$before' -> '$(stamp "$ko" "$built")'"
	fi
	dstatus -k "$KREL" | grep -q ': installed' || err "not installed after the second run"
fi
report dkms-install-again

# make dkms-install installs the same tree the package ships.
if [ -z "$have_deb" ]; then
	err "no package to compare with (pkg/deb-build failed)"
elif ! diff -r "$root/usr/src/knuma-$ver" "$src/knuma-$ver" >"$t/src-diff" 2>&1; then
	err "/usr/src/knuma-$ver of the package and of make dkms-install differ:"
	err_file "$t/src-diff"
fi
report dkms-source-matches-deb

# The example names real parameters of the module, and all of them but the
# testing-only ones.
if [ -z "$ko" ] || [ -z "$have_deb" ]; then
	err "no built module or no package (pkg/dkms-install or pkg/deb-build failed)"
else
	modinfo -F parm "$ko" | sed 's/:.*//' | grep -v '^test_' | sort -u >"$t/params-module"
	sed -n 's/^#[[:space:]]*options[[:space:]]\+knuma[[:space:]]\+//p' "$root/etc/modprobe.d/knuma.conf" |
		tr -s ' \t' '\n' | sed -n 's/=.*//p' | sort -u >"$t/params-example"
	[ -s "$t/params-module" ] || err "modinfo lists no parameters of $ko"
	while IFS= read -r p; do
		err "example sets '$p', which is not a parameter of knuma"
	done < <(comm -13 "$t/params-module" "$t/params-example")
	while IFS= read -r p; do
		err "parameter '$p' has no example"
	done < <(comm -23 "$t/params-module" "$t/params-example")
fi
report modprobe-example-params

mk dkms-remove KVER="$KREL" KDIR="$KDIR" >"$t/remove.log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
	err "make dkms-remove failed (rc $rc):"
	err_file "$t/remove.log"
fi
left=$(find "$src" "$tree" "$inst/$KREL" -mindepth 1 2>&1)
[ -z "$left" ] || err "left behind: $(echo "$left" | head -n 5 | tr '\n' ' ')"
[ -z "$(dstatus)" ] || err "dkms status still shows: $(dstatus)"
report dkms-remove

mk dkms-remove KVER="$KREL" KDIR="$KDIR" >"$t/remove-again.log" 2>&1
rc=$?
[ $rc -eq 0 ] || { err "second make dkms-remove failed (rc $rc):"; err_file "$t/remove-again.log"; }
grep -q 'nothing to remove' "$t/remove-again.log" ||
	{ err "no 'nothing to remove' message; output:"; err_file "$t/remove-again.log" 5; }
report dkms-remove-again

sys_state >"$t/system-after"
diff "$t/system-before" "$t/system-after" >"$t/system-diff" ||
	{ err "the system's DKMS trees changed:"; err_file "$t/system-diff"; }
report system-untouched

exit $failed
