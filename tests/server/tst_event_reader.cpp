// The metering body reader (server/metering/EventReader.cpp) without a server: exact results and errors
// for valid and invalid event bodies on both paths (/track's parseUsageEventBody and the batch's
// parseUsageBatch), agreement with QJsonDocument on what is JSON, on string values and on the compact
// metadata text, and fingerprints pinned to the values of the QCryptographicHash implementation they
// replaced (they are stored, and compared when an event id is replayed).
#include "metering/UsageEvent.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace creditdesk::server;

namespace {

const QByteArray kBase = R"("occurred_at":"2026-11-21T08:00:00Z","organization_id":7,"kind":"chat")";

QByteArray eventText(const QByteArray& members)
{
    return "{\"id\":\"e-1\"," + kBase + (members.isEmpty() ? "" : "," + members) + "}";
}

QString describe(const ApiError& error)
{
    QString text = QString::number(error.status()) + QLatin1Char(' ') + error.code();
    if (error.details().contains(QStringLiteral("field")))
        text += QLatin1Char(' ') + error.details().value(QStringLiteral("field")).toString();
    return text + QStringLiteral(": ") + error.message();
}

QString describe(const UsageEvent& e)
{
    const auto optional = [](const std::optional<qint64>& v) {
        return v ? QString::number(*v) : QStringLiteral("-");
    };
    return QStringLiteral("ok %1 at=%2 org=%3 user=%4 member=%5 key=%6 kind=%7 provider=%8 model=%9")
               .arg(e.id)
               .arg(e.occurredAt)
               .arg(optional(e.organizationId), optional(e.userId), optional(e.memberId), e.apiKeyId,
                    usageKindName(e.kind), e.provider, e.model) +
           QStringLiteral(
               " in=%1 out=%2 ms=%3 units=%4 exec=%5 task=%6 failed=%7 byok=%8 reservation=%9 metadata=")
               .arg(e.tokensInput)
               .arg(e.tokensOutput)
               .arg(e.computeMs)
               .arg(e.units)
               .arg(e.executionId, e.taskType)
               .arg(e.failed)
               .arg(e.byok)
               .arg(optional(e.reservationId)) +
           QString::fromUtf8(e.metadata);
}

QString track(const QByteArray& body)
{
    try {
        return describe(parseUsageEventBody(body));
    } catch (const ApiError& error) {
        return describe(error);
    }
}

QString batch(const QByteArray& body)
{
    try {
        QStringList lines;
        for (const ParsedEvent& parsed : parseUsageBatch(body)) {
            const auto* ok = std::get_if<UsageEvent>(&parsed.event);
            lines << QStringLiteral("[%1] ").arg(parsed.id) +
                         (ok ? describe(*ok) : describe(std::get<ApiError>(parsed.event)));
        }
        return lines.join(QStringLiteral(" | "));
    } catch (const ApiError& error) {
        return describe(error);
    }
}

// True when QJsonDocument reads the text as JSON.
bool qtReads(const QByteArray& body)
{
    QJsonParseError error{};
    QJsonDocument::fromJson(body, &error);
    return error.error == QJsonParseError::NoError;
}

bool readerReads(const QByteArray& body)
{
    try {
        parseUsageBatch(body);
    } catch (const ApiError& error) {
        return error.code() != QLatin1String("malformed_json");
    }
    return true;
}

} // namespace

class TestEventReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fingerprintsAreStable()
    {
        // Values computed by the QCryptographicHash implementation this one replaced (same canonical bytes).
        UsageEvent minimal;
        minimal.id = QStringLiteral("e-1");
        minimal.occurredAt = 1795248000000;
        minimal.organizationId = 7;
        QCOMPARE(minimal.fingerprint(), 1262365945525612643);

        UsageEvent full;
        full.id = QStringLiteral("batch-42");
        full.occurredAt = 1795248001123;
        full.organizationId = 12;
        full.memberId = 3;
        full.apiKeyId = QStringLiteral("gw-1");
        full.kind = UsageKind::Agent;
        full.provider = QStringLiteral("openai");
        full.model = QStringLiteral("gpt-4o");
        full.tokensInput = 1000;
        full.tokensOutput = 500;
        full.computeMs = 1200;
        full.units = 3;
        full.executionId = QStringLiteral("x-9");
        full.taskType = QStringLiteral("chat");
        full.failed = true;
        full.byok = true;
        full.reservationId = 88;
        full.metadata = R"({"a":[1,{"b":null}],"z":"\u00e9"})";
        QCOMPARE(full.fingerprint(), 4330532861385674555);

        UsageEvent unicode;
        unicode.id = QStringLiteral("u-~");
        unicode.occurredAt = -1;
        unicode.userId = std::numeric_limits<qint64>::max();
        unicode.kind = UsageKind::Embedding;
        unicode.model = QString::fromUtf8("mod\xc3\xa8le-\xf0\x9f\x98\x80");
        unicode.taskType = QString::fromUtf8("\xd1\x82\xd0\xb5\xd1\x81\xd1\x82");
        unicode.units = 1000000000;
        unicode.metadata = "{\"k\":\"\xc3\xa9\"}";
        QCOMPARE(unicode.fingerprint(), 5231954279139898708);

        QCOMPARE(UsageEvent().fingerprint(), 2676371050929326520);
    }

    void eventsReadBothWays_data()
    {
        QTest::addColumn<QByteArray>("object");
        QTest::addColumn<QString>("expected");

        const QString ok = QStringLiteral(
            "ok e-1 at=1795248000000 org=7 user=- member=- key= kind=chat provider= model= in=0 "
            "out=0 ms=0 units=0 exec= task= failed=0 byok=0 reservation=- metadata=");
        const auto okWith = [&](const char* from, const QString& to) {
            return QString(ok).replace(QLatin1String(from), to);
        };
        QTest::newRow("minimal") << eventText("") << ok;
        QTest::newRow("every field")
            << QByteArray(
                   R"({"id":"batch-42","occurred_at":"2026-11-21T08:00:01.123Z","organization_id":12,"member_id":3,
                "api_key_id":" gw-1 ","kind":"agent","provider":"openai","model":"gpt-4o","tokens_input":1000,
                "tokens_output":500,"compute_ms":1200,"units":3,"execution_id":"x-9","task_type":"chat","status":"error",
                "byok":true,"reservation_id":88,"metadata":{"z":"\u00e9","a":[1, {"b":null}]}})")
            << QString::fromUtf8(
                   "ok batch-42 at=1795248001123 org=12 user=- member=3 key=gw-1 kind=agent provider=openai "
                   "model=gpt-4o in=1000 out=500 ms=1200 units=3 exec=x-9 task=chat failed=1 byok=1 "
                   "reservation=88 metadata={\"a\":[1,{\"b\":null}],\"z\":\"\xc3\xa9\"}");
        QTest::newRow("user account")
            << QByteArray(R"({"id":"e-1","occurred_at":"2026-11-21T08:00:00Z","user_id":9,"kind":"tts"})")
            << QStringLiteral("ok e-1 at=1795248000000 org=- user=9 member=- key= kind=tts provider= "
                              "model= in=0 out=0 ms=0 units=0 exec= task= failed=0 byok=0 "
                              "reservation=- metadata=");
        QTest::newRow("nulls are absent")
            << eventText(R"("user_id":null,"model":null,"metadata":null,"byok":null)") << ok;
        QTest::newRow("-0 is 0") << eventText(R"("tokens_input":-0)") << ok;
        QTest::newRow("escaped member names")
            << eventText(R"("\u0075nits":4)") << okWith("units=0", QStringLiteral("units=4"));

        // Strict integers: only a plain int64 literal.
        const QString notInteger = QStringLiteral(
            "422 validation_failed units: 'units' must be an integer between 0 and 1000000000");
        QTest::newRow("1.0") << eventText(R"("units":1.0)") << notInteger;
        QTest::newRow("1e3") << eventText(R"("units":1e3)") << notInteger;
        QTest::newRow("1.") << eventText(R"("units":1.)") << notInteger;
        QTest::newRow(".5") << eventText(R"("units":.5)") << notInteger;
        QTest::newRow("string") << eventText(R"("units":"5")") << notInteger;
        QTest::newRow("1.0 after a literal") << eventText(R"("byok":false,"units":1.0)") << notInteger;
        QTest::newRow("1.0 after null") << eventText(R"("compute_ms":null,"units":1e0)") << notInteger;
        QTest::newRow("repeated, 1.5 then 2") << eventText(R"("units":1.5,"units":2)") << notInteger;
        QTest::newRow("repeated, 2 then 1.0") << eventText(R"("units":2,"units":1.0)") << notInteger;
        QTest::newRow("repeated, 1.0 then null") << eventText(R"("units":1.0,"units":null)") << ok;
        QTest::newRow("2^63")
            << eventText(R"("organization_id":9223372036854775808)")
            << QStringLiteral("422 validation_failed organization_id: 'organization_id' must be an integer "
                              "between 1 and 9223372036854775807");
        QTest::newRow("-2^63 - 1")
            << eventText(R"("tokens_input":-9223372036854775809)")
            << QStringLiteral("422 validation_failed tokens_input: 'tokens_input' must be an integer "
                              "between 0 and 1000000000");
        QTest::newRow("-2^63")
            << eventText(R"("tokens_input":-9223372036854775808)")
            << QStringLiteral("422 validation_failed tokens_input: 'tokens_input' must be between 0 and "
                              "1000000000");
        QTest::newRow("too many units")
            << eventText(R"("units":1000000001)")
            << QStringLiteral("422 validation_failed units: 'units' must be between 0 and 1000000000");
        QTest::newRow("repeated, last wins")
            << eventText(R"("units":1000000001,"units":5)") << okWith("units=0", QStringLiteral("units=5"));

        // Strings as Qt reads them: trimmed, escapes resolved, then refused when unclean.
        QTest::newRow("escapes") << eventText(R"("model":"\u0067pt\/4\q","provider":"\ud83d\ude00")")
                                 << okWith("provider= model=",
                                           QString::fromUtf8("provider=\xf0\x9f\x98\x80 model=gpt/4q"));
        QTest::newRow("tabs trimmed")
            << eventText(R"("model":"\tgpt\t")") << okWith("model=", QStringLiteral("model=gpt"));
        QTest::newRow("raw control character")
            << eventText("\"model\":\"a\x01\"")
            << QStringLiteral(
                   "422 validation_failed model: 'model' contains control or invisible characters");
        QTest::newRow("lone surrogate")
            << eventText(R"("model":"\ud800")")
            << QStringLiteral(
                   "422 validation_failed model: 'model' contains control or invisible characters");
        QTest::newRow("65 characters")
            << eventText("\"provider\":\"" + QByteArray(65, 'p') + "\"")
            << QStringLiteral("422 validation_failed provider: 'provider' is longer than 64 characters");
        QTest::newRow("64 two-byte characters")
            << eventText("\"provider\":\"" + QByteArray(64, 'x').replace("x", "\xc3\xa9") + "\"")
            << okWith("provider=", QStringLiteral("provider=") + QString(64, QChar(0xe9)));
        QTest::newRow("id with a space")
            << QByteArray(R"({"id":"e 1",)" + kBase + "}")
            << QStringLiteral("422 validation_failed id: 'id' is required: 1 to 128 printable ASCII "
                              "characters without spaces");
        QTest::newRow("kind")
            << QByteArray(
                   R"({"id":"e-1","occurred_at":"2026-11-21T08:00:00Z","organization_id":7,"kind":"Chat"})")
            << QStringLiteral("422 validation_failed kind: 'kind' is required: chat, embedding, tts, search, "
                              "agent or compute");
        QTest::newRow("byok") << eventText(R"("byok":1)")
                              << QStringLiteral("422 validation_failed byok: 'byok' must be true or false");
        QTest::newRow("metadata array")
            << eventText(R"("metadata":[])")
            << QStringLiteral("422 validation_failed metadata: 'metadata' must be a JSON object");
        QTest::newRow("metadata 4097 bytes")
            << eventText("\"metadata\":{\"k\":\"" + QByteArray(4089, 'x') + "\"}")
            << QStringLiteral("422 validation_failed metadata: 'metadata' is larger than 4096 bytes");

        // Members that are not fields: the first in QJsonObject's order (sorted), cut to 64 characters.
        QTest::newRow("unknown members") << eventText(R"("zeta":1,"alpha":2)")
                                         << QStringLiteral("422 unknown_field alpha: Unknown field 'alpha'");
        QTest::newRow("unknown long member")
            << eventText("\"" + QByteArray(70, 'x') + "\":1")
            << QStringLiteral("422 unknown_field %1: Unknown field '%1'").arg(QString(64, QLatin1Char('x')));
    }

    void eventsReadBothWays()
    {
        QFETCH(QByteArray, object);
        QFETCH(QString, expected);
        QCOMPARE(track(object), expected);
        const QString id = expected.startsWith(QLatin1String("ok "))
                               ? expected.section(QLatin1Char(' '), 1, 1)
                               : QStringLiteral("e-1");
        QCOMPARE(batch("{\"events\":[" + object + "]}"),
                 QStringLiteral("[%1] ").arg(expected.contains(QLatin1String("'id'")) ? QString() : id) +
                     expected);
    }

    void trackChecksIntegersFirst()
    {
        // JsonBody read /track's integers before anything else; a batch event checks members first.
        const QByteArray object = eventText(R"("foo":1,"units":1.5)");
        QCOMPARE(track(object),
                 QStringLiteral(
                     "422 validation_failed units: 'units' must be an integer between 0 and 1000000000"));
        QCOMPARE(batch("{\"events\":[" + object + "]}"),
                 QStringLiteral("[e-1] 422 unknown_field foo: Unknown field 'foo'"));
        QCOMPARE(track(R"({"id":"a b","units":-1})"),
                 QStringLiteral("422 validation_failed units: 'units' must be between 0 and 1000000000"));
    }

    void bodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        const QByteArray ok = eventText("");
        const QString okLine = QStringLiteral(
            "[e-1] ok e-1 at=1795248000000 org=7 user=- member=- key= kind=chat provider= "
            "model= in=0 out=0 ms=0 units=0 exec= task= failed=0 byok=0 reservation=- metadata=");
        QTest::newRow("blank") << QByteArray(" \v\r\n")
                               << QStringLiteral("400 invalid_body: A JSON object body is required");
        QTest::newRow("array") << QByteArray("[1, {}]")
                               << QStringLiteral("400 invalid_body: The body must be a JSON object");
        QTest::newRow("scalar")
            << QByteArray("1")
            << QStringLiteral("400 malformed_json: The body is not valid JSON: illegal value at offset 1");
        QTest::newRow("unterminated")
            << QByteArray("{\"events\":[") + ok
            << QStringLiteral(
                   "400 malformed_json: The body is not valid JSON: unterminated array at offset 94");
        QTest::newRow("garbage") << QByteArray("{\"events\":[") + ok + "]} x"
                                 << QStringLiteral("400 malformed_json: The body is not valid JSON: garbage "
                                                   "at the end of the document at offset 97");
        QTest::newRow("trailing comma") << QByteArray("{\"events\":[") + ok + ",]}"
                                        << QStringLiteral("400 malformed_json: The body is not valid JSON: "
                                                          "object is missing after a comma at offset 96");
        QTest::newRow("1e400")
            << QByteArray("{\"events\":[") + eventText("\"units\":1e400") + "]}"
            << QStringLiteral("400 malformed_json: The body is not valid JSON: illegal number at offset 107");
        QTest::newRow("bad UTF-8")
            << QByteArray("{\"events\":[") + eventText("\"model\":\"\xed\xa0\x80\"") + "]}"
            << QStringLiteral(
                   "400 malformed_json: The body is not valid JSON: invalid UTF8 string at offset 103");
        QTest::newRow("byte order mark") << QByteArray("\xef\xbb\xbf{\"events\":[") + ok + "]}" << okLine;
        QTest::newRow("whitespace") << QByteArray(" {\r\n\"events\" :\t[ ") + ok + " ] } \n" << okLine;
        QTest::newRow("no events")
            << QByteArray("{}")
            << QStringLiteral("422 validation_failed events: 'events' must be an array of event objects");
        QTest::newRow("empty events")
            << QByteArray(R"({"events":[]})")
            << QStringLiteral("422 validation_failed events: 'events' needs at least one event");
        QTest::newRow("unknown top-level members")
            << QByteArray("{\"zz\":1,\"events\":[") + ok + "],\"aa\":2}"
            << QStringLiteral("422 unknown_field aa: Unknown field 'aa'");
        QTest::newRow("not an object")
            << QByteArray("{\"events\":[") + ok + ",5,null]}"
            << okLine + QStringLiteral(" | [] 422 validation_failed events: Each event must be a JSON object")
                            .repeated(2);
        QTest::newRow("repeated events: the last counts")
            << QByteArray(R"({"events":[1],"events":[)") + ok + "]}" << okLine;
        QTest::newRow("repeated events: 1.0 before refuses")
            << QByteArray("{\"events\":[{\"units\":1.0}],\"events\":[") + eventText("\"units\":1") + "]}"
            << QStringLiteral(
                   "[e-1] 422 validation_failed units: 'units' must be an integer between 0 and 1000000000");
        QByteArray many = "{\"events\":[" + ok;
        for (int i = 1; i < 1001; ++i)
            many += ",1";
        QTest::newRow("1001 events") << many + "]}"
                                     << QStringLiteral(
                                            "413 too_many_events: A batch holds at most 1000 events");
        QTest::newRow("1025 levels") << "{\"events\":[" + QByteArray(1023, '[') + QByteArray(1023, ']') + "]}"
                                     << QStringLiteral("400 malformed_json: The body is not valid JSON: too "
                                                       "deeply nested document at offset 1034");
    }

    void bodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        QCOMPARE(batch(body), expected);
    }

    void agreesWithQtOnWhatIsJson()
    {
        // Every one- and two-byte string content, and three-byte sequences from each lead byte: the reader
        // refuses exactly what QJsonDocument refuses (UTF-8 rules, raw control characters, escapes).
        const QByteArray prefix = "{\"events\":[{\"id\":\"e-1\",\"model\":\"";
        const QByteArray suffix = "\"}]}";
        int checked = 0;
        for (int a = 0; a < 256; ++a)
            for (int b = 0; b < 256; ++b) {
                QByteArray body = prefix;
                body += char(a);
                body += char(b);
                body += suffix;
                QCOMPARE(readerReads(body), qtReads(body));
                ++checked;
            }
        for (int lead = 0xE0; lead < 0xF8; ++lead)
            for (int b = 0x70; b < 0xD0; ++b)
                for (const int c : {0x00, 0x22, 0x41, 0x5C, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0})
                    for (const int d : {0x22, 0x41, 0x80, 0x8F, 0x90, 0xBF, 0xC0}) {
                        const QByteArray body = prefix + char(lead) + char(b) + char(c) + char(d) + suffix;
                        QCOMPARE(readerReads(body), qtReads(body));
                        ++checked;
                    }
        const char* texts[] = {"{\"a\":1.}",
                               "{\"a\":.5}",
                               "{\"a\":-.5}",
                               "{\"a\":-}",
                               "{\"a\":1e}",
                               "{\"a\":1e+}",
                               "{\"a\":01}",
                               "{\"a\":1.e2}",
                               "{\"a\":2e-324}",
                               "{\"a\":3e-324}",
                               "{\"a\":1.8e308}",
                               "{\"a\":+1}",
                               "{\"a\":nul}",
                               "{\"a\":nulll}",
                               "{\"a\":tru}",
                               "{\"a\":\"\\u12\"}",
                               "{\"a\":\"\\",
                               "{\"a\":1",
                               "{\"a\" 1}",
                               "{\"a\":1,}",
                               "{,}",
                               "[,]",
                               "[1,]",
                               "[]",
                               "\xef\xbb\xbf[]",
                               "\xef\xbb\xbf",
                               "{}\x00"};
        for (const char* text : texts)
            QVERIFY2(readerReads(QByteArray(text)) == qtReads(QByteArray(text)), text);
        QVERIFY(checked > 65536);
    }

    void metadataIsQtsCompactText()
    {
        // The stored metadata is what QJsonDocument::Compact writes for the object, byte for byte.
        const char* objects[] = {"{}",
                                 "{\"b\":1,\"a\":2}",
                                 " { \"a\" : [ 1 , 2 ] } ",
                                 "{\"a\":{\"d\":[1,{\"z\":null,\"y\":true}],\"c\":false}}",
                                 "{\"a\":\"\\u00e9\\n\\/\\q\"}",
                                 "{\"a\":\"\xc3\xa9\xf0\x9f\x98\x80\x7f\"}",
                                 "{\"a\":\"\x01\"}",
                                 "{\"a\":\"\\ud800\"}",
                                 "{\"a\":1.0,\"b\":1e3,\"c\":1.5,\"d\":-0,\"e\":12345678901234567890,\"f\":"
                                 "1e300,\"g\":-9223372036854775809}",
                                 "{\"\xc3\xa9\":1,\"e\":2,\"z\":3}",
                                 "{\"a\":1,\"a\":2}",
                                 "{\"\\u0061\":1,\"a\":2}",
                                 "{\"B\":1,\"a\":2,\"_\":3,\"0\":4}",
                                 "{\"ab\":1,\"a\":2}",
                                 "{\"a\":1,\"ab\":2}",
                                 "{\"a\":.5,\"b\":1.,\"c\":-0.0,\"d\":[1.0,2e0]}"};
        for (const char* object : objects) {
            const QByteArray text(object);
            const UsageEvent parsed = parseUsageEventBody(eventText("\"metadata\":" + text));
            QCOMPARE(parsed.metadata, QJsonDocument::fromJson(text).toJson(QJsonDocument::Compact));
        }
    }

    void qJsonObjectEntryPointAgrees()
    {
        // parseUsageEvent(QJsonObject) shares the validation: same event, same fingerprint.
        const QByteArray text =
            R"({"id":"e-1","occurred_at":"2026-11-21T08:00:00Z","organization_id":7,"kind":"chat",
            "model":" \u00e9 ","units":3,"metadata":{"b":[1.5],"a":"x"}})";
        const UsageEvent fromObject = parseUsageEvent(QJsonDocument::fromJson(text).object());
        const UsageEvent fromBody = parseUsageEventBody(text);
        QCOMPARE(describe(fromObject), describe(fromBody));
        QCOMPARE(fromObject.fingerprint(), fromBody.fingerprint());
        QVERIFY_THROWS_EXCEPTION(
            ApiError, parseUsageEvent(QJsonDocument::fromJson(text).object(), {QStringLiteral("units")}));
    }
};

QTEST_APPLESS_MAIN(TestEventReader)
#include "tst_event_reader.moc"
