// A corpus of malformed and hostile requests (docs/design.md §6: "Bad input changes nothing"). Each row
// is one request against the real server; it must get exactly the expected status and error code in
// the envelope {"error": {"code", "message"}}, and the database (every ledger-relevant table) must be
// identical before and after. One fixture serves all rows.
#include "TestServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace creditdesk::test;

namespace {

void addCorpusRows();

QByteArray repeat(char c, int count)
{
    return QByteArray(count, c);
}

// The corpus is built outside the test class and hidden from moc, whose tokenizer stumbles over
// raw string literals with unbalanced quotes.
#ifndef Q_MOC_RUN
// One corpus row: the request, who sends it, and the exact answer expected.
void row(const char* name, const QByteArray& method, const QByteArray& path, const QByteArray& body,
         const QByteArray& auth, int status, const char* code, const QByteArray& headers = {},
         const QByteArray& allow = {})
{
    QTest::newRow(name) << method << path << body << auth << headers << status << QString::fromLatin1(code)
                        << allow;
}
void deduct(const char* name, const QByteArray& body, int status, const char* code,
            const QByteArray& auth = "owner", const QByteArray& headers = {})
{
    row(name, "POST", "/api/v1/credits/deduct", body, auth, status, code, headers);
}

void addCorpusRows()
{
    QTest::addColumn<QByteArray>("method"); // "RAW": body is the whole request, sent as it is
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("auth");
    QTest::addColumn<QByteArray>("headers"); // "Name: value" lines
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QByteArray>("allow");

    const QByteArray o = R"("organization_id": {org})";
    const auto withOrg = [&](const QByteArray& rest) { return "{" + o + ", " + rest + "}"; };

    // ---- deduct: the body ----------------------------------------------------------------
    deduct("deduct: empty body", "", 400, "invalid_body");
    deduct("deduct: whitespace body", " \r\n ", 400, "invalid_body");
    deduct("deduct: truncated JSON", "{" + o + R"(, "amount": )", 400, "malformed_json");
    deduct("deduct: single quotes", "{'organization_id': 1, 'amount': 5}", 400, "malformed_json");
    deduct("deduct: trailing comma", withOrg(R"("amount": 5,)"), 400, "malformed_json");
    deduct("deduct: trailing garbage", withOrg(R"("amount": 5)") + " ;DROP", 400, "malformed_json");
    deduct("deduct: comment", withOrg(R"("amount": 5 /* five */)"), 400, "malformed_json");
    deduct("deduct: array", "[" + withOrg(R"("amount": 5)") + "]", 400, "invalid_body");
    deduct("deduct: number", "5", 400, "malformed_json");
    deduct("deduct: string", R"("amount=5")", 400, "malformed_json");
    deduct("deduct: null", "null", 400, "malformed_json");
    deduct("deduct: invalid UTF-8", withOrg("\"amount\": 5, \"reference\": \"\xc3\x28\""), 400,
           "malformed_json");
    deduct("deduct: form encoded", "organization_id=1&amount=5", 400, "malformed_json");
    deduct("deduct: deeply nested", QByteArray(5000, '[') + QByteArray(5000, ']'), 400, "malformed_json");

    // ---- deduct: the amount ----------------------------------------------------------------
    deduct("amount: string", withOrg(R"("amount": "100")"), 422, "validation_failed");
    deduct("amount: true", withOrg(R"("amount": true)"), 422, "validation_failed");
    deduct("amount: null", withOrg(R"("amount": null)"), 422, "validation_failed");
    deduct("amount: missing", "{" + o + "}", 422, "validation_failed");
    deduct("amount: 1.5", withOrg(R"("amount": 1.5)"), 422, "validation_failed");
    deduct("amount: 1.0", withOrg(R"("amount": 1.0)"), 422, "validation_failed");
    deduct("amount: 1e3", withOrg(R"("amount": 1e3)"), 422, "validation_failed");
    // The literal before it must not hide it (the scan once kept pointing at the previous member).
    deduct("amount: 1.0 after a null", withOrg(R"("reference": null, "amount": 1.0)"), 422,
           "validation_failed");
    deduct("amount: 2.0 after a string and a null",
           withOrg(R"("reference": "r", "member_id": null, "amount": 2.0)"), 422, "validation_failed");
    deduct("amount: 5E0", withOrg(R"("amount": 5E0)"), 422, "validation_failed");
    deduct("amount: 0.99999999999999999", withOrg(R"("amount": 0.99999999999999999)"), 422,
           "validation_failed");
    deduct("amount: negative", withOrg(R"("amount": -5)"), 422, "validation_failed");
    deduct("amount: zero", withOrg(R"("amount": 0)"), 422, "validation_failed");
    deduct("amount: negative zero", withOrg(R"("amount": -0)"), 422, "validation_failed");
    deduct("amount: 10^15+1", withOrg(R"("amount": 1000000000000001)"), 422, "validation_failed");
    deduct("amount: 2^63-1", withOrg(R"("amount": 9223372036854775807)"), 422, "validation_failed");
    deduct("amount: 2^63", withOrg(R"("amount": 9223372036854775808)"), 422, "validation_failed");
    deduct("amount: -2^63", withOrg(R"("amount": -9223372036854775808)"), 422, "validation_failed");
    deduct("amount: 2^64+5", withOrg(R"("amount": 18446744073709551621)"), 422, "validation_failed");
    deduct("amount: 1e400", withOrg(R"("amount": 1e400)"), 400, "malformed_json");
    deduct("amount: NaN", withOrg(R"("amount": NaN)"), 400, "malformed_json");
    deduct("amount: Infinity", withOrg(R"("amount": Infinity)"), 400, "malformed_json");
    deduct("amount: hex", withOrg(R"("amount": 0x10)"), 400, "malformed_json");
    deduct("amount: leading zero", withOrg(R"("amount": 05)"), 400, "malformed_json");
    deduct("amount: array", withOrg(R"("amount": [5])"), 422, "validation_failed");
    deduct("amount: object", withOrg(R"("amount": {"value": 5})"), 422, "validation_failed");
    deduct("amount: duplicate key, last negative", withOrg(R"("amount": 5, "amount": -5)"), 422,
           "validation_failed");
    deduct("amount: more than available", withOrg(R"("amount": 941)"), 402, "insufficient_credits");

    // ---- deduct: other fields --------------------------------------------------------------
    deduct("unknown field", withOrg(R"("amount": 5, "currency": "USD")"), 422, "unknown_field");
    deduct("unknown field differing in case", withOrg(R"("Amount": 5)"), 422, "unknown_field");
    deduct("unknown field with empty name", withOrg(R"("amount": 5, "": 1)"), 422, "unknown_field");
    deduct("unknown field __proto__", withOrg(R"("amount": 5, "__proto__": {"admin": true})"), 422,
           "unknown_field");
    deduct("organization_id: string", R"({"organization_id": "{org}", "amount": 5})", 422,
           "validation_failed");
    deduct("organization_id: SQL", R"({"organization_id": "1 OR 1=1", "amount": 5})", 422,
           "validation_failed");
    deduct("organization_id: zero", R"({"organization_id": 0, "amount": 5})", 422, "validation_failed");
    deduct("organization_id: negative", R"({"organization_id": -1, "amount": 5})", 422, "validation_failed");
    deduct("organization_id: fraction", R"({"organization_id": {org}.5, "amount": 5})", 422,
           "validation_failed");
    deduct("organization_id: unknown", R"({"organization_id": 999999, "amount": 5})", 404, "not_found");
    deduct("organization_id: another organization", R"({"organization_id": {org2}, "amount": 5})", 404,
           "not_found");
    deduct("organization_id and user_id", withOrg(R"("user_id": {owner_id}, "amount": 5)"), 422,
           "validation_failed");
    deduct("neither organization_id nor user_id", R"({"amount": 5})", 422, "validation_failed");
    deduct("user_id: someone else", R"({"user_id": 1, "amount": 5})", 404, "not_found");
    deduct("member_id: not a member", withOrg(R"("amount": 5, "member_id": 999999)"), 422,
           "validation_failed");
    deduct("member_id: string", withOrg(R"("amount": 5, "member_id": "{owner_id}")"), 422,
           "validation_failed");
    deduct("reference: number", withOrg(R"("amount": 5, "reference": 42)"), 422, "validation_failed");
    deduct("reference: 201 characters", withOrg(R"("amount": 5, "reference": ")" + repeat('r', 201) + "\""),
           422, "validation_failed");
    deduct("reference: SQL injection, over available",
           withOrg("\"amount\": 100000, \"reference\": \"x'); DROP TABLE transactions; --\""), 402,
           "insufficient_credits");
    deduct("reference: SQL injection, bad amount",
           withOrg("\"amount\": \"5; DELETE FROM accounts\", \"reference\": \"' OR '1'='1\""), 422,
           "validation_failed");
    deduct("reference: RTL override", withOrg(R"("amount": 5, "reference": "invoice\u202Efdp.exe")"), 422,
           "validation_failed");
    deduct("reference: NUL", withOrg(R"("amount": 5, "reference": "job\u0000-1")"), 422, "validation_failed");
    deduct("reference: lone high surrogate", withOrg(R"("amount": 5, "reference": "job\ud800")"), 422,
           "validation_failed");
    deduct("reference: lone low surrogate", withOrg(R"("amount": 5, "reference": "\udc00job")"), 422,
           "validation_failed");
    deduct("reference: BOM", withOrg(R"("amount": 5, "reference": "\uFEFFjob")"), 422, "validation_failed");
    deduct("reference: raw control character",
           withOrg("\"amount\": 5, \"reference\": \"a\x01"
                   "b\""),
           422, "validation_failed"); // Qt accepts it raw
    deduct("reference: 900 KB", withOrg(R"("amount": 5, "reference": ")" + repeat('r', 900 * 1024) + "\""),
           422, "validation_failed");
    deduct("reference: escape sequence", withOrg(R"("amount": 5, "reference": "\u001b[2J")"), 422,
           "validation_failed");

    // ---- deduct: who is asking ------------------------------------------------------------
    deduct("auth: none", withOrg(R"("amount": 5)"), 401, "unauthorized", "none");
    deduct("auth: forged API token", withOrg(R"("amount": 5)"), 401, "unauthorized", "forged_key");
    deduct("auth: forged session", withOrg(R"("amount": 5)"), 401, "unauthorized", "forged_session");
    deduct("auth: token without prefix", withOrg(R"("amount": 5)"), 401, "unauthorized", "unprefixed");
    deduct("auth: Basic", withOrg(R"("amount": 5)"), 401, "unauthorized", "none",
           "Authorization: Basic b3duZXI6b3duZXI=");
    deduct("auth: empty Bearer", withOrg(R"("amount": 5)"), 401, "unauthorized", "none",
           "Authorization: Bearer ");
    deduct("auth: lower-case bearer", withOrg(R"("amount": 5)"), 401, "unauthorized", "none",
           "Authorization: bearer cdk_x");
    deduct("auth: huge token", withOrg(R"("amount": 5)"), 401, "unauthorized", "none",
           "Authorization: Bearer cdk_" + repeat('x', 4000));
    deduct("auth: token of another organization", withOrg(R"("amount": 5)"), 404, "not_found", "other");
    deduct("auth: member may not deduct", withOrg(R"("amount": 5)"), 403, "forbidden", "member");

    // ---- deduct: Idempotency-Key -----------------------------------------------------------
    deduct("key: 256 characters", withOrg(R"("amount": 5)"), 400, "invalid_idempotency_key", "owner",
           "Idempotency-Key: " + repeat('k', 256));
    deduct("key: non-ASCII", withOrg(R"("amount": 5)"), 400, "invalid_idempotency_key", "owner",
           "Idempotency-Key: \xd0\xba\xd0\xbb\xd1\x8e\xd1\x87");
    deduct("key: inner space", withOrg(R"("amount": 5)"), 400, "invalid_idempotency_key", "owner",
           "Idempotency-Key: a b");
    deduct("key: used with another body", withOrg(R"("amount": 11)"), 409, "idempotency_key_reused", "owner",
           "Idempotency-Key: used-key");

    // ---- allocate ------------------------------------------------------------------------
    const QByteArray allocate = "/api/v1/credits/allocate";
    row("allocate: truncated JSON", "POST", allocate, "{" + o, "admin", 400, "malformed_json");
    row("allocate: not an object", "POST", allocate, R"("1000")", "admin", 400, "malformed_json");
    row("allocate: amount string", "POST", allocate, withOrg(R"("amount": "1000")"), "admin", 422,
        "validation_failed");
    row("allocate: amount 1e3", "POST", allocate, withOrg(R"("amount": 1e3)"), "admin", 422,
        "validation_failed");
    row("allocate: amount 1e3 after false", "POST", allocate, withOrg(R"("note": null, "amount": 1e3)"),
        "admin", 422, "validation_failed");
    row("allocate: amount 10^15+1", "POST", allocate, withOrg(R"("amount": 1000000000000001)"), "admin", 422,
        "validation_failed");
    row("allocate: amount 2^63", "POST", allocate, withOrg(R"("amount": 9223372036854775808)"), "admin", 422,
        "validation_failed");
    row("allocate: amount 1e400", "POST", allocate, withOrg(R"("amount": 1e400)"), "admin", 400,
        "malformed_json");
    row("allocate: unknown kind", "POST", allocate, withOrg(R"("amount": 5, "kind": "free_money")"), "admin",
        422, "validation_failed");
    row("allocate: kind number", "POST", allocate, withOrg(R"("amount": 5, "kind": 3)"), "admin", 422,
        "validation_failed");
    row("allocate: expires_at date only", "POST", allocate,
        withOrg(R"("amount": 5, "expires_at": "2030-01-01")"), "admin", 422, "validation_failed");
    row("allocate: expires_at epoch", "POST", allocate, withOrg(R"("amount": 5, "expires_at": 1893456000)"),
        "admin", 422, "validation_failed");
    row("allocate: expires_at hour 24", "POST", allocate,
        withOrg(R"("amount": 5, "expires_at": "2030-01-01T24:00:00Z")"), "admin", 422, "validation_failed");
    row("allocate: expires_at year 10000", "POST", allocate,
        withOrg(R"("amount": 5, "expires_at": "9999-12-31T23:59:59-01:00")"), "admin", 422,
        "validation_failed");
    row("allocate: expires_at in the past", "POST", allocate,
        withOrg(R"("amount": 5, "expires_at": "2001-01-01T00:00:00Z")"), "admin", 422, "validation_failed");
    row("allocate: priority 1001", "POST", allocate, withOrg(R"("amount": 5, "priority": 1001)"), "admin",
        422, "validation_failed");
    row("allocate: priority negative", "POST", allocate, withOrg(R"("amount": 5, "priority": -1)"), "admin",
        422, "validation_failed");
    row("allocate: note with bell", "POST", allocate, withOrg(R"("amount": 5, "note": "ding\u0007")"),
        "admin", 422, "validation_failed");
    row("allocate: note 501 characters", "POST", allocate,
        withOrg(R"("amount": 5, "note": ")" + repeat('n', 501) + "\""), "admin", 422, "validation_failed");
    row("allocate: unknown field", "POST", allocate, withOrg(R"("amount": 5, "balance": 1000000)"), "admin",
        422, "unknown_field");
    row("allocate: member_id SQL", "POST", allocate,
        withOrg(R"("amount": 5, "member_id": "1; DROP TABLE grants")"), "admin", 422, "validation_failed");
    row("allocate: another organization", "POST", allocate, R"({"organization_id": {org2}, "amount": 5})",
        "owner", 404, "not_found");
    row("allocate: someone's personal account", "POST", allocate, R"({"user_id": 1, "amount": 5})", "owner",
        404, "not_found");
    row("allocate: deduct-only token", "POST", allocate, withOrg(R"("amount": 5)"), "gateway", 403,
        "forbidden");
    row("allocate: member", "POST", allocate, withOrg(R"("amount": 5)"), "member", 403, "forbidden");
    row("allocate: no token", "POST", allocate, withOrg(R"("amount": 5)"), "none", 401, "unauthorized");
    // Customers never create credits: the organization's owner is refused like any non-operator.
    row("allocate: owner", "POST", allocate, withOrg(R"("amount": 5, "kind": "purchase")"), "owner", 403,
        "forbidden");
    row("allocate: owner, to themselves", "POST", allocate,
        withOrg(R"("amount": 5, "member_id": {owner_id})"), "owner", 403, "forbidden");

    // ---- refund --------------------------------------------------------------------------
    const QByteArray refund = "/api/v1/credits/refund";
    row("refund: empty body", "POST", refund, "", "admin", 400, "invalid_body");
    row("refund: truncated JSON", "POST", refund, R"({"transaction_id": {txn})", "admin", 400,
        "malformed_json");
    row("refund: transaction_id missing", "POST", refund, R"({"reason": "x"})", "admin", 422,
        "validation_failed");
    row("refund: transaction_id string", "POST", refund, R"({"transaction_id": "{txn}", "reason": "x"})",
        "admin", 422, "validation_failed");
    row("refund: transaction_id fraction", "POST", refund, R"({"transaction_id": 1.5, "reason": "x"})",
        "admin", 422, "validation_failed");
    row("refund: transaction_id unknown", "POST", refund, R"({"transaction_id": 999999, "reason": "x"})",
        "admin", 404, "not_found");
    row("refund: more than deducted", "POST", refund,
        R"({"transaction_id": {txn}, "amount": 11, "reason": "x"})", "admin", 422,
        "refund_exceeds_deduction");
    row("refund: amount zero", "POST", refund, R"({"transaction_id": {txn}, "amount": 0, "reason": "x"})",
        "admin", 422, "validation_failed");
    row("refund: amount 2^63", "POST", refund,
        R"({"transaction_id": {txn}, "amount": 9223372036854775808, "reason": "x"})", "admin", 422,
        "validation_failed");
    row("refund: reason missing", "POST", refund, R"({"transaction_id": {txn}})", "admin", 422,
        "validation_failed");
    row("refund: reason RTL override", "POST", refund, R"({"transaction_id": {txn}, "reason": "\u202Eevil"})",
        "admin", 422, "validation_failed");
    row("refund: an allocation", "POST", refund, R"({"transaction_id": {alloc}, "reason": "x"})", "admin",
        422, "not_refundable");
    row("refund: unknown field", "POST", refund,
        R"({"transaction_id": {txn}, "reason": "x", "to_account": 1})", "admin", 422, "unknown_field");
    row("refund: deduct-only token", "POST", refund, R"({"transaction_id": {txn}, "reason": "x"})", "gateway",
        403, "forbidden");
    row("refund: owner", "POST", refund, R"({"transaction_id": {txn}, "reason": "x"})", "owner", 403,
        "forbidden");
    row("refund: token of another organization", "POST", refund,
        R"({"transaction_id": {txn}, "reason": "x"})", "other", 404, "not_found");

    // ---- reserve --------------------------------------------------------------------------
    const QByteArray reserve = "/api/v1/credits/reserve";
    row("reserve: broken JSON", "POST", reserve, "{{}}", "owner", 400, "malformed_json");
    row("reserve: amount zero", "POST", reserve, withOrg(R"("amount": 0)"), "owner", 422,
        "validation_failed");
    row("reserve: amount string", "POST", reserve, withOrg(R"("amount": "10")"), "owner", 422,
        "validation_failed");
    row("reserve: amount 1e1", "POST", reserve, withOrg(R"("amount": 1e1)"), "owner", 422,
        "validation_failed");
    row("reserve: ttl zero", "POST", reserve, withOrg(R"("amount": 10, "ttl_seconds": 0)"), "owner", 422,
        "validation_failed");
    row("reserve: ttl over a day", "POST", reserve, withOrg(R"("amount": 10, "ttl_seconds": 86401)"), "owner",
        422, "validation_failed");
    row("reserve: ttl fraction", "POST", reserve, withOrg(R"("amount": 10, "ttl_seconds": 1.5)"), "owner",
        422, "validation_failed");
    row("reserve: more than available", "POST", reserve, withOrg(R"("amount": 941)"), "owner", 402,
        "insufficient_credits");
    row("reserve: unknown field", "POST", reserve,
        withOrg(R"("amount": 10, "expires_at": "2030-01-01T00:00:00Z")"), "owner", 422, "unknown_field");
    row("reserve: no token", "POST", reserve, withOrg(R"("amount": 10)"), "none", 401, "unauthorized");
    row("reserve: member", "POST", reserve, withOrg(R"("amount": 10)"), "member", 403, "forbidden");

    // ---- settle and release ------------------------------------------------------------------
    const QByteArray settle = "/api/v1/credits/reservations/{res}/settle";
    row("settle: negative", "POST", settle, R"({"amount": -1})", "owner", 422, "validation_failed");
    row("settle: string", "POST", settle, R"({"amount": "5"})", "owner", 422, "validation_failed");
    row("settle: missing", "POST", settle, R"({})", "owner", 422, "validation_failed");
    row("settle: 10^15+1", "POST", settle, R"({"amount": 1000000000000001})", "owner", 422,
        "validation_failed");
    row("settle: 2.5", "POST", settle, R"({"amount": 2.5})", "owner", 422, "validation_failed");
    row("settle: unknown field", "POST", settle, R"({"amount": 5, "reservation_id": 1})", "owner", 422,
        "unknown_field");
    row("settle: broken JSON", "POST", settle, R"({"amount": 5)", "owner", 400, "malformed_json");
    row("settle: more than available", "POST", settle, R"({"amount": 100000})", "owner", 402,
        "insufficient_credits");
    row("settle: released reservation", "POST", "/api/v1/credits/reservations/{closed_res}/settle",
        R"({"amount": 1})", "owner", 409, "reservation_closed");
    row("settle: id abc", "POST", "/api/v1/credits/reservations/abc/settle", R"({"amount": 1})", "owner", 404,
        "not_found");
    row("settle: id 0", "POST", "/api/v1/credits/reservations/0/settle", R"({"amount": 1})", "owner", 404,
        "not_found");
    row("settle: id -1", "POST", "/api/v1/credits/reservations/-1/settle", R"({"amount": 1})", "owner", 404,
        "not_found");
    row("settle: id with leading zero", "POST", "/api/v1/credits/reservations/0{res}/settle",
        R"({"amount": 1})", "owner", 404, "not_found");
    row("settle: id beyond int64", "POST", "/api/v1/credits/reservations/9223372036854775808/settle",
        R"({"amount": 1})", "owner", 404, "not_found");
    row("settle: unknown id", "POST", "/api/v1/credits/reservations/999999/settle", R"({"amount": 1})",
        "owner", 404, "not_found");
    row("settle: token of another organization", "POST", settle, R"({"amount": 1})", "other", 404,
        "not_found");
    row("release: unknown field", "POST", "/api/v1/credits/reservations/{res}/release", R"({"force": true})",
        "owner", 422, "unknown_field");
    row("release: released reservation", "POST", "/api/v1/credits/reservations/{closed_res}/release", "",
        "owner", 409, "reservation_closed");
    row("reservation: id abc", "GET", "/api/v1/credits/reservations/abc", "", "owner", 404, "not_found");
    row("reservation: id 0", "GET", "/api/v1/credits/reservations/0", "", "owner", 404, "not_found");
    row("reservation: id -1", "GET", "/api/v1/credits/reservations/-1", "", "owner", 404, "not_found");
    row("reservation: id 1.0", "GET", "/api/v1/credits/reservations/1.0", "", "owner", 404, "not_found");
    row("reservation: id with space", "GET", "/api/v1/credits/reservations/%20{res}", "", "owner", 404,
        "not_found");
    row("reservation: id with NUL", "GET", "/api/v1/credits/reservations/{res}%00", "", "owner", 404,
        "not_found");
    row("reservation: another organization's token", "GET", "/api/v1/credits/reservations/{res}", "", "other",
        404, "not_found");

    // ---- query parameters ------------------------------------------------------------------
    const QByteArray list = "/api/v1/credits/transactions?organization_id={org}";
    for (const char* query : {"limit=0", "limit=abc", "limit=1001", "limit=-1", "limit=", "limit=%2B5",
                              "limit=1.5", "limit=99999999999999999999", "since=-1", "since=abc",
                              "cursor=abc", "cursor=-5", "kind=bogus", "kind=deduction'--", "member_id=0"}) {
        const QByteArray name = "transactions: " + QByteArray(query);
        row(name.constData(), "GET", list + '&' + query, "", "owner", 422, "validation_failed");
    }
    row("transactions: organization_id abc", "GET", "/api/v1/credits/transactions?organization_id=abc", "",
        "owner", 422, "validation_failed");
    row("transactions: organization_id SQL", "GET",
        "/api/v1/credits/transactions?organization_id=1%20OR%201%3D1", "", "owner", 422, "validation_failed");
    row("transactions: no account", "GET", "/api/v1/credits/transactions", "", "owner", 422,
        "validation_failed");
    row("balance: organization_id 0", "GET", "/api/v1/credits/balance?organization_id=0", "", "owner", 422,
        "validation_failed");
    row("balance: another organization", "GET", "/api/v1/credits/balance?organization_id={org2}", "", "owner",
        404, "not_found");
    row("api tokens: organization_id abc", "GET", "/api/v1/api-tokens?organization_id=abc", "", "owner", 422,
        "validation_failed");

    // ---- wrong method, unknown path ----------------------------------------------------------
    row("method: GET deduct", "GET", "/api/v1/credits/deduct", "", "owner", 405, "method_not_allowed", {},
        "POST");
    row("method: DELETE organizations", "DELETE", "/api/v1/organizations", "", "owner", 405,
        "method_not_allowed", {}, "POST, GET");
    row("method: PUT reservation", "PUT", "/api/v1/credits/reservations/{res}", R"({"amount": 1})", "owner",
        405, "method_not_allowed", {}, "GET");
    row("method: GET settle", "GET", settle, "", "owner", 405, "method_not_allowed", {}, "POST");
    row("method: POST member", "POST", "/api/v1/organizations/{org}/members/{owner_id}",
        R"({"role": "member"})", "owner", 405, "method_not_allowed", {}, "PATCH, DELETE");
    row("method: PATCH api tokens", "PATCH", "/api/v1/api-tokens", "{}", "owner", 405, "method_not_allowed",
        {}, "POST, GET");
    row("method: POST healthz", "POST", "/healthz", "{}", "none", 405, "method_not_allowed", {}, "GET");
    row("method: lower-case get", "get", "/api/v1/me", "", "owner", 405, "method_not_allowed", {}, "GET");
    row("method: unknown verb", "BREW", "/api/v1/credits/balance", "", "owner", 405, "method_not_allowed", {},
        "GET");
    row("path: unknown", "GET", "/api/v1/nope", "", "owner", 404, "not_found");
    row("path: traversal", "GET", "/api/v1/credits/../../etc/passwd", "", "owner", 404, "not_found");
    row("path: double slash", "POST", "/api/v1//credits/deduct", withOrg(R"("amount": 5)"), "owner", 404,
        "not_found");
    row("path: upper case", "POST", "/API/V1/CREDITS/DEDUCT", withOrg(R"("amount": 5)"), "owner", 404,
        "not_found");

    // ---- login -------------------------------------------------------------------------------
    const QByteArray login = "/api/v1/auth/login";
    row("login: empty body", "POST", login, "", "none", 400, "invalid_body");
    row("login: truncated JSON", "POST", login, R"({"email": "admin@example.com", "password": )", "none", 400,
        "malformed_json");
    row("login: array", "POST", login, R"(["admin@example.com", "x"])", "none", 400, "invalid_body");
    row("login: email missing", "POST", login, R"({"password": "password-admin@example.com"})", "none", 422,
        "validation_failed");
    row("login: email number", "POST", login, R"({"email": 5, "password": "x"})", "none", 422,
        "validation_failed");
    row("login: email not an address", "POST", login, R"({"email": "admin", "password": "x"})", "none", 422,
        "validation_failed");
    row("login: email SQL with spaces", "POST", login,
        "{\"email\": \"' OR '1'='1' --\", \"password\": \"x\"}", "none", 422, "validation_failed");
    row("login: email with NUL", "POST", login, R"({"email": "admin@example.com\u0000x", "password": "x"})",
        "none", 422, "validation_failed");
    row("login: email 300 characters", "POST", login,
        R"({"email": ")" + repeat('a', 290) + R"(@example.com", "password": "x"})", "none", 422,
        "validation_failed");
    row("login: password missing", "POST", login, R"({"email": "admin@example.com"})", "none", 422,
        "validation_failed");
    row("login: password empty", "POST", login, R"({"email": "admin@example.com", "password": ""})", "none",
        422, "validation_failed");
    row("login: password number", "POST", login, R"({"email": "admin@example.com", "password": 12345678})",
        "none", 422, "validation_failed");
    row("login: password 257 characters", "POST", login,
        R"({"email": "admin@example.com", "password": ")" + repeat('p', 257) + "\"}", "none", 422,
        "validation_failed");
    row("login: unknown field", "POST", login,
        R"({"email": "admin@example.com", "password": "x", "remember_me": true})", "none", 422,
        "unknown_field");
    row("login: SQL in a valid address", "POST", login,
        "{\"email\": \"admin'--@example.com\", \"password\": \"x' OR '1'='1\"}", "none", 401,
        "invalid_credentials");
    row("login: wrong password", "POST", login,
        R"({"email": "admin@example.com", "password": "password-admin@example.co"})", "none", 401,
        "invalid_credentials");

    // ---- organizations -------------------------------------------------------------------------
    const QByteArray organizations = "/api/v1/organizations";
    row("organization: empty body", "POST", organizations, "", "owner", 400, "invalid_body");
    row("organization: name missing", "POST", organizations, R"({"kind": "team"})", "owner", 422,
        "validation_failed");
    row("organization: name empty", "POST", organizations, R"({"name": "   "})", "owner", 422,
        "validation_failed");
    row("organization: name number", "POST", organizations, R"({"name": 42})", "owner", 422,
        "validation_failed");
    row("organization: name 121 characters", "POST", organizations,
        R"({"name": ")" + repeat('n', 121) + "\"}", "owner", 422, "validation_failed");
    row("organization: name RTL override", "POST", organizations, R"({"name": "Acme\u202Eevil"})", "owner",
        422, "validation_failed");
    row("organization: name NUL", "POST", organizations, R"({"name": "Acme\u0000"})", "owner", 422,
        "validation_failed");
    row("organization: name lone surrogate", "POST", organizations, R"({"name": "Acme \ud83d"})", "owner",
        422, "validation_failed");
    row("organization: name BOM", "POST", organizations, R"({"name": "\ufeffAcme"})", "owner", 422,
        "validation_failed");
    row("organization: SQL name, bad kind", "POST", organizations,
        "{\"name\": \"x'); DROP TABLE organizations; --\", \"kind\": \"enterprise\"}", "owner", 422,
        "validation_failed");
    row("organization: unknown field", "POST", organizations, R"({"name": "Acme", "tier": "enterprise"})",
        "owner", 422, "unknown_field");
    row("organization: API token", "POST", organizations, R"({"name": "Acme"})", "gateway", 403, "forbidden");
    row("organization: no token", "POST", organizations, R"({"name": "Acme"})", "none", 401, "unauthorized");
    row("organization: id abc", "GET", "/api/v1/organizations/abc", "", "owner", 404, "not_found");
    row("organization: id 0", "GET", "/api/v1/organizations/0", "", "owner", 404, "not_found");
    row("organization: id -1", "GET", "/api/v1/organizations/-1", "", "owner", 404, "not_found");
    row("organization: not a member", "GET", "/api/v1/organizations/{org2}", "", "owner", 404, "not_found");
    row("organization: unknown", "GET", "/api/v1/organizations/999999", "", "owner", 404, "not_found");

    // ---- members ---------------------------------------------------------------------------
    // POST …/members is the operator's (platform admins): its input is checked for them; owners,
    // members and API tokens get 403 (people join by invitation, tst_invitations).
    const QByteArray members = "/api/v1/organizations/{org}/members";
    row("member: truncated JSON", "POST", members, R"({"email": )", "admin", 400, "malformed_json");
    row("member: email not an address", "POST", members, R"({"email": "nope", "role": "member"})", "admin",
        422, "validation_failed");
    row("member: email SQL", "POST", members,
        "{\"email\": \"x@y.z'; DROP TABLE users; --\", \"role\": \"member\"}", "admin", 422,
        "validation_failed");
    row("member: email RTL override", "POST", members,
        R"({"email": "\u202Eevil@example.com", "name": "E", "password": "12345678", "role": "member"})",
        "admin", 422, "validation_failed");
    row("member: role unknown", "POST", members,
        R"({"email": "new@acme.test", "name": "New", "password": "12345678", "role": "god"})", "admin", 422,
        "validation_failed");
    row("member: role missing", "POST", members,
        R"({"email": "new@acme.test", "name": "New", "password": "12345678"})", "admin", 422,
        "validation_failed");
    row("member: password too short", "POST", members,
        R"({"email": "new@acme.test", "name": "New", "password": "short", "role": "member"})", "admin", 422,
        "validation_failed");
    row("member: department_id string", "POST", members,
        R"({"email": "new@acme.test", "name": "New", "password": "12345678", "role": "member", "department_id": "x"})",
        "admin", 422, "validation_failed");
    row("member: department of another organization", "POST", members,
        R"({"email": "new@acme.test", "name": "New", "password": "12345678", "role": "member", "department_id": {foreign_department}})",
        "admin", 422, "validation_failed");
    row("member: new user without password", "POST", members,
        R"({"email": "new@acme.test", "name": "New", "role": "member"})", "admin", 422, "validation_failed");
    row("member: new user without name", "POST", members,
        R"({"email": "new@acme.test", "password": "12345678", "role": "member"})", "admin", 422,
        "validation_failed");
    row("member: name with BOM", "POST", members,
        R"({"email": "new@acme.test", "name": "\uFEFF", "password": "12345678", "role": "member"})", "admin",
        422, "validation_failed");
    row("member: existing user with password", "POST", members,
        R"({"email": "admin@example.com", "password": "12345678", "role": "member"})", "admin", 422,
        "password_not_allowed");
    row("member: already a member", "POST", members, R"({"email": "owner@acme.test", "role": "member"})",
        "admin", 409, "already_member");
    row("member: unknown field", "POST", members,
        R"({"email": "new@acme.test", "name": "New", "password": "12345678", "role": "member", "is_platform_admin": true})",
        "admin", 422, "unknown_field");
    row("member: unknown organization", "POST", "/api/v1/organizations/999999/members",
        R"({"email": "new@acme.test", "name": "New", "password": "12345678", "role": "member"})", "admin",
        404, "not_found");
    row("member: organization id abc", "POST", "/api/v1/organizations/abc/members",
        R"({"email": "new@acme.test", "role": "member"})", "admin", 404, "not_found");
    row("member: by the owner", "POST", members,
        R"({"email": "new@acme.test", "name": "New", "password": "12345678", "role": "member"})", "owner",
        403, "forbidden");
    row("member: by a member", "POST", members,
        R"({"email": "new@acme.test", "name": "New", "password": "12345678", "role": "member"})", "member",
        403, "forbidden");
    row("member: by an API token", "POST", members,
        R"({"email": "new@acme.test", "name": "New", "password": "12345678", "role": "member"})", "gateway",
        403, "forbidden");
    // ---- invitations and seats (tst_invitations has the rest) --------------------------------
    const QByteArray invitations = "/api/v1/organizations/{org}/invitations";
    row("invitation: truncated JSON", "POST", invitations, R"({"email": )", "owner", 400, "malformed_json");
    row("invitation: email not an address", "POST", invitations, R"({"email": "nope", "role": "member"})",
        "owner", 422, "validation_failed");
    row("invitation: role unknown", "POST", invitations, R"({"email": "new@acme.test", "role": "god"})",
        "owner", 422, "validation_failed");
    row("invitation: with a password", "POST", invitations,
        R"({"email": "new@acme.test", "role": "member", "password": "12345678"})", "owner", 422,
        "unknown_field");
    row("invitation: another organization", "POST", "/api/v1/organizations/{org2}/invitations",
        R"({"email": "new@acme.test", "role": "member"})", "owner", 404, "not_found");
    row("invitation: by a member", "POST", invitations, R"({"email": "new@acme.test", "role": "member"})",
        "member", 403, "forbidden");
    row("invitation: by an API token", "POST", invitations, R"({"email": "new@acme.test", "role": "member"})",
        "gateway", 403, "forbidden");
    row("invitation: revoke id abc", "DELETE", invitations + "/abc", "", "owner", 404, "not_found");
    row("invitation accept: truncated JSON", "POST", "/api/v1/invitations/accept", R"({"token": )", "none",
        400, "malformed_json");
    row("invitation accept: token missing", "POST", "/api/v1/invitations/accept",
        R"({"password": "12345678"})", "none", 422, "validation_failed");
    row("invitation accept: unknown token", "POST", "/api/v1/invitations/accept",
        R"({"token": "cdi_x'; DROP TABLE invitations; --", "password": "12345678"})", "none", 410,
        "invitation_invalid");
    const QByteArray seats = "/api/v1/organizations/{org}/seats";
    row("seats: negative", "PUT", seats, R"({"purchased": -1})", "owner", 422, "validation_failed");
    row("seats: not a number", "PUT", seats, R"({"purchased": "2"})", "owner", 422, "validation_failed");
    row("seats: unknown field", "PUT", seats, R"({"purchased": 0, "included": 9})", "owner", 422,
        "unknown_field");
    row("seats: by a member", "PUT", seats, R"({"purchased": 1})", "member", 403, "forbidden");
    row("seats: another organization", "PUT", "/api/v1/organizations/{org2}/seats", R"({"purchased": 1})",
        "owner", 404, "not_found");
    row("member change: status unknown", "PATCH", members + "/{owner_id}", R"({"status": "frozen"})", "owner",
        422, "validation_failed");
    row("member change: role unknown", "PATCH", members + "/{owner_id}", R"({"role": "god"})", "owner", 422,
        "validation_failed");
    row("member change: unknown field", "PATCH", members + "/{owner_id}",
        R"({"role": "admin", "is_platform_admin": true})", "owner", 422, "unknown_field");
    row("member change: user id abc", "PATCH", members + "/abc", R"({"role": "admin"})", "owner", 404,
        "not_found");
    row("member change: not a member", "PATCH", members + "/999999", R"({"role": "admin"})", "owner", 404,
        "not_found");
    row("member change: foreign department", "PATCH", members + "/{owner_id}",
        R"({"department_id": {foreign_department}})", "owner", 422, "validation_failed");
    row("member remove: not a member", "DELETE", members + "/999999", "", "owner", 404, "not_found");
    row("member remove: user id -1", "DELETE", members + "/-1", "", "owner", 404, "not_found");

    // ---- API tokens --------------------------------------------------------------------------
    const QByteArray apiTokens = "/api/v1/api-tokens";
    row("api token: truncated JSON", "POST", apiTokens, R"({"name": "x", )", "owner", 400, "malformed_json");
    row("api token: name missing", "POST", apiTokens, R"({"scopes": ["credits:read"]})", "owner", 422,
        "validation_failed");
    row("api token: scopes string", "POST", apiTokens, R"({"name": "x", "scopes": "credits:read"})", "owner",
        422, "validation_failed");
    row("api token: scopes empty", "POST", apiTokens, R"({"name": "x", "scopes": []})", "owner", 422,
        "validation_failed");
    row("api token: scope unknown", "POST", apiTokens, R"({"name": "x", "scopes": ["root"]})", "owner", 422,
        "validation_failed");
    row("api token: scope wildcard", "POST", apiTokens, R"({"name": "x", "scopes": ["credits:*"]})", "owner",
        422, "validation_failed");
    row("api token: scope number", "POST", apiTokens, R"({"name": "x", "scopes": [1]})", "owner", 422,
        "validation_failed");
    row("api token: eleven scopes", "POST", apiTokens,
        R"({"name": "x", "scopes": ["credits:read","credits:read","credits:read","credits:read","credits:read","credits:read","credits:read","credits:read","credits:read","credits:read","credits:read"]})",
        "owner", 422, "validation_failed");
    row("api token: organization_id string", "POST", apiTokens,
        R"({"name": "x", "organization_id": "x", "scopes": ["credits:read"]})", "owner", 422,
        "validation_failed");
    row("api token: another organization", "POST", apiTokens,
        R"({"name": "x", "organization_id": {org2}, "scopes": ["credits:read"]})", "owner", 404, "not_found");
    row("api token: unknown field", "POST", apiTokens,
        R"({"name": "x", "scopes": ["credits:read"], "expires_in": 60})", "owner", 422, "unknown_field");
    row("api token: by a member", "POST", apiTokens,
        R"({"name": "x", "organization_id": {org}, "scopes": ["credits:read"]})", "member", 403, "forbidden");
    row("api token: by an API token", "POST", apiTokens, R"({"name": "x", "scopes": ["credits:read"]})",
        "gateway", 403, "forbidden");
    row("api token revoke: id abc", "DELETE", apiTokens + "/abc", "", "owner", 404, "not_found");
    row("api token revoke: id 0", "DELETE", apiTokens + "/0", "", "owner", 404, "not_found");
    row("api token revoke: unknown", "DELETE", apiTokens + "/999999", "", "owner", 404, "not_found");

    // ---- HTTP-level limits (raw bytes) -------------------------------------------------------
    row("http: declared body over 1 MiB", "RAW", {},
        "POST /api/v1/credits/deduct HTTP/1.1\r\nHost: t\r\nContent-Type: "
        "application/json\r\nContent-Length: 1048577\r\n\r\n",
        "none", 413, "payload_too_large");
    row("http: declared body of 100 MiB", "RAW", {},
        "POST /api/v1/organizations HTTP/1.1\r\nHost: t\r\nContent-Length: 104857600\r\n\r\n", "none", 413,
        "payload_too_large");
    row("http: chunk over 1 MiB", "RAW", {},
        "POST /api/v1/credits/deduct HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n100001\r\n",
        "none", 413, "payload_too_large");
    row("http: one header over 16 KiB", "RAW", {},
        "GET /api/v1/me HTTP/1.1\r\nHost: t\r\nX-Padding: " + repeat('p', 17 * 1024) + "\r\n\r\n", "none",
        431, "headers_too_large");
    QByteArray manyHeaders = "GET /healthz HTTP/1.1\r\nHost: t\r\n";
    for (int i = 0; i < 200; ++i)
        manyHeaders += "X-H" + QByteArray::number(i) + ": " + repeat('v', 90) + "\r\n";
    row("http: many headers over 16 KiB", "RAW", {}, manyHeaders + "\r\n", "none", 431, "headers_too_large");
    row("http: request line over 16 KiB", "RAW", {},
        "GET /api/v1/credits/balance?organization_id=" + repeat('1', 17 * 1024) +
            " HTTP/1.1\r\nHost: t\r\n\r\n",
        "none", 431, "headers_too_large");
    row("http: not HTTP", "RAW", {}, "HELLO WORLD\r\n\r\n", "none", 400, "bad_request");
    row("http: bad Content-Length", "RAW", {},
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n", "none", 400,
        "bad_request");
    row("http: two Content-Lengths", "RAW", {},
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
        "none", 400, "bad_request");
    row("http: bad chunk size", "RAW", {},
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "none",
        400, "bad_request");
    row("http: NUL in header", "RAW", {},
        QByteArray("GET /healthz HTTP/1.1\r\nHost: t\r\nX-A: a") + '\0' + QByteArray("b\r\n\r\n"), "none",
        400, "bad_request");
}
#endif

} // namespace

