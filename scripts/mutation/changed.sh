#!/usr/bin/env bash
# CI's mutation step: Stryker, incremental against the committed baseline, over the domain files
# this change touches (a domain file, or the unit test named after it). Fails when their mutation
# score is under `thresholds.break` (stryker.config.json); skips, saying why, when the change is
# too large for CI's time budget (the full run is `npm run test:mutation`, see docs/TESTING.md).
set -euo pipefail
cd "$(dirname "$0")/../.."

baseline=reports/mutation/stryker-incremental.json
# Mutants CI may test: about 45 a minute on two idle cores (docs/TESTING.md), so at most ~3.5 minutes
# of the 5 the rest of CI (about 25 minutes, most of it npm test) leaves of its 30.
max_mutants=${MUTATION_MAX_MUTANTS:-150}

if [ ! -f "$baseline" ]; then
  echo "mutation: skipped, no baseline at $baseline"
  exit 0
fi
base=$(git log -1 --format=%H -- "$baseline" 2>/dev/null || true)
if [ -z "$base" ] || ! git cat-file -e "$base^{commit}" 2>/dev/null; then
  echo "mutation: skipped, the commit of $baseline is not in this clone's history (shallow clone?)"
  exit 0
fi

mapfile -t files < <(
  {
    git diff --name-only --diff-filter=AMR "$base" -- 'shared/domain/*.ts'
    # attribute-failures.test.ts and attribute-failures.edges.test.ts both test attribute-failures.ts.
    git diff --name-only --diff-filter=AMR "$base" -- 'test/unit/shared/domain/*.test.ts' |
      sed -E -e 's#^test/unit/##' -e 's#(\.[a-z]+)?\.test\.ts$#.ts#'
    git ls-files --others --exclude-standard -- 'shared/domain/*.ts'
  } | sort -u | while read -r file; do [ -f "$file" ] && echo "$file"; done
)
if [ "${#files[@]}" -eq 0 ]; then
  echo "mutation: skipped, no domain file changed since the baseline ($base)"
  exit 0
fi

# Upper bound of the work: the baseline's mutants in those files, or a line count for new ones.
estimate=$(node -e '
  const fs = require("fs");
  const report = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  let total = 0;
  for (const file of process.argv.slice(2)) {
    const known = report.files[file];
    total += known ? known.mutants.length : fs.readFileSync(file, "utf8").split("\n").length;
  }
  console.log(total);
' "$baseline" "${files[@]}")
if [ "$estimate" -gt "$max_mutants" ]; then
  echo "mutation: skipped, ${#files[@]} changed domain files carry about $estimate mutants, over CI's budget of $max_mutants; run npm run test:mutation"
  exit 0
fi

echo "mutation: ${#files[@]} changed domain files (about $estimate mutants, baseline $base): ${files[*]}"
mutate=$(IFS=,; echo "${files[*]}")
# Work on a copy: the committed baseline changes only with a full run, by hand.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$baseline" "$scratch/incremental.json"
npx stryker run --mutate "$mutate" --incrementalFile "$scratch/incremental.json" --concurrency 2 \
  --reporters clear-text,progress-append-only
