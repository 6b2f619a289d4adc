#!/bin/sh
# The system parts some tests need, installed once before the suite (`make test` runs this):
#   chromium                 browser tests of the site and JupyterLab (Playwright drives it; it never downloads one)
#   postgresql               the PostgreSQL gradebook route, on a throwaway server
#   configurable-http-proxy  the classroom test's real JupyterHub (from the npm registry, into a cache folder)
# As root on Debian (CI on a fresh machine) what is missing is installed. Otherwise nothing is installed and
# the tests that need a missing part are skipped with a one-line reason (under CI a skip fails the run).
set -eu

CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/russia-and-the-west"
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || missing="$missing postgresql"
command -v npm >/dev/null 2>&1 || missing="$missing npm"

root=no
[ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && root=yes

if [ -n "$missing" ]; then
    if [ "$root" = yes ]; then
        echo "installing Debian packages for the tests:$missing"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        # shellcheck disable=SC2086
        apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
        echo "not installed (the tests that need them will be skipped):$missing"
        echo "  to run everything: sudo apt-get install$missing   (or run make test as root)"
    fi
fi

proxy="$CACHE/chp/node_modules/.bin/configurable-http-proxy"
if ! command -v configurable-http-proxy >/dev/null 2>&1 && [ ! -x "$proxy" ] && command -v npm >/dev/null 2>&1; then
    echo "installing configurable-http-proxy into $CACHE/chp"
    mkdir -p "$CACHE/chp"
    npm install --silent --no-audit --no-fund --prefix "$CACHE/chp" configurable-http-proxy@4 >/dev/null
fi
