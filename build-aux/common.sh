# Shared by the scripts in build-aux/ (sourced, not run): logging and
# installing missing Debian packages with apt-get.

# What building and running the app needs, the font it is designed for
# included (build-aux/flatpak-offline makes its SDK of these too).
BUILD_PACKAGES=(
  meson ninja-build gcc pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libjson-glib-dev librsvg2-dev
  libgsf-1-dev libxml2-dev libcsv-dev
  fonts-cantarell
)

log () {
  printf '\033[1m==> %s\033[0m\n' "$*" >&2
}

# Installs the named Debian packages that are not installed yet.
ensure_packages () {
  local missing=()
  local status

  for package in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    if [[ $status != "install ok installed" ]]; then
      missing+=("$package")
    fi
  done

  if (( ${#missing[@]} == 0 )); then
    return
  fi

  log "Installing ${missing[*]}"
  local sudo=()
  if (( EUID != 0 )); then
    if command -v sudo >/dev/null; then
      sudo=(sudo)
    else
      echo "These packages are missing and you are not root: ${missing[*]}" >&2
      exit 1
    fi
  fi

  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -q
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}"
}
