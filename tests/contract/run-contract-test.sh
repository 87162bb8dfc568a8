#!/usr/bin/env bash
# Contract test: drives a real creditdesk-server through Prism's validating proxy with docs/openapi.yaml.
#
#   run-contract-test.sh <path to creditdesk-server> <path to openapi.yaml>
#
# Prism (`prism proxy --errors`) checks every request against the spec and every response the server
# gives; a response that breaks the contract comes back as a 500 listing the violations, and smaller
# mismatches (an undocumented 4xx status, a wrong header) arrive in an `sl-violations` header. Either
# fails this test, as does any unexpected status. Prism comes from $PRISM_BIN, /tmp/cdtools, or the
# folder scripts/install-peers fills ($CREDITDESK_PEERS_DIR, default ~/.cache/creditdesk-peers).
# Exit status: 0 passed, 1 failed, 77 skipped (no Prism, or no node to run it).
set -uo pipefail

SERVER_BIN=${1:?usage: run-contract-test.sh <creditdesk-server> <openapi.yaml>}
SPEC=${2:?usage: run-contract-test.sh <creditdesk-server> <openapi.yaml>}
PEERS_DIR=${CREDITDESK_PEERS_DIR:-$HOME/.cache/creditdesk-peers}

# ---- find the tools ---------------------------------------------------------------------------------

find_prism() {
    if [ -n "${PRISM_BIN:-}" ]; then
        echo "$PRISM_BIN"
        return
    fi
    local candidate
    for candidate in /tmp/cdtools/node_modules/.bin/prism "$PEERS_DIR/node_modules/.bin/prism"; do
        if [ -x "$candidate" ]; then
            echo "$candidate"
            return
        fi
    done
}

PRISM=$(find_prism)
if [ -z "$PRISM" ] || [ ! -x "$PRISM" ]; then
    echo "SKIP: Prism not found. Run scripts/install-peers (or set PRISM_BIN) to enable the contract test."
    exit 77
fi
if ! command -v node >/dev/null || ! command -v curl >/dev/null; then
    echo "SKIP: the contract test needs node and curl on PATH."
    exit 77
fi
if [ ! -x "$SERVER_BIN" ] || [ ! -f "$SPEC" ]; then
    echo "FAIL: no server binary at $SERVER_BIN or no spec at $SPEC"
    exit 1
fi

WORK=$(mktemp -d /tmp/creditdesk-contract.XXXXXX)
DB="$WORK/creditdesk.db"
SERVER_PID=""
PRISM_PID=""

