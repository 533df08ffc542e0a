#!/usr/bin/env bash
# A development OpenSearch for the engine tests (issue 18): the integration-test zip and the k-NN plugin zip
# from Maven Central, run on 127.0.0.1 as a non-root user on the JDK 25.
#
#   scripts/engines/opensearch.sh start    # fetch (cached), install, start, wait until it answers
#   scripts/engines/opensearch.sh fetch    # only fetch (cached) and install, as `start` does first
#   scripts/engines/opensearch.sh status   # exit 0 when it answers, 3 when it does not
#   scripts/engines/opensearch.sh stop     # stop the node this script started (by the pid in its pidfile)
#
# Environment (defaults in brackets):
#   SLUICE_OPENSEARCH_PORT [9201]            HTTP port on 127.0.0.1
#   SLUICE_OPENSEARCH_TRANSPORT_PORT [9301]  transport port on 127.0.0.1
#   SLUICE_OPENSEARCH_USER [sluice-engines]  the system user it runs as when this script runs as root
#   SLUICE_OPENSEARCH_START_TIMEOUT [180]    seconds to wait for the first answer
#   SLUICE_ENGINES_DIR [<repo>/target/engines]  downloads, install, data, logs and pidfile
#
# On success `start` prints SLUICE_OPENSEARCH_URL=http://127.0.0.1:<port>, which the tests read
# (environment variable or -Dsluice.opensearch.url; both default to the same URL).
#
# Traps: OpenSearch refuses to run as root, so the install is chowned to a system user; `bin/opensearch &`
# leaves a wrapper whose death does not stop the JVM, so the node is started with -d -p and stopped by the
# pid it wrote; every knn_vector field must use "engine": "lucene" (the plugin zip carries no native faiss
# libraries and the node exits on the first document otherwise).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION=3.6.0
KNN_VERSION=3.6.0.0
PORT="${SLUICE_OPENSEARCH_PORT:-9201}"
TRANSPORT_PORT="${SLUICE_OPENSEARCH_TRANSPORT_PORT:-9301}"
RUN_USER="${SLUICE_OPENSEARCH_USER:-sluice-engines}"
START_TIMEOUT="${SLUICE_OPENSEARCH_START_TIMEOUT:-180}"
ENGINES_DIR="${SLUICE_ENGINES_DIR:-$ROOT/target/engines}"
DOWNLOADS="$ENGINES_DIR/downloads"
# The node's folders must be reachable by RUN_USER; a checkout under a private folder (mode 700) is not, and then
# they live under /var/tmp instead, named after ENGINES_DIR (the downloads stay in ENGINES_DIR).
resolve_node_dir() {
  local node_dir="$ENGINES_DIR" probe="$ENGINES_DIR"
  while [ ! -e "$probe" ]; do probe="$(dirname "$probe")"; done
  if [ "$(id -u)" = 0 ] && id -u "$RUN_USER" >/dev/null 2>&1 && ! runuser -u "$RUN_USER" -- test -x "$probe"; then
    node_dir="/var/tmp/sluice-engines-$(printf '%s' "$ENGINES_DIR" | cksum | cut -d' ' -f1)"
  fi
  HOME_DIR="$node_dir/opensearch-$VERSION"
  RUN_DIR="$node_dir/opensearch-run"
  PIDFILE="$RUN_DIR/opensearch.pid"
}
resolve_node_dir
URL="http://127.0.0.1:$PORT"

say() { echo "opensearch.sh: $*"; }
die() {
  echo "opensearch.sh: ERROR: $*" >&2
  exit 1
}

answers() { curl -fsS -m 5 "$URL/" >/dev/null 2>&1; }

running_pid() {
  if [ -f "$PIDFILE" ]; then
    local pid
    pid="$(cat "$PIDFILE" 2>/dev/null || true)"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      echo "$pid"
      return 0
    fi
  fi
  return 1
}

find_java_home() {
  if [ -n "${SLUICE_OPENSEARCH_JAVA_HOME:-}" ]; then
    echo "$SLUICE_OPENSEARCH_JAVA_HOME"
  else
    (cd "$ROOT" && SLUICE_PRINT_JAVA_HOME=1 ./sluice)
  fi
}

