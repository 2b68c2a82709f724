#!/usr/bin/env bash
# Build the project's Dockerfile with podman on a host that cannot pull from a registry:
# the base is the local stand-in for python:3.11-slim (make-base.sh, made once per machine),
# the build reaches the package index through the host network and its CA bundle.
#   Usage: deploy/local-base/build-image.sh [TAG]   (prints the tag)
set -euo pipefail
cd "$(dirname "$0")/../.."
TAG=${1:-localhost/vwb-backend:local}
CA=${HOST_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}
BASE=$(deploy/local-base/make-base.sh)
PREVIOUS=$(podman image inspect --format '{{.Id}}' "$TAG" 2>/dev/null || true)
podman --runtime "${PODMAN_RUNTIME:-runc}" build --format docker --network host \
  -v "$CA:/etc/ssl/host-ca.crt:ro" --build-arg PIP_CERT=/etc/ssl/host-ca.crt \
  --build-arg BASE_IMAGE="$BASE" -t "$TAG" . >&2
# The image this tag named before, if nothing else uses it: each rebuild would otherwise leave one.
CURRENT=$(podman image inspect --format '{{.Id}}' "$TAG")
if [ -n "$PREVIOUS" ] && [ "$PREVIOUS" != "$CURRENT" ]; then
  podman image rm "$PREVIOUS" >/dev/null 2>&1 || true
fi
echo "$TAG"
