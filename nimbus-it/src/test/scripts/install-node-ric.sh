#!/bin/sh
# Installs the official Node.js runtime interface client (npm package aws-lambda-ric) once into a
# cache directory and prints that directory; its node_modules/aws-lambda-ric is what a function
# zip ships. OfficialRuntimeClientsIT runs this script.
#
# The package has no pure-JavaScript client (AWS_LAMBDA_NODEJS_USE_ALTERNATIVE_CLIENT_1 only moves
# /next to node:http; responses and errors always go through the native addon): its preinstall
# builds curl and aws-lambda-cpp from bundled sources (autotools, cmake, C++), its postinstall the
# rapid-client.node addon with node-gyp. Missing build tools are installed from Debian's packages
# (as root). node-gyp gets the headers of the local node (npm_config_nodedir) so that it never
# tries to download them. The addon uses Node-API, so it does not depend on the node version.
#
# 3.3.0 is the newest release that supports the machine's Node.js 20 (4.x declares node >= 22).
# Only the runtime files are kept (bin/, dist/ with the addon, package.json, licences): ~0.5 MB.
# A cold install takes 1 to 2 minutes on 2 cores (plus ~10 s of apt-get), a cached one milliseconds.
#
# Environment: NIMBUS_NODE_RIC_VERSION (default 3.3.0), NIMBUS_CACHE_DIR (default ~/.cache/nimbus).
set -eu

version="${NIMBUS_NODE_RIC_VERSION:-3.3.0}"
cache="${NIMBUS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/nimbus}"
target="$cache/node-ric-$version"

fail() {
  echo "install-node-ric: $*" >&2
  exit 1
}

if [ -d "$target" ]; then
  echo "$target"
  exit 0
fi

command -v node >/dev/null 2>&1 || fail "node is not on PATH"
command -v npm >/dev/null 2>&1 || fail "npm is not on PATH"

# Debian package that provides each build tool the install scripts call.
missing=""
for pair in cmake:cmake make:make g++:g++ autoreconf:autoconf automake:automake libtoolize:libtool \
            /usr/bin/python3:python3 xz:xz-utils; do
  tool="${pair%%:*}"
  command -v "$tool" >/dev/null 2>&1 || missing="$missing ${pair#*:}"
done
if [ -n "$missing" ]; then
  [ "$(id -u)" = 0 ] || fail "build tools missing, install them as root: apt-get install$missing"
  echo "install-node-ric: apt-get install$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends $missing >&2 \
    || { apt-get update -q >&2 && apt-get install -y -q --no-install-recommends $missing >&2; } \
    || fail "apt-get install$missing failed"
fi

nodedir="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
[ -f "$nodedir/include/node/node.h" ] \
  || fail "no Node.js headers at $nodedir/include/node (node-gyp would try to download them)"

mkdir -p "$cache"
exec 9>"$cache/.node-ric.lock"
flock 9
if [ -d "$target" ]; then # another run finished it while this one waited
  echo "$target"
  exit 0
fi

stage="$(mktemp -d "$cache/.node-ric-$version.XXXXXX")"
trap 'rm -rf "$stage"' EXIT
cat >"$stage/package.json" <<EOF
{
  "name": "nimbus-node-ric",
  "private": true,
  "dependencies": { "aws-lambda-ric": "$version" },
  "allowScripts": { "aws-lambda-ric": true }
}
EOF
(
  cd "$stage"
  export npm_config_nodedir="$nodedir" npm_config_python=/usr/bin/python3 MAKEFLAGS="-j$(nproc)"
  npm install --no-audit --no-fund --no-update-notifier --loglevel=error >&2
) || fail "npm install aws-lambda-ric@$version failed (see above)"

ric="$stage/node_modules/aws-lambda-ric"
[ -n "$(find "$ric" -name rapid-client.node -not -path '*/build/*' -print -quit)" ] \
  || fail "aws-lambda-ric@$version installed without its native client rapid-client.node"
rm -rf "$ric/deps" "$ric/src" "$ric/build" "$ric/scripts" "$ric/node-addon-api" "$ric/binding.gyp"
mkdir -p "$stage/out/node_modules"
mv "$ric" "$stage/out/node_modules/aws-lambda-ric"
mv "$stage/out" "$target"
echo "$target"
