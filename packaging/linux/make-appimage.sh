#!/bin/sh
# Makes dist/AssetReg-<version>-x86_64.AppImage from the one-folder build in dist/AssetReg.
#
# Needs appimagetool (https://github.com/AppImage/appimagetool) on PATH, which embeds an AppImage runtime it
# may download; run it where that is allowed (CI, a developer machine). build.py does not call this script.
#
# AppDir layout:
#   AppDir/AppRun                          packaging/linux/AppRun: execs usr/lib/assetreg/assetreg "$@"
#   AppDir/assetreg.desktop                packaging/linux/assetreg.desktop (Exec=assetreg is fine here)
#   AppDir/assetreg.png, .DirIcon          the 256 px icon
#   AppDir/usr/lib/assetreg/               dist/AssetReg, unchanged (Qt stays as replaceable shared libraries)
#   AppDir/usr/share/icons/hicolor/...     every icon size, for desktop integration tools
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$root/assetreg/__init__.py")
appdir="$root/build/AppDir"
rm -rf "$appdir"
mkdir -p "$appdir/usr/lib" "$appdir/usr/share/icons/hicolor/scalable/apps"
cp -R "$root/dist/AssetReg" "$appdir/usr/lib/assetreg"
cp "$root/packaging/linux/AppRun" "$appdir/AppRun"
cp "$root/packaging/linux/assetreg.desktop" "$appdir/assetreg.desktop"
cp "$root/resources/icons/assetreg-256.png" "$appdir/assetreg.png"
cp "$root/resources/icons/assetreg-256.png" "$appdir/.DirIcon"
cp "$root/resources/icons/assetreg.svg" "$appdir/usr/share/icons/hicolor/scalable/apps/assetreg.svg"
for size in 16 32 48 64 128 256 512; do
    mkdir -p "$appdir/usr/share/icons/hicolor/${size}x${size}/apps"
    cp "$root/resources/icons/assetreg-$size.png" "$appdir/usr/share/icons/hicolor/${size}x${size}/apps/assetreg.png"
done
ARCH=x86_64 appimagetool "$appdir" "$root/dist/AssetReg-$version-x86_64.AppImage"
