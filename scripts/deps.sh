#!/usr/bin/env bash
# Installs the Debian packages `make test` needs when they are missing
# (`make deps` runs this; `make test` runs `make deps` first). It uses
# apt-get as root, or through sudo when sudo needs no password; otherwise it
# names the missing packages and the command that installs them, and fails.
# The npm packages are installed by make itself (npm ci, when node_modules
# is missing or older than its package-lock.json).
#
# To need another package, add a line to `needs` below: the command that
# must exist, then the Debian package that holds it.
set -euo pipefail

needs=(
	# command         package        what for
	"chromium        chromium"     # the browser tests (e2e/*.test.mjs)
	"brotli          brotli"       # the page's brotli variants (web/precompress)
	"knotd           knot"         # real DNS tests: the authoritative server (internal/realdns)
	"unbound         unbound"      # real DNS tests: the DoH resolver in front of it
	"openssl         openssl"      # real DNS tests: the test CA of Unbound's certificate
	"kdig            knot-dnsutils" # real DNS tests: an independent DoH client (internal/realdns)
	"dnssec-signzone bind9-utils"  # real DNS tests: signing the zones that ask for DNSSEC (internal/realdns)
	"zsh             zsh"          # cmd/mxplain: the zsh completion script is read by zsh -n
	"fish            fish"         # cmd/mxplain: the fish completion script is asked by fish itself
	"groff           groff-base"   # cmd/mxplain: the man page renders without warnings
	"man             man-db"       # cmd/mxplain: the man page reads with man -l
)

# have finds a command on PATH or in the sbin folders (not on a normal
# user's PATH on Debian, where knotd and unbound live).
have() {
	command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]
}

for tool in go node npm; do
	have "$tool" || { echo "deps: $tool is required and is not on PATH (install Go 1.26 and Node 20 or later)" >&2; exit 1; }
done

missing=()
for line in "${needs[@]}"; do
	read -r cmd pkg <<<"$line"
	have "$cmd" || missing+=("$pkg")
done
((${#missing[@]})) || exit 0

install=(apt-get install -y --no-install-recommends "${missing[@]}")
if ! command -v apt-get >/dev/null 2>&1; then
	echo "deps: missing ${missing[*]}, and this is not a Debian-like system (no apt-get): install them with your package manager, then run make test again" >&2
	exit 1
fi
if [ "$(id -u)" = 0 ]; then
	sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo=(sudo)
else
	echo "deps: missing Debian packages: ${missing[*]}" >&2
	echo "deps: this user is not root and cannot use sudo without a password; run:" >&2
	echo "    sudo apt-get update && sudo ${install[*]}" >&2
	echo "deps: then run make test again" >&2
	exit 1
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" "${install[@]}"
