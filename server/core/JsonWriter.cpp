#include "core/JsonWriter.h"

#include <charconv>

namespace creditdesk::server {

void JsonWriter::separate()
{
    if (m_needComma)
        m_out += ',';
}

JsonWriter& JsonWriter::beginObject()
{
    separate();
    m_out += '{';
    m_needComma = false;
    return *this;
}

JsonWriter& JsonWriter::endObject()
{
    m_out += '}';
    m_needComma = true;
    return *this;
}

JsonWriter& JsonWriter::beginArray()
{
    separate();
    m_out += '[';
    m_needComma = false;
    return *this;
}

JsonWriter& JsonWriter::endArray()
{
    m_out += ']';
    m_needComma = true;
    return *this;
}

JsonWriter& JsonWriter::key(const char* name)
{
    separate();
    m_out += '"';
    m_out += name;
    m_out += "\":";
    m_needComma = false;
    return *this;
}

JsonWriter::JsonWriter()
{
    m_out.reserve(512); // a typical answer fits; larger ones grow geometrically
}

JsonWriter& JsonWriter::value(qint64 number)
{
    separate();
    char digits[24];
    const auto written = std::to_chars(digits, digits + sizeof digits, number);
    m_out.append(digits, written.ptr - digits);
    m_needComma = true;
    return *this;
}

JsonWriter& JsonWriter::value(bool flag)
{
    separate();
    m_out += flag ? "true" : "false";
    m_needComma = true;
    return *this;
}

JsonWriter& JsonWriter::null()
{
    separate();
    m_out += "null";
    m_needComma = true;
    return *this;
}

JsonWriter& JsonWriter::value(const QString& text)
{
    separate();
    static const char hex[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    m_out += '"';
    // Runs that need no escaping are copied whole. (No exact reserve() here: it would defeat the
    // geometric growth and copy the whole answer on every string.)
    const char* run = utf8.constData();
    const char* const end = run + utf8.size();
    for (const char* c = run; c != end; ++c) {
        const auto byte = static_cast<unsigned char>(*c);
        if (*c != '"' && *c != '\\' && byte >= 0x20)
            continue;
        m_out.append(run, c - run);
        run = c + 1;
        switch (*c) {
        case '"':
            m_out += "\\\"";
            break;
        case '\\':
            m_out += "\\\\";
            break;
        case '\n':
            m_out += "\\n";
            break;
        case '\r':
            m_out += "\\r";
            break;
        case '\t':
            m_out += "\\t";
            break;
        default:
            m_out += "\\u00";
            m_out += hex[byte >> 4];
            m_out += hex[byte & 0xf];
        }
    }
    m_out.append(run, end - run);
    m_out += '"';
    m_needComma = true;
    return *this;
}

JsonWriter& JsonWriter::value(const std::optional<qint64>& number)
{
    return number ? value(*number) : null();
}

JsonWriter& JsonWriter::value(const std::optional<QString>& text)
{
    return text ? value(*text) : null();
}

JsonWriter& JsonWriter::raw(const QByteArray& json)
{
    separate();
    m_out += json;
    m_needComma = true;
    return *this;
}

} // namespace creditdesk::server
