#!/usr/bin/env bash
# Build the Action's real Dockerfile with buildah and run its entrypoint as the Actions runner does.
#
# 1. installs buildah and debootstrap (Debian packages) when they are missing;
# 2. bootstraps a minimal Debian base with Python once, cached outside the checkout;
# 3. builds ./Dockerfile on that base (--from replaces the public image in the first FROM);
# 4. hands the image to tests/container/harness.py, which runs the entrypoint against a test
#    repository and checks the exit code, the outputs, the summary and that no secret leaks.
# Skips (exit 0) with a message only where buildah cannot run on this machine at all.
set -euo pipefail
cd "$(dirname "$0")/../.."

CACHE=${LAUNCHGATE_CONTAINER_CACHE:-/var/cache/launchgate}
SUITE=bookworm                                   # Debian 12: Python 3.11, as in the Dockerfile
BASE_PACKAGES=python3,python3-venv,ca-certificates
BASE_TAG=localhost/launchgate-base:$SUITE-$(echo "$BASE_PACKAGES" | cksum | cut -d' ' -f1)
IMAGE=localhost/launchgate-action:test
PYTHON=${PYTHON:-.venv/bin/python}
export BUILDAH_ISOLATION=chroot

say() { printf 'container-test: %s\n' "$*" >&2; }
skip() { say "SKIPPED: $*"; exit 0; }

install_tools() {
    command -v buildah >/dev/null && command -v debootstrap >/dev/null && return
    [ "$(id -u)" = 0 ] || skip "buildah/debootstrap are not installed and installing them needs root"
    command -v apt-get >/dev/null || skip "buildah is not installed and this is no Debian system"
    say "installing buildah and debootstrap"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        buildah debootstrap >/dev/null
}

check_buildah() {
    [ "$(id -u)" = 0 ] || skip "buildah with chroot isolation and debootstrap need root here"
    local probe
    if ! probe=$(buildah from --quiet scratch 2>&1); then
        skip "buildah cannot create a container on this machine: ${probe##*$'\n'}"
    fi
    if ! buildah mount "$probe" >/dev/null 2>&1; then
        buildah rm "$probe" >/dev/null
        skip "buildah cannot mount a container filesystem on this machine"
    fi
    buildah rm "$probe" >/dev/null
}

debian_mirror() {
    # The mirror this machine's apt already uses, so no host name is written here.
    sed -n 's/^URIs: *\([^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | head -n1 | grep . \
        || sed -n 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\) .*/\2/p' /etc/apt/sources.list | head -n1
}

base_image() {
    if buildah inspect --type image "$BASE_TAG" >/dev/null 2>&1; then
        say "base image $BASE_TAG: cached"
        return
    fi
    local tarball=$CACHE/debian-$SUITE-python3-$(echo "$BASE_PACKAGES" | cksum | cut -d' ' -f1).tar
    if [ ! -s "$tarball" ]; then
        say "bootstrapping Debian $SUITE with $BASE_PACKAGES into $tarball"
        local root
        root=$(mktemp -d)
        debootstrap --variant=minbase --include="$BASE_PACKAGES" "$SUITE" "$root" \
            "$(debian_mirror)" >"$root.log" 2>&1 || { tail -n 20 "$root.log" >&2; exit 1; }
        rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
        mkdir -p "$CACHE"
        tar -C "$root" --numeric-owner -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
        rm -rf "$root" "$root.log"
    fi
    say "importing $tarball as $BASE_TAG"
    local ctr
    ctr=$(buildah from --quiet scratch)
    buildah add --quiet "$ctr" "$tarball" / >/dev/null
    buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        --cmd python3 "$ctr"
    buildah commit --quiet --rm "$ctr" "$BASE_TAG" >/dev/null
}

build_image() {
    # This machine reaches the package registry through a TLS proxy that only its own CA bundle
    # trusts. The bundle is lent to the build's RUN steps as a mount, never copied into the image.
    local trust
    trust=$(mktemp -d)
    cp /etc/ssl/certs/ca-certificates.crt "$trust/ca.crt"
    printf '[global]\ncert = /run/host-trust/ca.crt\n' >"$trust/pip.conf"
    say "building Dockerfile on $BASE_TAG"
    local started=$SECONDS previous
    previous=$(buildah images --quiet --no-trunc "$IMAGE" 2>/dev/null || true)
    buildah bud --quiet --isolation chroot --layers --from "$BASE_TAG" -t "$IMAGE" \
        --volume "$trust:/run/host-trust:ro" --volume "$trust/pip.conf:/etc/pip.conf:ro" \
        -f Dockerfile . >/dev/null
    rm -rf "$trust"
    say "image built in $((SECONDS - started)) s"
    # The image this build replaced; its dependency layers stay cached for the next build.
    if [ -n "$previous" ] && [ "$previous" != "$(buildah images --quiet --no-trunc "$IMAGE")" ]; then
        buildah rmi "$previous" >/dev/null 2>&1 || true
    fi
}

main() {
    local started=$SECONDS
    install_tools
    check_buildah
    base_image
    build_image
    "$PYTHON" tests/container/harness.py "$IMAGE"
    say "done in $((SECONDS - started)) s"
}

main "$@"
