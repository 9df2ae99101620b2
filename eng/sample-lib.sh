# shellcheck shell=bash
# Helpers shared by eng/run-sample.sh and .ci/run: pack the package, restore and build the sample from it,
# copy the sample for `dotnet format`, start the sample app on 127.0.0.1. Source it (bash); it defines no steps.
# shellcheck disable=SC2034  # variables here are used by the scripts that source this file

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PACKAGE_PROJECT="$ROOT/src/CorsAnalyzers.Package/CorsAnalyzers.Package.csproj"
PACKAGES_DIR="$ROOT/artifacts/packages"      # the local folder feed that samples/NuGet.config points at
SAMPLES_DIR="$ROOT/samples"
SAMPLE_DIR="$SAMPLES_DIR/CorsSample"
SAMPLE_PROJECT="$SAMPLE_DIR/CorsSample.csproj"
SAMPLE_ORIGIN="https://app.example.com"       # the origin listed in samples/CorsSample/appsettings.json

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Paths in build output, relative to the repository.
relative_paths() { sed "s|$ROOT/||g"; }

# The version `dotnet pack` gives CorsAnalyzers. MSBuild reads environment variables as properties, so
# exporting CorsAnalyzersVersion makes restore, build and `dotnet format` of the sample ask for that version.
use_package_version() {
  CORS_ANALYZERS_VERSION="$(dotnet msbuild "$PACKAGE_PROJECT" -getProperty:PackageVersion)"
  [[ -n "$CORS_ANALYZERS_VERSION" ]] || die "could not read PackageVersion of $PACKAGE_PROJECT"
  export CorsAnalyzersVersion="$CORS_ANALYZERS_VERSION"
  NUPKG="$PACKAGES_DIR/CorsAnalyzers.$CORS_ANALYZERS_VERSION.nupkg"
}

# Fails unless the nupkg holds both assemblies under analyzers/dotnet/cs, the props/targets that pass appsettings*.json
# as AdditionalFiles under build/ and buildTransitive/, no lib/ and no dependencies.
check_package_layout() {
  local nupkg="$1" listing nuspec
  [[ -f "$nupkg" ]] || die "$nupkg was not produced"
  listing="$(unzip -l "$nupkg")"
  nuspec="$(unzip -p "$nupkg" CorsAnalyzers.nuspec)"
  grep -q ' analyzers/dotnet/cs/CorsAnalyzers\.dll$' <<<"$listing" || die "analyzers/dotnet/cs/CorsAnalyzers.dll missing"
  grep -q ' analyzers/dotnet/cs/CorsAnalyzers\.CodeFixes\.dll$' <<<"$listing" || die "analyzers/dotnet/cs/CorsAnalyzers.CodeFixes.dll missing"
  local folder ext
  for folder in build buildTransitive; do
    for ext in props targets; do
      grep -q " $folder/CorsAnalyzers\.$ext\$" <<<"$listing" || die "$folder/CorsAnalyzers.$ext missing"
    done
  done
  unzip -p "$nupkg" build/CorsAnalyzers.targets | grep -q 'CorsAnalyzersIncludeAppSettings' ||
    die "build/CorsAnalyzers.targets does not honour CorsAnalyzersIncludeAppSettings"
  ! grep -q ' lib/' <<<"$listing" || die "the package has a lib/ folder"
  ! grep -q '<dependencies' <<<"$nuspec" || die "the nuspec lists dependencies"
  grep -q '<developmentDependency>true</developmentDependency>' <<<"$nuspec" || die "developmentDependency is not true"
}

# Restores the sample from the local feed. The package cache is samples/.packages (see samples/NuGet.config):
# dropping its corsanalyzers folder makes restore take the freshly packed .nupkg even when the version is unchanged.
restore_sample() {
  local metadata="$SAMPLES_DIR/.packages/corsanalyzers/$CORS_ANALYZERS_VERSION/.nupkg.metadata"
  rm -rf "$SAMPLES_DIR/.packages/corsanalyzers"
  dotnet restore "$SAMPLE_PROJECT" --force || die "restore of $SAMPLE_PROJECT failed"
  # Prove the package came from artifacts/packages, not from another feed or a project reference.
  [[ -f "$metadata" ]] || die "CorsAnalyzers $CORS_ANALYZERS_VERSION was not restored into samples/.packages"
  grep -q "artifacts/packages" "$metadata" || die "CorsAnalyzers was not restored from artifacts/packages: $(cat "$metadata")"
}

# Prints the CorsAnalyzers diagnostics of a build log once each, paths relative to the repository.
cors_diagnostics() {
  grep -E ': (error|warning|info) CORS[0-9]+:' "$1" | sed -E 's/ \[[^]]*\]$//' | relative_paths | awk '!seen[$0]++' || true
}

