#!/usr/bin/env python3
"""A front for the Stripe test peers at one --stripe-api-base (tst_payments).

No one local peer is faithful for all of Stripe's API we call, so this front routes each call to the one
that is (team notes on the peers, copied into tst_payments.cpp's header):
  /v1/customers*, /v1/charges*, /v1/refunds*  -> stripe-stateful-mock (customers, Stripe-style errors and
      decline codes, real Idempotency-Key semantics);
  /v1/payment_intents                          -> emulate (payment intents and signed webhooks). emulate
      ignores Idempotency-Key, does not confirm on create and knows only its own customers, so the front
      keeps Stripe's idempotency for payment intents itself (same key: the first answer again; same key,
      other parameters: 400 idempotency_error), confirms with POST .../confirm when confirm=true, and
      keeps the stateful-mock customer in the intent it answers. emulate cannot decline: a decline test
      card (pm_card_chargeDeclined...) is charged at stripe-stateful-mock as its token
      (tok_chargeDeclined...), and the card_error it answers (402, decline_code) comes back as Stripe
      answers a declined off-session PaymentIntent: the error with a `payment_intent` whose status is
      requires_payment_method. As Stripe does, a payment_intent.payment_failed event follows.
  /v1/billing_portal/sessions                  -> a fake of our own after Stripe's documented shapes
      (https://docs.stripe.com/api/customer_portal/sessions/create: customer, return_url ->
      billing_portal.session with url), since no peer has it.
Webhooks: emulate signs its events (Stripe-Signature) and posts them here; the front checks that
signature with Python's hmac, adds the `id` every real Stripe event has (emulate's have none), signs the
result with the same secret and forwards it to the server. The front's own events (declines) are signed the
same way. Control: GET /_front/log, POST /_front/reset, POST /_front/mode {...}, POST /_front/settle, POST /_front/set-card.

Usage: stripe_front.py PORT MOCK_PORT EMULATE_PORT SERVER_WEBHOOK_URL WEBHOOK_SECRET
"""
import hashlib
import hmac
import itertools
import json
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, MOCK_PORT, EMULATE_PORT = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
SERVER_WEBHOOK = sys.argv[4]
SECRET = sys.argv[5]

lock = threading.Lock()
counter = itertools.count(1)
log = {"calls": [], "webhooks": [], "emulate_raw": [], "meter_events": []}
meter_answers = {}       # (API key, Idempotency-Key) -> (status, body) for meter events
intents_by_key = {}      # Idempotency-Key -> (params, status, body)
held_failures = []       # async declines waiting for POST /_front/settle
customers = {}           # (API key, metadata account_id) -> customer id
mode = {"webhooks": True, "async_declines": False, "lose_next_answer": False, "meter_failures": 0}


