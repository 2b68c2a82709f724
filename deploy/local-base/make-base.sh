#!/usr/bin/env bash
# Make, once per machine, a local stand-in for the official python:3.11-slim image, for hosts
# that build the Dockerfile with podman but cannot pull from a registry:
#   Debian bookworm (debootstrap, minbase) + this machine's own CPython 3.11 in /usr/local
#   (`python` on the PATH, venv and pip through ensurepip), like the official image.
# Prints the image name. The name carries a hash of this script and of the interpreter, so a
# second run finds the image (`podman image exists`) and returns at once.
#   Usage: deploy/local-base/make-base.sh [PYTHON]   (PYTHON: a python3.11 >= 3.11.5)
set -euo pipefail
PYTHON=${1:-${BASE_PYTHON:-$(command -v python3.11)}}
SUITE=${BASE_SUITE:-bookworm}
MIRROR=${BASE_MIRROR:-http://deb.debian.org/debian}
PODMAN=(podman --runtime "${PODMAN_RUNTIME:-runc}")
# The shared libraries the interpreter's extension modules link to (ssl, sqlite3, ctypes, ...).
PACKAGES=ca-certificates,netbase,tzdata,libssl3,libsqlite3-0,libffi8,zlib1g,libbz2-1.0,liblzma5,libreadline8,libncursesw6,libtinfo6,libuuid1,libexpat1,libnsl2,libtirpc3,libcrypt1

PREFIX=$("$PYTHON" -c 'import sys; print(sys.base_prefix)')
VERSION=$("$PYTHON" -c 'import platform; print(platform.python_version())')
"$PYTHON" -c 'import sys; sys.exit(sys.version_info[:3] < (3, 11, 5) or sys.version_info[:2] != (3, 11))' \
  || { echo "make-base: $PYTHON is $VERSION; the lock needs Python 3.11.5 or later (3.11.x)" >&2; exit 2; }
KEY=$( { cat "$0"; echo "$SUITE $PACKAGES $VERSION"; sha256sum "$PREFIX/bin/python3.11"; } | sha256sum | cut -c1-12)
IMAGE=localhost/vwb-python-base:${VERSION}-${KEY}

if "${PODMAN[@]}" image exists "$IMAGE"; then echo "$IMAGE"; exit 0; fi

WORK=$(mktemp -d "${BASE_WORKDIR:-/var/tmp}/vwb-base.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ROOTFS=$WORK/rootfs
echo "make-base: debootstrap $SUITE into $ROOTFS (a few minutes, once per machine)" >&2
debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$ROOTFS" "$MIRROR" >&2

echo "make-base: copying CPython $VERSION from $PREFIX" >&2
tar -C "$PREFIX" \
  --exclude='./lib/python3.11/site-packages/*' --exclude='./lib/python3.11/test' \
  --exclude='./lib/python3.11/idlelib' --exclude='./lib/python3.11/tkinter' \
  --exclude='./lib/python3.11/turtledemo' --exclude='./lib/python3.11/config-3.11-*' \
  --exclude='./lib/*.a' --exclude='./lib/pkgconfig' --exclude='./include' --exclude='./share' \
  --exclude='*/__pycache__' -cf - . | tar -C "$ROOTFS/usr/local" -xf -
ln -sf python3.11 "$ROOTFS/usr/local/bin/python"
ln -sf python3.11 "$ROOTFS/usr/local/bin/python3"
chroot "$ROOTFS" /sbin/ldconfig
chroot "$ROOTFS" /usr/local/bin/python -c 'import ssl, sqlite3, ctypes, venv, ensurepip, zlib, lzma, bz2, uuid' >&2
rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/usr/share/doc "$ROOTFS"/usr/share/man

tar -C "$ROOTFS" -cf - . | "${PODMAN[@]}" import \
  --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' --change 'CMD ["python3"]' - "$IMAGE" >&2
echo "$IMAGE"
