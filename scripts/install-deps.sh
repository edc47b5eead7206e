#!/usr/bin/env bash
# Installs what meihao needs to build, run and test on Debian 12 (bookworm).
# Idempotent and quick when everything is present; run as root (or via sudo).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libsodium-dev libjemalloc-dev liborcus-dev libxlsxwriter-dev zlib1g-dev
  libspdlog-dev libfmt-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
  nodejs npm chromium fonts-noto-cjk wrk bc curl poppler-utils zbar-tools
  libcairo2-dev libpango1.0-dev libqrencode-dev libjpeg62-turbo-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node and npm may come from elsewhere than Debian (e.g. a newer Node); keep them.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<< "${missing[*]}"
if ((${#missing[@]})); then
  echo "安装系统依赖 / installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages of the web UI and of the black-box/browser tests, only when the
# lock file changed since the last install.
for dir in web tests; do
  [ -f "$dir/package.json" ] || continue
  stamp="$dir/node_modules/.install-stamp"
  if [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ]; then
    echo "安装 npm 依赖 / npm install in $dir"
    # `npm install` honours package-lock.json; `npm ci` of npm 11 refuses this
    # lock because vite's Windows-only optional dependency has no lock entry.
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
    touch "$stamp"
  fi
done