cleanup() {
    local status=$?
    [ -n "$PRISM_PID" ] && kill "$PRISM_PID" 2>/dev/null && wait "$PRISM_PID" 2>/dev/null
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    if [ "$status" -ne 0 ] && [ "${KEEP_LOGS:-0}" != 1 ]; then
        echo "---- server log (tail) ----"
        tail -n 30 "$WORK/server.err" 2>/dev/null
        echo "---- prism log (tail) ----"
        tail -n 40 "$WORK/prism.log" 2>/dev/null
    fi
    if [ "${KEEP_LOGS:-0}" = 1 ]; then
        echo "logs kept in $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

free_port() {
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

# Reads a value from the JSON in a file: json FILE path.to.0.field  (prints "null" for null, nothing if absent).
json() {
    node -e '
        const fs = require("fs");
        let value;
        try { value = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch (e) { process.exit(0); }
        for (const part of process.argv[2].split(".").filter(Boolean)) {
            if (value === null || value === undefined) break;
            value = value[part];
        }
        if (value === undefined) process.exit(0);
        process.stdout.write(typeof value === "string" ? value : JSON.stringify(value));
    ' "$1" "$2"
}

# ---- start the server and the proxy -----------------------------------------------------------------

printf '%s\n' 'correct horse battery staple' >"$WORK/admin-password"
# The catalog whose free plan gives no sign-up credits or daily refresh: the balances below are exactly
# what the calls move (the shipped catalog's refresh would arrive whenever the jobs run).
export CREDITDESK_PLANS_FILE
CREDITDESK_PLANS_FILE="$(cd "$(dirname "$SPEC")/.." && pwd)/tests/data/plans-without-free-credits.json"
if ! "$SERVER_BIN" bootstrap --database "sqlite:$DB" --email admin@example.com \
    --password-file "$WORK/admin-password" >"$WORK/bootstrap.log" 2>&1; then
    echo "FAIL: bootstrap"
    cat "$WORK/bootstrap.log"
    exit 1
fi

# A master key, so webhook endpoints (whose signing secrets it seals) can be created.
CREDITDESK_MASTER_KEY=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff \
    "$SERVER_BIN" serve --database "sqlite:$DB" --listen 127.0.0.1:0 --access-log off \
    >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
SERVER_PORT=""
for _ in $(seq 1 300); do
    SERVER_PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$WORK/server.out" 2>/dev/null | head -n 1)
    [ -n "$SERVER_PORT" ] && break
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        break
    fi
    sleep 0.1
done
if [ -z "$SERVER_PORT" ]; then
    echo "FAIL: the server did not print 'listening on 127.0.0.1:PORT'"
    exit 1
fi
DIRECT="http://127.0.0.1:$SERVER_PORT"

PRISM_PORT=$(free_port)
"$PRISM" proxy --errors -p "$PRISM_PORT" -h 127.0.0.1 "$SPEC" "$DIRECT" >"$WORK/prism.log" 2>&1 &
PRISM_PID=$!
BASE="http://127.0.0.1:$PRISM_PORT"
for _ in $(seq 1 600); do
    if curl -s -o /dev/null "$BASE/healthz" 2>/dev/null; then
        break
    fi
    if ! kill -0 "$PRISM_PID" 2>/dev/null; then
        echo "FAIL: Prism exited while starting"
        exit 1
    fi
    sleep 0.1
done
echo "server on $DIRECT, prism proxy on $BASE ($("$PRISM" --version 2>/dev/null))"

# ---- calling and checking ---------------------------------------------------------------------------

PASSED=0
FAILED=0
CALLS=0
FAILURES=()
STATUS=""
RESPONSE="$WORK/response.json"
HEADERS="$WORK/response.headers"

fail() {
    FAILED=$((FAILED + 1))
    FAILURES+=("$1")
    echo "  FAIL: $1"
}

header() { # header NAME: the value of a response header of the last call
    grep -i "^$1:" "$HEADERS" | tail -n 1 | cut -d: -f2- | sed 's/^ *//; s/\r$//'
}

# call LABEL EXPECTED_STATUS METHOD PATH [BODY] [extra curl arguments...]
# Sends through the proxy with the current $TOKEN (unset TOKEN for none). Sets STATUS.
call() {
    local label=$1 expected=$2 method=$3 path=$4 body=${5:-}
    shift 5 2>/dev/null || shift $#
    CALLS=$((CALLS + 1))
    local requestId="ct-$CALLS"
    local args=(-s -S -X "$method" -o "$RESPONSE" -D "$HEADERS" -w '%{http_code}' -H "X-Request-ID: $requestId")
    [ -n "${TOKEN:-}" ] && args+=(-H "Authorization: Bearer $TOKEN")
    [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
    STATUS=$(curl "${args[@]}" "$@" "${TARGET:-$BASE}$path" 2>"$WORK/curl.err")
    local before=$FAILED
    if [ "$STATUS" != "$expected" ]; then
        fail "$label: $method $path answered $STATUS, expected $expected: $(head -c 600 "$RESPONSE")"
    fi
    local violations
    violations=$(header sl-violations)
    if [ -n "$violations" ]; then
        fail "$label: contract violations: $violations"
    fi
    if [ "$STATUS" = 500 ] && grep -q 'VIOLATIONS\|prism' "$RESPONSE"; then
        fail "$label: Prism found the response invalid: $(head -c 1500 "$RESPONSE")"
    fi
    # Everything the router answered carries our request id (Prism's own answers do not).
    if [ "$STATUS" = "$expected" ] && [ "${FROM_PRISM:-0}" != 1 ] && [ "$(header x-request-id)" != "$requestId" ]; then
        fail "$label: X-Request-ID '$(header x-request-id)' is not the '$requestId' sent"
    fi
    [ "$FAILED" = "$before" ] && PASSED=$((PASSED + 1)) && echo "  ok   $STATUS $method $path ($label)"
    return 0
}

expect_json() { # expect_json LABEL PATH EXPECTED: a field of the last response
    local actual
    actual=$(json "$RESPONSE" "$2")
    if [ "$actual" != "$3" ]; then
        fail "$1: $2 is '$actual', expected '$3'"
    fi
}

expect_set() { # expect_set LABEL PATH: a field of the last response that must be present and not null
    local actual
    actual=$(json "$RESPONSE" "$2")
    if [ -z "$actual" ] || [ "$actual" = null ]; then
        fail "$1: $2 is missing or null"
    fi
}

expect_error() { # expect_error LABEL CODE: our error envelope with this code
    expect_json "$1" error.code "$2"
    expect_set "$1" error.message
}

future() { node -e "console.log(new Date(Date.now() + $1 * 1000).toISOString())"; }

# ---- the scenario -----------------------------------------------------------------------------------

echo "== system"
TOKEN=""
call "liveness" 200 GET /healthz
expect_json "healthz" status ok
call "readiness" 200 GET /readyz
expect_json "readyz" status ready
call "metrics" 200 GET /metrics
grep -q '^creditdesk_http_requests_total' "$RESPONSE" || fail "metrics: no creditdesk_http_requests_total"
case "$(header content-type)" in text/plain*) ;; *) fail "metrics: content type is '$(header content-type)'" ;; esac
call "api description" 200 GET /api/v1/openapi.json
expect_json "api description" openapi "$(sed -n 's/^openapi: *//p' "$SPEC" | tr -d "'\"")"
expect_json "api description" 'paths./api/v1/credits/deduct.post.operationId' deductCredits

echo "== sign-in"
call "wrong password" 401 POST /api/v1/auth/login '{"email":"admin@example.com","password":"not the password"}'
expect_error "wrong password" invalid_credentials
call "malformed e-mail" 422 POST /api/v1/auth/login '{"email":"not-an-address","password":"whatever1"}'
expect_error "malformed e-mail" validation_failed
expect_json "malformed e-mail" error.details.field email
call "admin login" 200 POST /api/v1/auth/login '{"email":"Admin@Example.com","password":"correct horse battery staple"}'
ADMIN=$(json "$RESPONSE" token)
expect_json "admin login" user.is_platform_admin true
TOKEN=$ADMIN
call "me" 200 GET /api/v1/me
ADMIN_ID=$(json "$RESPONSE" user.id)
expect_set "me" personal_account_id
TOKEN="cds_this-is-not-a-session"
call "unknown session" 401 GET /api/v1/me
expect_error "unknown session" unauthorized

echo "== organizations"
TOKEN=$ADMIN
call "create team org" 201 POST /api/v1/organizations '{"name":"Acme Research","kind":"team"}'
ORG=$(json "$RESPONSE" id)
expect_json "create team org" role owner
expect_json "create team org" kind team
call "create org, default kind" 201 POST /api/v1/organizations '{"name":"Acme Community"}'
expect_json "create org, default kind" kind team
call "create public org" 201 POST /api/v1/organizations '{"name":"Acme Public","kind":"public"}'
expect_json "create public org" kind public
call "list orgs" 200 GET /api/v1/organizations
expect_json "list orgs" next_cursor null
call "get org" 200 GET "/api/v1/organizations/$ORG"
expect_json "get org" id "$ORG"
call "unknown org" 404 GET /api/v1/organizations/999999
expect_error "unknown org" not_found

echo "== departments"
call "create department" 201 POST "/api/v1/organizations/$ORG/departments" '{"name":"Research"}'
DEPT=$(json "$RESPONSE" id)
call "create support dept" 201 POST "/api/v1/organizations/$ORG/departments" '{"name":"Support"}'
SUPPORT=$(json "$RESPONSE" id)
call "duplicate department" 409 POST "/api/v1/organizations/$ORG/departments" '{"name":"Research"}'
expect_error "duplicate department" department_exists
call "rename department" 200 PATCH "/api/v1/organizations/$ORG/departments/$DEPT" '{"name":"R&D"}'
expect_json "rename department" name 'R&D'
call "rename onto another name" 409 PATCH "/api/v1/organizations/$ORG/departments/$SUPPORT" '{"name":"R&D"}'
expect_error "rename onto another name" department_exists
call "rename unknown department" 404 PATCH "/api/v1/organizations/$ORG/departments/999999" '{"name":"Nope"}'
call "list departments" 200 GET "/api/v1/organizations/$ORG/departments"
expect_json "list departments" data.1.name Support

echo "== members"
call "add new member" 201 POST "/api/v1/organizations/$ORG/members" \
    "{\"email\":\"alice@example.com\",\"name\":\"Alice\",\"password\":\"alice-password\",\"role\":\"member\",\"department_id\":$DEPT}"
ALICE=$(json "$RESPONSE" user_id)
expect_json "add new member" department_id "$DEPT"
call "add finance member" 201 POST "/api/v1/organizations/$ORG/members" \
    '{"email":"bob@example.com","name":"Bob","password":"bob-password","role":"finance"}'
BOB=$(json "$RESPONSE" user_id)
call "add member twice" 409 POST "/api/v1/organizations/$ORG/members" '{"email":"alice@example.com","role":"member"}'
expect_error "add member twice" already_member
call "password for existing user" 422 POST "/api/v1/organizations/$ORG/members" \
    '{"email":"alice@example.com","password":"another-password","role":"member"}'
expect_error "password for existing user" password_not_allowed
call "department of another org" 422 POST "/api/v1/organizations/$ORG/members" \
    '{"email":"carol@example.com","name":"Carol","password":"carol-password","role":"member","department_id":999999}'
expect_json "department of another org" error.details.field department_id
call "list members" 200 GET "/api/v1/organizations/$ORG/members"
expect_json "list members" data.1.email alice@example.com
call "promote to manager" 200 PATCH "/api/v1/organizations/$ORG/members/$ALICE" '{"role":"manager"}'
expect_json "promote to manager" role manager
expect_json "promote to manager (department kept)" department_id "$DEPT"
call "clear department" 200 PATCH "/api/v1/organizations/$ORG/members/$BOB" '{"department_id":null}'
expect_json "clear department" department_id null
call "demote the last owner" 409 PATCH "/api/v1/organizations/$ORG/members/$ADMIN_ID" '{"role":"admin"}'
expect_error "demote the last owner" last_owner
call "remove member" 204 DELETE "/api/v1/organizations/$ORG/members/$BOB"
call "remove member again" 404 DELETE "/api/v1/organizations/$ORG/members/$BOB"
expect_error "remove member again" not_found
call "patch removed member" 404 PATCH "/api/v1/organizations/$ORG/members/$BOB" '{"role":"member"}'

echo "== invitations and seats"
call "invite" 201 POST "/api/v1/organizations/$ORG/invitations" \
    "{\"email\":\"dora@example.com\",\"role\":\"member\",\"department_id\":$DEPT}"
INVITE_TOKEN=$(json "$RESPONSE" token)
INVITATION=$(json "$RESPONSE" id)
expect_json "invite" department_id "$DEPT"
call "invite a member" 409 POST "/api/v1/organizations/$ORG/invitations" '{"email":"alice@example.com","role":"member"}'
expect_error "invite a member" already_member
call "list invitations" 200 GET "/api/v1/organizations/$ORG/invitations"
expect_json "list invitations" data.0.email dora@example.com
call "seats" 200 GET "/api/v1/organizations/$ORG/seats"
expect_json "seats" pending_invitations 1
call "free plan sells no seats" 409 PUT "/api/v1/organizations/$ORG/seats" '{"purchased":1}'
SAVED_TOKEN=$TOKEN
TOKEN=""
call "accept without password" 422 POST /api/v1/invitations/accept "{\"token\":\"$INVITE_TOKEN\"}"
expect_json "accept without password" error.details.field password
call "accept" 200 POST /api/v1/invitations/accept \
    "{\"token\":\"$INVITE_TOKEN\",\"name\":\"Dora\",\"password\":\"dora-password\"}"
DORA=$(json "$RESPONSE" user.id)
call "accept again" 410 POST /api/v1/invitations/accept "{\"token\":\"$INVITE_TOKEN\",\"password\":\"dora-password\"}"
expect_error "accept again" invitation_invalid
TOKEN=$SAVED_TOKEN
call "revoke used invitation" 404 DELETE "/api/v1/organizations/$ORG/invitations/$INVITATION"
call "suspend member" 200 PATCH "/api/v1/organizations/$ORG/members/$DORA" '{"status":"suspended"}'
expect_json "suspend member" seat false
call "reactivate member" 200 PATCH "/api/v1/organizations/$ORG/members/$DORA" '{"status":"active"}'

echo "== API tokens"
call "org token" 201 POST /api/v1/api-tokens \
    "{\"name\":\"gateway\",\"organization_id\":$ORG,\"scopes\":[\"credits:read\",\"credits:deduct\"]}"
GATEWAY=$(json "$RESPONSE" token)
GATEWAY_ID=$(json "$RESPONSE" id)
expect_json "org token" revoked_at null
call "personal token" 201 POST /api/v1/api-tokens '{"name":"laptop","scopes":["credits:read"]}'
PERSONAL=$(json "$RESPONSE" token)
PERSONAL_ID=$(json "$RESPONSE" id)
call "list org tokens" 200 GET "/api/v1/api-tokens?organization_id=$ORG"
expect_json "list org tokens" data.0.id "$GATEWAY_ID"
call "list personal tokens" 200 GET /api/v1/api-tokens
expect_json "list personal tokens" data.0.id "$PERSONAL_ID"
call "revoke personal token" 200 DELETE "/api/v1/api-tokens/$PERSONAL_ID"
expect_set "revoke personal token" revoked_at
call "revoke unknown token" 404 DELETE /api/v1/api-tokens/999999
TOKEN=$PERSONAL
call "revoked token" 401 GET /api/v1/me
expect_error "revoked token" unauthorized
TOKEN=$GATEWAY
call "me as API token" 200 GET /api/v1/me
expect_json "me as API token" api_token.id "$GATEWAY_ID"
call "token cannot create orgs" 403 POST /api/v1/organizations '{"name":"Machine Org"}'
expect_error "token cannot create orgs" forbidden

echo "== allocate"
TOKEN=$ADMIN
call "allocate purchase" 201 POST /api/v1/credits/allocate \
    "{\"organization_id\":$ORG,\"amount\":100000,\"kind\":\"purchase\",\"note\":\"PO 1234\"}" -H 'Idempotency-Key: alloc-1'
expect_json "allocate purchase" transaction.kind allocation
expect_json "allocate purchase" transaction.grant_kind purchase
expect_json "allocate purchase" balance 100000
call "allocate bonus" 201 POST /api/v1/credits/allocate \
    "{\"organization_id\":$ORG,\"amount\":5000,\"kind\":\"bonus\",\"expires_at\":\"$(future 86400)\"}"
expect_json "allocate bonus" balance 105000
call "allocate in the past" 422 POST /api/v1/credits/allocate \
    "{\"organization_id\":$ORG,\"amount\":5000,\"expires_at\":\"2001-01-01T00:00:00Z\"}"
expect_error "allocate in the past" validation_failed
expect_json "allocate in the past" error.details.field expires_at
call "allocate to two accounts" 422 POST /api/v1/credits/allocate \
    "{\"organization_id\":$ORG,\"user_id\":$ADMIN_ID,\"amount\":5}"
expect_error "allocate to two accounts" validation_failed
call "allocate with a reused key" 409 POST /api/v1/credits/allocate \
    "{\"organization_id\":$ORG,\"amount\":1}" -H 'Idempotency-Key: alloc-1'
expect_error "allocate with a reused key" idempotency_key_reused

echo "== deduct"
TOKEN=$GATEWAY
DEDUCT_BODY="{\"organization_id\":$ORG,\"member_id\":$ALICE,\"amount\":1500,\"reference\":\"gen-001\"}"
call "deduct" 200 POST /api/v1/credits/deduct "$DEDUCT_BODY" -H 'Idempotency-Key: deduct-1'
DEDUCTION=$(json "$RESPONSE" transaction.id)
expect_json "deduct" balance 103500
expect_json "deduct" transaction.amount -1500
expect_json "deduct" transaction.department_id "$DEPT"
expect_json "deduct" transaction.actor.kind api_token
[ -z "$(header idempotent-replayed)" ] || fail "deduct: first answer marked as replayed"
# Same key, same JSON content in another key order: the stored answer comes back.
call "deduct replay" 200 POST /api/v1/credits/deduct \
    "{\"reference\":\"gen-001\",\"amount\":1500,\"member_id\":$ALICE,\"organization_id\":$ORG}" -H 'Idempotency-Key: deduct-1'
expect_json "deduct replay" transaction.id "$DEDUCTION"
expect_json "deduct replay" balance 103500
[ "$(header idempotent-replayed)" = true ] || fail "deduct replay: no 'Idempotent-Replayed: true'"
call "deduct, same key, other body" 409 POST /api/v1/credits/deduct \
    "{\"organization_id\":$ORG,\"amount\":1501}" -H 'Idempotency-Key: deduct-1'
expect_error "deduct, same key, other body" idempotency_key_reused
call "deduct too much" 402 POST /api/v1/credits/deduct "{\"organization_id\":$ORG,\"amount\":999999999}" \
    -H 'Idempotency-Key: deduct-too-much'
expect_error "deduct too much" insufficient_credits
expect_json "deduct too much" error.details.available 103500
# A refused request stores nothing: the same key may be used again once credits are there.
call "retry after 402 with the same key" 402 POST /api/v1/credits/deduct "{\"organization_id\":$ORG,\"amount\":999999999}" \
    -H 'Idempotency-Key: deduct-too-much'
call "deduct for a non-member" 422 POST /api/v1/credits/deduct "{\"organization_id\":$ORG,\"member_id\":$BOB,\"amount\":1}"
expect_json "deduct for a non-member" error.details.field member_id
call "token without allocate" 403 POST /api/v1/credits/allocate "{\"organization_id\":$ORG,\"amount\":10}"
expect_error "token without allocate" forbidden

echo "== refund"
TOKEN=$ADMIN
call "partial refund" 201 POST /api/v1/credits/refund "{\"transaction_id\":$DEDUCTION,\"amount\":500,\"reason\":\"bad answer\"}" \
    -H 'Idempotency-Key: refund-1'
expect_json "partial refund" transaction.kind refund
expect_json "partial refund" transaction.related_transaction_id "$DEDUCTION"
expect_json "partial refund" balance 104000
call "refund more than is left" 422 POST /api/v1/credits/refund "{\"transaction_id\":$DEDUCTION,\"amount\":5000,\"reason\":\"x\"}"
expect_error "refund more than is left" refund_exceeds_deduction
expect_json "refund more than is left" error.details.refundable 1000
call "refund the rest" 201 POST /api/v1/credits/refund "{\"transaction_id\":$DEDUCTION,\"reason\":\"rest\"}"
expect_json "refund the rest" transaction.amount 1000
call "refund again" 409 POST /api/v1/credits/refund "{\"transaction_id\":$DEDUCTION,\"reason\":\"again\"}"
expect_error "refund again" already_refunded
call "refund an allocation" 422 POST /api/v1/credits/refund "{\"transaction_id\":1,\"reason\":\"no\"}"
expect_error "refund an allocation" not_refundable
call "refund unknown transaction" 404 POST /api/v1/credits/refund '{"transaction_id":999999,"reason":"no"}'

echo "== holds"
TOKEN=$GATEWAY
call "reserve" 201 POST /api/v1/credits/reserve "{\"organization_id\":$ORG,\"member_id\":$ALICE,\"amount\":2000,\"ttl_seconds\":600}" \
    -H 'Idempotency-Key: hold-1'
HOLD=$(json "$RESPONSE" reservation.id)
expect_json "reserve" reservation.status held
expect_json "reserve" reserved 2000
expect_json "reserve" available 103000
call "reserve replay" 201 POST /api/v1/credits/reserve "{\"organization_id\":$ORG,\"member_id\":$ALICE,\"amount\":2000,\"ttl_seconds\":600}" \
    -H 'Idempotency-Key: hold-1'
expect_json "reserve replay" reservation.id "$HOLD"
call "reserve too much" 402 POST /api/v1/credits/reserve "{\"organization_id\":$ORG,\"amount\":103001}"
expect_error "reserve too much" insufficient_credits
call "get hold" 200 GET "/api/v1/credits/reservations/$HOLD"
expect_json "get hold" amount 2000
call "unknown hold" 404 GET /api/v1/credits/reservations/999999
call "settle" 200 POST "/api/v1/credits/reservations/$HOLD/settle" '{"amount":1200}' -H 'Idempotency-Key: settle-1'
expect_json "settle" reservation.status settled
expect_json "settle" transaction.amount -1200
expect_json "settle" transaction.reservation_id "$HOLD"
expect_json "settle" balance 103800
call "settle again" 409 POST "/api/v1/credits/reservations/$HOLD/settle" '{"amount":1200}'
expect_error "settle again" reservation_closed
call "reserve to release" 201 POST /api/v1/credits/reserve "{\"organization_id\":$ORG,\"amount\":1000}"
HOLD2=$(json "$RESPONSE" reservation.id)
call "release" 200 POST "/api/v1/credits/reservations/$HOLD2/release"
expect_json "release" reservation.status released
expect_json "release" reserved 0
call "release again" 409 POST "/api/v1/credits/reservations/$HOLD2/release" '{}'
expect_error "release again" reservation_closed
call "reserve to settle at zero" 201 POST /api/v1/credits/reserve "{\"organization_id\":$ORG,\"amount\":700}"
HOLD3=$(json "$RESPONSE" reservation.id)
call "settle at zero" 200 POST "/api/v1/credits/reservations/$HOLD3/settle" '{"amount":0}'
expect_json "settle at zero" transaction null
expect_json "settle at zero" reservation.status released

echo "== reading"
TOKEN=$ADMIN
call "balance" 200 GET "/api/v1/credits/balance?organization_id=$ORG"
expect_json "balance" balance 103800
expect_json "balance" reserved 0
expect_json "balance" available 103800
expect_json "balance (bonus is drawn first)" grants.0.kind bonus
call "personal balance" 200 GET "/api/v1/credits/balance?user_id=$ADMIN_ID"
expect_json "personal balance" balance 0
call "balance of two accounts" 422 GET "/api/v1/credits/balance?organization_id=$ORG&user_id=$ADMIN_ID"
call "balance of unknown org" 404 GET /api/v1/credits/balance?organization_id=999999
call "transactions page 1" 200 GET "/api/v1/credits/transactions?organization_id=$ORG&limit=3"
expect_json "transactions page 1 (newest first)" data.0.seq 6
CURSOR=$(json "$RESPONSE" next_cursor)
expect_set "transactions page 1" next_cursor
call "transactions page 2" 200 GET "/api/v1/credits/transactions?organization_id=$ORG&limit=3&cursor=$CURSOR"
expect_json "transactions page 2" data.0.seq 3
expect_json "transactions page 2 (last)" next_cursor null
call "transactions since" 200 GET "/api/v1/credits/transactions?organization_id=$ORG&since=2&limit=2"
expect_json "transactions since (oldest first)" data.0.seq 3
expect_json "transactions since" data.1.seq 4
CURSOR=$(json "$RESPONSE" next_cursor)
call "transactions since, next page" 200 GET "/api/v1/credits/transactions?organization_id=$ORG&since=2&limit=10&cursor=$CURSOR"
expect_json "transactions since, next page" data.0.seq 5
call "transactions by kind" 200 GET "/api/v1/credits/transactions?organization_id=$ORG&kind=refund"
expect_json "transactions by kind" data.1.kind refund
call "transactions by member" 200 GET "/api/v1/credits/transactions?organization_id=$ORG&member_id=$ALICE"
expect_json "transactions by member" data.0.member_id "$ALICE"
call "bad cursor" 422 GET "/api/v1/credits/transactions?organization_id=$ORG&cursor=99999999999999999999"
expect_json "bad cursor" error.details.field cursor

echo "== metering"
TOKEN=$ADMIN
call "set tier" 200 PATCH "/api/v1/organizations/$ORG" '{"tier":"starter"}'
expect_json "set tier" tier starter
# Requests the spec itself forbids are refused by Prism's request validation before they reach us.
FROM_PRISM=1 call "unknown tier (refused by the spec)" 422 PATCH "/api/v1/organizations/$ORG" '{"tier":"gold"}'
TARGET=$DIRECT call "unknown tier (server, direct)" 422 PATCH "/api/v1/organizations/$ORG" '{"tier":"gold"}'
expect_json "unknown tier" error.details.field tier
call "allow overage" 200 PATCH "/api/v1/organizations/$ORG" '{"overage_allowed":true}'
expect_json "allow overage" overage_allowed true
expect_json "allow overage (tier kept)" tier starter
call "disallow overage" 200 PATCH "/api/v1/organizations/$ORG" '{"overage_allowed":false}'
call "personal tier" 200 PATCH "/api/v1/users/$ALICE" '{"tier":"starter","overage_allowed":true}'
expect_json "personal tier" tier starter
expect_json "personal tier" overage_allowed true
call "personal tier, unknown user" 404 PATCH /api/v1/users/999999 '{"tier":"starter"}'
expect_error "personal tier, unknown user" not_found
TARGET=$DIRECT call "personal byok on starter (server, direct)" 422 PATCH "/api/v1/users/$ALICE" '{"billing_option":"byok"}'
expect_error "personal byok on starter" billing_option_not_in_tier
call "metering token" 201 POST /api/v1/api-tokens "{\"name\":\"meter\",\"organization_id\":$ORG,\"scopes\":[\"metering:write\"]}"
METER=$(json "$RESPONSE" token)
NOW=$(future -60)
TOKEN=$METER
EVENT="{\"id\":\"ev-1\",\"occurred_at\":\"$NOW\",\"organization_id\":$ORG,\"member_id\":$ALICE,\"kind\":\"chat\",\"model\":\"openai/gpt-4o\",\"tokens_input\":1000,\"tokens_output\":500}"
call "track" 200 POST /api/v1/metering/track "$EVENT"
expect_json "track" credits 206
expect_json "track" overage_credits 0
expect_json "track" credits_micro 206250000
expect_json "track" cost_micro_usd 7500
call "track replay" 200 POST /api/v1/metering/track "$EVENT"
[ "$(header idempotent-replayed)" = true ] || fail "track replay: no 'Idempotent-Replayed: true'"
call "track, too old" 422 POST /api/v1/metering/track "{\"id\":\"ev-old\",\"occurred_at\":\"2001-01-01T00:00:00Z\",\"organization_id\":$ORG,\"kind\":\"compute\"}"
expect_error "track, too old" event_too_old
call "track, too expensive" 402 POST /api/v1/metering/track "{\"id\":\"ev-big\",\"occurred_at\":\"$NOW\",\"organization_id\":$ORG,\"kind\":\"chat\",\"model\":\"anthropic/claude-opus-4\",\"tokens_input\":1000000000}"
expect_error "track, too expensive" insufficient_credits
call "batch" 200 POST /api/v1/metering/events "{\"events\":[{\"id\":\"ev-2\",\"occurred_at\":\"$NOW\",\"organization_id\":$ORG,\"kind\":\"compute\",\"compute_ms\":60000},{\"id\":\"ev-3\",\"occurred_at\":\"$NOW\",\"organization_id\":$ORG,\"kind\":\"video\"},$EVENT]}"
expect_json "batch" results.0.credits 50
expect_json "batch" results.0.overage_credits 0
expect_json "batch" results.1.status 422
expect_json "batch" results.1.error.code validation_failed
expect_json "batch (a duplicate answers as the original)" results.2.credits 206
FROM_PRISM=1 call "batch, not an array" 422 POST /api/v1/metering/events '{"events":{}}'
TOKEN=$ADMIN
call "summary" 200 GET "/api/v1/metering/summary?organization_id=$ORG"
expect_json "summary" totals.events 2
expect_json "summary" totals.credits 256
expect_json "summary" totals.overage_credits 0
call "by model" 200 GET "/api/v1/metering/by-model?organization_id=$ORG"
expect_json "by model (compute has no model)" data.1.label compute
call "by model as CSV" 200 GET "/api/v1/metering/by-model?organization_id=$ORG" "" -H 'Accept: text/csv'
case "$(header content-type)" in text/csv*) ;; *) fail "CSV: content type is '$(header content-type)'" ;; esac
call "by date, monthly" 200 GET "/api/v1/metering/by-date?organization_id=$ORG&granularity=month"
FROM_PRISM=1 call "by date, bad granularity" 422 GET "/api/v1/metering/by-date?organization_id=$ORG&granularity=week"
call "by date and model, top 1" 200 GET "/api/v1/metering/by-date?organization_id=$ORG&group_by=model&top=1"
call "forecast" 200 GET "/api/v1/metering/forecast?organization_id=$ORG"
call "recommendations" 200 GET "/api/v1/metering/recommendations?organization_id=$ORG"
call "by member" 200 GET "/api/v1/metering/by-member?organization_id=$ORG"
call "by department" 200 GET "/api/v1/metering/by-department?organization_id=$ORG"
CURSOR=$(json "$RESPONSE" cursor)
call "by department since" 200 GET "/api/v1/metering/by-department?organization_id=$ORG&since=$CURSOR"
expect_json "by department since (nothing new)" data "[]"
call "free tier" 200 GET "/api/v1/metering/free-tier?organization_id=$ORG"
expect_json "free tier" tier starter
call "billing usage" 200 GET "/api/v1/billing/usage?organization_id=$ORG&start_date=2026-01-01&end_date=2026-12-31"
call "billing usage, reversed" 422 GET "/api/v1/billing/usage?organization_id=$ORG&start_date=2026-12-31&end_date=2026-01-01"
call "prices" 200 GET "/api/v1/admin/prices?model=openai/gpt-4o"
expect_json "prices" data.0.input_micro_usd_per_mtok 2500000
PRICE=$(json "$RESPONSE" data.0.id)
call "add a price" 201 POST /api/v1/admin/prices "{\"model\":\"acme/house-model\",\"input_micro_usd_per_mtok\":100000,\"output_micro_usd_per_mtok\":200000}"
call "change a price in force" 409 PATCH "/api/v1/admin/prices/$PRICE" '{"input_micro_usd_per_mtok":1}'
expect_error "change a price in force" price_in_effect
call "import OpenRouter models" 200 POST /api/v1/admin/prices/import '{"data":[{"id":"openai/gpt-4","pricing":{"prompt":"0.00003","completion":"0.00006"}},{"id":"openrouter/auto","pricing":{"prompt":"-1","completion":"-1"}}]}'
expect_json "import" added.0.input_micro_usd_per_mtok 30000000
expect_json "import" skipped.0.id openrouter/auto
call "rate card" 200 GET /api/v1/admin/rate-card
expect_json "rate card" compute.per 60000
call "change the rate card" 200 PATCH /api/v1/admin/rate-card '{"search":{"credits":100,"per":1}}'
TOKEN=$METER
call "prices need a platform admin" 403 POST /api/v1/admin/prices '{"model":"a/b","input_micro_usd_per_mtok":1,"output_micro_usd_per_mtok":1}'
call "tiers need a platform admin" 403 PATCH "/api/v1/users/$ALICE" '{"tier":"enterprise"}'
expect_error "tiers need a platform admin" forbidden

