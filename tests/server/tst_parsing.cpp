// Request parsing and the small pure pieces of the server, without a process or a database:
// JsonBody validation (exact integers at the int64 edges, no doubles, clean strings, unknown fields),
// RFC 3339 timestamps, the Router (parameters, 405 Allow lists, 404), scrypt password hashes, the
// permission table and the sign-in throttle.
#include "auth/LoginThrottle.h"
#include "auth/Permissions.h"
#include "core/Crypto.h"
#include "core/Json.h"
#include "core/JsonWriter.h"
#include "http/Router.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <functional>
#include <limits>

using namespace creditdesk::server;

namespace {

// Runs f and returns the ApiError it throws; fails the test when it does not throw one.
ApiError errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const ApiError& error) {
        return error;
    }
    return ApiError(QStringLiteral("no_error"),
                    QStringLiteral("nothing was thrown")); // not in the table: never expected
}

QByteArray body(const char* json)
{
    return QByteArray(json);
}

} // namespace

class TestParsing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- JsonBody: the body itself --------------------------------------------------------------

    void bodyMustBeAJsonObject_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("code");
        QTest::newRow("empty") << QByteArray() << "invalid_body";
        QTest::newRow("whitespace") << QByteArray(" \r\n\t ") << "invalid_body";
        QTest::newRow("array") << body("[1,2]") << "invalid_body";
        QTest::newRow("string") << body("\"text\"") << "malformed_json";
        QTest::newRow("number") << body("42") << "malformed_json";
        QTest::newRow("null") << body("null") << "malformed_json";
        QTest::newRow("truncated") << body("{\"amount\": 1") << "malformed_json";
        QTest::newRow("trailing garbage") << body("{\"amount\": 1} x") << "malformed_json";
        QTest::newRow("single quotes") << body("{'amount': 1}") << "malformed_json";
        QTest::newRow("trailing comma") << body("{\"amount\": 1,}") << "malformed_json";
        QTest::newRow("leading zero") << body("{\"amount\": 01}") << "malformed_json";
        QTest::newRow("infinite number") << body("{\"amount\": 1e400}") << "malformed_json";
        QTest::newRow("NaN") << body("{\"amount\": NaN}") << "malformed_json";
        QTest::newRow("invalid UTF-8") << body("{\"note\": \"\xff\xfe\"}") << "malformed_json";
        QTest::newRow("UTF-8 encoded surrogate") << body("{\"note\": \"\xed\xa0\x80\"}") << "malformed_json";
        QTest::newRow("two objects") << body("{}{}") << "malformed_json";
    }
    void bodyMustBeAJsonObject()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, code);
        const ApiError error = errorOf([&] { JsonBody parsed(raw); });
        QCOMPARE(error.status(), 400);
        QCOMPARE(error.code(), code);
        QVERIFY(!error.message().isEmpty());
    }

    void emptyObjectIsABody()
    {
        const JsonBody parsed(body("  {}  "));
        QVERIFY(parsed.object().isEmpty());
        QVERIFY(!parsed.has("amount"));
    }

    void unknownFieldsAreRejected()
    {
        const JsonBody parsed(body(R"({"amount": 1, "amuont": 2})"));
        parsed.rejectUnknownFields({"amount", "amuont"}); // both known: fine
        const ApiError error = errorOf([&] { parsed.rejectUnknownFields({"amount", "reference"}); });
        QCOMPARE(error.status(), 422);
        QCOMPARE(error.code(), QStringLiteral("unknown_field"));
        QCOMPARE(error.details().value("field").toString(), QStringLiteral("amuont"));
        // An endpoint without a body accepts only {}.
        const ApiError none = errorOf([] { JsonBody(body(R"({"x": null})")).rejectUnknownFields({}); });
        QCOMPARE(none.code(), QStringLiteral("unknown_field"));
        // A very long unknown name is cut in the message, not echoed whole.
        const QByteArray longName(5000, 'k');
        const ApiError cut =
            errorOf([&] { JsonBody("{\"" + longName + "\": 1}").rejectUnknownFields({"amount"}); });
        QCOMPARE(cut.details().value("field").toString().size(), 64);
    }

    // ---- JsonBody: integers --------------------------------------------------------------------

    void integersAreExact_data()
    {
        QTest::addColumn<QByteArray>("literal");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("negative zero") << QByteArray("-0") << qint64(0);
        QTest::newRow("one") << QByteArray("1") << qint64(1);
        QTest::newRow("2^53+1") << QByteArray("9007199254740993") << qint64(9007199254740993LL);
        QTest::newRow("10^15") << QByteArray("1000000000000000") << qint64(1000000000000000LL);
        QTest::newRow("int64 max") << QByteArray("9223372036854775807") << std::numeric_limits<qint64>::max();
        QTest::newRow("int64 max - 1") << QByteArray("9223372036854775806") << qint64(9223372036854775806LL);
        QTest::newRow("int64 min") << QByteArray("-9223372036854775808")
                                   << std::numeric_limits<qint64>::min();
    }
    void integersAreExact()
    {
        QFETCH(QByteArray, literal);
        QFETCH(qint64, expected);
        const JsonBody parsed("{\"n\": " + literal + "}");
        constexpr qint64 lowest = std::numeric_limits<qint64>::min();
        constexpr qint64 highest = std::numeric_limits<qint64>::max();
        QCOMPARE(parsed.requiredInteger("n", lowest, highest), expected);
        QCOMPARE(parsed.optionalInteger("n", lowest, highest), std::optional<qint64>(expected));
    }

    void nonIntegersAreRejected_data()
    {
        QTest::addColumn<QByteArray>("literal");
        QTest::newRow("fraction") << QByteArray("1.5");
        QTest::newRow("integral fraction") << QByteArray("1.0");
        QTest::newRow("exponent") << QByteArray("1e3");
        QTest::newRow("capital exponent") << QByteArray("1E3");
        QTest::newRow("negative exponent") << QByteArray("1000e-3");
        QTest::newRow("fraction that rounds to 10^15") << QByteArray("999999999999999.99999");
        QTest::newRow("fraction that rounds to 1") << QByteArray("1.00000000000000001");
        QTest::newRow("2^63") << QByteArray("9223372036854775808");
        QTest::newRow("-2^63-1") << QByteArray("-9223372036854775809");
        QTest::newRow("2^64") << QByteArray("18446744073709551616");
        QTest::newRow("huge") << QByteArray("123456789012345678901234567890");
        QTest::newRow("string") << QByteArray("\"100\"");
        QTest::newRow("true") << QByteArray("true");
        QTest::newRow("false") << QByteArray("false");
        QTest::newRow("array") << QByteArray("[100]");
        QTest::newRow("object") << QByteArray("{\"value\": 100}");
    }
    void nonIntegersAreRejected()
    {
        QFETCH(QByteArray, literal);
        const JsonBody parsed("{\"n\": " + literal + ", \"m\": 7}");
        constexpr qint64 lowest = std::numeric_limits<qint64>::min();
        constexpr qint64 highest = std::numeric_limits<qint64>::max();
        const ApiError error = errorOf([&] { parsed.requiredInteger("n", lowest, highest); });
        QCOMPARE(error.status(), 422);
        QCOMPARE(error.code(), QStringLiteral("validation_failed"));
        QCOMPARE(error.details().value("field").toString(), QStringLiteral("n"));
        QCOMPARE(errorOf([&] { parsed.optionalInteger("n", lowest, highest); }).status(), 422);
        // The neighbour written as an integer is still read.
        QCOMPARE(parsed.requiredInteger("m", 0, 10), 7);
    }

    void nonIntegerNumbersInNestedValuesDoNotLeak()
    {
        // A fraction inside a nested value or a string does not taint a top-level integer of that name.
        const JsonBody parsed(body(R"({"x": {"n": 1.5}, "y": "n: 2.5e3", "z": [1.5, {"n": 2e2}], "n": 12})"));
        QCOMPARE(parsed.requiredInteger("n", 0, 100), 12);
        // Escaped names are compared decoded.
        const JsonBody escaped(body(R"({"\u006e": 2.0})"));
        QCOMPARE(errorOf([&] { escaped.requiredInteger("n", 0, 100); }).status(), 422);
    }

    void integerRangesAreEnforced()
    {
        const JsonBody parsed(
            body(R"({"zero": 0, "negative": -5, "over": 1000000000000001, "max": 1000000000000000})"));
        QCOMPARE(errorOf([&] { parsed.requiredAmount("zero"); }).status(), 422);
        QCOMPARE(errorOf([&] { parsed.requiredAmount("negative"); }).status(), 422);
        QCOMPARE(errorOf([&] { parsed.requiredAmount("over"); }).status(), 422);
        QCOMPARE(parsed.requiredAmount("max"), kMaxAmount);
        QCOMPARE(parsed.requiredInteger("zero", 0, 0), 0);
        QCOMPARE(errorOf([&] { parsed.optionalId("zero"); }).status(), 422);
        QCOMPARE(errorOf([&] { parsed.optionalId("negative"); }).status(), 422);
        QCOMPARE(parsed.optionalId("max"), std::optional<qint64>(kMaxAmount));
    }

    void missingAndNullIntegers()
    {
        const JsonBody parsed(body(R"({"nothing": null})"));
        QCOMPARE(parsed.optionalInteger("nothing", 0, 10), std::nullopt);
        QCOMPARE(parsed.optionalInteger("absent", 0, 10), std::nullopt);
        QCOMPARE(parsed.optionalId("absent"), std::nullopt);
        const ApiError error = errorOf([&] { parsed.requiredAmount("nothing"); });
        QCOMPARE(error.status(), 422);
        QCOMPARE(error.details().value("field").toString(), QStringLiteral("nothing"));
        QCOMPARE(errorOf([&] { parsed.requiredAmount("absent"); }).status(), 422);
    }

    // ---- JsonBody: strings ---------------------------------------------------------------------

    void cleanStringsAreAccepted()
    {
        const JsonBody parsed(
            body("{\"name\": \"  Acme GmbH  \", \"emoji\": \"team \\ud83d\\ude80\", \"quote\": \"O'Brien; "
                 "DROP TABLE x;--\", "
                 "\"accents\": \"Zo\\u00eb M\\u00fcller\", \"rtl\": \"\\u05e9\\u05dc\\u05d5\\u05dd\"}"));
        QCOMPARE(parsed.requiredString("name"), QStringLiteral("Acme GmbH")); // trimmed
        QCOMPARE(parsed.requiredString("emoji"), QString::fromUtf8("team \xF0\x9F\x9A\x80"));
        QCOMPARE(parsed.requiredString("quote"), QStringLiteral("O'Brien; DROP TABLE x;--"));
        QCOMPARE(parsed.requiredString("accents"), QString::fromUtf8("Zo\xC3\xAB M\xC3\xBCller"));
        QCOMPARE(parsed.optionalString("rtl")->size(), 4);
        QCOMPARE(parsed.optionalString("absent"), std::nullopt);
    }

    void dirtyStringsAreRejected_data()
    {
        QTest::addColumn<QByteArray>("literal");
        QTest::newRow("NUL") << QByteArray(R"("a\u0000b")");
        QTest::newRow("bell") << QByteArray(R"("a\u0007b")");
        QTest::newRow("inner newline") << QByteArray(R"("a\nb")");
        QTest::newRow("inner tab") << QByteArray(R"("a\tb")");
        QTest::newRow("escape") << QByteArray("\"a\\u001b[31mb\"");
        QTest::newRow("DEL") << QByteArray(R"("a\u007fb")");
        QTest::newRow("C1 control") << QByteArray(R"("a\u0085b")");
        QTest::newRow("RTL override") << QByteArray(R"("invoice\u202etxt.exe")");
        QTest::newRow("LTR override") << QByteArray(R"("a\u202db")");
        QTest::newRow("BOM") << QByteArray(R"("\ufeffname")");
        QTest::newRow("lone high surrogate") << QByteArray(R"("a\ud800b")");
        QTest::newRow("lone high surrogate at end") << QByteArray(R"("ab\ud800")");
        QTest::newRow("lone low surrogate") << QByteArray(R"("a\udc00b")");
        QTest::newRow("reversed pair") << QByteArray(R"("\ude80\ud83d")");
        QTest::newRow("unassigned code point") << QByteArray(R"("a\u0378b")");
        QTest::newRow("too long") << (QByteArray("\x22") + QByteArray(201, 'x') + QByteArray("\x22"));
        QTest::newRow("number") << QByteArray("12");
        QTest::newRow("true") << QByteArray("true");
        QTest::newRow("array") << QByteArray(R"(["a"])");
        QTest::newRow("object") << QByteArray(R"({"a": "b"})");
    }
    void dirtyStringsAreRejected()
    {
        QFETCH(QByteArray, literal);
        const JsonBody parsed("{\"s\": " + literal + "}");
        const ApiError error = errorOf([&] { parsed.optionalString("s"); });
        QCOMPARE(error.status(), 422);
        QCOMPARE(error.code(), QStringLiteral("validation_failed"));
        QCOMPARE(error.details().value("field").toString(), QStringLiteral("s"));
        QCOMPARE(errorOf([&] { parsed.requiredString("s"); }).status(), 422);
    }

    void requiredStringsMustNotBeBlank()
    {
        const JsonBody parsed(body(R"({"empty": "", "blank": "   ", "null": null, "limit": "12345"})"));
        QCOMPARE(errorOf([&] { parsed.requiredString("empty"); }).status(), 422);
        QCOMPARE(errorOf([&] { parsed.requiredString("blank"); }).status(), 422);
        QCOMPARE(errorOf([&] { parsed.requiredString("null"); }).status(), 422);
        QCOMPARE(errorOf([&] { parsed.requiredString("absent"); }).status(), 422);
        QCOMPARE(parsed.optionalString("empty"), std::optional<QString>(QString()));
        QCOMPARE(parsed.requiredString("limit", 5), QStringLiteral("12345"));
        QCOMPARE(errorOf([&] { parsed.requiredString("limit", 4); }).status(), 422);
    }

    void stringArrays()
    {
        const JsonBody parsed(body(R"({"ok": ["a", "b"], "empty": [], "mixed": ["a", 1], "dirty": ["a\u0000"],
                                     "long": ["abcdef"], "many": ["1","2","3","4"], "notArray": "a"})"));
        QCOMPARE(parsed.requiredStringArray("ok", 3, 5), QStringList({"a", "b"}));
        QCOMPARE(parsed.requiredStringArray("empty", 3, 5), QStringList());
        QCOMPARE(errorOf([&] { parsed.requiredStringArray("mixed", 3, 5); }).status(), 422);
        QCOMPARE(errorOf([&] { parsed.requiredStringArray("dirty", 3, 5); }).status(), 422);
        QCOMPARE(errorOf([&] { parsed.requiredStringArray("long", 3, 5); }).status(), 422);
        QCOMPARE(errorOf([&] { parsed.requiredStringArray("many", 3, 5); }).status(), 422);
        QCOMPARE(errorOf([&] { parsed.requiredStringArray("notArray", 3, 5); }).status(), 422);
        QCOMPARE(errorOf([&] { parsed.requiredStringArray("absent", 3, 5); }).status(), 422);
    }

    void timestampFields()
    {
        const JsonBody parsed(
            body(R"({"at": "2024-05-01T12:00:00Z", "bad": "2024-05-01", "number": 1714564800})"));
        QCOMPARE(parsed.optionalTimestamp("at"), std::optional<qint64>(1714564800000LL));
        QCOMPARE(parsed.optionalTimestamp("absent"), std::nullopt);
        QCOMPARE(errorOf([&] { parsed.optionalTimestamp("bad"); }).status(), 422);
        QCOMPARE(errorOf([&] { parsed.optionalTimestamp("number"); }).status(), 422);
    }

    // ---- timestamps ----------------------------------------------------------------------------

    void rfc3339Accepted_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("epochMs");
        QTest::newRow("Z") << "2024-05-01T12:00:00Z" << qint64(1714564800000LL);
        QTest::newRow("lower case") << "2024-05-01t12:00:00z" << qint64(1714564800000LL);
        QTest::newRow("milliseconds") << "2024-05-01T12:00:00.123Z" << qint64(1714564800123LL);
        QTest::newRow("one digit fraction") << "2024-05-01T12:00:00.5Z" << qint64(1714564800500LL);
        QTest::newRow("microseconds") << "2024-05-01T12:00:00.123456Z" << qint64(1714564800123LL);
        QTest::newRow("nanoseconds") << "2024-05-01T12:00:00.123456789Z" << qint64(1714564800123LL);
        QTest::newRow("positive offset") << "2024-05-01T14:00:00+02:00" << qint64(1714564800000LL);
        QTest::newRow("negative offset") << "2024-05-01T07:30:00-04:30" << qint64(1714564800000LL);
        QTest::newRow("zero offset") << "2024-05-01T12:00:00+00:00" << qint64(1714564800000LL);
        QTest::newRow("epoch") << "1970-01-01T00:00:00Z" << qint64(0);
        QTest::newRow("before epoch") << "1969-12-31T23:59:59Z" << qint64(-1000);
        QTest::newRow("leap day") << "2024-02-29T00:00:00Z" << qint64(1709164800000LL);
        QTest::newRow("end of 9999") << "9999-12-31T23:59:59.999Z" << qint64(253402300799999LL);
    }
    void rfc3339Accepted()
    {
        QFETCH(QString, text);
        QFETCH(qint64, epochMs);
        QCOMPARE(parseTimestamp(text), std::optional<qint64>(epochMs));
        // What we write we read back.
        QCOMPARE(parseTimestamp(formatTimestamp(epochMs)), std::optional<qint64>(epochMs));
    }

    void otherFormatsRejected_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("date only") << "2024-05-01";
        QTest::newRow("no offset") << "2024-05-01T12:00:00";
        QTest::newRow("space separator") << "2024-05-01 12:00:00Z";
        QTest::newRow("no seconds") << "2024-05-01T12:00Z";
        QTest::newRow("compact offset") << "2024-05-01T12:00:00+0200";
        QTest::newRow("hour offset") << "2024-05-01T12:00:00+02";
        QTest::newRow("basic format") << "20240501T120000Z";
        QTest::newRow("epoch seconds") << "1714564800";
        QTest::newRow("RFC 2822") << "Wed, 01 May 2024 12:00:00 GMT";
        QTest::newRow("month 13") << "2024-13-01T00:00:00Z";
        QTest::newRow("day 32") << "2024-01-32T00:00:00Z";
        QTest::newRow("February 30") << "2024-02-30T00:00:00Z";
        QTest::newRow("not a leap year") << "2023-02-29T00:00:00Z";
        QTest::newRow("hour 24") << "2024-05-01T24:00:00Z";
        QTest::newRow("hour 25") << "2024-05-01T25:00:00Z";
        QTest::newRow("minute 60") << "2024-05-01T12:60:00Z";
        QTest::newRow("offset hour 24") << "2024-05-01T12:00:00+24:00";
        QTest::newRow("offset minute 60") << "2024-05-01T12:00:00+02:60";
        QTest::newRow("ten fraction digits") << "2024-05-01T12:00:00.1234567891Z";
        QTest::newRow("empty fraction") << "2024-05-01T12:00:00.Z";
        QTest::newRow("year 0") << "0000-01-01T00:00:00Z";
        QTest::newRow("beyond year 9999 in UTC") << "9999-12-31T23:59:59-01:00";
        QTest::newRow("five digit year") << "10000-01-01T00:00:00Z";
        QTest::newRow("negative year") << "-2024-05-01T12:00:00Z";
        QTest::newRow("leading space") << " 2024-05-01T12:00:00Z";
        QTest::newRow("trailing newline") << "2024-05-01T12:00:00Z\n";
        QTest::newRow("Arabic-Indic digits")
            << QString::fromUtf8("\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa4-05-01T12:00:00Z");
        QTest::newRow("fullwidth digits")
            << QString::fromUtf8("\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x94-05-01T12:00:00Z");
    }
    void otherFormatsRejected()
    {
        QFETCH(QString, text);
        QCOMPARE(parseTimestamp(text), std::nullopt);
    }

    // ---- path ids and query integers -----------------------------------------------------------

    void pathIds_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("expected"); // 0: 404
        QTest::newRow("one") << "1" << qint64(1);
        QTest::newRow("max") << "9223372036854775807" << std::numeric_limits<qint64>::max();
        QTest::newRow("zero") << "0" << qint64(0);
        QTest::newRow("negative") << "-1" << qint64(0);
        QTest::newRow("plus") << "+1" << qint64(0);
        QTest::newRow("leading zero") << "01" << qint64(0);
        QTest::newRow("overflow") << "9223372036854775808" << qint64(0);
        QTest::newRow("letters") << "abc" << qint64(0);
        QTest::newRow("hex") << "0x10" << qint64(0);
        QTest::newRow("space") << " 1" << qint64(0);
        QTest::newRow("empty") << "" << qint64(0);
        QTest::newRow("fraction") << "1.0" << qint64(0);
    }
    void pathIds()
    {
        QFETCH(QString, text);
        QFETCH(qint64, expected);
        if (expected > 0) {
            QCOMPARE(parsePathId(text, QStringLiteral("Thing")), expected);
            return;
        }
        const ApiError error = errorOf([&] { parsePathId(text, QStringLiteral("Thing")); });
        QCOMPARE(error.status(), 404);
        QCOMPARE(error.code(), QStringLiteral("not_found"));
    }

    void queryIntegers()
    {
        ApiRequest request;
        request.query.insert(QStringLiteral("limit"), QStringLiteral("50"));
        request.query.insert(QStringLiteral("zero"), QStringLiteral("0"));
        request.query.insert(QStringLiteral("text"), QStringLiteral("abc"));
        request.query.insert(QStringLiteral("plus"), QStringLiteral("+5"));
        request.query.insert(QStringLiteral("empty"), QString());
        request.query.insert(QStringLiteral("huge"), QStringLiteral("99999999999999999999"));
        request.query.insert(QStringLiteral("negative"), QStringLiteral("-1"));
        QCOMPARE(parseQueryInteger(request, QStringLiteral("limit"), 1, 1000), std::optional<qint64>(50));
        QCOMPARE(parseQueryInteger(request, QStringLiteral("absent"), 1, 1000), std::nullopt);
        for (const char* name : {"zero", "text", "plus", "empty", "huge", "negative"}) {
            const ApiError error =
                errorOf([&] { parseQueryInteger(request, QString::fromLatin1(name), 1, 1000); });
            QCOMPARE(error.status(), 422);
            QCOMPARE(error.code(), QStringLiteral("validation_failed"));
            QCOMPARE(error.details().value("field").toString(), QString::fromLatin1(name));
        }
        QCOMPARE(parseQueryInteger(request, QStringLiteral("negative"), -5, 5), std::optional<qint64>(-1));
    }

    // ---- Router -------------------------------------------------------------------------------

    void router()
    {
        Router router;
        QString called;
        auto handler = [&called](const char* name) {
            return [&called, name](const ApiRequest&, Responder) { called = QString::fromLatin1(name); };
        };
        router.add("GET", QStringLiteral("/api/v1/organizations"), QStringLiteral("public"), handler("list"));
        router.add("POST", QStringLiteral("/api/v1/organizations"), QStringLiteral("public"),
                   handler("create"));
        router.add("GET", QStringLiteral("/api/v1/organizations/{id}"), QStringLiteral("public"),
                   handler("get"));
        router.add("PATCH", QStringLiteral("/api/v1/organizations/{id}/members/{user_id}"),
                   QStringLiteral("public"), handler("change"));
        router.add("DELETE", QStringLiteral("/api/v1/organizations/{id}/members/{user_id}"),
                   QStringLiteral("public"), handler("remove"));
        router.add("GET", QStringLiteral("/api/v1/credits/reservations/{id}"), QStringLiteral("public"),
                   handler("reservation"));
        router.add("POST", QStringLiteral("/api/v1/credits/reservations/{id}/settle"),
                   QStringLiteral("public"), handler("settle"));

        const auto call = [&](const Router::Match& match) {
            called.clear();
            if (match.handler)
                (*match.handler)(ApiRequest{}, [](ApiResponse) {});
            return called;
        };

        Router::Match match = router.match("GET", QStringLiteral("/api/v1/organizations"));
        QCOMPARE(call(match), QStringLiteral("list"));
        QVERIFY(match.params.isEmpty());
        QCOMPARE(call(router.match("POST", QStringLiteral("/api/v1/organizations"))),
                 QStringLiteral("create"));

        match = router.match("PATCH", QStringLiteral("/api/v1/organizations/12/members/34"));
        QCOMPARE(call(match), QStringLiteral("change"));
        QCOMPARE(match.params, QStringList({"12", "34"}));
        match = router.match("DELETE", QStringLiteral("/api/v1/organizations/12/members/34"));
        QCOMPARE(call(match), QStringLiteral("remove"));

        // Parameters are captured as text; the handler decides what a valid id is.
        match = router.match("GET", QStringLiteral("/api/v1/credits/reservations/abc"));
        QCOMPARE(call(match), QStringLiteral("reservation"));
        QCOMPARE(match.params, QStringList({"abc"}));
        match = router.match("POST", QStringLiteral("/api/v1/credits/reservations/-1/settle"));
        QCOMPARE(call(match), QStringLiteral("settle"));
        QCOMPARE(match.params, QStringList({"-1"}));

        // The path exists with other methods: 405 with every method, each once, in registration order.
        match = router.match("PUT", QStringLiteral("/api/v1/organizations"));
        QVERIFY(!match.handler);
        QCOMPARE(match.allow, QByteArray("GET, POST"));
        match = router.match("GET", QStringLiteral("/api/v1/organizations/1/members/2"));
        QVERIFY(!match.handler);
        QCOMPARE(match.allow, QByteArray("PATCH, DELETE"));
        match = router.match("GET", QStringLiteral("/api/v1/credits/reservations/7/settle"));
        QCOMPARE(match.allow, QByteArray("POST"));
        // Methods are case-sensitive (RFC 9110).
        match = router.match("get", QStringLiteral("/api/v1/organizations"));
        QVERIFY(!match.handler);
        QCOMPARE(match.allow, QByteArray("GET, POST"));

        // Nowhere: 404 (no handler, no Allow).
        for (const char* path :
             {"/", "", "/api/v1", "/api/v1/organizations/1/members", "/api/v1/organizations/1/2/3/4",
              "/api/v1//organizations", "//api/v1/organizations", "/api/v1/organizations//members/2",
              "/API/V1/ORGANIZATIONS", "/api/v1/credits/reservations/1/settle/extra"}) {
            match = router.match("GET", QString::fromLatin1(path));
            QVERIFY2(!match.handler, path);
            QVERIFY2(match.allow.isEmpty(), path);
        }
        QCOMPARE(router.routes().size(), 7);
        QVERIFY(
            router.routes().contains(QStringLiteral("PATCH /api/v1/organizations/{id}/members/{user_id}")));
    }

    // ---- passwords ----------------------------------------------------------------------------

    void passwordHashes()
    {
        const crypto::ScryptCost cheap{10, 8, 1};
        const QString password = QString::fromUtf8("correct horse battery staple \xC3\xA9\xF0\x9F\x94\x91");
        const QByteArray hash = crypto::hashPassword(password, cheap);
        QVERIFY(hash.startsWith("scrypt$10$8$1$"));
        QCOMPARE(hash.split('$').size(), 6);
        QVERIFY(crypto::verifyPassword(password, hash));
        QVERIFY(!crypto::verifyPassword(password + QLatin1Char(' '), hash));
        QVERIFY(!crypto::verifyPassword(QStringLiteral("correct horse battery staple"), hash));
        QVERIFY(!crypto::verifyPassword(QString(), hash));
        // Salted: the same password hashes differently each time, and both verify.
        const QByteArray again = crypto::hashPassword(password, cheap);
        QVERIFY(again != hash);
        QVERIFY(crypto::verifyPassword(password, again));
        // The default cost (what the server stores) round-trips too.
        const QByteArray stored = crypto::hashPassword(QStringLiteral("password-admin@example.com"));
        QVERIFY(stored.startsWith("scrypt$15$8$1$"));
        QVERIFY(crypto::verifyPassword(QStringLiteral("password-admin@example.com"), stored));
        QVERIFY(!crypto::verifyPassword(QStringLiteral("password-admin@example.co"), stored));

        // Malformed or tampered stored hashes never verify (and never throw).
        const QList<QByteArray> parts = hash.split('$');
        const auto with = [&](int index, const QByteArray& value) {
            QList<QByteArray> copy = parts;
            copy[index] = value;
            return copy.join('$');
        };
        for (const QByteArray& bad :
             {QByteArray(), QByteArray("plain"), QByteArray("scrypt$10$8$1$salt"), with(0, "bcrypt"),
              with(1, "x"), with(1, "0"), with(1, "21"), with(1, "64"), with(2, "0"), with(2, "33"),
              with(3, "0"), with(3, "17"), with(4, "AAAA"), with(5, "AAAA"), with(5, QByteArray()),
              hash + "$extra"})
            QVERIFY2(!crypto::verifyPassword(password, bad), bad.constData());
    }

    void tokens()
    {
        const QByteArray token = crypto::newToken("cdk_");
        QVERIFY(token.startsWith("cdk_"));
        QCOMPARE(token.size(), 4 + 43); // 256 bits, base64url without padding
        QVERIFY(token != crypto::newToken("cdk_"));
        QCOMPARE(crypto::sha256Hex("abc"),
                 QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QVERIFY(crypto::constantTimeEquals("abc", "abc"));
        QVERIFY(!crypto::constantTimeEquals("abc", "abd"));
        QVERIFY(!crypto::constantTimeEquals("abc", "abcd"));
    }

    // ---- permissions --------------------------------------------------------------------------

    void permissionTable_data()
    {
        QTest::addColumn<int>("roleValue");
        QTest::addColumn<QStringList>("expected");
        // No organization role creates credits: allocate and refund are the platform administrators'.
        // Every member reads the plan; owners and admins change it; owners alone ask for a verified
        // institution's discount; finance reads the charges. Owners and admins run seats, budgets and
        // custom roles, alert rules and webhooks; managers invite into and ask for budget for their own
        // department; finance reads the alerts.
        const QStringList management{
            "organization:read",   "members:manage", "departments:manage", "api_tokens:manage",
            "credits:read",        "credits:deduct", "audit:read",         "subscription:read",
            "subscription:manage", "charges:read",   "seats:manage",       "budgets:manage",
            "budgets:read",        "roles:manage",   "alerts:read",        "alerts:manage",
            "webhooks:manage",     "invoices:read",  "billing:manage",     "credits:purchase"};
        QTest::newRow("owner") << int(Role::Owner) << management + QStringList{"verification:request"};
        QTest::newRow("admin") << int(Role::Admin) << management;
        QTest::newRow("manager") << int(Role::Manager)
                                 << QStringList{"organization:read", "credits:read_department",
                                                "subscription:read", "members:invite_department",
                                                "budgets:request"};
        QTest::newRow("finance") << int(Role::Finance)
                                 << QStringList{"organization:read", "credits:read",  "audit:read",
                                                "subscription:read", "charges:read",  "budgets:read",
                                                "alerts:read",       "invoices:read", "billing:manage"};
        QTest::newRow("member") << int(Role::Member)
                                << QStringList{"organization:read", "credits:read_own", "subscription:read"};
    }
    void permissionTable()
    {
        QFETCH(int, roleValue);
        const Role role = static_cast<Role>(roleValue);
        QFETCH(QStringList, expected);
        QStringList actual = permissionsOf(role);
        actual.sort();
        expected.sort();
        QCOMPARE(actual, expected);
        // roleHas agrees with the list, permission by permission.
        const std::pair<Permission, const char*> all[] = {
            {Permission::ReadOrganization, "organization:read"},
            {Permission::ManageMembers, "members:manage"},
            {Permission::ManageDepartments, "departments:manage"},
            {Permission::ManageApiTokens, "api_tokens:manage"},
            {Permission::ReadAllCredits, "credits:read"},
            {Permission::ReadDepartmentCredits, "credits:read_department"},
            {Permission::ReadOwnCredits, "credits:read_own"},
            {Permission::AllocateCredits, "credits:allocate"},
            {Permission::RefundCredits, "credits:refund"},
            {Permission::DeductCredits, "credits:deduct"},
            {Permission::ManageBillingTerms, "billing_terms:manage"},
            {Permission::ReadAudit, "audit:read"},
        };
        for (const auto& [permission, name] : all)
            QVERIFY2(roleHas(role, permission) == expected.contains(QString::fromLatin1(name)), name);
        QCOMPARE(roleFromString(roleToString(role)), std::optional<Role>(role));
    }

    void rolesAndScopes()
    {
        for (const char* bad : {"", "Owner", "OWNER", "owner ", "root", "platform_admin"})
            QCOMPARE(roleFromString(QString::fromLatin1(bad)), std::nullopt);
        QVERIFY(isKnownScope(QStringLiteral("credits:read")));
        QVERIFY(isKnownScope(QStringLiteral("credits:deduct")));
        QVERIFY(isKnownScope(QStringLiteral("metering:write")));
        for (const char* bad :
             {"", "credits:*", "credits:allocate", "admin", "Credits:Read", "credits:read "})
            QVERIFY2(!isKnownScope(QString::fromLatin1(bad)), bad);
        QVERIFY(scopeGrants(QStringLiteral("credits:deduct"), Permission::DeductCredits));
        QVERIFY(!scopeGrants(QStringLiteral("credits:deduct"), Permission::ReadAllCredits));
        QVERIFY(!scopeGrants(QStringLiteral("credits:deduct"), Permission::AllocateCredits));
        QVERIFY(scopeGrants(QStringLiteral("credits:read"), Permission::ReadAllCredits));
        QVERIFY(scopeGrants(QStringLiteral("credits:read"), Permission::ReadOrganization));
        QVERIFY(!scopeGrants(QStringLiteral("credits:read"), Permission::DeductCredits));
        for (Permission permission : {Permission::ManageMembers, Permission::ManageApiTokens,
                                      Permission::AllocateCredits, Permission::RefundCredits})
            QVERIFY(!scopeGrants(QStringLiteral("metering:write"), permission));
    }

    // ---- sign-in throttle ---------------------------------------------------------------------

    void loginThrottle()
    {
        constexpr qint64 window = 15 * 60 * 1000;
        LoginThrottle throttle(5, window);
        const QString email = QStringLiteral("victim@example.com");
        const QString address = QStringLiteral("203.0.113.7");
        const qint64 t0 = 1'700'000'000'000;
        // Five attempts go ahead (each counted as a failure at once: they all fail here).
        for (int i = 0; i < 5; ++i)
            QCOMPARE(throttle.beginAttempt(email, address, t0 + i * 1000), std::nullopt);
        // The sixth is refused for the rest of the window that started with the first attempt.
        QCOMPARE(throttle.beginAttempt(email, address, t0 + 5000), std::optional<qint64>(window / 1000 - 5));
        QCOMPARE(throttle.beginAttempt(email, QStringLiteral("198.51.100.1"), t0 + 5000),
                 std::optional<qint64>(window / 1000 - 5)); // another address does not help
        QCOMPARE(throttle.beginAttempt(email, address, t0 + window - 1), std::optional<qint64>(1));
        // Another e-mail from the same address is still allowed (the address has more room).
        QCOMPARE(throttle.beginAttempt(QStringLiteral("other@example.com"), address, t0 + 5000),
                 std::nullopt);
        // The window passes: allowed again, and a new window starts with this attempt.
        QCOMPARE(throttle.beginAttempt(email, address, t0 + window), std::nullopt);
        QCOMPARE(throttle.beginAttempt(email, address, t0 + window + 1), std::nullopt);

        // A success forgets the e-mail's failures.
        LoginThrottle reset(5, window);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(reset.beginAttempt(email, address, t0), std::nullopt);
        QCOMPARE(reset.beginAttempt(email, address, t0), std::nullopt);
        reset.recordSuccess(email, address, t0);
        QCOMPARE(reset.beginAttempt(email, QStringLiteral("198.51.100.2"), t0), std::nullopt);
    }

    void loginThrottleCountsParallelGuesses()
    {
        // Guesses that are all still being checked count already: the sixth of a parallel burst is refused
        // before any of the first five has failed.
        LoginThrottle throttle(5, 60 * 1000);
        const QString email = QStringLiteral("victim@example.com");
        const qint64 t0 = 1'700'000'000'000;
        int allowed = 0;
        for (int i = 0; i < 50; ++i)
            if (!throttle.beginAttempt(email, QStringLiteral("203.0.113.%1").arg(i), t0))
                ++allowed;
        QCOMPARE(allowed, 5);
    }

    void loginThrottleByAddress()
    {
        constexpr qint64 window = 60 * 1000;
        LoginThrottle throttle(5, window);
        const QString address = QStringLiteral("203.0.113.9");
        const qint64 t0 = 1'700'000'000'000;
        // Successful sign-ins from one address (an office behind NAT) take their count back.
        for (int i = 0; i < 40; ++i) {
            const QString email = QStringLiteral("colleague%1@example.com").arg(i);
            QCOMPARE(throttle.beginAttempt(email, address, t0), std::nullopt);
            throttle.recordSuccess(email, address, t0);
        }
        // One address spraying many e-mails: 4 × 5 = 20 failures are allowed, then it waits.
        for (int i = 0; i < 20; ++i)
            QCOMPARE(throttle.beginAttempt(QStringLiteral("user%1@example.com").arg(i), address, t0),
                     std::nullopt);
        QCOMPARE(throttle.beginAttempt(QStringLiteral("fresh@example.com"), address, t0 + 1000),
                 std::optional<qint64>(59));
        QCOMPARE(throttle.beginAttempt(QStringLiteral("fresh@example.com"), QStringLiteral("203.0.113.10"),
                                       t0 + 1000),
                 std::nullopt);
        QCOMPARE(throttle.beginAttempt(QStringLiteral("fresh@example.com"), address, t0 + window),
                 std::nullopt);
    }

    // JsonWriter writes hot answers without QJson; what it writes must parse back to the same values,
    // whatever the strings hold (quotes, backslashes, control characters, non-ASCII, long runs).
    void jsonWriterRoundTrips()
    {
        const QStringList texts{QString(),
                                QStringLiteral("plain"),
                                QStringLiteral("quote \" and backslash \\ and slash /"),
                                QStringLiteral("line\nfeed\rreturn\ttab"),
                                QString(QChar(0x01)) + QStringLiteral("x") + QString(QChar(0x1f)),
                                QStringLiteral("Grüße, 東京, 🙂"),
                                QString(5000, QLatin1Char('a')) + QStringLiteral("\"") +
                                    QString(5000, QLatin1Char('b'))};
        JsonWriter out;
        out.beginObject().key("items").beginArray();
        for (const QString& text : texts)
            out.beginObject()
                .field("text", text)
                .field("n", qint64(-9'223'372'036'854'775'807 - 1))
                .field("none", std::optional<qint64>())
                .endObject();
        out.endArray().field("max", std::numeric_limits<qint64>::max()).field("yes", true).endObject();
        QJsonParseError error{};
        const QJsonObject parsed = QJsonDocument::fromJson(out.bytes(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray items = parsed.value("items").toArray();
        QCOMPARE(items.size(), texts.size());
        for (qsizetype i = 0; i < texts.size(); ++i) {
            QCOMPARE(items[i].toObject().value("text").toString(), texts[i]);
            QCOMPARE(items[i].toObject().value("n").toInteger(), std::numeric_limits<qint64>::min());
            QVERIFY(items[i].toObject().value("none").isNull());
        }
        QVERIFY(out.bytes().contains("\"max\":9223372036854775807,"));
        QCOMPARE(parsed.value("yes").toBool(), true);
        QVERIFY(out.bytes().contains("\\u0001x\\u001f"));
    }

    // formatTimestamp writes the date itself (no QDateTime); it must agree with Qt's ISO format
    // everywhere: epoch, leap days, centuries, the last representable millisecond.
    void formatTimestampMatchesQt()
    {
        const qint64 samples[] = {0,
                                  1,
                                  999,
                                  86'399'999,
                                  951'782'400'000 /* 2000-02-29 */,
                                  4'107'542'399'999,
                                  1'700'000'000'123,
                                  253'402'300'799'999};
        for (const qint64 ms : samples)
            QCOMPARE(creditdesk::server::formatTimestamp(ms),
                     QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs));
        quint64 state = 88172645463325252ULL;
        for (int i = 0; i < 20000; ++i) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            const qint64 ms = static_cast<qint64>(state % 253'402'300'800'000ULL);
            QCOMPARE(creditdesk::server::formatTimestamp(ms),
                     QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs));
        }
    }
};

QTEST_GUILESS_MAIN(TestParsing)
#include "tst_parsing.moc"
