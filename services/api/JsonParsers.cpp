#include "api/JsonParsers.h"

#include <QJsonArray>

namespace creditdesk::json {

namespace {

QString key(const char* name)
{
    return QLatin1String(name);
}

} // namespace

bool readString(const QJsonObject& object, const char* name, QString* out, bool nullable)
{
    const QJsonValue value = object.value(key(name));
    if (value.isNull() && nullable) {
        out->clear();
        return true;
    }
    if (!value.isString())
        return false;
    *out = value.toString();
    return true;
}

bool readInteger(const QJsonValue& value, qint64* out)
{
    if (!value.isDouble())
        return false;
    // Qt 6 keeps JSON integers exact; toInteger() refuses fractions and out-of-range values.
    constexpr qint64 kSentinel = std::numeric_limits<qint64>::min();
    const qint64 integer = value.toInteger(kSentinel);
    if (integer == kSentinel)
        return false;
    *out = integer;
    return true;
}

bool readOptionalInteger(const QJsonValue& value, std::optional<qint64>* out)
{
    if (value.isNull()) {
        out->reset();
        return true;
    }
    qint64 integer = 0;
    if (!readInteger(value, &integer))
        return false;
    *out = integer;
    return true;
}

bool readTimestamp(const QJsonValue& value, QDateTime* out, bool nullable)
{
    if (value.isNull() && nullable) {
        *out = QDateTime();
        return true;
    }
    if (!value.isString())
        return false;
    QDateTime parsed = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!parsed.isValid())
        return false;
    *out = parsed.toUTC();
    return true;
}

bool parseUser(const QJsonObject& object, UserProfile* out)
{
    return readInteger(object.value(key("id")), &out->id) && readString(object, "email", &out->email) &&
           readString(object, "name", &out->name) &&
           (out->platformAdmin = object.value(key("is_platform_admin")).toBool(), true);
}

bool parseLogin(const QJsonObject& object, LoginResult* out)
{
    QString token;
    if (!readString(object, "token", &token) || token.isEmpty())
        return false;
    out->token = token.toUtf8();
    return readTimestamp(object.value(key("expires_at")), &out->expiresAt) &&
           parseUser(object.value(key("user")).toObject(), &out->user);
}

bool parseMe(const QJsonObject& object, Me* out)
{
    if (!parseUser(object.value(key("user")).toObject(), &out->user))
        return false;
    const QJsonValue organizations = object.value(key("organizations"));
    if (!organizations.isArray())
        return false;
    out->organizations.clear();
    for (const QJsonValue& value : organizations.toArray()) {
        const QJsonObject org = value.toObject();
        Organization organization;
        if (!readInteger(org.value(key("id")), &organization.id) ||
            !readString(org, "name", &organization.name) || !readString(org, "kind", &organization.kind) ||
            !readString(org, "role", &organization.role, true) ||
            !readOptionalInteger(org.value(key("department_id")), &organization.departmentId))
            return false;
        const QJsonValue permissions = org.value(key("permissions"));
        if (!permissions.isArray())
            return false;
        for (const QJsonValue& permission : permissions.toArray())
            organization.permissions.append(permission.toString());
        out->organizations.append(organization);
    }
    return true;
}

bool parseGrant(const QJsonObject& object, Grant* out)
{
    qint64 priority = 0;
    if (!readInteger(object.value(key("id")), &out->id) || !readString(object, "kind", &out->kind) ||
        !readInteger(object.value(key("amount")), &out->amount) ||
        !readInteger(object.value(key("remaining")), &out->remaining) ||
        !readInteger(object.value(key("priority")), &priority) ||
        !readTimestamp(object.value(key("effective_at")), &out->effectiveAt) ||
        !readTimestamp(object.value(key("expires_at")), &out->expiresAt, true) ||
        !readString(object, "note", &out->note, true))
        return false;
    out->priority = static_cast<int>(priority);
    return true;
}

bool parseBalance(const QJsonObject& object, Balance* out)
{
    std::optional<qint64> organizationId;
    if (!readInteger(object.value(key("balance")), &out->balance) ||
        !readInteger(object.value(key("reserved")), &out->reserved) ||
        !readInteger(object.value(key("available")), &out->available) ||
        !readOptionalInteger(object.value(key("organization_id")), &organizationId))
        return false;
    out->organizationId = organizationId.value_or(0);
    const QJsonValue grants = object.value(key("grants"));
    if (!grants.isArray())
        return false;
    out->grants.clear();
    for (const QJsonValue& value : grants.toArray()) {
        Grant grant;
        if (!parseGrant(value.toObject(), &grant))
            return false;
        out->grants.append(grant);
    }
    return true;
}

bool parseTransaction(const QJsonObject& object, Transaction* out)
{
    QString kind;
    std::optional<qint64> organizationId;
    if (!readInteger(object.value(key("id")), &out->id) ||
        !readInteger(object.value(key("seq")), &out->seq) || !readString(object, "kind", &kind) ||
        !readInteger(object.value(key("amount")), &out->amount) ||
        !readInteger(object.value(key("balance_after")), &out->balanceAfter) ||
        !readOptionalInteger(object.value(key("organization_id")), &organizationId) ||
        !readOptionalInteger(object.value(key("member_id")), &out->memberId) ||
        !readOptionalInteger(object.value(key("department_id")), &out->departmentId) ||
        !readOptionalInteger(object.value(key("related_transaction_id")), &out->relatedTransactionId) ||
        !readOptionalInteger(object.value(key("reservation_id")), &out->reservationId) ||
        !readString(object, "grant_kind", &out->grantKind, true) ||
        !readString(object, "reference", &out->reference, true) ||
        !readString(object, "note", &out->note, true) ||
        !readTimestamp(object.value(key("created_at")), &out->createdAt))
        return false;
    const std::optional<TransactionKind> parsedKind = transactionKindFromKey(kind);
    if (!parsedKind || out->seq <= 0)
        return false;
    out->kind = *parsedKind;
    out->organizationId = organizationId.value_or(0);
    // Servers before issue 14 do not name the model: missing or null is none.
    const QJsonValue model = object.value(key("model"));
    out->model = model.isString() ? model.toString() : QString();
    const QJsonObject actor = object.value(key("actor")).toObject();
    const QString actorKind = actor.value(key("kind")).toString();
    const QJsonValue actorId = actor.value(key("id"));
    out->actor = actorId.isNull() || actorId.isUndefined()
                     ? actorKind
                     : actorKind + QLatin1Char(' ') + QString::number(actorId.toInteger());
    return true;
}

bool parseMember(const QJsonObject& object, Member* out)
{
    return readInteger(object.value(key("user_id")), &out->userId) &&
           readString(object, "email", &out->email) && readString(object, "name", &out->name) &&
           readString(object, "role", &out->role) &&
           readOptionalInteger(object.value(key("department_id")), &out->departmentId);
}

bool parseDepartment(const QJsonObject& object, Department* out)
{
    return readInteger(object.value(key("id")), &out->id) && readString(object, "name", &out->name);
}

} // namespace creditdesk::json
