#!/usr/bin/env bash
# The image's operating-system layer on top of scratch: the dynamic loader, glibc, libgcc_s and libstdc++
# (what the jlink'd JVM, ONNX Runtime, the tokenizer and SQLite load), the packages' copyright files, a
# passwd/group naming the image's user 10001, and empty /tmp and /data.
# Usage: debian-libs.sh PACKAGES_FILE DOWNLOAD_DIR OUT_DIR
set -euo pipefail
packages="$1" downloads="$2" out="$3"
mkdir -p "$downloads"
rm -rf "$out" "$downloads/extracted"
mkdir -p "$out/lib/x86_64-linux-gnu" "$out/lib64" "$out/etc" "$out/tmp" "$out/usr/share/doc" "$downloads/extracted"

while read -r name version sha; do
  case "$name" in ''|'#'*) continue ;; esac
  deb="$downloads/${name}_${version//:/%3a}_amd64.deb"
  if [ ! -f "$deb" ] || [ "$(sha256sum "$deb" | cut -d' ' -f1)" != "$sha" ]; then
    rm -f "$deb"
    if ! command -v apt-get >/dev/null 2>&1; then
      echo "error: $name $version is not in $downloads and there is no apt-get here; put the .deb there," \
           "or build the image with -Dimage.base=IMAGE (docs/install.md)" >&2
      exit 1
    fi
    if ! (cd "$downloads" && apt-get download -q "$name=$version" >/dev/null 2>"$downloads/apt.log"); then
      cat "$downloads/apt.log" >&2
      echo "error: apt-get cannot download $name=$version (pinned in $packages). Debian may have moved on:" \
           "'apt-cache policy $name' shows the version it has; pin it with its SHA-256 in that file." >&2
      exit 1
    fi
  fi
  actual="$(sha256sum "$deb" | cut -d' ' -f1)"
  if [ "$actual" != "$sha" ]; then
    echo "error: $deb has SHA-256 $actual, $packages pins $sha" >&2
    exit 1
  fi
  dpkg-deb -x "$deb" "$downloads/extracted/$name"
  # Shared objects as plain files (links dereferenced: the image needs no symbolic links).
  for dir in "$downloads/extracted/$name/lib/x86_64-linux-gnu" "$downloads/extracted/$name/usr/lib/x86_64-linux-gnu"; do
    [ -d "$dir" ] || continue
    find "$dir" -maxdepth 1 -name '*.so*' \( -type f -o -type l \) -exec cp -L {} "$out/lib/x86_64-linux-gnu/" \;
  done
  # The licences travel with the libraries (libgcc-s1's and libstdc++6's are gcc-12-base's).
  copyright="$downloads/extracted/$name/usr/share/doc/$name/copyright"
  if [ -f "$copyright" ] && [ ! -L "$downloads/extracted/$name/usr/share/doc/$name" ]; then
    mkdir -p "$out/usr/share/doc/$name"
    cp "$copyright" "$out/usr/share/doc/$name/"
  fi
done < "$packages"

# The ELF interpreter path every x86-64 program names.
cp "$out/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" "$out/lib64/ld-linux-x86-64.so.2"
printf 'root:x:0:0:root:/root:/sbin/nologin\nsluice:x:10001:10001:Sluice:/data:/sbin/nologin\n' >"$out/etc/passwd"
printf 'root:x:0:\nsluice:x:10001:\n' >"$out/etc/group"
echo "image-os: $(find "$out" -type f | wc -l) files, $(du -sh "$out" | cut -f1) in $out"