# The rules that have a code fix dotnet format can apply, read from rules.md (a "| Code fixes | none ..." row means
# none; a row that says "IDE only" is a fix dotnet format cannot apply, see ide_only_fix_rules), space-separated.
fixable_rules() {
  awk '/^## CORS[0-9]+:/ { id = substr($2, 1, 7) }
       /^\| Code fixes \|/ { row = tolower($0); if (row !~ /^\| code fixes \| none/ && row !~ /ide only/) print id }' "$ROOT/rules.md" | tr '\n' ' '
}

# The rules whose fix only the IDE applies: CORS302 edits appsettings*.json (an additional document), and dotnet format
# only fixes diagnostics in source documents, so its diagnostics stay after format_until_clean. Space-separated.
ide_only_fix_rules() {
  awk '/^## CORS[0-9]+:/ { id = substr($2, 1, 7) }
       /^\| Code fixes \|/ { row = tolower($0); if (row !~ /^\| code fixes \| none/ && row ~ /ide only/) print id }' "$ROOT/rules.md" | tr '\n' ' '
}

# Applies the code fixes of the given rules to a project with dotnet format, round after round: one round fixes what
# it can, and fixes that touch the same lines (or diagnostics that only appear once another is fixed) need another.
# Stops when --verify-no-changes passes; fails after 10 rounds. How much one round fixes varies from run to run on
# the same sample (observed: clean after 4 rounds in one run, after 5 in another, not after 6 in a third), so the
# limit leaves room; the check that nothing fixable is left stays as strict.
format_until_clean() {
  local project="$1"; shift
  local round
  for round in 1 2 3 4 5 6 7 8 9 10; do
    if dotnet format analyzers "$project" --diagnostics "$@" --severity info --verify-no-changes >/dev/null 2>&1; then
      echo "dotnet format: nothing left to fix after $((round - 1)) round(s)"
      return 0
    fi
    dotnet format analyzers "$project" --diagnostics "$@" --severity info || return 1
  done
  dotnet format analyzers "$project" --diagnostics "$@" --severity info --verify-no-changes
}

# The distinct rule IDs among the CorsAnalyzers diagnostics of a build log, space-separated.
diagnostic_ids() {
  cors_diagnostics "$1" | grep -oE '(error|warning|info) CORS[0-9]+' | grep -oE 'CORS[0-9]+' | sort -u | tr '\n' ' '
}

# Prints the errors of a build log that are not CorsAnalyzers diagnostics (compile errors, restore errors...).
other_errors() {
  grep -E '(: |^)error [A-Za-z]+[0-9]+:' "$1" | grep -vE ': error CORS[0-9]+:' | sed -E 's/ \[[^]]*\]$//' | relative_paths | awk '!seen[$0]++' || true
}

# Copies the sample to $1 (emptied first) with the files from samples/ that it builds with. The NuGet.config copy
# gets absolute paths, so the copy restores CorsAnalyzers from the same feed into the same package cache.
copy_sample() {
  local dest="$1"
  rm -rf "$dest"
  mkdir -p "$dest"
  cp -R "$SAMPLE_DIR" "$dest/"
  rm -rf "$dest/CorsSample/bin" "$dest/CorsSample/obj"
  cp "$SAMPLES_DIR/Directory.Build.props" "$SAMPLES_DIR/.editorconfig" "$dest/"
  sed -e "s|value=\"\.\./artifacts/packages\"|value=\"$PACKAGES_DIR\"|" \
      -e "s|value=\"\.packages\"|value=\"$SAMPLES_DIR/.packages\"|" \
      "$SAMPLES_DIR/NuGet.config" >"$dest/NuGet.config"
  grep -q "value=\"$PACKAGES_DIR\"" "$dest/NuGet.config" || die "could not point $dest/NuGet.config at $PACKAGES_DIR"
}

# A TCP port on 127.0.0.1 that nothing listens on.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  die "no free port found on 127.0.0.1"
}

# start_app PROJECT_DIR DLL PORT LOG: runs the built app in Production on 127.0.0.1:PORT in the background
# (the same as `dotnet run --no-build --no-launch-profile --urls ...`, without the extra `dotnet run` process).
# Sets APP_PID; stop it with stop_app.
APP_PID=""
start_app() {
  local dir="$1" dll="$2" port="$3" log="$4"
  # ulimit -c 0: an app that aborts at startup (the expected crash) leaves no core file behind.
  (ulimit -c 0 && cd "$dir" && ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
     exec dotnet "$dll" --urls "http://127.0.0.1:$port") >"$log" 2>&1 &
  APP_PID=$!
}

stop_app() {
  if [[ -n "$APP_PID" ]]; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
  fi
}

# wait_for_app PORT SECONDS: 0 once /health answers, 1 if the app exited first, 2 on time-out.
wait_for_app() {
  local port="$1" deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/health"; then
      return 0
    fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      return 1
    fi
    sleep 1
  done
  return 2
}