echo "== coupons and verified institutions"
TOKEN=$ADMIN
call "create coupon" 201 POST /api/v1/coupons/create '{"code":"contract10","kind":"bonus_credits","credits":1000,"max_redemptions":5}'
expect_json "create coupon (stored upper-case)" code CONTRACT10
expect_json "create coupon" redemption_count 0
call "create discount coupon" 201 POST /api/v1/coupons/create '{"code":"CT-HALF","kind":"percent_off","percent":50,"duration_periods":2,"valid_plans":["professional"]}'
call "duplicate coupon" 409 POST /api/v1/coupons/create '{"code":"Contract10","kind":"bonus_credits","credits":1}'
expect_error "duplicate coupon" coupon_exists
FROM_PRISM=1 call "coupon with a field of another kind" 422 POST /api/v1/coupons/create '{"code":"CT-X","kind":"percent_off","percent":5,"credits":1}'
call "list coupons" 200 GET /api/v1/coupons/list
expect_json "list coupons" data.0.code CONTRACT10
call "validate coupon" 200 GET "/api/v1/coupons/validate?code=contract10&organization_id=$ORG"
expect_json "validate coupon" valid true
expect_json "validate coupon" effect.credits_granted 1000
call "validate a coupon for other plans" 200 GET "/api/v1/coupons/validate?code=CT-HALF&organization_id=$ORG"
expect_json "validate a coupon for other plans" reason not_applicable
call "redeem coupon" 200 POST /api/v1/coupons/redeem "{\"code\":\"CONTRACT10\",\"organization_id\":$ORG}" -H 'Idempotency-Key: ct-coupon-1'
expect_json "redeem coupon" redemption.number 1
expect_json "redeem coupon" effect.kind bonus_credits
call "redeem replay" 200 POST /api/v1/coupons/redeem "{\"code\":\"CONTRACT10\",\"organization_id\":$ORG}" -H 'Idempotency-Key: ct-coupon-1'
[ "$(header idempotent-replayed)" = true ] || fail "redeem replay: no Idempotent-Replayed"
call "redeem again" 409 POST /api/v1/coupons/redeem "{\"code\":\"CONTRACT10\",\"organization_id\":$ORG}"
expect_error "redeem again" coupon_already_redeemed
call "redeem for another plan" 422 POST /api/v1/coupons/redeem "{\"code\":\"CT-HALF\",\"organization_id\":$ORG}"
expect_error "redeem for another plan" coupon_not_applicable
call "redeem unknown coupon" 404 POST /api/v1/coupons/redeem "{\"code\":\"NOPE\",\"organization_id\":$ORG}"
expect_error "redeem unknown coupon" coupon_not_found
call "redemptions of the organization" 200 GET "/api/v1/coupons/redemptions?organization_id=$ORG"
expect_json "redemptions of the organization" data.0.organization_id "$ORG"
call "redemptions of the coupon" 200 GET "/api/v1/coupons/redemptions?code=CONTRACT10&limit=1"
call "deactivate coupon" 204 DELETE /api/v1/coupons/contract10
call "redeem inactive coupon" 410 POST /api/v1/coupons/redeem "{\"code\":\"CONTRACT10\",\"user_id\":$ADMIN_ID}"
expect_error "redeem inactive coupon" coupon_inactive
call "no verification yet" 404 GET "/api/v1/organizations/$ORG/verification"
call "ask for verification" 201 POST "/api/v1/organizations/$ORG/verification" '{"type":"education","institution":"Acme University","evidence":"https://acme.example.edu/accreditation"}'
VERIFICATION=$(json "$RESPONSE" id)
expect_json "ask for verification" status pending
call "ask twice" 409 POST "/api/v1/organizations/$ORG/verification" '{"type":"nonprofit","institution":"Acme","evidence":"registry"}'
expect_error "ask twice" verification_pending
call "latest verification" 200 GET "/api/v1/organizations/$ORG/verification"
call "pending verifications" 200 GET "/api/v1/admin/verifications?status=pending"
expect_json "pending verifications" data.0.id "$VERIFICATION"
call "approve verification" 200 POST "/api/v1/admin/verifications/$VERIFICATION/approve" '{"note":"accreditation checked"}'
expect_json "approve verification" discount_percent 50
call "reject a decided request" 409 POST "/api/v1/admin/verifications/$VERIFICATION/reject"
expect_error "reject a decided request" verification_closed

