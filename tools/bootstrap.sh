#!/bin/sh
# Quick start, step 1: install what is missing, build, and render the flagship chart.
#   sh tools/bootstrap.sh
set -eu
cd "$(dirname "$0")/.."
sh tools/deps.sh
[ -d build ] || meson setup build --buildtype=release >/dev/null
ninja -C build >/dev/null
./build/libhtmpl/htmpl render charts/todo-app -f charts/todo-app/values-dev.yaml