def sign(body: bytes) -> str:
    t = str(int(time.time()))
    mac = hmac.new(SECRET.encode(), (t + ".").encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def verify(header: str, body: bytes) -> bool:
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    mac = hmac.new(SECRET.encode(), (parts.get("t", "") + ".").encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(mac, parts.get("v1", ""))


def http(method, url, body=None, headers=None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return None, b""


def deliver(event: dict, source: str):
    """Signs an event and posts it to the server; records the answer."""
    if not mode["webhooks"]:
        with lock:
            log["webhooks"].append({"source": source, "event_id": event.get("id"), "type": event.get("type"),
                                    "status": None})
        return
    body = json.dumps(event, separators=(",", ":")).encode()
    status, _ = http("POST", SERVER_WEBHOOK, body, {"Content-Type": "application/json",
                                                   "Stripe-Signature": sign(body)})
    with lock:
        log["webhooks"].append({"source": source, "event_id": event.get("id"), "type": event.get("type"),
                                "status": status})


def event_of(kind: str, obj: dict) -> dict:
    return {"id": f"evt_front_{next(counter)}", "object": "event", "type": kind, "created": int(time.time()),
            "livemode": False, "data": {"object": obj}}


class Front(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body: bytes):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def json(self, status, obj):
        self.answer(status, json.dumps(obj).encode())

    def body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def api_key(self) -> str:
        return (self.headers.get("Authorization") or "")[len("Bearer "):]

    def forward(self, port, body=None):
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("authorization", "content-type")}
        # Real Stripe keeps each account's data and idempotency keys apart by API key; stateful-mock keeps
        # one account for every key. Each test uses its own key, so keys are made distinct per API key.
        if self.headers.get("Idempotency-Key"):
            prefix = hashlib.sha256(self.api_key().encode()).hexdigest()[:12]
            headers["Idempotency-Key"] = prefix + "-" + self.headers["Idempotency-Key"]
        status, answer = http(self.command, f"http://127.0.0.1:{port}{self.path}", body, headers)
        if status == 200 and self.command == "POST" and self.path == "/v1/customers":
            customer = json.loads(answer)
            with lock:
                customers[(self.api_key(), customer.get("metadata", {}).get("account_id"))] = customer["id"]
        return status, answer

    def record(self, routed_to, status):
        with lock:
            log["calls"].append({"method": self.command, "path": self.path.split("?")[0], "to": routed_to,
                                 "status": status, "idempotency_key": self.headers.get("Idempotency-Key"),
                                 "authorized": (self.headers.get("Authorization") or "").startswith(
                                     "Bearer sk_test_")})

    # ---- routes -----------------------------------------------------------------------------------

    def do_GET(self):
        if self.path == "/_front/log":
            with lock:
                return self.json(200, log)
        if self.path.startswith("/v1/customers") or self.path.startswith("/v1/charges") or \
                self.path.startswith("/v1/refunds"):
            status, body = self.forward(MOCK_PORT)
            self.record("stateful-mock", status)
            return self.answer(status, body)
        if self.path.startswith("/v1/payment_intents"):
            status, body = self.forward(EMULATE_PORT)
            self.record("emulate", status)
            return self.answer(status, body)
        self.json(404, {"error": {"type": "invalid_request_error", "message": "Unrecognized request URL"}})

    def do_DELETE(self):
        self.do_GET()

    def do_POST(self):
        body = self.body()
        path = self.path.split("?")[0]
        if path == "/_front/mode":
            mode.update(json.loads(body or b"{}"))
            return self.json(200, mode)
        if path == "/_front/reset":
            with lock:
                for entries in log.values():
                    entries.clear()
                held_failures.clear()
            mode.update({"webhooks": True, "async_declines": False, "lose_next_answer": False,
                         "meter_failures": 0, "meter_now": 0})
            meter_answers.clear()
            return self.json(200, mode)
        if path == "/_front/settle":
            with lock:
                pending, held_failures[:] = list(held_failures), []
            for intent in pending:
                deliver(event_of("payment_intent.payment_failed", intent), "front")
            return self.json(200, {"settled": len(pending)})
        if path == "/_front/set-card":
            # What the person does in the billing portal: a default payment method on the customer.
            request = json.loads(body)
            with lock:
                customer = customers.get((request["api_key"], str(request["account_id"])))
            if not customer:
                return self.json(404, {"error": {"message": "no customer for this account and key"}})
            status, answer = http("POST", f"http://127.0.0.1:{MOCK_PORT}/v1/customers/{customer}",
                                  urllib.parse.urlencode({"invoice_settings[default_payment_method]":
                                                          request["payment_method"]}).encode(),
                                  {"Authorization": "Bearer " + request["api_key"],
                                   "Content-Type": "application/x-www-form-urlencoded"})
            return self.answer(status, answer)
        if path == "/_front/emulate-webhook":
            return self.emulate_webhook(body)
        if path == "/v1/refunds" and "payment_intent" in dict(urllib.parse.parse_qsl(body.decode())):
            return self.refund_payment_intent(body)
        if path.startswith("/v1/customers") or path.startswith("/v1/charges") or path.startswith("/v1/refunds"):
            status, answer = self.forward(MOCK_PORT, body)
            self.record("stateful-mock", status)
            return self.answer(status, answer)
        if path == "/v1/billing_portal/sessions":
            return self.portal(body)
        if path == "/v1/payment_intents":
            return self.payment_intent(body)
        if path == "/v1/billing/meter_events":
            return self.meter_event(body)
        self.json(404, {"error": {"type": "invalid_request_error", "message": "Unrecognized request URL"}})

    def meter_event(self, body):
        """A fake after https://docs.stripe.com/api/billing/meter-event/create (no peer has meter events):
        event_name, payload[stripe_customer_id] and payload[value] (a whole number as a string) required,
        identifier and timestamp (within the past 35 days or up to 5 minutes ahead) optional; answers the
        billing.meter_event. Idempotency-Key replays the first answer, as on every Stripe v1 POST.
        mode.meter_failures answers that many 500s first (for the retries); mode.meter_now, when set, is the
        "now" the timestamp is checked against (the server's test clock, which runs ahead of this one)."""
        key = (self.api_key(), self.headers.get("Idempotency-Key"))
        with lock:  # record() takes the lock too: answer after releasing it
            replay = meter_answers.get(key) if key[1] else None
            fail = replay is None and mode["meter_failures"] > 0
            if fail:
                mode["meter_failures"] -= 1
        if replay:
            self.record("fake", replay[0])
            return self.json(*replay)
        if fail:
            self.record("fake", 500)
            return self.json(500, {"error": {"type": "api_error", "message": "An unknown error occurred"}})
        params = dict(urllib.parse.parse_qsl(body.decode()))
        now = int(mode.get("meter_now") or time.time())
        for required in ("event_name", "payload[stripe_customer_id]", "payload[value]"):
            if not params.get(required):
                self.record("fake", 400)
                return self.json(400, {"error": {"type": "invalid_request_error", "param": required,
                                                 "message": f"Missing required param: {required}."}})
        timestamp = int(params.get("timestamp", now))
        if not params["payload[value]"].isdigit() or timestamp < now - 35 * 86400 or timestamp > now + 300:
            self.record("fake", 400)
            return self.json(400, {"error": {"type": "invalid_request_error",
                                             "message": "Invalid value or timestamp for the meter event."}})
        event = {"object": "billing.meter_event", "created": now, "event_name": params["event_name"],
                 "identifier": params.get("identifier") or f"gen_{next(counter)}", "livemode": False,
                 "payload": {"stripe_customer_id": params["payload[stripe_customer_id]"],
                             "value": params["payload[value]"]},
                 "timestamp": timestamp}
        with lock:
            log["meter_events"].append(event)
            if key[1]:
                meter_answers[key] = (200, event)
        self.record("fake", 200)
        return self.json(200, event)

    def portal(self, body):
        params = dict(urllib.parse.parse_qsl(body.decode()))
        if not params.get("customer"):
            self.record("fake", 400)
            return self.json(400, {"error": {"type": "invalid_request_error", "param": "customer",
                                             "message": "Missing required param: customer."}})
        status, answer = http("GET", f"http://127.0.0.1:{MOCK_PORT}/v1/customers/{params['customer']}", None,
                              {"Authorization": self.headers.get("Authorization", "")})
        if status != 200:
            self.record("fake", status)
            return self.answer(status, answer)
        n = next(counter)
        session = {"id": f"bps_front_{n}", "object": "billing_portal.session", "configuration": "bpc_front",
                   "created": int(time.time()), "customer": params["customer"], "flow": None, "livemode": False,
                   "locale": None, "on_behalf_of": None, "return_url": params.get("return_url"),
                   "url": f"https://billing.stripe.com/p/session/test_front_{n}"}
        self.record("fake", 200)
        self.json(200, session)

    def payment_intent(self, body):
        params = urllib.parse.parse_qsl(body.decode())
        fields = dict(params)
        key = self.headers.get("Idempotency-Key")
        key = (self.api_key(), key) if key else None
        with lock:
            cached = intents_by_key.get(key) if key else None
        if cached:
            if cached[0] != params:
                self.record("front-idempotency", 400)
                return self.json(400, {"error": {"type": "idempotency_error", "message":
                                                 "Keys for idempotent requests can only be used with the same "
                                                 "parameters they were first used with."}})
            self.record("front-idempotency", cached[1])
            return self.answer(cached[1], cached[2])
        method = fields.get("payment_method", "")
        if method.startswith("pm_card_chargeDeclined"):
            status, answer = self.decline(fields, method)
        else:
            status, answer = self.confirm_at_emulate(fields)
        if key:
            with lock:
                intents_by_key[key] = (params, status, answer)
        if mode["lose_next_answer"]:
            mode["lose_next_answer"] = False
            self.record("lost", 500)
            return self.json(500, {"error": {"type": "api_error", "message": "The answer was lost (test)"}})
        self.answer(status, answer)

    def decline(self, fields, method):
        token = "tok_" + method[len("pm_card_"):]
        charge = urllib.parse.urlencode({"amount": fields["amount"], "currency": fields["currency"],
                                         "source": token}).encode()
        status, answer = http("POST", f"http://127.0.0.1:{MOCK_PORT}/v1/charges", charge,
                              {"Authorization": self.headers.get("Authorization", ""),
                               "Content-Type": "application/x-www-form-urlencoded"})
        self.record("stateful-mock", status)
        error = json.loads(answer).get("error", {})
        metadata = {k[len("metadata["):-1]: v for k, v in fields.items() if k.startswith("metadata[")}
        intent = {"id": f"pi_front_{next(counter)}", "object": "payment_intent", "amount": int(fields["amount"]),
                  "currency": fields["currency"], "customer": fields.get("customer"), "metadata": metadata,
                  "payment_method": method, "status": "requires_payment_method", "last_payment_error": error}
        if mode["async_declines"]:
            # Settles later (like a bank debit): processing now, the failure only as an event.
            intent_now = dict(intent, status="processing", last_payment_error=None)
            with lock:
                held_failures.append(intent)
            return 200, json.dumps(intent_now).encode()
        threading.Thread(target=deliver, args=(event_of("payment_intent.payment_failed", intent), "front"),
                         daemon=True).start()
        return status, json.dumps({"error": dict(error, payment_intent=intent)}).encode()

    def confirm_at_emulate(self, fields):
        customer = fields.pop("customer", None)
        confirm = fields.pop("confirm", None) == "true"
        fields.pop("off_session", None)
        if customer:
            fields["metadata[stripe_customer]"] = customer
        headers = {"Authorization": self.headers.get("Authorization", ""),
                   "Content-Type": "application/x-www-form-urlencoded"}
        status, answer = http("POST", f"http://127.0.0.1:{EMULATE_PORT}/v1/payment_intents",
                              urllib.parse.urlencode(fields).encode(), headers)
        self.record("emulate", status)
        if status == 200 and confirm:
            intent_id = json.loads(answer)["id"]
            status, answer = http("POST", f"http://127.0.0.1:{EMULATE_PORT}/v1/payment_intents/{intent_id}/confirm",
                                  b"", headers)
            self.record("emulate", status)
        if status == 200:
            intent = json.loads(answer)
            intent["customer"] = customer
            answer = json.dumps(intent).encode()
        return status, answer

    def refund_payment_intent(self, body):
        """A refund of a PaymentIntent (emulate's) through stateful-mock's refunds: the intent's payment is
        mirrored once as a stateful-mock charge of the same amount, which is refunded with the caller's
        Idempotency-Key, so refund amounts, errors and key replays are stateful-mock's."""
        params = urllib.parse.parse_qsl(body.decode())
        fields = dict(params)
        auth = {"Authorization": self.headers.get("Authorization", "")}
        status, answer = http("GET", f"http://127.0.0.1:{EMULATE_PORT}/v1/payment_intents/{fields['payment_intent']}",
                              None, auth)
        if status != 200:
            self.record("emulate", status)
            return self.answer(status or 502, answer)
        intent = json.loads(answer)
        prefix = hashlib.sha256(self.api_key().encode()).hexdigest()[:12]
        form = dict(auth, **{"Content-Type": "application/x-www-form-urlencoded"})
        status, answer = http("POST", f"http://127.0.0.1:{MOCK_PORT}/v1/charges",
                              urllib.parse.urlencode({"amount": intent["amount"], "currency": intent["currency"],
                                                      "source": "tok_visa"}).encode(),
                              dict(form, **{"Idempotency-Key": f"{prefix}-charge-of-{intent['id']}"}))
        if status != 200:
            self.record("stateful-mock", status)
            return self.answer(status or 502, answer)
        refund = [("charge", json.loads(answer)["id"])] + [(k, v) for k, v in params if k != "payment_intent"]
        headers = dict(form)
        if self.headers.get("Idempotency-Key"):
            headers["Idempotency-Key"] = prefix + "-" + self.headers["Idempotency-Key"]
        status, answer = http("POST", f"http://127.0.0.1:{MOCK_PORT}/v1/refunds",
                              urllib.parse.urlencode(refund).encode(), headers)
        self.record("stateful-mock", status)
        self.answer(status or 502, answer)

    def emulate_webhook(self, body):
        verified = verify(self.headers.get("Stripe-Signature", ""), body)
        event = json.loads(body)
        with lock:
            log["emulate_raw"].append({"verified": verified, "body": body.decode(),
                                       "signature": self.headers.get("Stripe-Signature", ""),
                                       "type": event.get("type")})
        # Forwarded before emulate hears back, so its confirmation (awaiting this delivery) answers only
        # after the server booked the event: the webhook reaches the server before the synchronous answer.
        if verified and event.get("type", "") in ("payment_intent.succeeded", "payment_intent.payment_failed"):
            intent = event.get("data", {}).get("object", {})
            metadata = intent.get("metadata") or {}
            intent["customer"] = metadata.get("stripe_customer", intent.get("customer"))
            event["id"] = f"evt_emulate_{next(counter)}"
            deliver(event, "emulate")
        self.json(200, {"received": True})


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", PORT), Front)
    print("ready", flush=True)
    server.serve_forever()