fetch() {
  mkdir -p "$DOWNLOADS"
  local zip="$DOWNLOADS/opensearch-$VERSION.zip" knn="$DOWNLOADS/opensearch-knn-$KNN_VERSION.zip"
  if [ -s "$zip" ] && [ -s "$knn" ]; then
    return 0
  fi
  local t0=$SECONDS
  say "fetching OpenSearch $VERSION and k-NN $KNN_VERSION from Maven Central into $DOWNLOADS"
  local artifact
  for artifact in "org.opensearch.distribution.integ-test-zip:opensearch:$VERSION:zip" \
    "org.opensearch.plugin:opensearch-knn:$KNN_VERSION:zip"; do
    (cd "$ROOT" && JAVA_HOME="$JAVA_HOME" ./mvnw -B -N -q --no-transfer-progress dependency:copy \
      -Dartifact="$artifact" -DoutputDirectory="$DOWNLOADS" -Dmdep.overWriteReleases=true) ||
      die "could not fetch $artifact with ./mvnw dependency:copy (is Maven Central reachable?)"
  done
  [ -s "$zip" ] && [ -s "$knn" ] || die "the downloads are missing in $DOWNLOADS after dependency:copy"
  say "fetched in $((SECONDS - t0)) s"
}

ensure_user() {
  if [ "$(id -u)" != 0 ]; then
    return 0
  fi
  if ! id -u "$RUN_USER" >/dev/null 2>&1; then
    say "creating system user $RUN_USER"
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$RUN_USER" ||
      die "could not create the system user $RUN_USER (set SLUICE_OPENSEARCH_USER to an existing non-root user)"
  fi
}

as_user() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$RUN_USER" -- "$@"
  else
    "$@"
  fi
}

install() {
  local t0=$SECONDS
  if [ ! -x "$HOME_DIR/bin/opensearch" ]; then
    say "unpacking OpenSearch into $HOME_DIR"
    rm -rf "$HOME_DIR" "$HOME_DIR.partial"
    mkdir -p "$HOME_DIR.partial"
    unzip -q "$DOWNLOADS/opensearch-$VERSION.zip" -d "$HOME_DIR.partial"
    mv "$HOME_DIR.partial/opensearch-$VERSION" "$HOME_DIR"
    rmdir "$HOME_DIR.partial"
  fi
  if [ ! -d "$HOME_DIR/plugins/opensearch-knn" ]; then
    say "installing the k-NN plugin"
    OPENSEARCH_JAVA_HOME="$JAVA_HOME" "$HOME_DIR/bin/opensearch-plugin" install --batch \
      "file://$DOWNLOADS/opensearch-knn-$KNN_VERSION.zip" >"$ENGINES_DIR/opensearch-plugin-install.log" 2>&1 ||
      {
        tail -n 20 "$ENGINES_DIR/opensearch-plugin-install.log" >&2
        die "installing the k-NN plugin failed (log: $ENGINES_DIR/opensearch-plugin-install.log)"
      }
  fi
  if [ "$SECONDS" -gt "$t0" ]; then
    say "unpacked and installed in $((SECONDS - t0)) s"
  fi
  mkdir -p "$RUN_DIR/data" "$RUN_DIR/logs"
  if [ "$(id -u)" = 0 ]; then
    chown -R "$RUN_USER:" "$HOME_DIR" "$RUN_DIR"
    runuser -u "$RUN_USER" -- test -x "$HOME_DIR/bin/opensearch" ||
      die "user $RUN_USER cannot reach $HOME_DIR: give the folders above it o+x, or set SLUICE_ENGINES_DIR to a folder it can reach"
  fi
}

