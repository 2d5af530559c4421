#!/usr/bin/env bash
# A real single-node Kafka (KRaft, broker + controller in one JVM) for tests and development,
# without Docker or a tarball: the broker's jars come from Maven Central via tools/kafka/pom.xml.
#
#   bash tools/kafka/kafka.sh start    # fresh, empty broker at 127.0.0.1:9092; waits until it answers
#   bash tools/kafka/kafka.sh stop     # SIGTERM, SIGKILL after 30 s
#   bash tools/kafka/kafka.sh status   # exit 0 when running and answering, 3 otherwise
#   bash tools/kafka/kafka.sh restart  # stop, then start again KEEPING the topics and their messages
#   KAFKA_KEEP_DATA=1 bash tools/kafka/kafka.sh start  # start on the existing data (after a stop)
#
# Everything it writes lives in the git-ignored <repo>/.cache/kafka (libs/ is reused between runs).
# A second, private broker (a test that stops and starts its own): KAFKA_PORT (default 9092),
# KAFKA_CONTROLLER_PORT (9093) and KAFKA_CACHE_DIR (its data, config, log and pid file; the jars stay in
# <repo>/.cache/kafka/libs, or KAFKA_LIBS_DIR). With KAFKA_PORT set, KAFKA_BROKERS is that broker.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
CACHE_DIR="${KAFKA_CACHE_DIR:-$REPO_ROOT/.cache/kafka}"
LIBS_DIR="${KAFKA_LIBS_DIR:-$REPO_ROOT/.cache/kafka/libs}"
DATA_DIR="$CACHE_DIR/data"
CONFIG_FILE="$CACHE_DIR/server.properties"
LOG4J_FILE="$CACHE_DIR/log4j.properties"
LOG_FILE="$CACHE_DIR/kafka.log"
# The JVM's own stdout/stderr (start-up failures before log4j is configured end up here).
CONSOLE_FILE="$CACHE_DIR/kafka.out"
PID_FILE="$CACHE_DIR/kafka.pid"

BROKER_ADDRESS="127.0.0.1:${KAFKA_PORT:-9092}"
CONTROLLER_ADDRESS="127.0.0.1:${KAFKA_CONTROLLER_PORT:-9093}"
START_TIMEOUT_SECONDS="${KAFKA_START_TIMEOUT_SECONDS:-60}"
STOP_TIMEOUT_SECONDS=30
if [[ -n "${KAFKA_PORT:-}" ]]; then
  # A private broker: never mistake the shared one (an inherited KAFKA_BROKERS) for it.
  export KAFKA_BROKERS="$BROKER_ADDRESS"
else
  export KAFKA_BROKERS="${KAFKA_BROKERS:-$BROKER_ADDRESS}"
fi

log() { echo "[kafka] $*"; }
fail() {
  echo "[kafka] ERROR: $*" >&2
  exit 1
}

show_log_tail() {
  local file
  for file in "$CONSOLE_FILE" "$LOG_FILE"; do
    if [[ -s "$file" ]]; then
      echo "----- last lines of $file -----" >&2
      tail -n 40 "$file" >&2
    fi
  done
}

kafka_version() {
  local jar
  jar="$(find "$LIBS_DIR" -maxdepth 1 -name 'kafka_2.13-*.jar' -print -quit 2>/dev/null || true)"
  [[ -n "$jar" ]] || { echo "unknown"; return; }
  jar="$(basename "$jar" .jar)"
  echo "${jar#kafka_2.13-}"
}

# Prints the broker's pid when the pid file names a live Kafka process (not a recycled pid).
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka' || return 1
  echo "$pid"
}

broker_answers() {
  KAFKA_WAIT_TIMEOUT_MS=3000 node "$SCRIPT_DIR/wait-for-kafka.js" "$@"
}

fetch_jars() {
  if compgen -G "$LIBS_DIR/kafka_2.13-*.jar" >/dev/null; then
    return
  fi
  command -v mvn >/dev/null || fail "mvn not found: Maven is needed once to fetch the broker's jars"
  command -v java >/dev/null || fail "java not found: a JRE 17+ runs the broker"
  log "fetching the broker's jars from Maven Central into $LIBS_DIR"
  # Download into a scratch directory and move it in one step, so an interrupted fetch is never reused.
  local scratch="$LIBS_DIR.partial"
  rm -rf "$scratch"
  mkdir -p "$scratch"
  mvn -q -B -Dstyle.color=never -f "$SCRIPT_DIR/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$scratch"
  compgen -G "$scratch/kafka_2.13-*.jar" >/dev/null || fail "maven finished but fetched no kafka_2.13 jar"
  rm -rf "$LIBS_DIR"
  mv "$scratch" "$LIBS_DIR"
  log "fetched $(find "$LIBS_DIR" -maxdepth 1 -name '*.jar' | wc -l) jars"
}