class TestBadInput : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;
    QHash<QByteArray, QByteArray> tokens;       // by the names used in the rows' "auth" column
    QHash<QByteArray, QByteArray> placeholders; // {org} → 12, ...

    QByteArray fill(QByteArray text) const
    {
        for (auto it = placeholders.cbegin(); it != placeholders.cend(); ++it)
            text.replace(it.key(), it.value());
        return text;
    }

private Q_SLOTS:
    void initTestCase()
    {
        f = std::make_unique<Fixture>();
        const qint64 org = f->createOrganization(f->adminToken, QStringLiteral("Acme"));
        const qint64 ownerId =
            f->addMember(f->adminToken, org, QStringLiteral("owner@acme.test"), QStringLiteral("owner"));
        f->addMember(f->adminToken, org, QStringLiteral("member@acme.test"), QStringLiteral("member"));
        const QByteArray owner = f->login(QStringLiteral("owner@acme.test"),
                                          Fixture::passwordFor(QStringLiteral("owner@acme.test")));
        const QByteArray member = f->login(QStringLiteral("member@acme.test"),
                                           Fixture::passwordFor(QStringLiteral("member@acme.test")));
        const qint64 org2 = f->createOrganization(f->adminToken, QStringLiteral("Other"));
        const qint64 foreignDepartment = f->createDepartment(f->adminToken, org2, QStringLiteral("Ops"));
        tokens = {
            {"owner", owner},
            {"member", member},
            {"admin", f->adminToken},
            {"gateway", f->createApiToken(owner, org, {QStringLiteral("credits:deduct")})},
            {"other", f->createApiToken(f->adminToken, org2,
                                        {QStringLiteral("credits:deduct"), QStringLiteral("credits:read")})},
            {"forged_key", "cdk_" + QByteArray(43, 'A')},
            {"forged_session", "cds_" + QByteArray(43, 'A')},
            {"unprefixed", QByteArray(47, 'A')}};

        auto client = f->server->client(owner);
        const HttpResponse allocation = f->allocate(f->adminToken, org, 1000);
        QCOMPARE(allocation.status, 201);
        const HttpResponse deduction =
            client->post("/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 10}},
                         {{"Idempotency-Key", "used-key"}});
        QCOMPARE(deduction.status, 200);
        const HttpResponse held =
            client->post("/api/v1/credits/reserve", {{"organization_id", org}, {"amount", 50}});
        QCOMPARE(held.status, 201);
        const HttpResponse closing =
            client->post("/api/v1/credits/reserve", {{"organization_id", org}, {"amount", 5}});
        QCOMPARE(closing.status, 201);
        const QByteArray closedId =
            QByteArray::number(closing.json().value("reservation").toObject().value("id").toInteger());
        QCOMPARE(client->post("/api/v1/credits/reservations/" + closedId + "/release", {}).status, 200);

        placeholders = {
            {"{org}", QByteArray::number(org)},
            {"{org2}", QByteArray::number(org2)},
            {"{owner_id}", QByteArray::number(ownerId)},
            {"{foreign_department}", QByteArray::number(foreignDepartment)},
            {"{txn}",
             QByteArray::number(deduction.json().value("transaction").toObject().value("id").toInteger())},
            {"{alloc}",
             QByteArray::number(allocation.json().value("transaction").toObject().value("id").toInteger())},
            {"{res}",
             QByteArray::number(held.json().value("reservation").toObject().value("id").toInteger())},
            {"{closed_res}", closedId},
        };
        // available: 1000 − 10 deducted − 50 held
        QCOMPARE(f->server->client(owner)
                     ->get("/api/v1/credits/balance?organization_id=" + placeholders["{org}"])
                     .json()
                     .value("available")
                     .toInteger(),
                 940);
    }
    void cleanupTestCase() { f.reset(); }

    void corpus_data() { addCorpusRows(); }

    void corpus()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, auth);
        QFETCH(QByteArray, headers);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QByteArray, allow);

        const QStringList before = f->database.dump();
        QVERIFY(before.size() > 20); // the fixture's users, organizations, ledger rows, …
        HttpResponse response;
        if (method == "RAW") {
            response = f->server->client()->raw(body);
        } else {
            auto client = f->server->client(auth == "none" ? QByteArray() : tokens.value(auth));
            QVERIFY2(auth == "none" || tokens.contains(auth), auth.constData());
            Headers extra;
            for (const QByteArray& line : headers.split('\n')) {
                const qsizetype colon = line.indexOf(':');
                if (colon > 0)
                    extra.append({line.left(colon), line.mid(colon + 1).trimmed()});
            }
            response = client->request(method, fill(path), fill(body), extra);
        }

        QVERIFY2(response.status == status, qPrintable(QStringLiteral("expected %1, got %2: %3")
                                                           .arg(status)
                                                           .arg(response.status)
                                                           .arg(QString::fromUtf8(response.body.left(500)))));
        QJsonParseError parseError{};
        const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
        QVERIFY2(parseError.error == QJsonParseError::NoError && document.isObject(),
                 response.body.left(500).constData());
        const QJsonObject error = document.object().value("error").toObject();
        QCOMPARE(error.value("code").toString(), code);
        QVERIFY2(error.value("message").isString() && !error.value("message").toString().isEmpty(),
                 response.body.constData());
        QVERIFY(response.header("Content-Type").startsWith("application/json"));
        if (!allow.isEmpty())
            QCOMPARE(response.header("Allow"), allow);
        if (status == 429)
            QVERIFY(!response.header("Retry-After").isEmpty());

        QCOMPARE(f->database.dump(), before);
    }

    // The server still works after the corpus, and nothing it refused left a trace in the ledger.
    void serverStillServesAndLedgerVerifies()
    {
        auto client = f->server->client(tokens.value("owner"));
        QCOMPARE(client->get("/healthz").status, 200);
        QCOMPARE(client->get("/api/v1/credits/balance?organization_id=" + placeholders.value("{org}"))
                     .json()
                     .value("available")
                     .toInteger(),
                 940);
        QByteArray output;
        QCOMPARE(TestServer::runCommand(
                     {QStringLiteral("verify"), QStringLiteral("--database"), f->database.url()}, &output),
                 0);
        // Signing in still works: the two failed attempts above did not lock the owner out.
        QVERIFY(!f->login(QStringLiteral("owner@acme.test"),
                          Fixture::passwordFor(QStringLiteral("owner@acme.test")))
                     .isEmpty());
    }

    // Hostile-looking text that is valid input is stored and returned verbatim, never interpreted.
    void hostileButValidTextIsStoredVerbatim()
    {
        auto client = f->server->client(tokens.value("owner"));
        const QStringList before = f->database.dump();
        const QString names[] = {
            QStringLiteral("Robert'); DROP TABLE organizations; --"), QStringLiteral("1' OR '1'='1"),
            QStringLiteral("<script>alert(1)</script>"),
            QString::fromUtf8("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xf0\x9f\x9a\x80 Zo\xc3\xab"),
            QStringLiteral("%s%n%x{{7*7}}${jndi:ldap://x}")};
        for (const QString& name : names) {
            const HttpResponse created = client->post("/api/v1/organizations", {{"name", name}});
            QCOMPARE(created.status, 201);
            const qint64 id = created.json().value("id").toInteger();
            const HttpResponse fetched = client->get("/api/v1/organizations/" + QByteArray::number(id));
            QCOMPARE(fetched.status, 200);
            QCOMPARE(fetched.json().value("name").toString(), name);
        }
        const QString reference = QStringLiteral("x'); DELETE FROM transactions WHERE ('1'='1");
        const HttpResponse deducted = client->post(
            "/api/v1/credits/deduct", {{"organization_id", placeholders.value("{org}").toLongLong()},
                                       {"amount", 1},
                                       {"reference", reference}});
        QCOMPARE(deducted.status, 200);
        QCOMPARE(deducted.json().value("transaction").toObject().value("reference").toString(), reference);
        QVERIFY(f->database.scalar(QStringLiteral("SELECT COUNT(*) FROM transactions")) >= 3);
        QVERIFY(f->database.dump() != before); // the dump does see accepted writes
        QByteArray output;
        QCOMPARE(TestServer::runCommand(
                     {QStringLiteral("verify"), QStringLiteral("--database"), f->database.url()}, &output),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_bad_input.moc"