echo "== roles"
TOKEN=""
call "manager login" 200 POST /api/v1/auth/login '{"email":"alice@example.com","password":"alice-password"}'
ALICE_TOKEN=$(json "$RESPONSE" token)
TOKEN=$ALICE_TOKEN
call "manager sees their department" 200 GET "/api/v1/credits/transactions?organization_id=$ORG"
expect_json "manager sees their department" data.0.department_id "$DEPT"
call "manager cannot allocate" 403 POST /api/v1/credits/allocate "{\"organization_id\":$ORG,\"amount\":10}"
expect_error "manager cannot allocate" forbidden
call "manager cannot add members" 403 POST "/api/v1/organizations/$ORG/members" '{"email":"eve@example.com","role":"owner"}'
call "manager cannot invite an admin" 403 POST "/api/v1/organizations/$ORG/invitations" '{"email":"eve@example.com","role":"admin"}'
call "outsider org" 404 GET "/api/v1/organizations/$((ORG + 1))"
call "manager logout" 204 POST /api/v1/auth/logout
call "after logout" 401 GET /api/v1/me

echo "== budgets"
TOKEN=$ADMIN
call "set department budget" 200 PUT "/api/v1/organizations/$ORG/departments/$DEPT/budget" \
    '{"credits":500000,"period":"month","enforcement":"hard"}'
