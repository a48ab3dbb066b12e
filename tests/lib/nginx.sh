# tests/lib/nginx.sh: a real nginx with its own configuration in a folder,
# for the tutorial (tools/demo-tutorial.sh) and the tests. Sourced.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

# nginx_prepare DIR NAMESPACE PORT ADDRESS...: writes DIR/nginx.conf
# serving DIR/html on each ADDRESS (IPv6 ones bare, e.g. fd00::3) at PORT,
# and a page that names NAMESPACE, where it is to run.
nginx_prepare() {
    local dir=$1 namespace=$2 port=$3; shift 3
    local listen= address
    for address in "$@"; do
        if [[ $address == *:* ]]; then
            listen+="        listen [$address]:$port;"$'\n'
        else
            listen+="        listen $address:$port;"$'\n'
        fi
    done
    mkdir -p "$dir/html" "$dir/tmp"
    chmod 0755 "$dir" "$dir/html"
    cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 64; }
http {
    access_log $dir/access.log;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
$listen        root $dir/html;
    }
}
CONF
    echo "Hello from nginx in namespace $namespace" > "$dir/html/index.html"
    chmod 0644 "$dir/html/index.html"
}

# nginx_argv DIR: sets NGINX_ARGV to the command line that runs DIR's
# nginx in the foreground, every file it writes inside DIR (so that any
# user owning DIR can run it).
nginx_argv() {
    NGINX_ARGV=(nginx -p "$1" -e "$1/error.log" -c "$1/nginx.conf" -g "daemon off;")
}

nginx_stop() {
    local dir=$1
    [[ -f "$dir/nginx.pid" ]] || return 0
    kill -QUIT "$(cat "$dir/nginx.pid")" 2>/dev/null || true
    for _ in $(seq 50); do
        [[ -f "$dir/nginx.pid" ]] || return 0
        sleep 0.1
    done
}
