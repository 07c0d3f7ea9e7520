# build-aux/deps.sh — what Grant needs from Debian, and how to install what is missing.
# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by build-aux/run and build-aux/test. Debian 12 (bookworm) is the floor; Ubuntu 23.04
# and later have the same package names.

BUILD_PACKAGES=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin
  libgtk-4-dev libgtk-4-bin libadwaita-1-dev libwebkitgtk-6.0-dev libgtksourceview-5-dev
  libsoup-3.0-dev libjson-glib-dev libssl-dev libsecret-1-dev
  desktop-file-utils appstream
  adwaita-icon-theme fonts-cantarell
  # GTK 4.8 draws SVG icons, Grant's own among them, through gdk-pixbuf's SVG loader;
  # libgtk-4-bin's gtk4-encode-symbolic-svg uses it at build time (src/ui/meson.build).
  librsvg2-common
)

# at-spi2-core gives the session its accessibility bus, as every desktop has: WebKit's web
# process connects to it, and under the tests' fatal warnings its absence would crash it.
# ca-certificates lets npm ci reach the registry over TLS. clang builds the JOSE fuzzers, whose
# libFuzzer Debian 12 ships apart, in libclang-rt-14-dev (clang 14 is bookworm's clang).
# curl runs the commands "Copy as curl" gives, to prove they send what Grant sent
# (tests/core/test-har.c), and is the baseline of the benchmarks in bench/. gnome-keyring is
# the Secret Service the secret store is tested against (tests/integration/test-secret-store.c).
TEST_PACKAGES=(
  xvfb xauth dbus dbus-daemon at-spi2-core python3 ca-certificates curl gnome-keyring
  clang libclang-rt-14-dev
)

# Installs the packages of "$@" that are not installed yet, with sudo when not root.
grant_install_missing () {
  local missing=() package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  if ! command -v apt-get >/dev/null 2>&1; then
    echo "grant: these packages are missing and this is not a Debian or Ubuntu system:" >&2
    echo "  ${missing[*]}" >&2
    echo "Install their equivalents with your package manager, then run this again." >&2
    return 1
  fi

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "grant: installing ${missing[*]} needs root, and sudo is not installed." >&2
      return 1
    fi
    sudo=(sudo)
  fi

  echo "grant: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Configures the build folder "$1" if it is not configured yet, then builds it.
grant_build () {
  local build_dir=$1
  shift
  if [ ! -f "$build_dir/build.ninja" ]; then
    meson setup "$build_dir" "$@"
  fi
  meson compile -C "$build_dir"
}