expect_json "set department budget" new.credits 500000
call "set member limit" 200 PUT "/api/v1/organizations/$ORG/members/$ADMIN_ID/limit" \
    '{"credits":5,"period":"total","enforcement":"hard","reason":"contract"}'
# Prism refuses a body outside the spec's enum itself; the server's answer is checked directly.
TARGET=$DIRECT call "bad budget period" 422 PUT "/api/v1/organizations/$ORG/departments/$DEPT/budget" '{"credits":5,"period":"week"}'
expect_json "bad budget period" error.details.field period
call "departments with budgets" 200 GET "/api/v1/organizations/$ORG/departments"
TOKEN=$GATEWAY
call "beyond the member limit" 403 POST /api/v1/credits/deduct "{\"organization_id\":$ORG,\"member_id\":$ADMIN_ID,\"amount\":6}"
expect_error "beyond the member limit" budget_exceeded
expect_json "beyond the member limit" error.details.scope member
TOKEN=$ADMIN
call "budget request" 201 POST "/api/v1/organizations/$ORG/departments/$DEPT/budget-requests" \
    '{"credits":800000,"reason":"launch"}'
BUDGET_REQUEST=$(json "$RESPONSE" id)
call "pending budget requests" 200 GET "/api/v1/organizations/$ORG/budget-requests?status=pending"
call "approve budget request" 200 POST "/api/v1/organizations/$ORG/budget-requests/$BUDGET_REQUEST/approve" '{"note":"ok"}'
expect_json "approve budget request" status approved
call "decide a budget request twice" 409 POST "/api/v1/organizations/$ORG/budget-requests/$BUDGET_REQUEST/reject"
expect_error "decide a budget request twice" budget_request_closed
call "budget history" 200 GET "/api/v1/organizations/$ORG/budget-history?limit=2"
expect_json "budget history" data.0.request_id "$BUDGET_REQUEST"
call "remove member limit" 200 DELETE "/api/v1/organizations/$ORG/members/$ADMIN_ID/limit"
call "remove department budget" 200 DELETE "/api/v1/organizations/$ORG/departments/$DEPT/budget"
expect_json "remove department budget" new null

