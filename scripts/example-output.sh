#!/usr/bin/env bash
# Runs the whole local cycle (validate, plan, deploy, plan again) on a copy of examples/billing-service with the
# plugin installed in the local Maven repository, and writes what a user sees, normalised, to OUT_DIR:
#   console.txt  the build's output without timestamps, ports, durations and the copy's absolute path
#   plan.json, plan.md, deploy.json  the reports, without timestamps and state fingerprints
# Two runs (for example before and after a refactoring) are then compared with `diff -r OUT_A OUT_B`.
# Usage: scripts/example-output.sh OUT_DIR   (after `mvn -B install -DskipTests`)
# MVN_SETTINGS=FILE runs the build with that settings file (for example one whose local repository holds another
# build of the plugin).
set -euo pipefail
out=$(mkdir -p "$1" && cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/examples" "$work/"
repo="$work/examples/billing-service"
set +e
(cd "$repo" && mvn -B ${MVN_SETTINGS:+-s "$MVN_SETTINGS"} -Dstyle.color=never verify -Dkafka.stage=local) > "$work/console.raw" 2>&1
rc=$?
set -e
echo "exit code $rc" > "$out/exit-code.txt"
sed -e 's/\x1b\[[0-9;]*m//g' \
    -e "s|$work|<work>|g" \
    -e 's/127\.0\.0\.1:[0-9]*/127.0.0.1:<port>/g' \
    -e 's/started in [0-9.]* s/started in <t> s/g' \
    -e 's/ in [0-9.]* s\b/ in <t> s/g' \
    "$work/console.raw" \
  | grep -v -E '^\[INFO\] (Total time|Finished at|Download)' > "$out/console.txt"
for f in plan.json plan.md deploy.json; do
  src="$repo/target/kafka/local/$f"
  [ -f "$src" ] || continue
  sed -E -e "s|$work|<work>|g" \
      -e 's/"(createdAt|startedAt|finishedAt|planCreatedAt)" : "[^"]*"/"\1" : "<time>"/g' \
      -e 's/"stateFingerprint" : "[0-9a-f]*"/"stateFingerprint" : "<fingerprint>"/g' \
      -e 's/cluster state `[0-9a-f]*`/cluster state `<fingerprint>`/g' \
      -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/<time>/g' \
      "$src" > "$out/$f"
done
echo "wrote $out (build exit code $rc)"
