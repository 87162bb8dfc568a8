#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace creditdesk::server {

// Writes compact JSON straight into bytes. For responses on the hot paths (deduct, transaction pages),
// where building a QJsonObject and serializing it cost more than the ledger work itself. Keys are
// ASCII literals; strings are escaped per RFC 8259.
class JsonWriter
{
public:
    JsonWriter();
    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(const char* name);
    JsonWriter& value(qint64 number);
    JsonWriter& value(const QString& text);
    JsonWriter& value(bool flag);
    JsonWriter& value(const std::optional<qint64>& number);
    JsonWriter& value(const std::optional<QString>& text);
    JsonWriter& null();
    JsonWriter& raw(const QByteArray& json); // an already serialized JSON value

    template<typename T> JsonWriter& field(const char* name, const T& content)
    {
        key(name);
        return value(content);
    }

    const QByteArray& bytes() const { return m_out; }
    QByteArray take() { return std::move(m_out); }

private:
    void separate();
    QByteArray m_out;
    bool m_needComma = false;
};

} // namespace creditdesk::server
