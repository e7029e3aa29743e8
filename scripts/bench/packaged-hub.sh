# Sourced by the wrk benchmarks (bench-http.sh, bench-http-echo.sh, bench-startup.sh): the packaged hub on a
# throw-away H2 directory, and wrk's script that POSTs a body as the admin.
# The caller sets JAR, PORT, PASSWORD and DATA (a fresh directory) before it calls these.

require_wrk_and_jar() {
  command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
  [ -f "$JAR" ] || { echo "$JAR is missing: mvn -B -DskipTests package" >&2; exit 1; }
}

# start_hub "<java options>" [hub arguments...]: sets HUB (the pid); the hub and DATA go when the script exits
start_hub() {
  local options=$1
  shift
  FLEXHUB_DATA_DIR=$DATA FLEXHUB_PORT=$PORT FLEXHUB_ADMIN_PASSWORD=$PASSWORD \
    java $options -jar "$JAR" "$@" > "$DATA/hub.log" 2>&1 &
  HUB=$!
  # the hub dies of the TERM, so its status (143) must not become the script's under set -e
  trap 'kill $HUB 2>/dev/null; wait $HUB 2>/dev/null || true; rm -rf "$DATA"' EXIT
}

wait_healthy() {
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null && return 0
    sleep 1
  done
  echo "the hub did not become healthy" >&2
  tail -40 "$DATA/hub.log" >&2
  exit 1
}

# post_lua <script file> <body file> [content type]: a wrk script POSTing the body with the admin's Basic login;
# callers append their own done() to it
post_lua() {
  local auth
  auth=$(printf 'admin:%s' "$PASSWORD" | base64 -w0)
  cat > "$1" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "${3:-text/xml}"
wrk.headers["Authorization"] = "Basic $auth"
local f = io.open("$2", "rb")
wrk.body = f:read("*a")
f:close()
LUA
}
