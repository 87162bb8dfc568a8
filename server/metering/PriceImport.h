#pragma once

#include "metering/Rating.h"

#include <QByteArray>
#include <QJsonArray>
#include <QString>

#include <optional>
#include <vector>

namespace creditdesk::server {

// Reads a decimal price in US dollars per token ("0.00003", "0", "1.5e-7") as integer micro-dollars per
// million tokens, exactly: digits are shifted, never passed through a double. Returns nothing when the
// text is not a plain non-negative decimal, when it has precision below one micro-dollar per million
// tokens, or when it exceeds kMaxPriceMicroUsdPerMtok.
std::optional<qint64> usdPerTokenToMicroUsdPerMtok(const QString& text);

// The same for a price written in dollars per million tokens ("2.50"), as the default price book does.
std::optional<qint64> usdPerMtokToMicroUsdPerMtok(const QString& text);

// A model list in OpenRouter's `GET /models` format ({"data": [{"id", "pricing": {"prompt",
// "completion"}}]}). Models ending in ":free" are free. Entries that cannot be priced exactly (variable
// "-1" router prices, malformed strings) are skipped and reported, never guessed.
struct OpenRouterImport
{
    std::vector<ModelPrice> prices; // provider, model, prices, free; no id or effective date yet
    QJsonArray skipped;             // [{"id", "reason"}]
};
// Throws ApiError 400/422 when the document is not such a list.
OpenRouterImport parseOpenRouterModels(const QByteArray& json);

// "openai/gpt-4o" → "openai"; a model id without a slash has no provider part.
QString providerOfModelId(const QString& id);
bool isValidModelId(const QString& id);

} // namespace creditdesk::server
