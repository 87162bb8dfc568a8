#!/usr/bin/env python3
"""A webhook receiver on loopback for tst_notifications: an implementation of the signature check that
shares nothing with the server (Python's hmac, Stripe's documented scheme).

Usage: webhook_receiver.py PORT
  POST /hook           a delivery: recorded with whether its CreditDesk-Signature verifies; answered 500
                       while failures remain, else 200
  POST /control        {"secret": "whsec_…", "fail": N}: the secret to verify with, how many to refuse
  GET  /requests       the recorded deliveries as JSON
  DELETE /requests     forgets them
Prints "ready" once it listens.
"""
import hashlib
import hmac
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

state = {"secret": "", "fail": 0, "requests": []}
lock = threading.Lock()


def verify(secret, header, body):
    """Stripe's scheme: header "t=<unix>,v1=<hex>"; HMAC-SHA256 over "<t>.<raw body>" keyed with the secret's bytes."""
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    if "t" not in parts or "v1" not in parts:
        return False, None
    expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"]), int(parts["t"])


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, payload=b""):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/control":
            with lock:
                state.update(json.loads(body))
            return self.answer(200, b"{}")
        with lock:
            verified, t = verify(state["secret"], self.headers.get("CreditDesk-Signature", ""), body)
            failing = state["fail"] > 0
            if failing:
                state["fail"] -= 1
            state["requests"].append({
                "path": self.path,
                "verified": verified,
                "t": t,
                "content_type": self.headers.get("Content-Type", ""),
                "body": json.loads(body) if body else None,
                "answered": 500 if failing else 200,
            })
        self.answer(500 if failing else 200, b'{"received": true}')

    def do_GET(self):
        with lock:
            payload = json.dumps(state["requests"]).encode()
        self.answer(200, payload)

    def do_DELETE(self):
        with lock:
            state["requests"] = []
        self.answer(200, b"[]")


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    print("ready", flush=True)
    server.serve_forever()
