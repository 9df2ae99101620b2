#!/usr/bin/env bash
# Packs CorsAnalyzers, builds samples/CorsSample against the package (from the local feed artifacts/packages)
# and shows what the analyzers report. The sample has a CORS001 bug, an error, so its build is expected to fail:
# this script exits 0 when the build failed only because of CorsAnalyzers diagnostics.
#
#   eng/run-sample.sh          pack, restore, build, print the diagnostics
#   eng/run-sample.sh --fix    also apply every code fix to a copy (artifacts/sample-fixed) with dotnet format and rebuild it
set -euo pipefail

# shellcheck source=eng/sample-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/sample-lib.sh"

fix=false
case "${1:-}" in
  "") ;;
  --fix) fix=true ;;
  -h | --help) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown argument '$1' (use --fix or nothing)" ;;
esac

cd "$ROOT"
logs="$ROOT/artifacts/logs"
mkdir -p "$logs"

# quietly LOG CMD...: runs CMD (a command or a function, in a subshell) with its output in LOG;
# shows the output only if CMD fails.
quietly() {
  local log="$1"; shift
  if ! ("$@") >"$log" 2>&1; then
    cat "$log" >&2
    die "'$*' failed (log: ${log#"$ROOT/"})"
  fi
}

use_package_version
echo "==> Packing CorsAnalyzers $CORS_ANALYZERS_VERSION into artifacts/packages"
quietly "$logs/pack.log" dotnet pack "$PACKAGE_PROJECT" -c Release -o "$PACKAGES_DIR"
check_package_layout "$NUPKG"

echo "==> Restoring samples/CorsSample (CorsAnalyzers $CORS_ANALYZERS_VERSION from artifacts/packages)"
quietly "$logs/sample-restore.log" restore_sample

echo "==> Building samples/CorsSample"
build_log="$logs/sample-build.log"
# UseSharedCompilation=false: a long-running compiler server could keep an older build of the analyzer loaded.
build_rc=0
dotnet build "$SAMPLE_PROJECT" --no-restore -p:UseSharedCompilation=false >"$build_log" 2>&1 || build_rc=$?

diagnostics="$(cors_diagnostics "$build_log")"
errors="$(other_errors "$build_log")"
count=0
[[ -z "$diagnostics" ]] || count="$(wc -l <<<"$diagnostics")"

echo
echo "CorsAnalyzers diagnostics ($count):"
[[ -z "$diagnostics" ]] || sed 's/^/  /' <<<"$diagnostics"
echo

if [[ -n "$errors" ]]; then
  echo "The build also failed for other reasons (not CorsAnalyzers diagnostics):"
  sed 's/^/  /' <<<"$errors"
  die "unexpected build errors; full log: ${build_log#"$ROOT/"}"
fi
if ((build_rc == 0)); then
  die "the sample built without errors, but CORS001 (an error) should have failed it; full log: ${build_log#"$ROOT/"}"
fi
if ((count == 0)); then
  tail -n 30 "$build_log" >&2
  die "the build failed without any CorsAnalyzers diagnostic; full log: ${build_log#"$ROOT/"}"
fi
echo "Build FAILED because of the CorsAnalyzers diagnostics above, as expected: CORS001 is an error, because this"
echo "policy makes the app throw InvalidOperationException at startup."

if ! $fix; then
  echo "Run 'eng/run-sample.sh --fix' to apply the code fixes to a copy of the sample."
  exit 0
fi

# Apply the first offered CORS001 fix to a copy of the sample, show the change and rebuild the copy.
fixed="$ROOT/artifacts/sample-fixed"
fixable="$(fixable_rules)"
echo
echo "==> Applying the code fixes of $fixable to a copy in ${fixed#"$ROOT/"}"
copy_sample "$fixed"
# shellcheck disable=SC2086 # one argument per rule ID
quietly "$logs/sample-format.log" format_until_clean "$fixed/CorsSample/CorsSample.csproj" $fixable
changed=0
for file in Program.cs Cors/PartnerCors.cs Infrastructure/LegacyCorsHeadersMiddleware.cs; do
  git --no-pager diff --no-index -- "samples/CorsSample/$file" "${fixed#"$ROOT/"}/CorsSample/$file" || changed=1
done
((changed)) || die "dotnet format changed nothing"

echo
echo "==> Building the fixed copy"
fixed_log="$logs/sample-fixed-build.log"
fixed_rc=0
dotnet build "$fixed/CorsSample/CorsSample.csproj" -p:UseSharedCompilation=false >"$fixed_log" 2>&1 || fixed_rc=$?
remaining="$(cors_diagnostics "$fixed_log")"
[[ -z "$remaining" ]] || { echo "CorsAnalyzers diagnostics left (rules without a fix dotnet format applies):"; sed 's/^/  /' <<<"$remaining"; }
if ((fixed_rc != 0)); then
  tail -n 30 "$fixed_log" >&2
  die "the fixed copy does not build; full log: ${fixed_log#"$ROOT/"}"
fi
for id in $(diagnostic_ids "$fixed_log"); do
  [[ " $fixable " != *" $id "* ]] || die "$id has a code fix but is still reported; full log: ${fixed_log#"$ROOT/"}"
done
echo "Build succeeded: every diagnostic with a code fix is gone. The Frontend policy now allows the origins in"
echo "appsettings.json (Cors:AllowedOrigins), with credentials; what is left needs a decision only you can make."