echo "== notifications"
TOKEN=$ADMIN
call "notification preferences" 200 GET /api/v1/me/notification-preferences
expect_json "notification preferences" preferences.0.kind allowance_used
call "change notification preferences" 200 PUT /api/v1/me/notification-preferences \
    '{"preferences":[{"kind":"low_balance","in_app":true,"email":false}]}'
expect_json "change notification preferences" preferences.1.email false
TARGET=$DIRECT call "unknown notification kind" 422 PUT /api/v1/me/notification-preferences \
    '{"preferences":[{"kind":"weather","in_app":true,"email":true}]}'
expect_json "unknown notification kind" error.details.field preferences.kind
call "add webhook endpoint" 201 POST /api/v1/webhook-endpoints \
    "{\"organization_id\":$ORG,\"url\":\"https://hooks.example.com/creditdesk\",\"events\":[\"alert.fired\",\"coupon.redeemed\"]}"
expect_set "add webhook endpoint" secret
WEBHOOK=$(json "$RESPONSE" id)
call "webhook endpoints" 200 GET "/api/v1/webhook-endpoints?organization_id=$ORG"
expect_json "webhook endpoints" data.0.url https://hooks.example.com/creditdesk
call "webhook deliveries" 200 GET "/api/v1/webhook-endpoints/$WEBHOOK/deliveries"
TARGET=$DIRECT call "webhook endpoint on plain http" 422 POST /api/v1/webhook-endpoints \
    "{\"organization_id\":$ORG,\"url\":\"http://hooks.example.com/x\",\"events\":[\"alert.fired\"]}"
