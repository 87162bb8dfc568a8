#!/usr/bin/env python3
"""A stand-in for PayPal's REST API on loopback for tst_paypal. No local peer of PayPal exists; this one
follows PayPal's published shapes, not our client:
  - OAuth 2.0 client credentials: https://developer.paypal.com/api/rest/authentication/
    (POST /v1/oauth2/token, HTTP Basic client_id:secret, grant_type=client_credentials →
    {"access_token", "token_type": "Bearer", "expires_in", ...}; 401 {"error": "invalid_client"} otherwise)
  - Orders v2: https://developer.paypal.com/docs/api/orders/v2/ (create order, capture payment for order;
    the error shape {"name", "message", "debug_id", "details": [{"issue", "description"}]}, issues
    ORDER_NOT_APPROVED, ORDER_ALREADY_CAPTURED, INSTRUMENT_DECLINED; PAYER_ACTION_REQUIRED with a
    "payer-action" link when payment_source.paypal.experience_context is given)
  - Idempotency: https://developer.paypal.com/api/rest/reference/idempotency/ (a repeated
    PayPal-Request-Id answers the first request's response)

Usage: paypal_fake.py PORT CLIENT_ID SECRET
  The API above, plus for the test (the payer's side, which PayPal's web pages do):
  GET  /checkoutnow?token=ID          the payer approves the order
  POST /test/decline?token=ID         the payer's funding will be declined at capture
  GET  /test/stats                    {"captures": {order: n}, "orders": n, "token_requests": n}
Prints "ready" once it listens.
"""
import base64
import json
import re
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

PORT, CLIENT_ID, SECRET = int(sys.argv[1]), sys.argv[2], sys.argv[3]
lock = threading.Lock()
state = {"tokens": set(), "orders": {}, "replays": {}, "captures": {}, "token_requests": 0}


def error(name, issue, description, status=422):
    return status, {"name": name, "message": "The requested action could not be performed, semantically "
                    "incorrect, or failed business validation.", "debug_id": uuid.uuid4().hex[:13],
                    "details": [{"issue": issue, "description": description}]}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def authorized(self):
        auth = self.headers.get("Authorization", "")
        return auth.startswith("Bearer ") and auth[7:] in state["tokens"]

    def do_GET(self):
        url = urlparse(self.path)
        with lock:
            if url.path == "/checkoutnow":
                order = state["orders"].get(parse_qs(url.query).get("token", [""])[0])
                if not order:
                    return self.answer(404, {"name": "RESOURCE_NOT_FOUND"})
                if order["status"] == "PAYER_ACTION_REQUIRED":
                    order["status"] = "APPROVED"
                return self.answer(200, {"approved": order["id"]})
            if url.path == "/test/stats":
                return self.answer(200, {"captures": state["captures"], "orders": len(state["orders"]),
                                         "token_requests": state["token_requests"]})
        self.answer(404, {"name": "RESOURCE_NOT_FOUND"})

    def do_POST(self):
        url = urlparse(self.path)
        raw = self.body()
        with lock:
            if url.path == "/v1/oauth2/token":
                state["token_requests"] += 1
                expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{SECRET}".encode()).decode()
                if self.headers.get("Authorization") != expected or raw != b"grant_type=client_credentials":
                    return self.answer(401, {"error": "invalid_client",
                                             "error_description": "Client Authentication failed"})
                token = "A21AA" + uuid.uuid4().hex
                state["tokens"].add(token)
                return self.answer(200, {"scope": "https://uri.paypal.com/services/payments/payment",
                                         "access_token": token, "token_type": "Bearer",
                                         "app_id": "APP-80W284485P519543T", "expires_in": 32400,
                                         "nonce": uuid.uuid4().hex})
            if url.path == "/test/decline":
                order = state["orders"].get(parse_qs(url.query).get("token", [""])[0])
                if order:
                    order["decline"] = True
                return self.answer(200 if order else 404, {})
            if not self.authorized():
                return self.answer(401, {"name": "AUTHENTICATION_FAILURE",
                                         "message": "Authentication failed due to invalid authentication "
                                         "credentials or a missing Authorization header.",
                                         "details": [{"issue": "INVALID_ACCOUNT_STATUS"}]})
            request_id = self.headers.get("PayPal-Request-Id")
            key = (url.path, request_id)
            if request_id and key in state["replays"]:
                status, payload = state["replays"][key]
                return self.answer(status, payload)
            status, payload = self.route(url.path, raw)
            if request_id and status < 500:
                state["replays"][key] = (status, payload)
            self.answer(status, payload)

    def route(self, path, raw):
        if path == "/v2/checkout/orders":
            try:
                order = json.loads(raw)
                unit = order["purchase_units"][0]
                amount = unit["amount"]
                assert order["intent"] == "CAPTURE"
                assert re.fullmatch(r"\d+(\.\d{2})?", amount["value"]) and len(amount["currency_code"]) == 3
            except (ValueError, KeyError, IndexError, AssertionError, TypeError):
                return error("INVALID_REQUEST", "MALFORMED_REQUEST_JSON", "The request JSON is not well formed.",
                             400)
            order_id = uuid.uuid4().hex[:17].upper()
            state["orders"][order_id] = {"id": order_id, "status": "PAYER_ACTION_REQUIRED", "unit": unit,
                                         "decline": False}
            return 200, {"id": order_id, "status": "PAYER_ACTION_REQUIRED", "payment_source": {"paypal": {}},
                         "links": [{"href": f"http://127.0.0.1:{PORT}/v2/checkout/orders/{order_id}",
                                    "rel": "self", "method": "GET"},
                                   {"href": f"http://127.0.0.1:{PORT}/checkoutnow?token={order_id}",
                                    "rel": "payer-action", "method": "GET"}]}
        match = re.fullmatch(r"/v2/checkout/orders/([A-Z0-9]+)/capture", path)
        if match:
            order = state["orders"].get(match.group(1))
            if not order:
                return error("RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID", "Specified resource ID does not exist.",
                             404)
            if order["status"] == "COMPLETED":
                return error("UNPROCESSABLE_ENTITY", "ORDER_ALREADY_CAPTURED", "Order already captured.")
            if order["status"] != "APPROVED":
                return error("UNPROCESSABLE_ENTITY", "ORDER_NOT_APPROVED",
                             "Payer has not yet approved the Order for payment.")
            if order["decline"]:
                return error("UNPROCESSABLE_ENTITY", "INSTRUMENT_DECLINED",
                             "The instrument presented was either declined by the processor or bank, or it "
                             "can't be used for this payment.")
            order["status"] = "COMPLETED"
            state["captures"][order["id"]] = state["captures"].get(order["id"], 0) + 1
            capture = {"id": uuid.uuid4().hex[:17].upper(), "status": "COMPLETED",
                       "amount": order["unit"]["amount"], "final_capture": True,
                       "invoice_id": order["unit"].get("invoice_id"), "custom_id": order["unit"].get("custom_id")}
            return 201, {"id": order["id"], "status": "COMPLETED",
                         "purchase_units": [{"reference_id": order["unit"].get("reference_id"),
                                             "payments": {"captures": [capture]}}],
                         "links": [{"href": f"http://127.0.0.1:{PORT}/v2/checkout/orders/{order['id']}",
                                    "rel": "self", "method": "GET"}]}
        return 404, {"name": "RESOURCE_NOT_FOUND", "message": "The specified resource does not exist."}


server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
print("ready", flush=True)
server.serve_forever()
