#!/bin/sh
# Installs AssetReg for you alone, under ~/.local: no administrator rights needed.
#   ./install.sh              install (or upgrade) from this folder
#   ./install.sh --uninstall  remove it again (your registers are not touched)
# Set PREFIX to install somewhere else than ~/.local.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-"$HOME/.local"}
app="$prefix/share/assetreg/AssetReg"
bin="$prefix/bin"
apps="$prefix/share/applications"
icons="$prefix/share/icons/hicolor"

remove() {
    rm -rf "$app"
    rm -f "$bin/assetreg" "$apps/assetreg.desktop" "$icons/scalable/apps/assetreg.svg"
    for size in 16 32 48 64 128 256 512; do rm -f "$icons/${size}x${size}/apps/assetreg.png"; done
}

if [ "${1:-}" = "--uninstall" ]; then
    remove
    echo "AssetReg removed from $prefix. Your register files are where you left them."
    exit 0
fi

remove
mkdir -p "$(dirname "$app")" "$bin" "$apps" "$icons/scalable/apps"
cp -R "$here/AssetReg" "$app"
ln -sf "$app/assetreg" "$bin/assetreg"
cp "$here/icons/assetreg.svg" "$icons/scalable/apps/assetreg.svg"
for size in 16 32 48 64 128 256 512; do
    mkdir -p "$icons/${size}x${size}/apps"
    cp "$here/icons/assetreg-$size.png" "$icons/${size}x${size}/apps/assetreg.png"
done
sed "s|^Exec=.*|Exec=\"$app/assetreg\"|" "$here/assetreg.desktop" > "$apps/assetreg.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" >/dev/null 2>&1 || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" >/dev/null 2>&1 || true

echo "AssetReg is installed: find it in your applications menu, or run $bin/assetreg."
case ":$PATH:" in *":$bin:"*) ;; *) echo "($bin is not on your PATH; add it to run plain 'assetreg'.)" ;; esac