expect_json "webhook endpoint on plain http" error.details.field url
call "delete webhook endpoint" 204 DELETE "/api/v1/webhook-endpoints/$WEBHOOK"
call "delete webhook endpoint twice" 404 DELETE "/api/v1/webhook-endpoints/$WEBHOOK"

echo "== billing profile and tax"
TOKEN=$ADMIN
call "billing profile, not set" 200 GET "/api/v1/billing-profile?organization_id=$ORG"
expect_json "billing profile, not set" tax_exempt false
call "set billing profile" 200 PUT "/api/v1/billing-profile?organization_id=$ORG" \
    '{"legal_name":"Acme Research SARL","email":"billing@acme.example","address":{"line1":"1 rue de la Paix","city":"Paris","postal_code":"75002","country":"FR"},"tax_id":"FR12345678901"}'
expect_json "set billing profile" address.country FR
TARGET=$DIRECT call "billing profile with a country name" 422 PUT "/api/v1/billing-profile?organization_id=$ORG" \
    '{"legal_name":"X","email":"a@b.example","address":{"country":"France"}}'
expect_json "billing profile with a country name" error.details.field country
call "tax rates" 200 GET /api/v1/admin/tax-rates
expect_json "tax rates" data.0.country AT
call "replace tax rates" 200 PUT /api/v1/admin/tax-rates \
    '{"data":[{"country":"DE","region":"","name":"VAT","rate_basis_points":1900},{"country":"US","region":"NY","name":"Sales tax","rate_basis_points":400}]}'
