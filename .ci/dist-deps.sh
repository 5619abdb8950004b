#!/usr/bin/env bash
# System libraries the bundled Qt platform plugin links against (so PyInstaller can
# bundle them), and a virtual X server for the smoke test. Installs only what is missing.
set -euo pipefail

packages=(libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xkb1
          libxkbcommon-x11-0 libxcb-cursor0 libxcb-shape0 libxcb-randr0 xvfb xauth binutils)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "Missing system packages for building the app: ${missing[*]}" >&2
    exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