need_tools() {
  local missing=()
  command -v unzip >/dev/null || missing+=(unzip)
  command -v curl >/dev/null || missing+=(curl)
  [ "${#missing[@]}" = 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "missing tools: ${missing[*]} (apt-get install -y ${missing[*]})"
  say "installing ${missing[*]} (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Fetches (cached) and installs; leaves JAVA_HOME exported for the start.
prepare() {
  JAVA_HOME="$(find_java_home)" || die "no JDK 25 found (set JAVA_HOME or SLUICE_OPENSEARCH_JAVA_HOME)"
  export JAVA_HOME
  need_tools
  fetch
  ensure_user
  resolve_node_dir
  install
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Prints the log tails, stops a half-started node, and fails with the reason.
fail_start() {
  echo "---- last lines of $RUN_DIR/console.log ----" >&2
  tail -n 20 "$RUN_DIR/console.log" >&2 2>/dev/null || true
  echo "---- last lines of $RUN_DIR/logs/sluice-engines.log ----" >&2
  tail -n 40 "$RUN_DIR/logs/sluice-engines.log" >&2 2>/dev/null || true
  # A node still in bootstrap has not written its pidfile yet: give it time to, so that nothing is left running.
  local waited=0
  while [ "$launched_ok" = 1 ] && [ ! -f "$PIDFILE" ] && [ "$waited" -lt 60 ]; do
    sleep 1
    waited=$((waited + 1))
  done
  if running_pid >/dev/null; then
    stop >&2
  fi
  die "$1 (logs: $RUN_DIR/logs)"
}

start() {
  local t0=$SECONDS launched=$SECONDS
  launched_ok=0
  if pid="$(running_pid)"; then
    if answers; then
      say "already running (pid $pid) at $URL"
      echo "SLUICE_OPENSEARCH_URL=$URL"
      return 0
    fi
    say "pid $pid is up but does not answer yet at $URL; waiting"
  else
    rm -f "$PIDFILE"
    if port_taken "$PORT"; then
      die "port $PORT on 127.0.0.1 is taken by another process; stop it or set SLUICE_OPENSEARCH_PORT"
    fi
    if port_taken "$TRANSPORT_PORT"; then
      die "port $TRANSPORT_PORT on 127.0.0.1 is taken; stop it or set SLUICE_OPENSEARCH_TRANSPORT_PORT"
    fi
    prepare
    launched=$SECONDS
    local user_cmd=()
    [ "$(id -u)" = 0 ] && user_cmd=(runuser -u "$RUN_USER" --)
    say "starting OpenSearch $VERSION on $URL (JDK $JAVA_HOME, user $([ "$(id -u)" = 0 ] && echo "$RUN_USER" || id -un))"
    # -d returns once the node process is launched (it writes the pidfile later); timeout bounds a hung launcher.
    local rc=0
    (cd "$HOME_DIR" && timeout "$START_TIMEOUT" "${user_cmd[@]}" env OPENSEARCH_JAVA_HOME="$JAVA_HOME" \
      OPENSEARCH_JAVA_OPTS="-Xms1g -Xmx1g" bin/opensearch -d -p "$PIDFILE" -E discovery.type=single-node \
      -E network.host=127.0.0.1 -E http.port="$PORT" -E transport.port="$TRANSPORT_PORT" \
      -E path.data="$RUN_DIR/data" -E path.logs="$RUN_DIR/logs" -E cluster.name=sluice-engines \
      >"$RUN_DIR/console.log" 2>&1) || rc=$?
    [ "$rc" = 0 ] && launched_ok=1
    [ "$rc" = 0 ] || fail_start "bin/opensearch -d exited with status $rc$([ "$rc" = 124 ] && echo " after ${START_TIMEOUT}s")"
  fi
  until answers; do
    if [ "$((SECONDS - launched))" -ge "$START_TIMEOUT" ]; then
      fail_start "OpenSearch did not answer at $URL within ${START_TIMEOUT}s (raise SLUICE_OPENSEARCH_START_TIMEOUT)"
    fi
    # The node writes its pidfile a few seconds after -d returns; only then can it be seen to have died.
    if [ -f "$PIDFILE" ] && ! running_pid >/dev/null; then
      fail_start "OpenSearch exited before answering at $URL"
    fi
    sleep 1
  done
  say "up at $URL after $((SECONDS - t0)) s (pid $(running_pid || echo "?"))"
  echo "SLUICE_OPENSEARCH_URL=$URL"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PIDFILE"
    say "not running (no live pid in $PIDFILE)"
    return 0
  fi
  say "stopping pid $pid"
  kill "$pid"
  local waited=0
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" = 60 ]; then
      say "pid $pid still alive after 30 s; sending SIGKILL"
      kill -9 "$pid" 2>/dev/null || true
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  rm -f "$PIDFILE"
  say "stopped"
}

status() {
  if pid="$(running_pid)" && answers; then
    say "running (pid $pid) at $URL"
    echo "SLUICE_OPENSEARCH_URL=$URL"
    return 0
  fi
  if pid="$(running_pid)"; then
    say "pid $pid is alive but does not answer at $URL"
  else
    say "not running"
  fi
  return 3
}

case "${1:-}" in
  start) start ;;
  fetch) prepare && say "installed in $HOME_DIR" ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status|fetch" >&2
    exit 2
    ;;
esac
