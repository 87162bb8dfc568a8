#include "metering/PriceImport.h"

#include "core/Json.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace creditdesk::server {

namespace {

// Parses a non-negative decimal "123.456" or "1.5e-7" and returns value × 10^scale as an integer,
// if that is exact and not above `max`.
std::optional<qint64> scaledDecimal(const QString& text, int scale, qint64 max)
{
    if (text.isEmpty() || text.size() > 64)
        return std::nullopt;
    QString digits; // all mantissa digits, without the point
    int fractionDigits = 0;
    bool seenPoint = false;
    bool seenDigit = false;
    qsizetype i = 0;
    for (; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isDigit() && c.unicode() < 128) {
            digits.append(c);
            seenDigit = true;
            if (seenPoint)
                ++fractionDigits;
        } else if (c == QLatin1Char('.') && !seenPoint) {
            seenPoint = true;
        } else {
            break;
        }
    }
    if (!seenDigit)
        return std::nullopt;
    int exponent = 0;
    if (i < text.size()) {
        if (text[i] != QLatin1Char('e') && text[i] != QLatin1Char('E'))
            return std::nullopt;
        QString exponentText = text.mid(i + 1);
        int sign = 1;
        if (exponentText.startsWith(QLatin1Char('+')) || exponentText.startsWith(QLatin1Char('-'))) {
            sign = exponentText.startsWith(QLatin1Char('-')) ? -1 : 1;
            exponentText = exponentText.mid(1);
        }
        if (exponentText.isEmpty() || exponentText.size() > 3)
            return std::nullopt;
        for (const QChar c : exponentText)
            if (c.unicode() < '0' || c.unicode() > '9')
                return std::nullopt;
        exponent = sign * exponentText.toInt();
    }
    // value = digits × 10^(exponent - fractionDigits); we want value × 10^scale.
    int shift = scale + exponent - fractionDigits;
    // Drop leading zeros so long "0.000…" strings do not look large.
    qsizetype firstNonZero = 0;
    while (firstNonZero < digits.size() && digits[firstNonZero] == QLatin1Char('0'))
        ++firstNonZero;
    digits = digits.mid(firstNonZero);
    if (digits.isEmpty())
        return 0;
    // Negative shift: the dropped digits must all be zeros, or the value is finer than our unit.
    while (shift < 0) {
        if (!digits.endsWith(QLatin1Char('0')))
            return std::nullopt;
        digits.chop(1);
        ++shift;
    }
    if (digits.size() + shift > 18)
        return std::nullopt; // certainly above any max we use (10^18 > 10^10 cap)
    qint64 value = 0;
    for (const QChar c : digits)
        value = value * 10 + (c.unicode() - '0');
    for (int k = 0; k < shift; ++k)
        value *= 10;
    if (value > max)
        return std::nullopt;
    return value;
}

} // namespace

std::optional<qint64> usdPerTokenToMicroUsdPerMtok(const QString& text)
{
    // dollars/token × 10^6 µ$/$ × 10^6 tokens/Mtok
    return scaledDecimal(text, 12, kMaxPriceMicroUsdPerMtok);
}

std::optional<qint64> usdPerMtokToMicroUsdPerMtok(const QString& text)
{
    return scaledDecimal(text, 6, kMaxPriceMicroUsdPerMtok);
}

QString providerOfModelId(const QString& id)
{
    const qsizetype slash = id.indexOf(QLatin1Char('/'));
    return slash > 0 ? id.left(slash) : QString();
}

bool isValidModelId(const QString& id)
{
    if (id.isEmpty() || id.size() > 128)
        return false;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                        u == '/' || u == '-' || u == '_' || u == '.' || u == ':' || u == '@' || u == '+';
        if (!ok)
            return false;
    }
    return true;
}

OpenRouterImport parseOpenRouterModels(const QByteArray& json)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        throw ApiError::badRequest(
            QStringLiteral("malformed_json"),
            QStringLiteral("The model list is not valid JSON: %1").arg(error.errorString()));
    if (!document.isObject() || !document.object().value(QLatin1String("data")).isArray())
        throw ApiError::validation(
            QStringLiteral("data"),
            QStringLiteral("Expected OpenRouter's model list: an object with a 'data' array"));
    OpenRouterImport result;
    const auto skip = [&](const QString& id, const QString& reason) {
        result.skipped.append(
            QJsonObject{{QStringLiteral("id"), id.left(128)}, {QStringLiteral("reason"), reason}});
    };
    for (const QJsonValue& value : document.object().value(QLatin1String("data")).toArray()) {
        const QJsonObject model = value.toObject();
        const QString id = model.value(QLatin1String("id")).toString();
        if (!isValidModelId(id) || !isCleanText(id)) {
            skip(id, QStringLiteral("not a model id"));
            continue;
        }
        const QJsonObject pricing = model.value(QLatin1String("pricing")).toObject();
        const QJsonValue prompt = pricing.value(QLatin1String("prompt"));
        const QJsonValue completion = pricing.value(QLatin1String("completion"));
        if (!prompt.isString() || !completion.isString()) {
            skip(id, QStringLiteral("pricing.prompt and pricing.completion must be decimal strings"));
            continue;
        }
        const auto input = usdPerTokenToMicroUsdPerMtok(prompt.toString());
        const auto output = usdPerTokenToMicroUsdPerMtok(completion.toString());
        if (!input || !output) {
            skip(id, QStringLiteral("price '%1'/'%2' is not an exact non-negative amount")
                         .arg(prompt.toString().left(32), completion.toString().left(32)));
            continue;
        }
        ModelPrice price;
        price.model = id;
        price.provider = providerOfModelId(id);
        const bool freeVariant = id.endsWith(QLatin1String(":free"));
        price.free = freeVariant || (*input == 0 && *output == 0);
        price.inputMicroUsdPerMtok = freeVariant ? 0 : *input;
        price.outputMicroUsdPerMtok = freeVariant ? 0 : *output;
        price.source = QStringLiteral("OpenRouter /models import");
        result.prices.push_back(std::move(price));
    }
    return result;
}

} // namespace creditdesk::server
