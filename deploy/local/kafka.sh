#!/usr/bin/env bash
# A single-node Apache Kafka (KRaft, no ZooKeeper) on 127.0.0.1 for the demo
# and the test harness. The jars come from scripts/setup (.cache/kafka/libs).
#
#   deploy/local/kafka.sh start [--port P] [--dir D] [--fresh]
#                                       format (first time; --fresh wipes D first), start, wait, create topics
#   deploy/local/kafka.sh stop  [--dir D]              clean shutdown (SIGTERM, then SIGKILL after 30 s)
#   deploy/local/kafka.sh status [--dir D]             exit 0 when running
#   deploy/local/kafka.sh topics [--port P] [--prefix X]  create the topics of topics.conf
#
# Environment: TIDINGS_KAFKA_PORT (9092), TIDINGS_KAFKA_DIR (var/kafka under
# the repo), TIDINGS_KAFKA_HEAP (512m). The controller listens on port+1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
libs="$root/.cache/kafka/libs"

cmd=${1:-}; shift || true
port=${TIDINGS_KAFKA_PORT:-9092}
dir=${TIDINGS_KAFKA_DIR:-$root/var/kafka}
prefix=""
fresh=0
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --prefix) prefix=$2; shift 2 ;;
    --fresh) fresh=1; shift ;;
    *) echo "kafka.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
cport=$((port + 1))
pidfile="$dir/kafka.pid"

log() { printf '[kafka] %s\n' "$*" >&2; }
die() { printf 'kafka.sh: %s\n' "$*" >&2; exit 1; }

java_cp() { echo "$libs/*"; }

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

tool() {  # tool CLASS ARGS... : run a Kafka command-line class
  java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j.configuration="file:$dir/tools-log4j.properties" \
    -cp "$(java_cp)" "$@"
}

write_config() {
  mkdir -p "$dir/data" "$dir/logs"
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=1
auto.create.topics.enable=false
# Records up to 9 MiB (tidings produces at most 8 MiB: runtime/kafka.h).
message.max.bytes=9437184
replica.fetch.max.bytes=9437184
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=6
group.initial.rebalance.delay.ms=0
log.retention.hours=168
log.segment.bytes=67108864
PROPS
  cat > "$dir/log4j.properties" <<PROPS
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=$dir/logs/server.log
log4j.appender.file.MaxFileSize=20MB
log4j.appender.file.MaxBackupIndex=2
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
PROPS
  cat > "$dir/tools-log4j.properties" <<PROPS
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
PROPS
}

create_topics() {
  local name parts settings setting
  while read -r name parts settings; do
    case "$name" in ''|\#*) continue ;; esac
    local args=()
    IFS=, read -r -a setting <<< "$settings"
    for s in "${setting[@]}"; do args+=(--config "$s"); done
    tool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$port" \
      --create --if-not-exists --topic "$prefix$name" --partitions "$parts" \
      --replication-factor 1 "${args[@]}" >/dev/null
    log "topic $prefix$name ($parts partitions${settings:+, $settings})"
  done < "$here/topics.conf"
}

# What the broker said before it died at start-up, to stderr: the callers
# (the test harness, CI) often remove $dir before anyone can read it.
start_failed_logs() {
  tail -20 "$dir/logs/stdout.log" >&2 2>/dev/null || true
  grep -E "ERROR|FATAL|Exception" "$dir/logs/server.log" 2>/dev/null | tail -20 >&2 || true
}

start() {
  ls "$libs"/kafka_2.13-*.jar >/dev/null 2>&1 || die "Kafka jars missing in $libs: run scripts/setup"
  if running; then log "already running (pid $(cat "$pidfile")) on 127.0.0.1:$port"; return 0; fi
  if [ "$fresh" = 1 ]; then rm -rf "$dir"; fi
  port_free "$port" || die "port $port is in use; choose another with --port or TIDINGS_KAFKA_PORT"
  port_free "$cport" || die "controller port $cport is in use; choose another --port"
  write_config
  if [ ! -f "$dir/data/meta.properties" ]; then
    local id
    id=$(tool kafka.tools.StorageTool random-uuid)
    tool kafka.tools.StorageTool format -t "$id" -c "$dir/server.properties" >/dev/null
    log "formatted $dir/data (cluster $id)"
  fi
  # setsid: the broker gets its own session so that a Ctrl-C meant for the
  # caller is handled by the caller's cleanup, which stops it in order.
  # A restart appends to server.log: wait for a "started" line after the
  # lines already there.
  local seen=0
  [ -f "$dir/logs/server.log" ] && seen=$(wc -l < "$dir/logs/server.log")
  setsid java -Xms256m -Xmx"${TIDINGS_KAFKA_HEAP:-512m}" -XX:+UseG1GC \
    -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$dir/log4j.properties" \
    -Dkafka.logs.dir="$dir/logs" \
    -cp "$(java_cp)" kafka.Kafka "$dir/server.properties" \
    > "$dir/logs/stdout.log" 2>&1 < /dev/null &
  echo $! > "$pidfile"
  log "starting broker pid $(cat "$pidfile") on 127.0.0.1:$port (data in $dir)"
  local deadline=$((SECONDS + 90))
  until tail -n +"$((seen + 1))" "$dir/logs/server.log" 2>/dev/null | grep -q "Kafka Server started"; do
    running || { start_failed_logs; die "broker exited during start-up; see $dir/logs"; }
    [ $SECONDS -lt $deadline ] || { stop; start_failed_logs; die "broker did not start within 90 s; see $dir/logs"; }
    sleep 0.5
  done
  log "broker ready"
  create_topics
}

stop() {
  if ! running; then log "not running"; rm -f "$pidfile"; return 0; fi
  local pid; pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then log "broker did not stop in 30 s; killing"; kill -KILL "$pid" 2>/dev/null || true; fi
    sleep 0.3
  done
  rm -f "$pidfile"
  log "stopped"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running pid $(cat "$pidfile") port $port"; else echo "stopped"; exit 1; fi ;;
  topics) write_config_if_needed=1; mkdir -p "$dir"; [ -f "$dir/tools-log4j.properties" ] || write_config; create_topics ;;
  *) sed -n '2,14p' "$0"; exit 2 ;;
esac
