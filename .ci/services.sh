# The servers the store tests need, on loopback, with their state under target/ci-services:
# Redis in plain text, over TLS and as a three-node cluster; PostgreSQL with TLS and a
# password. Source this file, call start_services (installs what is missing from Debian's
# packages), and stop_services when done. start_services exports the URLs the tests read.

services_dir="$PWD/target/ci-services"

install_missing() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v openssl >/dev/null || missing+=(openssl)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  if ((${#missing[@]})); then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# A test CA and a certificate for 127.0.0.1 and localhost signed by it.
make_certificates() {
  local dir="$services_dir/tls"
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=wix-auth test CA" \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
  printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" "basicConstraints=CA:FALSE" \
    "keyUsage=digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth" > "$dir/server.ext"
  openssl x509 -req -days 2 -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" \
    -CAcreateserial -extfile "$dir/server.ext" -out "$dir/server.crt" 2>/dev/null
}

redis_node() {
  local name="$1"
  shift
  mkdir -p "$services_dir/redis-$name"
  redis-server --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$services_dir/redis-$name" --pidfile "$services_dir/redis-$name.pid" \
    --logfile "$services_dir/redis-$name.log" "$@"
}

wait_for() {
  local what="$1" check="$2"
  for _ in $(seq 100); do
    if eval "$check" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "$what did not start" >&2
  return 1
}

start_redis() {
  local tls="$services_dir/tls" port
  for port in 16379 16380 17001 17002 17003; do require_free_port "$port"; done
  redis_node plain --port 16379
  redis_node tls --port 0 --tls-port 16380 --tls-cert-file "$tls/server.crt" \
    --tls-key-file "$tls/server.key" --tls-ca-cert-file "$tls/ca.crt" --tls-auth-clients no
  for port in 17001 17002 17003; do
    redis_node "cluster-$port" --port "$port" --cluster-enabled yes \
      --cluster-config-file "$services_dir/redis-cluster-$port/nodes.conf"
  done
  wait_for "redis" "redis-cli -p 16379 ping"
  wait_for "redis cluster nodes" "redis-cli -p 17003 ping"
  redis-cli --cluster create 127.0.0.1:17001 127.0.0.1:17002 127.0.0.1:17003 \
    --cluster-replicas 0 --cluster-yes >/dev/null
  wait_for "the redis cluster" "redis-cli -p 17001 cluster info | grep -q cluster_state:ok"
  export REDIS_URL="redis://127.0.0.1:16379/"
  export REDIS_TLS_URL="rediss://127.0.0.1:16380/"
  export REDIS_TLS_CA="$tls/ca.crt"
  export REDIS_CLUSTER_NODES="redis://127.0.0.1:17001/,redis://127.0.0.1:17002/,redis://127.0.0.1:17003/"
}

# PostgreSQL refuses to run as root: its files belong to the postgres user and it runs as it.
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# PostgreSQL's programs (Debian keeps them off PATH, one directory per major version).
find_postgres() {
  PG_BIN="$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"
  export PG_BIN
}

# Refuses to start over a server another run left on one of our ports.
require_free_port() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    echo "port $1 is in use: stop what listens there (a previous run's servers?)" >&2
    return 1
  fi
}

start_postgres() {
  find_postgres
  require_free_port 15432
  local dir="$services_dir/postgres" password="ci-$RANDOM-$RANDOM"
  mkdir -p "$dir"
  cp "$services_dir/tls/server.crt" "$services_dir/tls/server.key" "$dir/"
  echo "$password" > "$dir/pwfile"
  chmod 600 "$dir/server.key"
  [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
  as_postgres "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=scram-sha-256 \
    --pwfile="$dir/pwfile" -E UTF8 >/dev/null
  as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w start \
    -o "-p 15432 -c listen_addresses=127.0.0.1 -k $dir -c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key" >/dev/null
  export POSTGRES_URL="postgres://postgres:$password@127.0.0.1:15432/postgres?sslmode=disable"
  export POSTGRES_TLS_URL="postgres://postgres:$password@127.0.0.1:15432/postgres?sslmode=verify-full&sslrootcert=$services_dir/tls/ca.crt"
}

start_services() {
  install_missing
  stop_services
  rm -rf "$services_dir"
  mkdir -p "$services_dir"
  make_certificates
  start_redis
  start_postgres
}

stop_services() {
  local pidfile
  for pidfile in "$services_dir"/redis-*.pid; do
    if [ -f "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
  done
  if [ -d "$services_dir/postgres/data" ]; then
    [ -n "${PG_BIN:-}" ] || find_postgres
    as_postgres "$PG_BIN/pg_ctl" -D "$services_dir/postgres/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  return 0
}
