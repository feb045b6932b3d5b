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

# What the Windows build needs (scripts/build-windows): the MinGW-w64 cross toolchain (its
# windres compiles the app's icon and version), Rust's Windows standard library, NSIS for the
# installer and zip for the portable folder.
need_windows_build() {
  need_node
  need_debs gcc-mingw-w64-x86-64 mingw-w64-x86-64-dev binutils-mingw-w64-x86-64 nsis zip
  if ! rustup target list --installed | grep -qx x86_64-pc-windows-gnu; then
    rustup target add x86_64-pc-windows-gnu
  fi
}

# Fails unless every DLL the Windows programs given import is one of Windows' own or
# WebView2Loader.dll (shipped beside them): anything else would have to be shipped too.
check_windows_imports() {
  local own='^(api-ms-win-[a-z0-9-]+|advapi32|bcrypt|bcryptprimitives|combase|comctl32|comdlg32|crypt32|dwmapi|gdi32|imm32|kernel32|msvcrt|ntdll|ole32|oleaut32|propsys|rpcrt4|secur32|shell32|shlwapi|user32|userenv|uxtheme|version|winmm|ws2_32)\.dll$'
  local exe dll foreign=()
  for exe in "$@"; do
    while read -r dll; do
      [[ $dll =~ $own || $dll == webview2loader.dll ]] || foreign+=("$(basename "$exe"): $dll")
    done < <(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/^[[:space:]]*DLL Name: //p' | tr '[:upper:]' '[:lower:]' | sort -u)
  done
  if [ "${#foreign[@]}" -gt 0 ]; then
    printf 'Imports a DLL that is not Windows'"'"' own: %s\n' "${foreign[@]}" >&2
    return 1
  fi
}

# Wine runs the Windows console programs (Debian's; WebView2 does not run under it).
need_wine() {
  need_debs wine wine64
}

# A throwaway Wine prefix under $1, started once; nothing interactive (no Mono or Gecko prompts,
# no menu entries written to the real desktop) and nothing printed but the programs' own output.
wine_prefix() {
  export WINEPREFIX=$1/wine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
  mkdir -p "$WINEPREFIX"
  wineboot --init >/dev/null 2>&1
  wineserver --wait
  # Rust programs need ProcessPrng, which Debian's Wine 8 lacks: a stand-in for this prefix.
  x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    tests/windows/bcryptprimitives.c -ladvapi32
  x86_64-w64-mingw32-gcc -O2 -o "$WINEPREFIX/drive_c/hold.exe" tests/windows/hold.c
  # Wine links Desktop, Documents and the like to the real home folder: folders of their own
  # instead, so a shortcut the installer makes lands in the prefix, not on this machine.
  local link
  for link in "$WINEPREFIX"/drive_c/users/*/*; do
    if [ -L "$link" ]; then
      rm "$link"
      mkdir "$link"
    fi
  done
}

# Wine's server exits three seconds after its last program ends, and a program that starts in that
# instant loses it ("recvmsg: Connection reset by peer"): wine_hold runs a program that waits for
# ever (tests/windows/hold.c), so the server stays up between a script's steps. wine_settle ends
# it, waits until every program in the prefix and the server have ended (an installer's children
# too), then holds the server again. The holder is ended by its process id, not by closing a pipe:
# every program started after would inherit the pipe and keep it open.
wine_hold() {
  wine 'C:\hold.exe' </dev/null >/dev/null 2>&1 &
  wine_holder=$!
}
wine_settle() {
  # Already gone if it could not start: then only the wait below matters.
  kill "$wine_holder" 2>/dev/null || true
  wait "$wine_holder" 2>/dev/null || true
  wineserver --wait
  wine_hold
}
