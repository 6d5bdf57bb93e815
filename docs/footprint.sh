#!/usr/bin/env bash
# What each published module brings onto an application's class path: the module's own jar plus every compile and
# runtime dependency, transitive, optional ones left out — as a jar count and megabytes. Run it after
# `mvn -B -ntp -q package -DskipTests` (our own modules are measured from their target/ jars); the README's
# footprint table comes from it.
set -euo pipefail
cd "$(dirname "$0")/.."
modules=(core graph-adapter teams-voice charts csv-bulk jdbc-store testkit leak-scanner)
list=$(IFS=,; echo "${modules[*]}")
mvn -B -ntp -q dependency:list -pl "$list" -DincludeScope=runtime -DoutputAbsoluteArtifactFilename=true \
    '-DoutputFile=${project.build.directory}/footprint-deps.txt' >/dev/null
jar_of() { # the packaged jar of one of our modules
    ls "$1"/target/tenantconnect-*.jar | grep -v -e '-sources' -e '-tests' -e '-javadoc' -e '-simulator' | head -1
}
printf '| module | jars | MB |\n|---|---:|---:|\n'
for m in "${modules[@]}"; do
    files=("$(jar_of "$m")")
    while IFS= read -r line; do
        coords=${line%%:/*}
        path=/${line#*:/}
        path=${path%% *}
        case "$coords" in
            dev.tenantconnect:*) a=$(cut -d: -f2 <<<"$coords"); files+=("$(jar_of "${a#tenantconnect-}")") ;;
            *) files+=("$path") ;;
        esac
    done < <(grep -E '^ +[^ ]+:(compile|runtime):/' "$m/target/footprint-deps.txt" | grep -v '(optional)')
    bytes=$(stat -c %s "${files[@]}" | awk '{ s += $1 } END { print s }')
    printf '| `%s` | %d | %s |\n' "$m" "${#files[@]}" "$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')"
done
