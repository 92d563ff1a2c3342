#!/usr/bin/env python3
"""A fake cloud for the README walk-through: answers every request with the page's example response and
prints what it received (method, path, signed headers, body), so you can see what the clients send.

    python3 tools/fake-cloud/server.py 8080
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

IMS_IMAGE = {"id": "33ad552d-1149-471c-8190-ff6776174a00", "name": "ims_test", "status": "active", "__os_type": "Linux"}
ECS_OK = {"RequestId": "473469C7-AA6F-4DC5-B3DB-A3DC0DE3****"}


class Handler(BaseHTTPRequestHandler):
    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        print(f"{self.command} {self.path}")
        for name in ("Host", "Content-Type", "X-Sdk-Date", "X-Project-Id", "x-acs-action", "x-acs-date", "Authorization"):
            if self.headers.get(name):
                print(f"  {name}: {self.headers[name]}")
        if body:
            print(f"  body: {body.decode('utf-8', 'replace')}")
        answer = IMS_IMAGE if self.path.startswith("/v2/cloudimages/") else ECS_OK
        payload = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    print(f"fake cloud listening on http://127.0.0.1:{port}", flush=True)
    HTTPServer(("127.0.0.1", port), Handler).serve_forever()
