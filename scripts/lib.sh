# Shared by scripts/demo.sh and scripts/test.sh: install what is missing from
# Debian's packages, then configure and build. Sourced, not run.

SIFUND_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Installs the packages named in scripts/debian-packages.txt (plus any given
# as arguments) that are not installed yet. Needs root only when something
# is missing.
install_packages() {
  local wanted missing=()
  wanted=$(grep -v '^\s*#' "$SIFUND_ROOT/scripts/debian-packages.txt" | tr -s ' \n' ' ')
  for p in $wanted "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing from Debian: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# configure_and_build BUILD_DIR [cmake args...] [-- targets...]
configure_and_build() {
  local dir=$1; shift
  local args=() targets=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do args+=("$1"); shift; done
  [ "${1:-}" = "--" ] && shift && targets=("$@")
  cmake -S "$SIFUND_ROOT" -B "$dir" -G Ninja "${args[@]}" >/dev/null
  if [ ${#targets[@]} -gt 0 ]; then
    cmake --build "$dir" -j"$(nproc)" --target "${targets[@]}"
  else
    cmake --build "$dir" -j"$(nproc)"
  fi
}
