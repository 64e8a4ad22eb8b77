#!/usr/bin/env bash
# ExplainerStudio set-up script: installs what a fresh Debian 12 machine with only the .NET 10 SDK lacks,
# builds, and starts the studio, runs the tests or runs the benchmarks.
#
#   ./studio.sh start   install ffmpeg + espeak-ng, build, open http://127.0.0.1:5000
#   ./studio.sh test    also install Chromium, PostgreSQL and Redis, then run every test
#   ./studio.sh bench   run the benchmarks; figures land in data/bench/*.json (bench gpu: the GPU build, gpu.json;
#                       bench live: progress latency across two nodes over Redis, live.json)
#   ./studio.sh pack list | pack pull NAME [--source URL] [--models DIR] [--replace] [--catalogue FILE]
#                       list or download a published ONNX export (models/catalogue.json) into models/NAME
#
#   --gpu (start, test)  build with the GPU ONNX Runtime (-p:OrtFlavor=Gpu); the host needs an NVIDIA driver,
#                        CUDA 13 and cuDNN 9, otherwise generation falls back to the CPU and says why.
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\033[1;34m[studio]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[studio]\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "Installing system packages needs root. Run as root, install sudo, or install them yourself: $*"
    fi
}

# Another apt or dpkg (unattended-upgrades, a second install) holds these while it runs; apt-get fails at once
# when it finds one held, so wait for them, saying who holds them, for up to 10 minutes.
DPKG_LOCKS=(/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock)
wait_for_dpkg_lock() {
    local waited=0 holders
    command -v fuser >/dev/null 2>&1 || return 0   # no psmisc: apt-get's own DPkg::Lock::Timeout below still waits
    while holders=$(as_root fuser "${DPKG_LOCKS[@]}" 2>/dev/null | tr -s ' ' '\n' | grep -E '^[0-9]+$' | sort -u | tr '\n' ' ') && [ -n "$holders" ]; do
        [ "$waited" -ge 600 ] && die "Another package install (process $holders) has held the dpkg lock for 10 minutes; let it finish or stop it, then run again."
        if [ $((waited % 30)) -eq 0 ]; then
            local names
            names=$(for pid in $holders; do ps -o comm= -p "$pid" 2>/dev/null; done | sort -u | tr '\n' ' ')
            log "Waiting for another package install to finish: ${names:-process} (pid $holders) holds the dpkg/apt lock (${waited}s so far, up to 600s)"
        fi
        sleep 5
        waited=$((waited + 5))
    done
}

# Installs the Debian packages among "$@" whose command is missing (package:command pairs). A command given as an
# absolute path (a glob) is looked for there: Debian keeps PostgreSQL's server binaries off PATH.
ensure_packages() {
    local missing=()
    for pair in "$@"; do
        if [[ "${pair#*:}" == /* ]]; then
            compgen -G "${pair#*:}" >/dev/null || missing+=("${pair%%:*}")
        else
            command -v "${pair#*:}" >/dev/null 2>&1 || missing+=("${pair%%:*}")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null 2>&1 || die "Missing ${missing[*]} and no apt-get to install them with; install them and run again."
    log "Installing ${missing[*]} (apt)"
    wait_for_dpkg_lock
    as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
    wait_for_dpkg_lock
    DEBIAN_FRONTEND=noninteractive as_root apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_build_tools() {
    command -v dotnet >/dev/null 2>&1 || die "The .NET 10 SDK is required: https://learn.microsoft.com/dotnet/core/install/linux-debian"
}

# Reads --gpu from the arguments into ORT_FLAVOR; anything else is refused with the usage.
ORT_FLAVOR=Cpu
parse_flavor() {
    for arg in "$@"; do
        case "$arg" in
            --gpu) ORT_FLAVOR=Gpu ;;
            *) die "Unknown option '$arg'. Usage: ./studio.sh start|test [--gpu]" ;;
        esac
    done
    if [ "$ORT_FLAVOR" = Gpu ]; then
        log "GPU build of ONNX Runtime (Microsoft.ML.OnnxRuntime.Gpu.Linux): needs an NVIDIA driver, CUDA 13 and cuDNN 9 on this host"
    fi
}

ensure_runtime_tools() {
    ensure_packages ffmpeg:ffmpeg ffmpeg:ffprobe espeak-ng:espeak-ng
}

cmd_start() {
    parse_flavor "$@"
    ensure_build_tools
    ensure_runtime_tools
    log "Building (Release, ONNX Runtime $ORT_FLAVOR)"
    dotnet build ExplainerStudio.sln -c Release -nologo -v quiet -p:OrtFlavor="$ORT_FLAVOR"
    mkdir -p data
    log "Opening the studio on http://127.0.0.1:5000 (Ctrl+C stops it)"
    exec dotnet src/ExplainerStudio.Web/bin/Release/net10.0/ExplainerStudio.Web.dll --urls "${STUDIO_URLS:-http://127.0.0.1:5000}"
}

cmd_test() {
    parse_flavor "$@"
    ensure_build_tools
    ensure_runtime_tools
    ensure_packages chromium:chromium
    ensure_packages 'postgresql:/usr/lib/postgresql/*/bin/initdb'   # the tests start their own servers (tests/Shared/PostgresServer.cs)
    # The cross-node live tests start their own Redis (the SignalR backplane and the notifiers' pub/sub).
    ensure_packages redis-server:redis-server
    log "Building (Debug, ONNX Runtime $ORT_FLAVOR)"
    dotnet build ExplainerStudio.sln -c Debug -nologo -v quiet -p:OrtFlavor="$ORT_FLAVOR"
    local results; results=$(mktemp -d)
    local status=0
    log "Running every test"
    # pipefail (set above) makes the pipeline fail when dotnet test does, whatever tee says.
    dotnet test ExplainerStudio.sln -c Debug --no-build -nologo --results-directory "$results" 2>&1 \
        | tee "$results/console.log" || status=$?
    # One plain closing line over all test assemblies.
    awk '/^(Passed|Failed)!/ {
            for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
         }
         END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$results/console.log"
    rm -rf "$results"
    return $status
}

cmd_bench() {
    ensure_build_tools
    ensure_runtime_tools
    # The GPU bench needs the CUDA build of ONNX Runtime; without a usable GPU it records the CPU fallback and why.
    local flavor=Cpu
    [ "${1:-}" = gpu ] && flavor=Gpu
    # bench live starts its own Redis, as the cross-node tests do.
    ensure_packages redis-server:redis-server
    log "Building (Release, ONNX Runtime $flavor)"
    dotnet build ExplainerStudio.sln -c Release -nologo -v quiet -p:OrtFlavor="$flavor"
    mkdir -p data/bench
    dotnet src/ExplainerStudio.Web/bin/Release/net10.0/ExplainerStudio.Web.dll bench "$@"
}

cmd_pack() {
    ensure_build_tools
    log "Building (Release)"
    dotnet build src/ExplainerStudio.Web -c Release -nologo -v quiet
    exec dotnet src/ExplainerStudio.Web/bin/Release/net10.0/ExplainerStudio.Web.dll pack "$@"
}

case "${1:-}" in
    start) shift; cmd_start "$@" ;;
    test) shift; cmd_test "$@" ;;
    bench) shift; cmd_bench "$@" ;;
    pack) shift; cmd_pack "$@" ;;
    *) echo "usage: ./studio.sh start [--gpu] | test [--gpu] | bench [part] | pack list | pack pull NAME [--source URL]" >&2; exit 2 ;;
esac
