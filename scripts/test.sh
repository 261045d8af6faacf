#!/usr/bin/env bash
# Runs the whole test suite. Installs what the tests need from Debian's packages when it is missing
# (headless Chromium and its driver, for the viewer's browser test; Blender, for the Blender dataset pipeline's
# end-to-end test) when run as root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; } && [ "$(id -u)" = 0 ]; then
  echo "installing chromium and chromium-driver for the browser test ..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) >/dev/null
fi
if ! command -v blender >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "installing blender for the Blender dataset test ..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq blender) >/dev/null
fi
exec mvn -B test
