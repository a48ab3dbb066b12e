#!/usr/bin/python3
# tests/lib/whoami.py: a server that tells each client the address it came
# from, over HTTP (TCP) and UDP, IPv4 and IPv6 alike.
#
#   whoami.py PORT READY_FILE
#
# Listens on every address of its namespace at PORT, for TCP and UDP;
# answers "client ADDRESS" (IPv4 clients without the ::ffff: prefix); makes
# READY_FILE once listening. Runs until killed.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import http.server
import socket
import sys
import threading


def client(address):
    return f"client {address[0].removeprefix('::ffff:')}\n".encode()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = client(self.client_address)
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6

    def server_bind(self):
        self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()


def serve_udp(port):
    udp = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    udp.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    udp.bind(("::", port))
    while True:
        _, address = udp.recvfrom(512)
        udp.sendto(client(address), address)


def main():
    port, ready = int(sys.argv[1]), sys.argv[2]
    server = Server(("::", port), Handler)
    threading.Thread(target=serve_udp, args=(port,), daemon=True).start()
    open(ready, "w").close()
    server.serve_forever()


main()
