#!/bin/sh
# Prints the path of a Python interpreter that runs: `sh mk/find-python.sh NAME [X.Y]`.
#
# NAME is a command (python3.12) or a path. A pyenv shim answers `command -v` for every version
# pyenv has installed, then refuses to run when that version is not selected ("pyenv: python3.12:
# command not found"); so every candidate is run, and past such a shim the interpreters pyenv
# installed under that name are tried directly. With X.Y, only one of that version is printed.
# Prints nothing and exits 1 when none is found; the Makefiles then say what to pass.
name=$1
want=${2:-}

runs() {
	found=$("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) || return 1
	[ -z "$want" ] || [ "$found" = "$want" ]
}

case $name in
*/*) candidates=$name ;;
*) candidates="$(command -v "$name" 2>/dev/null) ${PYENV_ROOT:-$HOME/.pyenv}/versions/*/bin/$name" ;;
esac
for candidate in $candidates; do
	if [ -x "$candidate" ] && runs "$candidate"; then
		echo "$candidate"
		exit 0
	fi
done
exit 1