expect_json "replace tax rates" data.1.region NY
call "tax report" 200 GET "/api/v1/reports/tax?from=2026-01-01&to=2026-12-31"
call "tax report as CSV" 200 GET "/api/v1/reports/tax?from=2026-01-01&to=2026-12-31&format=csv"
TARGET=$DIRECT call "tax report without dates" 422 GET "/api/v1/reports/tax?format=csv"
expect_json "tax report without dates" error.details.field from
call "PDF of an unknown invoice" 404 GET /api/v1/invoices/999999/pdf
call "credit note on an unknown invoice" 404 POST /api/v1/invoices/999999/credit-note '{"amount_minor":100,"reason":"Outage"}'

echo "== wrong method"
TOKEN=$ADMIN
FROM_PRISM=1 call "wrong method (answered by Prism's router)" 405 DELETE /api/v1/credits/balance
TARGET=$DIRECT call "wrong method (server, direct)" 405 DELETE /api/v1/credits/balance
expect_error "wrong method" method_not_allowed
[ "$(header allow)" = GET ] || fail "wrong method: Allow is '$(header allow)', expected GET"
TARGET=$DIRECT call "unknown path (server, direct)" 404 GET /api/v1/nothing-here
expect_error "unknown path" not_found
TOKEN="" TARGET=$DIRECT call "no token (server, direct)" 401 GET /api/v1/me
expect_error "no token" unauthorized

echo "== after the run"
call "metrics count the run" 200 GET /metrics
grep -q 'creditdesk_http_requests_total{status="402"}' "$RESPONSE" || fail "metrics: no 402 counted"
if VERIFY=$("$SERVER_BIN" verify --database "sqlite:$DB" 2>&1); then
    PASSED=$((PASSED + 1))
    echo "  ok   creditdesk-server verify: $VERIFY"
else
    fail "verify: $VERIFY"
fi
kill -TERM "$SERVER_PID"
wait "$SERVER_PID"
SERVER_STATUS=$?
SERVER_PID=""
if [ "$SERVER_STATUS" = 0 ]; then
    PASSED=$((PASSED + 1))
    echo "  ok   the server stopped cleanly on SIGTERM"
else
    fail "the server exited with $SERVER_STATUS on SIGTERM"
fi

echo
echo "contract test: $CALLS calls, $PASSED checks passed, $FAILED failed"
if [ "$FAILED" -ne 0 ]; then
    printf '  - %s\n' "${FAILURES[@]}"
    exit 1
fi
exit 0
