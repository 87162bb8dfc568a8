#include "core/ErrorCodes.h"

#include <array>

namespace creditdesk::server {

namespace {

// Every error code of the API, by status. Adding a code: a row here, and the same row in
// docs/openapi.yaml (components.x-creditdesk-errors).
constexpr std::array kErrorKinds{
    ErrorKind{"bad_request", 400, "The request is not valid HTTP/1.1"},
    ErrorKind{"invalid_body", 400, "A JSON object body is required"},
    ErrorKind{"malformed_json", 400, "The body is not valid JSON"},
    ErrorKind{"invalid_idempotency_key", 400, "Idempotency-Key must be 1 to 255 printable ASCII characters"},
    ErrorKind{"idempotency_key_required", 400, "This request needs an Idempotency-Key header"},
    ErrorKind{"invalid_signature", 400, "The Stripe-Signature header does not verify"},
    ErrorKind{"invalid_event", 400, "A Stripe event needs its 'id' and 'type'"},
    ErrorKind{"not_a_session", 400, "API tokens are revoked, not signed out"},
    ErrorKind{"unauthorized", 401, "Missing or invalid bearer token"},
    ErrorKind{"invalid_credentials", 401, "The e-mail address or password is wrong"},
    ErrorKind{"insufficient_credits", 402, "Not enough credits"},
    ErrorKind{"payment_failed", 402, "The payment did not go through"},
    ErrorKind{"payment_method_required", 402, "The account has no payment method to charge"},
    ErrorKind{"card_declined", 402, "The payment was declined; nothing was booked"},
    ErrorKind{"forbidden", 403, "You are not allowed to do this"},
    ErrorKind{"model_not_in_plan", 403, "This model is not included in the account's tier"},
    ErrorKind{"feature_not_in_plan", 403, "The organization's plan does not include this feature"},
    ErrorKind{"member_suspended", 403, "This member is suspended in the organization"},
    ErrorKind{"budget_exceeded", 403, "This would exceed a spending budget"},
    ErrorKind{"invitation_wrong_user", 403, "This invitation is for another user"},
    ErrorKind{"not_found", 404, "Not found"},
    ErrorKind{"coupon_not_found", 404, "No coupon has this code"},
    ErrorKind{"method_not_allowed", 405, "This endpoint does not accept this method"},
    ErrorKind{"conflict", 409, "The resource already exists"},
    ErrorKind{"already_member", 409, "This user is already a member of the organization"},
    ErrorKind{"invalid_invoice_state", 409, "The invoice's status does not allow this action"},
    ErrorKind{"enterprise_plan_required", 409, "This needs the enterprise plan"},
    ErrorKind{"already_refunded", 409, "Everything of this deduction has been refunded"},
    ErrorKind{"department_exists", 409, "A department with this name already exists"},
    ErrorKind{"email_taken", 409, "This e-mail address is taken"},
    ErrorKind{"event_id_reused", 409, "An event with this id and other content was already recorded"},
    ErrorKind{"idempotency_in_progress", 409, "A request with this Idempotency-Key is still being processed"},
    ErrorKind{"idempotency_key_reused", 409, "This Idempotency-Key was used with another request"},
    ErrorKind{"last_owner", 409, "An organization needs at least one owner"},
    ErrorKind{"price_exists", 409, "A price for this model and time exists"},
    ErrorKind{"price_in_effect", 409, "This price is in effect and cannot change"},
    ErrorKind{"reservation_closed", 409, "The hold is no longer held"},
    ErrorKind{"clock_busy", 409, "The test clock is being moved; try again"},
    ErrorKind{"coupon_already_redeemed", 409, "This account has already redeemed this coupon"},
    ErrorKind{"coupon_exhausted", 409, "This coupon has been redeemed as often as it may be"},
    ErrorKind{"coupon_exists", 409, "A coupon with this code exists"},
    ErrorKind{"discount_already_active", 409, "The subscription already has a coupon discount"},
    ErrorKind{"verification_closed", 409, "This verification request has been decided"},
    ErrorKind{"verification_pending", 409, "A verification request is already pending"},
    ErrorKind{"seat_limit_reached", 409, "Every seat is taken; buy more seats first"},
    ErrorKind{"seats_in_use", 409, "More seats are in use than this would leave"},
    ErrorKind{"role_in_use", 409, "Members still hold this role"},
    ErrorKind{"role_exists", 409, "A role with this name already exists"},
    ErrorKind{"payment_not_approved", 409, "The payer has not approved this payment yet"},
    ErrorKind{"rule_builtin", 409, "Built-in alert rules can be disabled but not deleted"},
    ErrorKind{"budget_request_closed", 409, "This budget request has been decided"},
    ErrorKind{"coupon_expired", 410, "This coupon has expired"},
    ErrorKind{"coupon_inactive", 410, "This coupon is no longer active"},
    ErrorKind{"invitation_invalid", 410, "This invitation is unknown, used, revoked or expired"},
    ErrorKind{"payload_too_large", 413, "The request body is too large"},
    ErrorKind{"too_many_events", 413, "A batch holds at most 1,000 events"},
    ErrorKind{"validation_failed", 422, "The request is not valid"},
    ErrorKind{"unknown_field", 422, "Unknown field"},
    ErrorKind{"amount_too_large", 422, "The amount is too large"},
    ErrorKind{"balance_limit", 422, "The account balance would exceed its limit"},
    ErrorKind{"billing_option_not_in_tier", 422, "This billing option is not available on this tier"},
    ErrorKind{"event_in_future", 422, "'occurred_at' is in the future"},
    ErrorKind{"event_too_old", 422, "'occurred_at' is too far in the past"},
    ErrorKind{"not_refundable", 422, "Only deductions can be refunded"},
    ErrorKind{"password_not_allowed", 422, "This user already has an account; leave 'password' out"},
    ErrorKind{"refund_exceeds_deduction", 422, "The refund exceeds what is left of the deduction"},
    ErrorKind{"reservation_mismatch", 422, "The hold belongs to another account"},
    ErrorKind{"coupon_not_applicable", 422, "This coupon does not apply to this account's plan"},
    ErrorKind{"clock_backwards", 422, "The test clock never moves backwards"},
    ErrorKind{"unknown_plan", 422, "There is no such plan"},
    ErrorKind{"too_many_attempts", 429, "Too many failed sign-ins; try again later"},
    ErrorKind{"headers_too_large", 431, "The request headers are too large"},
    ErrorKind{"internal_error", 500, "Something went wrong on our side"},
    ErrorKind{"payment_provider_error", 502, "The payment provider refused or could not be reached"},
    ErrorKind{"paypal_not_configured", 503, "PayPal is not configured on this server"},
    ErrorKind{"payments_not_configured", 503,
              "This server takes no card payments (Stripe is not configured)"},
    ErrorKind{"not_ready", 503, "The server is starting or stopping"},
    ErrorKind{"retry", 503, "A concurrent update got in the way; send the request again"},
    ErrorKind{"master_key_missing", 503,
              "The server has no master key (CREDITDESK_MASTER_KEY) to keep secrets with"},
    ErrorKind{"shutting_down", 503, "The server is stopping"},
    ErrorKind{"store_unavailable", 503, "The database is unavailable; retry the request"},
    ErrorKind{"payment_unavailable", 503, "The payment provider could not be reached; nothing was booked"},
};

} // namespace

std::span<const ErrorKind> errorKinds()
{
    return kErrorKinds;
}

const ErrorKind* errorKind(const QString& code)
{
    for (const ErrorKind& kind : kErrorKinds)
        if (code == QLatin1String(kind.code))
            return &kind;
    return nullptr;
}

} // namespace creditdesk::server
