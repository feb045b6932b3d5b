# Shared by the scripts: install what a fresh Debian or Ubuntu machine lacks, once.
# shellcheck shell=bash

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the Debian packages given that are not installed yet.
need_debs() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing Debian packages: ${missing[*]}" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Rust comes from rustup (Debian's is too old for edition 2024).
need_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    echo "Rust is missing: install it with rustup (https://rustup.rs), then run this again." >&2
    exit 1
  fi
  need_debs gcc pkg-config
  if ! cargo clippy --version >/dev/null 2>&1 || ! cargo fmt --version >/dev/null 2>&1; then
    rustup component add clippy rustfmt
  fi
}

# Node.js and npm build the UI (Debian's own, when the machine has none).
need_node() {
  if ! command -v npm >/dev/null 2>&1; then
    need_debs nodejs npm
  fi
}

# What the desktop app builds with: WebKitGTK and its friends, and Node.js for the UI.
need_desktop_build() {
  need_node
  need_debs libwebkit2gtk-4.1-dev libssl-dev pkg-config librsvg2-dev dpkg-dev file
}

# What its window tests run with: a virtual display, WebKit's WebDriver, a Chinese font for the
# zh-CN screens, and tauri-driver.
need_desktop_test() {
  need_desktop_build
  need_debs xvfb xauth webkit2gtk-driver fonts-wqy-microhei fonts-dejavu-core
  if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
    cargo install tauri-driver --version 2.1.0 --locked
  fi
}

# The UI's packages, exactly as ui/package-lock.json pins them; then ui/dist, which Tauri embeds.
build_ui() {
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    (cd ui && npm ci --no-audit --no-fund)
  fi
  (cd ui && npm run build)
}