write_config() {
  cat >"$CONFIG_FILE" <<EOF
# Written by tools/kafka/kafka.sh on every start; edits are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$CONTROLLER_ADDRESS
listeners=PLAINTEXT://$BROKER_ADDRESS,CONTROLLER://$CONTROLLER_ADDRESS
advertised.listeners=PLAINTEXT://$BROKER_ADDRESS
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA_DIR
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
# A single broker cannot hold more replicas than one.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# Tests create consumer groups all the time: do not hold the first rebalance back.
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
delete.topic.enable=true
EOF

  cat >"$LOG4J_FILE" <<EOF
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$LOG_FILE
log4j.appender.file.Append=true
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.org.apache.kafka=INFO
log4j.logger.kafka=INFO
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.request.logger=WARN
EOF
}

# Every start formats a fresh data directory, so each test run sees an empty broker.
format_storage() {
  local cluster_id
  # 16 random bytes, base64url without padding: the format Kafka's Uuid.fromString expects.
  cluster_id="$(node -e "process.stdout.write(require('crypto').randomBytes(16).toString('base64url'))")"
  rm -rf "$DATA_DIR"
  mkdir -p "$DATA_DIR"
  java -cp "$LIBS_DIR/*" -Dlog4j.configuration="file:$LOG4J_FILE" \
    kafka.tools.StorageTool format -t "$cluster_id" -c "$CONFIG_FILE" >>"$CONSOLE_FILE" 2>&1 ||
    {
      show_log_tail
      fail "formatting the storage failed"
    }
  log "formatted $DATA_DIR (cluster id $cluster_id)"
}

wait_until_ready() {
  local pid="$1"
  local deadline=$((SECONDS + START_TIMEOUT_SECONDS))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      show_log_tail
      fail "the broker (pid $pid) exited during start-up"
    fi
    if broker_answers 2>/dev/null; then
      return 0
    fi
    sleep 1
  done
  show_log_tail
  fail "the broker (pid $pid) did not answer at $KAFKA_BROKERS within ${START_TIMEOUT_SECONDS} s"
}

start() {
  mkdir -p "$CACHE_DIR"
  local pid
  if pid="$(running_pid)"; then
    log "Kafka $(kafka_version) already running (pid $pid); waiting until it answers"
    wait_until_ready "$pid"
    return 0
  fi
  rm -f "$PID_FILE"
  if broker_answers >/dev/null 2>&1; then
    fail "something not started by this script already answers at $KAFKA_BROKERS; stop it first"
  fi

  fetch_jars
  write_config
  if [[ "${KAFKA_KEEP_DATA:-0}" == "1" && -f "$DATA_DIR/meta.properties" ]]; then
    # Same listeners and node id as before; the cluster id lives in the data directory.
    log "keeping the existing data in $DATA_DIR"
  else
    : >"$LOG_FILE"
    : >"$CONSOLE_FILE"
    format_storage
  fi

  log "starting Kafka $(kafka_version) (KRaft, node 1) at $BROKER_ADDRESS, controller at $CONTROLLER_ADDRESS"
  # setsid: the broker outlives the shell (and its Ctrl-C) that started it; exec keeps $! = the JVM's pid.
  (
    exec setsid java -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
      -Dlog4j.configuration="file:$LOG4J_FILE" -Dkafka.logs.dir="$CACHE_DIR" \
      -cp "$LIBS_DIR/*" kafka.Kafka "$CONFIG_FILE" >>"$CONSOLE_FILE" 2>&1 </dev/null
  ) &
  pid=$!
  echo "$pid" >"$PID_FILE"

  wait_until_ready "$pid"
  log "Kafka $(kafka_version) is up (pid $pid); log: $LOG_FILE"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    log "Kafka is not running"
    return 0
  fi
  log "stopping Kafka (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT_SECONDS))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still running after ${STOP_TIMEOUT_SECONDS} s: sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    log "Kafka $(kafka_version) running (pid $pid)"
    if broker_answers; then return 0; fi
    return 3
  fi
  log "Kafka is not running"
  return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  restart)
    stop
    KAFKA_KEEP_DATA=1 start
    ;;
  *)
    echo "usage: $0 start|stop|status|restart (KAFKA_KEEP_DATA=1 start: keep the existing data)" >&2
    exit 2
    ;;
esac
