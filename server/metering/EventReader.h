#pragma once

// The JSON reader of the metering request bodies (POST /metering/events and /metering/track): one pass
// over the UTF-8 bytes that checks the text is JSON and fills EventFields for each event as it goes,
// with no QJsonDocument in between. It accepts exactly what QJsonDocument::fromJson accepts (Qt's
// leniencies included: raw control characters in strings, "\q" read as "q", "1." and ".5" as numbers,
// a leading byte order mark; and its limits: 1,024 levels of nesting, numbers that overflow a double),
// so a body gets the same answer as when Qt parsed it. Only on the way out with an error is Qt asked:
// for the words and offset of its malformed_json message, and for its key order when an object has
// members that are not fields. The fuzzer (tests/fuzz/fuzz_usage_event.cpp) checks the agreement.

#include "metering/EventFields.h"

#include <QByteArray>

#include <vector>

namespace creditdesk::server {

class EventReader
{
public:
    explicit EventReader(const QByteArray& body);

    // parseUsageBatch and parseUsageEventBody (UsageEvent.h) without the blank-body check. Throw
    // NotJson (below) at the first byte that is not JSON, ApiError for the rest.
    std::vector<ParsedEvent> readBatch();
    UsageEvent readEventBody();

    struct NotJson
    {
    };

private:
    struct StringToken;
    struct NumberToken;

    char firstToken();
    void expectEnd();
    void skipSpace() // inline: called between all tokens, and there is rarely any space
    {
        if (m_p != m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            skipSomeSpace();
    }
    void skipSomeSpace();
    void enter();
    StringToken string();
    NumberToken number();
    void literal(const char* rest, std::ptrdiff_t length);
    template<typename OnMember> void members(OnMember&& onMember);
    template<typename OnElement> void elements(OnElement&& onElement);
    void skipValue();
    void skipObject();
    void skipArray();
    EventFields readEvent();
    void readMember(EventFields& fields, EventField field);

    const QByteArray& m_body;
    const char* m_p;
    const char* m_end;
    int m_depth = 0;
    // Counted while reading, so an object can tell afterwards whether it held whitespace, or anything
    // QJsonDocument would write differently, and so whether its text is its compact rendering.
    int m_spaces = 0;
    int m_notCompact = 0;
};

} // namespace creditdesk::server
