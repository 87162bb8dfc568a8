// libFuzzer target for everything a request goes through before a handler touches the database:
// JsonBody (the parse and every accessor), RFC 3339 timestamps, path ids, query integers and the
// Router over the server's real route patterns. Each input is used as a request body, and as text
// (path, timestamp, id, query value); string values of a JSON object are used as text too, so the
// seed corpus can carry paths and timestamps inside JSON.
//
// Besides crashes and sanitizer reports, the target aborts when a promise is broken: an accessor
// returns a value outside its range, a string that is not clean, a timestamp that does not survive
// format-then-parse, or a failure that is not an ApiError with a 4xx status and an error code.
#include "FuzzCheck.h"
#include "core/Json.h"
#include "http/Router.h"

#include <QJsonDocument>
#include <QRegularExpression>

#include <cstdio>
#include <cstdlib>
#include <limits>

using namespace creditdesk::server;

namespace {

// The server's route table (server/api/*Routes.cpp, ServerApp.cpp). Keep in sync when routes change.
const char* const kRoutes[][2] = {
    {"GET", "/healthz"},
    {"GET", "/readyz"},
    {"POST", "/api/v1/auth/login"},
    {"POST", "/api/v1/auth/logout"},
    {"GET", "/api/v1/me"},
    {"POST", "/api/v1/organizations"},
    {"GET", "/api/v1/organizations"},
    {"GET", "/api/v1/organizations/{id}"},
    {"POST", "/api/v1/organizations/{id}/members"},
    {"GET", "/api/v1/organizations/{id}/members"},
    {"PATCH", "/api/v1/organizations/{id}/members/{user_id}"},
    {"DELETE", "/api/v1/organizations/{id}/members/{user_id}"},
    {"POST", "/api/v1/organizations/{id}/invitations"},
    {"GET", "/api/v1/organizations/{id}/invitations"},
    {"DELETE", "/api/v1/organizations/{id}/invitations/{invitation_id}"},
    {"POST", "/api/v1/invitations/accept"},
    {"GET", "/api/v1/organizations/{id}/seats"},
    {"PUT", "/api/v1/organizations/{id}/seats"},
    {"POST", "/api/v1/organizations/{id}/departments"},
    {"GET", "/api/v1/organizations/{id}/departments"},
    {"PATCH", "/api/v1/organizations/{id}/departments/{department_id}"},
    {"POST", "/api/v1/api-tokens"},
    {"GET", "/api/v1/api-tokens"},
    {"DELETE", "/api/v1/api-tokens/{id}"},
    {"GET", "/api/v1/credits/balance"},
    {"GET", "/api/v1/credits/transactions"},
    {"POST", "/api/v1/credits/allocate"},
    {"POST", "/api/v1/credits/deduct"},
    {"POST", "/api/v1/credits/refund"},
    {"POST", "/api/v1/credits/reserve"},
    {"GET", "/api/v1/credits/reservations/{id}"},
    {"POST", "/api/v1/credits/reservations/{id}/settle"},
    {"POST", "/api/v1/credits/reservations/{id}/release"},
    {"PATCH", "/api/v1/organizations/{id}"},
    {"POST", "/api/v1/metering/track"},
    {"POST", "/api/v1/metering/events"},
    {"GET", "/api/v1/metering/summary"},
    {"GET", "/api/v1/metering/by-model"},
    {"GET", "/api/v1/metering/by-date"},
    {"GET", "/api/v1/metering/by-member"},
    {"GET", "/api/v1/metering/by-department"},
    {"GET", "/api/v1/metering/free-tier"},
    {"GET", "/api/v1/billing/usage"},
    {"GET", "/api/v1/admin/prices"},
    {"POST", "/api/v1/admin/prices"},
    {"PATCH", "/api/v1/admin/prices/{id}"},
    {"POST", "/api/v1/admin/prices/import"},
    {"GET", "/api/v1/admin/rate-card"},
    {"PATCH", "/api/v1/admin/rate-card"},
    {"GET", "/metrics"},
};
constexpr int kRouteCount = static_cast<int>(std::size(kRoutes));

int g_matched = -1; // index of the route whose handler ran

const Router& router()
{
    static const Router instance = [] {
        Router built;
        for (int i = 0; i < kRouteCount; ++i)
            built.add(kRoutes[i][0], QString::fromLatin1(kRoutes[i][1]), QStringLiteral("public"),
                      [i](const ApiRequest&, Responder) { g_matched = i; });
        return built;
    }();
    return instance;
}

void checkError(const ApiError& error, bool bodyLevel)
{
    if (bodyLevel)
        CHECK(error.status() == 400 && (error.code() == QLatin1String("malformed_json") ||
                                        error.code() == QLatin1String("invalid_body")),
              error.code());
    else
        CHECK(error.status() == 422 || error.status() == 404, error.code());
    CHECK(!error.code().isEmpty() && !error.message().isEmpty(), error.code());
    // The envelope is valid JSON with the code in it.
    const ApiResponse response = errorResponse(error);
    CHECK(response.status == error.status(), error.code());
    const QJsonObject inner =
        QJsonDocument::fromJson(response.body).object().value(QLatin1String("error")).toObject();
    CHECK(inner.value(QLatin1String("code")).toString() == error.code(), QString::fromUtf8(response.body));
}

template<typename Function> void expectApiError(Function function)
{
    try {
        function();
    } catch (const ApiError& error) {
        checkError(error, false);
    }
}

void checkTimestamp(const QString& text)
{
    const auto epochMs = parseTimestamp(text);
    if (!epochMs)
        return;
    const QString formatted = formatTimestamp(*epochMs);
    CHECK(!formatted.isEmpty(), text);
    CHECK(parseTimestamp(formatted) == epochMs, text + QLatin1String(" -> ") + formatted);
}

void checkText(const QString& text)
{
    checkTimestamp(text);
    (void)isCleanText(text);

    try {
        const qint64 id = parsePathId(text, QStringLiteral("Thing"));
        CHECK(id > 0, text);
        CHECK(QString::number(id) == text, text); // only the canonical spelling of an id
    } catch (const ApiError& error) {
        CHECK(error.status() == 404, text);
        checkError(error, false);
    }

    ApiRequest request;
    request.query.insert(QStringLiteral("q"), text);
    const std::pair<qint64, qint64> ranges[] = {
        {1, 1000},
        {0, std::numeric_limits<qint64>::max()},
        {std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max()}};
    for (const auto& [min, max] : ranges) {
        try {
            const auto value = parseQueryInteger(request, QStringLiteral("q"), min, max);
            CHECK(value && *value >= min && *value <= max, text);
        } catch (const ApiError& error) {
            CHECK(error.status() == 422, text);
            checkError(error, false);
        }
    }

    for (const QString& path :
         {text, QStringLiteral("/api/v1/") + text, QStringLiteral("/api/v1/organizations/") + text}) {
        for (const char* method : {"GET", "POST", "PATCH", "DELETE", "PUT"}) {
            g_matched = -1;
            const Router::Match match = router().match(QByteArray(method), path);
            if (match.handler) {
                (*match.handler)(ApiRequest{}, [](ApiResponse) {});
                CHECK(g_matched >= 0 && g_matched < kRouteCount, path);
                CHECK(QByteArray(kRoutes[g_matched][0]) == method, path);
                CHECK(match.allow.isEmpty(), path);
                const QString pattern = QString::fromLatin1(kRoutes[g_matched][1]);
                CHECK(match.params.size() == pattern.count(QLatin1Char('{')), path);
                for (const QString& param : match.params)
                    CHECK(!param.isEmpty() && !param.contains(QLatin1Char('/')), path);
            } else if (!match.allow.isEmpty()) {
                for (const QByteArray& allowed : match.allow.split(','))
                    CHECK(allowed.trimmed() != method && !allowed.trimmed().isEmpty(), path);
                CHECK(match.params.isEmpty(), path);
            }
        }
    }
}

void checkBody(const JsonBody& body)
{
    // Every member present plus two absent names (accessors on absent members always answer the same).
    QList<QByteArray> names{"amount", "absent"};
    const QJsonObject& object = body.object();
    int keys = 0;
    for (auto it = object.begin(); it != object.end() && keys < 32; ++it, ++keys) {
        if (!names.contains(it.key().toUtf8()))
            names.append(it.key().toUtf8());
        if (it.value().isString())
            checkText(it.value().toString());
    }

    for (const QByteArray& nameBytes : names) {
        const char* name = nameBytes.constData();
        const bool present = body.has(name);
        CHECK(!present || object.contains(QString::fromUtf8(nameBytes)), QString::fromUtf8(nameBytes));

        for (int maxLength : {5, 200}) {
            expectApiError([&] {
                const auto text = body.optionalString(name, maxLength);
                CHECK(text.has_value() == present, QString::fromUtf8(nameBytes));
                if (text) {
                    CHECK(text->size() <= maxLength, *text);
                    CHECK(isCleanText(*text), *text);
                    CHECK(*text == text->trimmed(), *text);
                }
            });
            expectApiError([&] { CHECK(!body.requiredString(name, maxLength).isEmpty(), QString()); });
        }
        const std::pair<qint64, qint64> ranges[] = {
            {1, kMaxAmount},
            {0, 1000},
            {-5, 5},
            {std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max()}};
        for (const auto& range : ranges) {
            const qint64 min = range.first; // (clang 14 cannot capture structured bindings)
            const qint64 max = range.second;
            expectApiError([&] {
                const auto number = body.optionalInteger(name, min, max);
                CHECK(number.has_value() == present, QString::fromUtf8(nameBytes));
                if (number)
                    CHECK(*number >= min && *number <= max, QString::number(*number));
            });
            expectApiError([&] {
                const qint64 number = body.requiredInteger(name, min, max);
                CHECK(number >= min && number <= max, QString::number(number));
            });
        }
        expectApiError([&] {
            const qint64 amount = body.requiredAmount(name);
            CHECK(amount >= 1 && amount <= kMaxAmount, QString::number(amount));
        });
        expectApiError([&] {
            const auto id = body.optionalId(name);
            CHECK(!id || *id >= 1, QString::number(id.value_or(0)));
        });
        expectApiError([&] {
            const auto epochMs = body.optionalTimestamp(name);
            if (epochMs) {
                const QString formatted = formatTimestamp(*epochMs);
                CHECK(parseTimestamp(formatted) == epochMs, formatted);
            }
        });
        expectApiError([&] {
            const QStringList items = body.requiredStringArray(name, 3, 10);
            CHECK(items.size() <= 3, QString());
            for (const QString& item : items)
                CHECK(item.size() <= 10 && isCleanText(item), item);
        });
    }

    expectApiError([&] {
        body.rejectUnknownFields({"amount", "organization_id", "user_id", "member_id", "reference"});
        for (auto it = object.begin(); it != object.end(); ++it)
            CHECK(it.key() == QLatin1String("amount") || it.key() == QLatin1String("organization_id") ||
                      it.key() == QLatin1String("user_id") || it.key() == QLatin1String("member_id") ||
                      it.key() == QLatin1String("reference"),
                  it.key());
    });
    expectApiError([&] {
        body.rejectUnknownFields({});
        CHECK(object.isEmpty(), QString());
    });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size > 64 * 1024)
        return -1;
    const QByteArray raw(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    try {
        const JsonBody body(raw);
        checkBody(body);
    } catch (const ApiError& error) {
        checkError(error, true);
    }
    checkText(QString::fromUtf8(raw));
    return 0;
}
