#!/usr/bin/env bash
# The whole distributed stack on one machine, for development: real Kafka (tools/kafka) plus the five
# services, each its own process on its own port, against PostgreSQL and Redis from the environment.
#   bash tools/dev-stack.sh start | stop | status
set -euo pipefail
cd "$(dirname "$0")/.."

APPS=(ingestion stream-processor insights reporting dashboards)
STATE=.cache/dev-stack
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export NX_DAEMON=false NX_NO_CLOUD=true

start() {
  mkdir -p "$STATE"
  bash tools/kafka/kafka.sh start
  npx nx run-many -t build -p "${APPS[@]}" --configuration=production
  for app in "${APPS[@]}"; do
    if [ -f "$STATE/$app.pid" ] && kill -0 "$(cat "$STATE/$app.pid")" 2>/dev/null; then continue; fi
    node "dist/apps/$app/main.js" >"$STATE/$app.log" 2>&1 &
    echo $! >"$STATE/$app.pid"
  done
  for app in "${APPS[@]}"; do
    for _ in $(seq 1 60); do grep -q "listening on" "$STATE/$app.log" && break; sleep 1; done
    grep -o "$app listening on [^\"]*" "$STATE/$app.log" || { echo "$app did not start:"; tail -20 "$STATE/$app.log"; exit 1; }
  done
  echo "logs: $STATE/<app>.log; stop with: bash tools/dev-stack.sh stop"
}

stop() {
  for app in "${APPS[@]}"; do
    [ -f "$STATE/$app.pid" ] || continue
    kill -TERM "$(cat "$STATE/$app.pid")" 2>/dev/null || true
    rm -f "$STATE/$app.pid"
  done
  sleep 2
  bash tools/kafka/kafka.sh stop
}

status() {
  for app in "${APPS[@]}"; do
    if [ -f "$STATE/$app.pid" ] && kill -0 "$(cat "$STATE/$app.pid")" 2>/dev/null; then echo "$app: running"; else echo "$app: stopped"; fi
  done
  bash tools/kafka/kafka.sh status
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status || true ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
