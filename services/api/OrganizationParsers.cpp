#include "api/OrganizationParsers.h"

#include "api/JsonParsers.h"

#include <QJsonArray>

namespace creditdesk::json {

namespace {

QJsonValue field(const QJsonObject& object, const char* name)
{
    return object.value(QLatin1String(name));
}

// Lenient readers: absent or null leave the value empty; a present value of the wrong type fails.
bool lenientInteger(const QJsonObject& object, const char* name, std::optional<qint64>* out)
{
    const QJsonValue value = field(object, name);
    if (value.isUndefined() || value.isNull()) {
        out->reset();
        return true;
    }
    return readOptionalInteger(value, out);
}

bool lenientTimestamp(const QJsonObject& object, const char* name, QDateTime* out)
{
    const QJsonValue value = field(object, name);
    if (value.isUndefined() || value.isNull()) {
        *out = QDateTime();
        return true;
    }
    return readTimestamp(value, out);
}

bool lenientString(const QJsonObject& object, const char* name, QString* out)
{
    const QJsonValue value = field(object, name);
    if (value.isUndefined() || value.isNull()) {
        out->clear();
        return true;
    }
    if (!value.isString())
        return false;
    *out = value.toString();
    return true;
}

// {"kind": "user", "id": 3} (or "type"): who acted.
QString actorType(const QJsonObject& actor)
{
    const QJsonValue kind = actor.value(QStringLiteral("kind"));
    return kind.isString() ? kind.toString()
                           : actor.value(QStringLiteral("type")).toString(QStringLiteral("user"));
}

// An actor as text: "Ada", "user 3", or whatever the server sent as a string.
QString actorText(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QStringLiteral("user %1").arg(value.toInteger());
    if (value.isObject()) {
        const QJsonObject actor = value.toObject();
        const QString name = actor.value(QStringLiteral("name")).toString();
        if (!name.isEmpty())
            return name;
        const QString email = actor.value(QStringLiteral("email")).toString();
        if (!email.isEmpty())
            return email;
        const QString type = actorType(actor);
        const QJsonValue id = actor.value(QStringLiteral("id"));
        return id.isDouble() ? QStringLiteral("%1 %2").arg(type).arg(id.toInteger()) : type;
    }
    return {};
}

} // namespace

bool parseBudgetLimit(const QJsonValue& value, std::optional<BudgetLimit>* out)
{
    if (value.isUndefined() || value.isNull()) {
        out->reset();
        return true;
    }
    BudgetLimit limit;
    if (value.isDouble()) // a bare number: the credits, with the defaults
        return readInteger(value, &limit.credits) && (*out = limit, true);
    if (!value.isObject())
        return false;
    const QJsonObject object = value.toObject();
    if (!readInteger(field(object, "credits"), &limit.credits))
        return false;
    QString period;
    QString enforcement;
    if (!lenientString(object, "period", &period) || !lenientString(object, "enforcement", &enforcement))
        return false;
    if (!period.isEmpty())
        limit.period = period;
    if (!enforcement.isEmpty())
        limit.enforcement = enforcement;
    *out = limit;
    return true;
}

bool parseOrgMember(const QJsonObject& object, OrgMember* out)
{
    if (!readInteger(field(object, "user_id"), &out->userId) || !readString(object, "email", &out->email) ||
        !lenientString(object, "name", &out->name) || !readString(object, "role", &out->role) ||
        !lenientInteger(object, "department_id", &out->departmentId) ||
        !lenientString(object, "status", &out->status) ||
        !lenientTimestamp(object, "last_sign_in_at", &out->lastSignInAt) ||
        !lenientTimestamp(object, "last_usage_at", &out->lastUsageAt) ||
        !lenientInteger(object, "usage_this_period", &out->usageThisPeriod) ||
        !parseBudgetLimit(field(object, "limit"), &out->limit))
        return false;
    const QJsonValue seat = field(object, "seat");
    if (seat.isBool())
        out->seat = seat.toBool();
    else if (seat.isUndefined() || seat.isNull())
        out->seat.reset();
    else
        return false;
    return true;
}

bool parseOrgDepartment(const QJsonObject& object, OrgDepartment* out)
{
    return readInteger(field(object, "id"), &out->id) && readString(object, "name", &out->name) &&
           parseBudgetLimit(field(object, "budget"), &out->budget) &&
           lenientInteger(object, "used_this_period", &out->usedThisPeriod);
}

bool parseInvitation(const QJsonObject& object, Invitation* out)
{
    return readInteger(field(object, "id"), &out->id) && readString(object, "email", &out->email) &&
           readString(object, "role", &out->role) &&
           lenientInteger(object, "department_id", &out->departmentId) &&
           lenientTimestamp(object, "expires_at", &out->expiresAt) &&
           lenientTimestamp(object, "created_at", &out->createdAt) &&
           lenientString(object, "token", &out->token);
}

bool parseSeatSummary(const QJsonObject& object, SeatSummary* out)
{
    if (!readInteger(field(object, "included"), &out->included) ||
        !readInteger(field(object, "purchased"), &out->purchased) ||
        !readInteger(field(object, "total"), &out->total) ||
        !readInteger(field(object, "assigned"), &out->assigned))
        return false;
    std::optional<qint64> pending;
    std::optional<qint64> available;
    std::optional<qint64> price;
    QString currency;
    if (!lenientInteger(object, "pending_invitations", &pending) ||
        !lenientInteger(object, "available", &available) ||
        !lenientInteger(object, "seat_price_minor", &price) || !lenientString(object, "currency", &currency))
        return false;
    out->pendingInvitations = pending.value_or(0);
    out->available = available.value_or(out->total - out->assigned - out->pendingInvitations);
    out->seatPriceMinor = price.value_or(0);
    if (!currency.isEmpty())
        out->currency = currency;
    // A PUT may say what it charged: {"charge_minor"} or a proration like a plan switch's.
    std::optional<qint64> charged;
    if (!lenientInteger(object, "charge_minor", &charged))
        return false;
    // … or {"change": {"charge_minor", "discount_minor", …}} (what is paid: the charge less the discount).
    for (const char* name : {"change", "proration"}) {
        const QJsonValue change = field(object, name);
        if (charged || !change.isObject())
            continue;
        std::optional<qint64> discount;
        if (!lenientInteger(change.toObject(), "charge_minor", &charged) ||
            !lenientInteger(change.toObject(), "discount_minor", &discount))
            return false;
        if (charged)
            *charged -= discount.value_or(0);
    }
    out->chargedMinor = charged;
    return true;
}

bool parseBudgetRequest(const QJsonObject& object, BudgetRequest* out)
{
    return readInteger(field(object, "id"), &out->id) &&
           readInteger(field(object, "department_id"), &out->departmentId) &&
           readInteger(field(object, "credits"), &out->credits) &&
           lenientString(object, "reason", &out->reason) && readString(object, "status", &out->status) &&
           lenientInteger(object, "requested_by", &out->requestedBy) &&
           lenientTimestamp(object, "created_at", &out->createdAt) &&
           lenientTimestamp(object, "decided_at", &out->decidedAt) &&
           lenientString(object, "note", &out->note);
}

bool parseBudgetChange(const QJsonObject& object, BudgetChange* out)
{
    if (!readTimestamp(field(object, "at"), &out->at) || !readString(object, "scope", &out->scope) ||
        !lenientInteger(object, "department_id", &out->departmentId) ||
        !lenientInteger(object, "user_id", &out->userId) ||
        !parseBudgetLimit(field(object, "old"), &out->oldLimit) ||
        !parseBudgetLimit(field(object, "new"), &out->newLimit) ||
        !lenientString(object, "reason", &out->reason) ||
        !lenientInteger(object, "request_id", &out->requestId))
        return false;
    const QJsonValue actor = field(object, "actor");
    out->actor = actorText(actor);
    const QJsonValue actorId = actor.isObject() ? actor.toObject().value(QStringLiteral("id")) : actor;
    const bool byUser = !actor.isObject() || actorType(actor.toObject()) == QLatin1String("user");
    out->actorUserId.reset();
    if (byUser && actorId.isDouble())
        out->actorUserId = actorId.toInteger();
    return true;
}

bool parseOrgRole(const QJsonObject& object, OrgRole* out)
{
    if (!readString(object, "id", &out->id) || !lenientString(object, "name", &out->name))
        return false;
    if (out->name.isEmpty())
        out->name = out->id;
    const QJsonValue permissions = field(object, "permissions");
    out->permissions.clear();
    if (permissions.isArray()) {
        for (const QJsonValue& permission : permissions.toArray()) {
            if (!permission.isString())
                return false;
            out->permissions.append(permission.toString());
        }
    } else if (!permissions.isUndefined() && !permissions.isNull()) {
        return false;
    }
    QJsonValue builtIn = field(object, "builtin");
    if (!builtIn.isBool())
        builtIn = field(object, "built_in");
    out->builtIn = builtIn.isBool() ? builtIn.toBool() : !out->id.startsWith(QLatin1String("custom-"));
    return true;
}

bool parsePermissionDescription(const QJsonObject& object, PermissionDescription* out)
{
    // "name" as in the permission table; "permission" or "id" accepted too.
    for (const char* name : {"name", "permission", "id"}) {
        if (field(object, name).isString()) {
            out->name = field(object, name).toString();
            return lenientString(object, "description", &out->description);
        }
    }
    return false;
}

bool parseAcceptedInvitation(const QJsonObject& object, AcceptedInvitation* out)
{
    const QJsonValue user = field(object, "user");
    return user.isObject() && parseUser(user.toObject(), &out->user) &&
           readInteger(field(object, "organization_id"), &out->organizationId) &&
           readString(object, "role", &out->role);
}

} // namespace creditdesk::json
