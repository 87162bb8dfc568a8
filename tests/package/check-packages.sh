#!/usr/bin/env bash
# Builds the Debian packages with CPack from a build directory and checks them (CTest label package):
# each expected .deb exists; its Package and Depends fields are right (the Qt plugins dpkg-shlibdeps
# cannot see included); it holds the program (stripped), its manual page, a DEP-5 copyright file and
# changelog.Debian.gz; the program, extracted with dpkg-deb -x, prints its version without a display;
# lintian (when installed) reports no errors.
#   tests/package/check-packages.sh <build dir> <version> <package>...
# Packages: creditdesk (console), creditdesk-server. KEEP_PACKAGES=1 keeps the temporary folder.
set -euo pipefail
BUILD="$(cd "${1:?usage: check-packages.sh <build dir> <version> <package>...}" && pwd)"
VERSION="${2:?missing version}"
shift 2
[ $# -gt 0 ] || { echo "no packages named" >&2; exit 2; }

TMP="$(mktemp -d)"
if [ "${KEEP_PACKAGES:-0}" = 1 ]; then
    trap 'echo "kept $TMP"' EXIT
else
    trap 'rm -rf "$TMP"' EXIT
fi
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

echo "== cpack -G DEB into $TMP/out"
(cd "$BUILD" && cpack -G DEB -B "$TMP/out" --config "$BUILD/CPackConfig.cmake") >"$TMP/cpack.log" 2>&1 || {
    cat "$TMP/cpack.log" >&2
    echo "FAIL: cpack failed" >&2
    exit 1
}

ARCH="$(dpkg --print-architecture)"
debs=()
for package in "$@"; do
    case "$package" in
    creditdesk)
        binary=creditdesk
        required_depends="libqt6sql6-sqlite qt6-qpa-plugins libqt6widgets6 libqt6charts6 libqt6keychain1 libqt6pdf6 libqt6pdfwidgets6"
        ;;
    creditdesk-server)
        binary=creditdesk-server
        required_depends="libqt6sql6-sqlite libqt6sql6-psql adduser libqt6core6 libqt6sql6 libssl3 libpq5 fonts-dejavu-core"
        ;;
    *)
        fail "unknown package $package"
        continue
        ;;
    esac
    echo "== $package"
    deb="$TMP/out/${package}_${VERSION}-"*"_${ARCH}.deb"
    # shellcheck disable=SC2206 # the glob is meant to expand
    matches=($deb)
    if [ ${#matches[@]} -ne 1 ] || [ ! -f "${matches[0]}" ]; then
        fail "$package: expected one ${package}_${VERSION}-*_${ARCH}.deb, found: $(cd "$TMP/out" && ls -- *.deb 2>/dev/null | tr "\n" " ")"
        continue
    fi
    deb="${matches[0]}"
    debs+=("$deb")

    [ "$(dpkg-deb -f "$deb" Package)" = "$package" ] || fail "$package: Package field is $(dpkg-deb -f "$deb" Package)"
    [ -n "$(dpkg-deb -f "$deb" Maintainer)" ] || fail "$package: no Maintainer"
    depends="$(dpkg-deb -f "$deb" Depends)"
    echo "Depends: $depends"
    for dependency in $required_depends; do
        # A dependency is a whole name in the comma-separated list, with or without a version.
        grep -Eq "(^|, )${dependency}( \(|,|$)" <<<"$depends" || fail "$package: Depends lacks $dependency"
    done

    contents="$(dpkg-deb -c "$deb")"
    for path in "./usr/bin/$binary" "./usr/share/doc/$package/copyright" "./usr/share/doc/$package/changelog.Debian.gz" \
        "./usr/share/man/man1/$binary.1.gz"; do
        grep -q " $path\$" <<<"$contents" || fail "$package: $path is not in the package"
    done

    root="$TMP/root-$package"
    dpkg-deb -x "$deb" "$root"
    copyright="$root/usr/share/doc/$package/copyright"
    if [ -f "$copyright" ]; then
        head -n1 "$copyright" | grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' ||
            fail "$package: copyright is not in the machine-readable (DEP-5) format"
        grep -qx 'License: Apache-2.0' "$copyright" || fail "$package: copyright does not name Apache-2.0"
    fi
    changelog="$root/usr/share/doc/$package/changelog.Debian.gz"
    if [ -f "$changelog" ]; then
        gzip -dc "$changelog" | head -n1 | grep -q "^creditdesk (${VERSION}-" ||
            fail "$package: changelog.Debian.gz does not start with version $VERSION"
    fi
    program="$root/usr/bin/$binary"
    if [ -x "$program" ]; then
        if readelf -S "$program" | grep -Eq '\.(symtab|debug_info)'; then
            fail "$package: $binary is not stripped"
        fi
        # No display and no platform override: --version must not need one.
        if output="$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$program" --version 2>&1)"; then
            [ "$output" = "$binary $VERSION" ] || fail "$package: '$binary --version' printed '$output'"
            echo "$binary --version: $output"
        else
            fail "$package: '$binary --version' failed: $output"
        fi
    fi

    if [ "$package" = creditdesk-server ]; then
        control="$TMP/control-$package"
        dpkg-deb -e "$deb" "$control"
        grep -qx /etc/default/creditdesk-server "$control/conffiles" 2>/dev/null ||
            fail "$package: /etc/default/creditdesk-server is not a conffile"
        for script in postinst prerm postrm; do
            [ -x "$control/$script" ] || fail "$package: no executable $script"
        done
        unit="$root/lib/systemd/system/creditdesk-server.service"
        if [ -f "$unit" ]; then
            grep -q '^ExecStart=/usr/bin/creditdesk-server serve' "$unit" || fail "$package: unit does not run serve"
            grep -qx 'User=creditdesk' "$unit" || fail "$package: unit does not run as the creditdesk user"
        else
            fail "$package: no systemd unit"
        fi
    fi
    if [ "$package" = creditdesk ]; then
        for path in ./usr/share/applications/org.creditdesk.CreditDesk.desktop \
            ./usr/share/metainfo/org.creditdesk.CreditDesk.metainfo.xml; do
            grep -q " $path\$" <<<"$contents" || fail "$package: $path is not in the package"
        done
    fi
done

if command -v lintian >/dev/null && [ ${#debs[@]} -gt 0 ]; then
    echo "== lintian"
    # Warnings and information are listed; errors fail the test.
    status=0
    lintian_output="$(lintian --fail-on error --display-info "${debs[@]}" 2>&1)" || status=$?
    grep -v '^running with root privileges' <<<"$lintian_output" || true
    [ "$status" -eq 0 ] || fail "lintian reports errors (exit status $status)"
else
    echo "== lintian not installed: skipped (scripts/install-deps installs it)"
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "packages ok: $*"
