#include "invoices/Invoices.h"

#include "billing/Subscriptions.h"
#include "core/ApiError.h"
#include "core/CreditValue.h"
#include "core/Json.h"
#include "invoices/BillingProfiles.h"
#include "invoices/CreditPurchases.h"
#include "invoices/TaxRates.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <limits>

namespace creditdesk::server {

namespace {

constexpr const char* kInvoiceColumns =
    "i.id, i.seq, i.account_id, i.kind, i.status, i.number, i.issued_at, i.due_at, i.period_start, "
    "i.period_end, i.currency, i.subtotal_minor, i.discount_minor, i.tax_minor, i.total_minor, "
    "i.amount_paid_minor, i.tax_lines, i.buyer, i.seller, i.payment_method, i.payment_reference, i.paid_at, "
    "a.owner_kind, a.owner_id";

QJsonValue timestampOrNull(const QVariant& value)
{
    const auto ms = optionalInt(value);
    return ms ? QJsonValue(formatTimestamp(*ms)) : QJsonValue();
}

QJsonValue jsonText(const QVariant& value)
{
    const QJsonDocument document = QJsonDocument::fromJson(value.toString().toUtf8());
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// LIKE pattern matching `text` anywhere, with LIKE's wildcards in it taken literally.
QString containsPattern(QString text)
{
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    text.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    text.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + text.toLower() + QLatin1Char('%');
}

} // namespace

// ---- period close -------------------------------------------------------------------------------------

std::vector<DueClose> Invoices::dueCloses(int max)
{
    // Closes with uninvoiced charges up to the close and no period invoice yet, oldest first (an account
    // with two pending closes gets the earlier one's charges on the earlier invoice). Driven from the
    // uninvoiced charges (the partial index charges_uninvoiced), so a run costs what is left to invoice,
    // not every period ever renewed.
    const auto due = m_db.rows(
        QStringLiteral(
            "SELECT sp.account_id, sp.period_start, sp.renewed_at FROM (SELECT account_id, MIN(created_at) "
            "AS "
            "first_at FROM charges WHERE invoice_id IS NULL GROUP BY account_id) c "
            "JOIN subscription_periods sp ON sp.account_id = c.account_id AND sp.renewed_at >= c.first_at "
            "WHERE NOT EXISTS (SELECT 1 FROM invoices i WHERE i.account_id = sp.account_id AND i.kind = "
            "'period' AND i.period_start = sp.period_start) "
            "ORDER BY sp.period_start, sp.account_id LIMIT ?"),
        {max});
    std::vector<DueClose> closes;
    closes.reserve(due.size());
    for (const Row& row : due)
        closes.push_back(DueClose{asInt(row[0]), asInt(row[1]), asInt(row[2])});
    return closes;
}

std::vector<OverageDue> Invoices::overageDue(bool skipStripeMetered)
{
    // Few accounts allow overage and fewer have some to bill: one pass over usage_overage.
    const auto rows = m_db.rows(
        QStringLiteral(
            "SELECT o.account_id, sp.period_start, sp.renewed_at, (SELECT MAX(p.period_start) FROM "
            "subscription_periods p WHERE p.account_id = o.account_id AND p.period_start < "
            "sp.period_start) FROM usage_overage o JOIN subscription_periods sp ON sp.account_id = "
            "o.account_id AND sp.period_start = (SELECT MAX(period_start) FROM subscription_periods "
            "WHERE account_id = o.account_id) WHERE o.overage_credits - o.billed_credits >= ? AND "
            "sp.renewed_at > o.billed_through%1")
            .arg(skipStripeMetered ? QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM stripe_customers c WHERE "
                                                    "c.account_id = o.account_id)")
                                   : QString()),
        {kCreditsPerCent});
    std::vector<OverageDue> due;
    for (const Row& row : rows)
        due.push_back(OverageDue{asInt(row[0]), optionalInt(row[3]), asInt(row[1]), asInt(row[2])});
    return due;
}

int Invoices::chargeOverage(const std::vector<OverageDue>& due)
{
    int charged = 0;
    for (const OverageDue& overage : due) {
        const qint64 accountId = overage.accountId;
        const qint64 renewedAt = overage.renewedAt;
        // Locks the row; the guard makes a second run (or process) bill nothing more.
        const auto pending = m_db.row(QStringLiteral("UPDATE usage_overage SET billed_through = ? WHERE "
                                                     "account_id = ? AND billed_through < ? RETURNING "
                                                     "overage_credits - billed_credits"),
                                      {renewedAt, accountId, renewedAt});
        if (!pending)
            continue;
        const qint64 cents = asInt(pending->at(0)) / kCreditsPerCent;
        if (cents <= 0)
            continue;
        const qint64 credits = cents * kCreditsPerCent;
        m_db.execute(QStringLiteral("UPDATE usage_overage SET billed_credits = billed_credits + ? WHERE "
                                    "account_id = ?"),
                     {credits, accountId});
        m_db.execute(
            QStringLiteral("INSERT INTO charges (account_id, kind, description, amount_minor, currency, "
                           "period_start, period_end, created_at) VALUES (?, 'overage', ?, ?, 'USD', ?, "
                           "?, ?)"),
            {accountId,
             QStringLiteral("Overage: %1 credits beyond the balance")
                 .arg(QLocale(QLocale::English).toString(credits)),
             cents, nullableInt(overage.periodStart), overage.boundary, renewedAt});
        ++charged;
    }
    return charged;
}

int Invoices::close(const std::vector<DueClose>& closes)
{
    if (m_db.isPostgres())
        return closeTogether(closes);
    int finalized = 0;
    for (const DueClose& due : closes)
        finalized += closeOne(due.accountId, due.periodStart, due.renewedAt) ? 1 : 0;
    return finalized;
}

InvoiceDraft Invoices::closeDraft(const DueClose& close, const std::vector<Row>& charges)
{
    InvoiceDraft draft;
    draft.accountId = close.accountId;
    draft.periodStart = close.periodStart;
    draft.currency = charges.front()[4].toString();
    qint64 periodEnd = close.periodStart;
    for (const Row& c : charges) {
        const qint64 amount = asInt(c[3]);
        draft.lines.push_back(InvoiceLine{asInt(c[0]), c[1].toString(), c[2].toString(), 1, amount, amount});
        // The new period's fee, charged in advance at the close, gives the invoice's period its end.
        if (optionalInt(c[5]) == std::optional(close.periodStart))
            periodEnd = std::max(periodEnd, optionalInt(c[6]).value_or(close.periodStart));
    }
    draft.periodEnd = periodEnd;
    return draft;
}

bool Invoices::closeOne(qint64 accountId, qint64 periodStart, qint64 renewedAt)
{
    const auto charges = m_db.rows(
        QStringLiteral(
            "SELECT id, kind, description, amount_minor, currency, period_start, period_end "
            "FROM charges WHERE account_id = ? AND invoice_id IS NULL AND created_at <= ? ORDER BY id"),
        {accountId, renewedAt});
    if (charges.empty())
        return false; // taken by another process's invoice meanwhile
    return issue(closeDraft(DueClose{accountId, periodStart, renewedAt}, charges)).has_value();
}

int Invoices::closeTogether(const std::vector<DueClose>& closes)
{
    using Ints = std::vector<std::optional<qint64>>;
    using Texts = std::vector<std::optional<QString>>;
    // An account with two closes in the chunk (an older one still pending) closes them one by one after
    // the others, oldest first, as on SQLite: each takes the charges up to its own close.
    QHash<qint64, int> closesOf;
    for (const DueClose& due : closes)
        ++closesOf[due.accountId];
    std::vector<DueClose> together;
    std::vector<DueClose> alone;
    for (const DueClose& due : closes)
        (closesOf.value(due.accountId) == 1 ? together : alone).push_back(due);
    int finalized = 0;
    if (!together.empty()) {
        Ints accounts, renewedAts;
        for (const DueClose& due : together) {
            accounts.emplace_back(due.accountId);
            renewedAts.emplace_back(due.renewedAt);
        }
        const QVariant accountArray = pgBigintArray(accounts);
        // 1. Every close's uninvoiced charges and its buyer, in two statements.
        QHash<qint64, std::vector<Row>> chargesOf;
        for (Row& row :
             m_db.rows(QStringLiteral(
                           "SELECT c.account_id, c.id, c.kind, c.description, c.amount_minor, c.currency, "
                           "c.period_start, c.period_end FROM unnest(?::bigint[], ?::bigint[]) AS v "
                           "(account_id, renewed_at) JOIN charges c ON c.account_id = v.account_id AND "
                           "c.invoice_id IS NULL AND c.created_at <= v.renewed_at ORDER BY c.id"),
                       {accountArray, pgBigintArray(renewedAts)})) {
            const qint64 accountId = asInt(row[0]);
            row.erase(row.begin());
            chargesOf[accountId].push_back(std::move(row));
        }
        QHash<qint64, BuyerDetails> buyers;
        for (const Row& row :
             m_db.rows(QStringLiteral("SELECT a.id, %1 WHERE a.id = ANY(?::bigint[])").arg(buyerColumns()),
                       {accountArray}))
            buyers.insert(asInt(row[0]), buyerFromRow(row, 1));
        const QString sellerText = compact(seller());

        // 2. The invoices as drafts (a close another process invoiced meanwhile has no charges left),
        // inserted together; the unique key drops any that another process inserted first.
        std::vector<InvoiceDraft> drafts;
        for (const DueClose& due : together) {
            const auto charges = chargesOf.constFind(due.accountId);
            if (charges != chargesOf.constEnd())
                drafts.push_back(closeDraft(due, *charges));
        }
        if (!drafts.empty()) {
            const qint64 firstSeq = takeNext(QStringLiteral("seq"), static_cast<qint64>(drafts.size()));
            Ints seqs, draftAccounts, starts, ends, subtotals, discounts, taxes, totals;
            Texts currencies, taxLines, buyerTexts;
            std::vector<std::vector<TaxLine>> draftTaxes; // the tax report's rows, by draft
            for (std::size_t i = 0; i < drafts.size(); ++i) {
                const InvoiceDraft& draft = drafts[i];
                const BuyerDetails& buyer = buyers[draft.accountId];
                const InvoiceTotals sums = totalsFor(buyer, draft.lines);
                seqs.emplace_back(firstSeq + static_cast<qint64>(i));
                draftAccounts.emplace_back(draft.accountId);
                starts.push_back(draft.periodStart);
                ends.push_back(draft.periodEnd);
                currencies.emplace_back(draft.currency);
                subtotals.emplace_back(sums.subtotalMinor);
                discounts.emplace_back(sums.discountMinor);
                taxes.emplace_back(sums.taxMinor);
                totals.emplace_back(sums.totalMinor);
                taxLines.emplace_back(
                    QString::fromUtf8(QJsonDocument(InvoiceTotals::taxLinesJson(sums.taxLines))
                                          .toJson(QJsonDocument::Compact)));
                buyerTexts.emplace_back(compact(buyer.buyer));
                draftTaxes.push_back(sums.taxLines);
            }
            QHash<qint64, qint64> invoiceOf; // account → its new invoice
            for (
                const Row& row : m_db.rows(
                    QStringLiteral(
                        "INSERT INTO invoices (seq, account_id, kind, status, period_start, period_end, "
                        "currency, subtotal_minor, discount_minor, tax_minor, total_minor, tax_lines, buyer, "
                        "seller, created_at, updated_at) SELECT v.seq, v.account_id, 'period', 'draft', "
                        "v.period_start, v.period_end, v.currency, v.subtotal, v.discount, v.tax, v.total, "
                        "v.tax_lines, v.buyer, ?, ?::bigint, ?::bigint FROM unnest(?::bigint[], ?::bigint[], "
                        "?::bigint[], ?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], "
                        "?::bigint[], ?::text[], ?::text[]) AS v (seq, account_id, period_start, period_end, "
                        "currency, subtotal, discount, tax, total, tax_lines, buyer) ORDER BY v.seq "
                        "ON CONFLICT (account_id, kind, period_start) DO NOTHING RETURNING account_id, id"),
                    {sellerText, m_now, m_now, pgBigintArray(seqs), pgBigintArray(draftAccounts),
                     pgBigintArray(starts), pgBigintArray(ends), pgTextArray(currencies),
                     pgBigintArray(subtotals), pgBigintArray(discounts), pgBigintArray(taxes),
                     pgBigintArray(totals), pgTextArray(taxLines), pgTextArray(buyerTexts)}))
                invoiceOf.insert(asInt(row[0]), asInt(row[1]));

            // 3. Their lines, and the charges marked invoiced, in one statement.
            Ints lineInvoices, positions, chargeIds, quantities, units, amounts;
            Texts kinds, descriptions;
            Ints issued; // in the order of the closes, which is the order of their numbers
            Ints taxInvoices, taxRates, taxables, taxAmounts;
            Texts taxCountries, taxRegions, taxNames, taxTreatments;
            for (std::size_t d = 0; d < drafts.size(); ++d) {
                const InvoiceDraft& draft = drafts[d];
                const auto invoice = invoiceOf.constFind(draft.accountId);
                if (invoice == invoiceOf.constEnd())
                    continue;
                issued.emplace_back(*invoice);
                for (const TaxLine& tax : draftTaxes[d]) {
                    taxInvoices.emplace_back(*invoice);
                    taxCountries.emplace_back(tax.country);
                    taxRegions.emplace_back(tax.region);
                    taxNames.emplace_back(tax.name);
                    taxTreatments.emplace_back(tax.treatment);
                    taxRates.emplace_back(tax.rateBasisPoints);
                    taxables.emplace_back(tax.taxableMinor);
                    taxAmounts.emplace_back(tax.taxMinor);
                }
                qint64 position = 0;
                for (const InvoiceLine& line : draft.lines) {
                    lineInvoices.emplace_back(*invoice);
                    positions.emplace_back(++position);
                    chargeIds.push_back(line.chargeId);
                    kinds.emplace_back(line.kind);
                    descriptions.emplace_back(line.description);
                    quantities.emplace_back(line.quantity);
                    units.emplace_back(line.unitAmountMinor);
                    amounts.emplace_back(line.amountMinor);
                }
            }
            if (!issued.empty()) {
                m_db.execute(
                    QStringLiteral(
                        "WITH lines AS (INSERT INTO invoice_lines (invoice_id, position, charge_id, kind, "
                        "description, quantity, unit_amount_minor, amount_minor) SELECT * FROM "
                        "unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], "
                        "?::bigint[], ?::bigint[])), taxes AS (INSERT INTO invoice_taxes (invoice_id, "
                        "country, region, name, treatment, rate_basis_points, taxable_minor, tax_minor) "
                        "SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], "
                        "?::bigint[], ?::bigint[], ?::bigint[])) UPDATE charges c SET invoice_id = "
                        "v.invoice_id FROM unnest(?::bigint[], ?::bigint[]) AS v (invoice_id, charge_id) "
                        "WHERE c.id = v.charge_id"),
                    {pgBigintArray(lineInvoices), pgBigintArray(positions), pgBigintArray(chargeIds),
                     pgTextArray(kinds), pgTextArray(descriptions), pgBigintArray(quantities),
                     pgBigintArray(units), pgBigintArray(amounts), pgBigintArray(taxInvoices),
                     pgTextArray(taxCountries), pgTextArray(taxRegions), pgTextArray(taxNames),
                     pgTextArray(taxTreatments), pgBigintArray(taxRates), pgBigintArray(taxables),
                     pgBigintArray(taxAmounts), pgBigintArray(lineInvoices), pgBigintArray(chargeIds)});
                // 4. Finalized: their numbers taken together, last, from the locked counter row.
                const qint64 firstNumber = takeNext(QStringLiteral("CD"), static_cast<qint64>(issued.size()));
                Texts numbers;
                for (std::size_t i = 0; i < issued.size(); ++i)
                    numbers.emplace_back(
                        numberOf(QStringLiteral("CD"), firstNumber + static_cast<qint64>(i)));
                m_db.execute(
                    QStringLiteral("UPDATE invoices i SET status = 'open', number = v.number, "
                                   "issued_at = ?::bigint, due_at = ?::bigint FROM unnest(?::bigint[], "
                                   "?::text[]) AS v (id, number) WHERE i.id = v.id"),
                    {m_now, m_now, pgBigintArray(issued), pgTextArray(numbers)});
                finalized += static_cast<int>(issued.size());
            }
        }
    }
    for (const DueClose& due : alone)
        finalized += closeOne(due.accountId, due.periodStart, due.renewedAt) ? 1 : 0;
    return finalized;
}

InvoiceTotals InvoiceTotals::compute(const std::vector<InvoiceLine>& lines, const TaxCalculator& calculator,
                                     const TaxBuyer& buyer)
{
    InvoiceTotals totals;
    for (const InvoiceLine& line : lines)
        (line.amountMinor >= 0 ? totals.subtotalMinor : totals.discountMinor) +=
            line.amountMinor >= 0 ? line.amountMinor : -line.amountMinor;
    const qint64 taxable = totals.subtotalMinor - totals.discountMinor;
    // Nothing to tax, nothing to print: an invoice of zero (a free period, a full discount) has no tax line.
    if (taxable != 0)
        totals.taxLines = calculator.linesFor(buyer, taxable);
    for (const TaxLine& line : totals.taxLines)
        totals.taxMinor += line.taxMinor;
    totals.totalMinor = taxable + totals.taxMinor;
    return totals;
}

QJsonArray InvoiceTotals::taxLinesJson(const std::vector<TaxLine>& lines)
{
    QJsonArray json;
    for (const TaxLine& line : lines)
        json.append(QJsonObject{{QStringLiteral("name"), line.name},
                                {QStringLiteral("rate_basis_points"), line.rateBasisPoints},
                                {QStringLiteral("taxable_minor"), line.taxableMinor},
                                {QStringLiteral("tax_minor"), line.taxMinor},
                                {QStringLiteral("note"), line.note}});
    return json;
}

const TaxCalculator& Invoices::calculator()
{
    if (!m_calculator)
        m_calculator.emplace(seller().value(QStringLiteral("country")).toString(), TaxRates(m_db).all());
    return *m_calculator;
}

InvoiceTotals Invoices::totalsFor(const BuyerDetails& buyer, const std::vector<InvoiceLine>& lines)
{
    return InvoiceTotals::compute(lines, calculator(),
                                  buyer.profile ? buyer.profile->taxBuyer() : TaxBuyer{});
}

std::optional<qint64> Invoices::issue(const InvoiceDraft& draft)
{
    // The billing profile is read once, with the buyer: it decides the tax and is printed as the buyer.
    const BuyerDetails buyer = buyerOf(draft.accountId);
    const InvoiceTotals totals = totalsFor(buyer, draft.lines);
    const qint64 seq = takeNext(QStringLiteral("seq"));
    // The unit of work's key: a second close of the same account and period inserts nothing.
    const auto inserted = m_db.row(
        QStringLiteral(
            "INSERT INTO invoices (seq, account_id, kind, status, period_start, period_end, currency, "
            "subtotal_minor, discount_minor, tax_minor, total_minor, tax_lines, buyer, seller, created_at, "
            "updated_at) VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (account_id, kind, period_start) DO NOTHING RETURNING id"),
        {seq, draft.accountId, draft.kind, nullableInt(draft.periodStart), nullableInt(draft.periodEnd),
         draft.currency, totals.subtotalMinor, totals.discountMinor, totals.taxMinor, totals.totalMinor,
         QString::fromUtf8(
             QJsonDocument(InvoiceTotals::taxLinesJson(totals.taxLines)).toJson(QJsonDocument::Compact)),
         compact(buyer.buyer), compact(seller()), m_now, m_now});
    if (!inserted)
        return std::nullopt;
    const qint64 invoiceId = asInt(inserted->at(0));
    for (const TaxLine& tax : totals.taxLines) // the tax report's rows
        m_db.execute(
            QStringLiteral("INSERT INTO invoice_taxes (invoice_id, country, region, name, treatment, "
                           "rate_basis_points, taxable_minor, tax_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
            {invoiceId, tax.country, tax.region, tax.name, tax.treatment, tax.rateBasisPoints,
             tax.taxableMinor, tax.taxMinor});
    qint64 position = 0;
    for (const InvoiceLine& line : draft.lines) {
        m_db.execute(
            QStringLiteral("INSERT INTO invoice_lines (invoice_id, position, charge_id, kind, description, "
                           "quantity, unit_amount_minor, amount_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
            {invoiceId, ++position, nullableInt(line.chargeId), line.kind, line.description, line.quantity,
             line.unitAmountMinor, line.amountMinor});
        if (line.chargeId)
            m_db.execute(QStringLiteral("UPDATE charges SET invoice_id = ? WHERE id = ?"),
                         {invoiceId, *line.chargeId});
    }
    // Finalized at once: the number is taken last, in this transaction, from the locked counter row.
    const QString number = numberOf(QStringLiteral("CD"), takeNext(QStringLiteral("CD")));
    m_db.execute(QStringLiteral("UPDATE invoices SET status = 'open', number = ?, issued_at = ?, due_at = ? "
                                "WHERE id = ?"),
                 {number, m_now, m_now + draft.dueInMs, invoiceId});
    return invoiceId;
}

qint64 Invoices::takeNext(const QString& series, qint64 count)
{
    // The row stays locked until the transaction ends: finalizations in two processes take turns, and a
    // rollback gives the numbers back.
    const auto row = m_db.row(
        QStringLiteral("UPDATE invoice_series SET next = next + ? WHERE series = ? RETURNING next - ?"),
        {count, series, count});
    return asInt(row->at(0));
}

QString Invoices::numberOf(const QString& series, qint64 counter) const
{
    // The year is the issue year; the counter runs on across years.
    return QStringLiteral("%1-%2-%3")
        .arg(series)
        .arg(QDateTime::fromMSecsSinceEpoch(m_now, Qt::UTC).date().year())
        .arg(counter, 6, 10, QLatin1Char('0'));
}

QString Invoices::buyerColumns()
{
    return QStringLiteral(
               "a.owner_kind, a.owner_id, o.name, u.name, u.email, bp.account_id, %1 FROM accounts a "
               "LEFT JOIN organizations o ON a.owner_kind = 'organization' AND o.id = a.owner_id "
               "LEFT JOIN users u ON a.owner_kind = 'user' AND u.id = a.owner_id "
               "LEFT JOIN billing_profiles bp ON bp.account_id = a.id")
        .arg(BillingProfiles::columns(QStringLiteral("bp")));
}

BuyerDetails Invoices::buyerFromRow(const Row& row, int first)
{
    const auto column = [&row, first](int i) { return row.at(static_cast<std::size_t>(first + i)); };
    const bool organization = column(0).toString() == QLatin1String("organization");
    const QString ownerKey = organization ? QStringLiteral("organization_id") : QStringLiteral("user_id");
    BuyerDetails details;
    // The billing profile when there is one (what the customer asked to be invoiced as); otherwise the
    // organization's name, or the user's name and e-mail.
    if (!column(5).isNull()) {
        details.profile = BillingProfiles::fromRow(row, first + 6);
        details.buyer = details.profile->toJson();
        details.buyer.remove(QStringLiteral("tax_exempt"));
        details.buyer.remove(QStringLiteral("exemption_reason"));
        details.buyer.insert(QStringLiteral("country"), details.profile->country);
    } else if (organization) {
        details.buyer = QJsonObject{{QStringLiteral("name"), column(2).toString()}};
    } else {
        details.buyer = QJsonObject{{QStringLiteral("name"), column(3).toString()},
                                    {QStringLiteral("email"), column(4).toString()}};
    }
    details.buyer.insert(ownerKey, asInt(column(1)));
    return details;
}

BuyerDetails Invoices::buyerOf(qint64 accountId)
{
    const auto row = m_db.row(QStringLiteral("SELECT %1 WHERE a.id = ?").arg(buyerColumns()), {accountId});
    return row ? buyerFromRow(*row, 0) : BuyerDetails{};
}

// ---- reading ------------------------------------------------------------------------------------------

namespace {

QJsonObject render(SqlConnection& db, const Row& r)
{
    const qint64 id = asInt(r[0]);
    QJsonArray lines;
    for (const Row& l : db.rows(QStringLiteral("SELECT kind, description, quantity, unit_amount_minor, "
                                               "amount_minor FROM invoice_lines WHERE invoice_id = ? "
                                               "ORDER BY position"),
                                {id}))
        lines.append(QJsonObject{{QStringLiteral("kind"), l[0].toString()},
                                 {QStringLiteral("description"), l[1].toString()},
                                 {QStringLiteral("quantity"), asInt(l[2])},
                                 {QStringLiteral("unit_amount_minor"), asInt(l[3])},
                                 {QStringLiteral("amount_minor"), asInt(l[4])}});
    const bool organization = r[22].toString() == QLatin1String("organization");
    QJsonObject account{
        {QStringLiteral("id"), asInt(r[2])},
        {QStringLiteral("owner_kind"), r[22].toString()},
        {organization ? QStringLiteral("organization_id") : QStringLiteral("user_id"), asInt(r[23])}};
    const qint64 total = asInt(r[14]);
    const qint64 paid = asInt(r[15]);
    const QString status = r[4].toString();
    QJsonArray creditNotes;
    qint64 credited = 0;
    for (const Row& c :
         db.rows(QStringLiteral("SELECT id, number, amount_minor, reason, refund_status, "
                                "issued_at FROM credit_notes WHERE invoice_id = ? ORDER BY id"),
                 {id})) {
        credited += asInt(c[2]);
        creditNotes.append(QJsonObject{{QStringLiteral("id"), asInt(c[0])},
                                       {QStringLiteral("number"), c[1].toString()},
                                       {QStringLiteral("amount_minor"), asInt(c[2])},
                                       {QStringLiteral("reason"), c[3].toString()},
                                       {QStringLiteral("refund_status"), c[4].toString()},
                                       {QStringLiteral("issued_at"), formatTimestamp(asInt(c[5]))}});
    }
    QJsonObject invoice{
        {QStringLiteral("id"), id},
        {QStringLiteral("number"), r[5].isNull() ? QJsonValue() : QJsonValue(r[5].toString())},
        {QStringLiteral("seq"), asInt(r[1])},
        {QStringLiteral("kind"), r[3].toString()},
        {QStringLiteral("status"), status},
        {QStringLiteral("account"), account},
        {QStringLiteral("seller"), jsonText(r[18])},
        {QStringLiteral("buyer"), jsonText(r[17])},
        {QStringLiteral("issued_at"), timestampOrNull(r[6])},
        {QStringLiteral("due_at"), timestampOrNull(r[7])},
        {QStringLiteral("period_start"), timestampOrNull(r[8])},
        {QStringLiteral("period_end"), timestampOrNull(r[9])},
        {QStringLiteral("currency"), r[10].toString()},
        {QStringLiteral("lines"), lines},
        {QStringLiteral("subtotal_minor"), asInt(r[11])},
        {QStringLiteral("discount_minor"), asInt(r[12])},
        {QStringLiteral("tax_lines"), jsonText(r[16])},
        {QStringLiteral("tax_minor"), asInt(r[13])},
        {QStringLiteral("total_minor"), total},
        {QStringLiteral("amount_paid_minor"), paid},
        // Nothing is due on a void or uncollectible invoice; credit notes take their amount off.
        {QStringLiteral("amount_due_minor"),
         status == QLatin1String("open") || status == QLatin1String("draft") ? total - paid - credited : 0},
        {QStringLiteral("amount_credited_minor"), credited},
        {QStringLiteral("credit_notes"), creditNotes},
    };
    if (!r[19].isNull())
        invoice.insert(QStringLiteral("payment"),
                       QJsonObject{{QStringLiteral("method"), r[19].toString()},
                                   {QStringLiteral("reference"), r[20].toString()},
                                   {QStringLiteral("paid_at"), timestampOrNull(r[21])}});
    return invoice;
}

} // namespace

QJsonObject Invoices::get(qint64 invoiceId)
{
    const auto row =
        m_db.row(QStringLiteral("SELECT %1 FROM invoices i JOIN accounts a ON a.id = i.account_id "
                                "WHERE i.id = ?")
                     .arg(QLatin1String(kInvoiceColumns)),
                 {invoiceId});
    if (!row)
        throw ApiError::notFound(QStringLiteral("Invoice"));
    return render(m_db, *row);
}

QJsonObject Invoices::list(const InvoiceQuery& query)
{
    QString where = QStringLiteral("1 = 1");
    QVariantList binds;
    const auto add = [&](const QString& condition, const QVariantList& values) {
        where += QStringLiteral(" AND ") + condition;
        binds.append(values);
    };
    if (query.accountId)
        add(QStringLiteral("i.account_id = ?"), {*query.accountId});
    if (query.status)
        add(QStringLiteral("i.status = ?"), {*query.status});
    if (query.fromMs)
        add(QStringLiteral("i.issued_at >= ?"), {*query.fromMs});
    if (query.toMs)
        add(QStringLiteral("i.issued_at < ?"), {*query.toMs});
    if (!query.text.isEmpty()) {
        const QString pattern = containsPattern(query.text);
        add(QStringLiteral(
                "(LOWER(COALESCE(i.number, '')) LIKE ? ESCAPE '\\' OR LOWER(i.buyer) LIKE ? ESCAPE "
                "'\\' OR EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = i.id AND "
                "LOWER(l.description) LIKE ? ESCAPE '\\'))"),
            {pattern, pattern, pattern});
    }
    // `since` reads on in seq order (what was finalized after a sync); otherwise newest first by id.
    const bool bySeq = query.sinceSeq.has_value();
    if (bySeq)
        add(QStringLiteral("i.seq > ?"), {*query.sinceSeq});
    else
        add(QStringLiteral("i.id < ?"), {query.beforeId.value_or(std::numeric_limits<qint64>::max())});
    binds.append(query.limit + 1);
    const auto rows =
        m_db.rows(QStringLiteral("SELECT %1 FROM invoices i JOIN accounts a ON a.id = i.account_id "
                                 "WHERE %2 ORDER BY %3 LIMIT ?")
                      .arg(QLatin1String(kInvoiceColumns), where,
                           bySeq ? QStringLiteral("i.seq") : QStringLiteral("i.id DESC")),
                  binds);
    QJsonArray data;
    for (std::size_t i = 0; i < rows.size() && static_cast<int>(i) < query.limit; ++i)
        data.append(render(m_db, rows[i]));
    const bool more = static_cast<int>(rows.size()) > query.limit;
    QJsonValue next;
    if (more && !bySeq)
        next = QString::number(asInt(rows[query.limit - 1][0]));
    return QJsonObject{{QStringLiteral("data"), data}, {QStringLiteral("next_cursor"), next}};
}

// ---- operator actions ---------------------------------------------------------------------------------

QString Invoices::lockStatus(qint64 invoiceId)
{
    // The status update below names the status it found, so two actions racing on one invoice cannot
    // both succeed (the second updates nothing and is refused).
    const auto row = m_db.row(QStringLiteral("SELECT status FROM invoices WHERE id = ?"), {invoiceId});
    if (!row)
        throw ApiError::notFound(QStringLiteral("Invoice"));
    return row->at(0).toString();
}

QJsonObject Invoices::voidInvoice(qint64 invoiceId)
{
    const QString status = lockStatus(invoiceId);
    if (status != QLatin1String("open") && status != QLatin1String("draft"))
        throw ApiError::conflict(QStringLiteral("invalid_invoice_state"),
                                 QStringLiteral("A %1 invoice cannot be voided").arg(status));
    if (m_db.executeCounted(
            QStringLiteral("UPDATE invoices SET status = 'void', voided_at = ?, updated_at = ? "
                           "WHERE id = ? AND status = ?"),
            {m_now, m_now, invoiceId, status}) != 1)
        throw ApiError::conflict(QStringLiteral("invalid_invoice_state"),
                                 QStringLiteral("The invoice changed"));
    resequence(invoiceId);
    return get(invoiceId);
}

bool Invoices::markUncollectible(qint64 invoiceId)
{
    if (m_db.executeCounted(QStringLiteral("UPDATE invoices SET status = 'uncollectible', updated_at = ? "
                                           "WHERE id = ? AND status = 'open'"),
                            {m_now, invoiceId}) != 1)
        return false;
    resequence(invoiceId);
    return true;
}

QJsonObject Invoices::markPaid(qint64 invoiceId, const QString& method, const QString& reference)
{
    const QString status = lockStatus(invoiceId);
    if (status != QLatin1String("open"))
        throw ApiError::conflict(QStringLiteral("invalid_invoice_state"),
                                 QStringLiteral("A %1 invoice cannot be marked paid").arg(status));
    if (m_db.executeCounted(
            QStringLiteral(
                "UPDATE invoices SET status = 'paid', amount_paid_minor = total_minor - COALESCE((SELECT "
                "SUM(c.amount_minor) FROM credit_notes c WHERE c.invoice_id = invoices.id), 0), "
                "payment_method = ?, "
                "payment_reference = ?, paid_at = ?, updated_at = ? WHERE id = ? AND status = 'open'"),
            {method, reference, m_now, m_now, invoiceId}) != 1)
        throw ApiError::conflict(QStringLiteral("invalid_invoice_state"),
                                 QStringLiteral("The invoice changed"));
    resequence(invoiceId);
    // What follows the payment, in this transaction: a purchase's credits (once per invoice).
    CreditPurchases(m_db, m_now).invoicePaid(invoiceId);
    // A paid period invoice ends its dunning (payments/Payments.h): a past-due subscription is active
    // again, whoever collected the payment (a card retry, a webhook, the operator's bank transfer).
    if (const auto period = m_db.row(
            QStringLiteral("SELECT account_id FROM invoices WHERE id = ? AND kind = 'period'"), {invoiceId}))
        Subscriptions(m_db, m_now).restoreActive(asInt(period->at(0)));
    return get(invoiceId);
}

QJsonObject Invoices::creditNote(qint64 invoiceId, qint64 amountMinor, const QString& reason)
{
    // Locks the invoice's row (PostgreSQL) before reading its status and what was credited, so credit
    // notes, voids and payments of one invoice take turns; SQLite has one writer anyway.
    m_db.execute(QStringLiteral("UPDATE invoices SET updated_at = ? WHERE id = ?"), {m_now, invoiceId});
    const QString status = lockStatus(invoiceId);
    if (status != QLatin1String("open") && status != QLatin1String("paid"))
        throw ApiError::conflict(QStringLiteral("invalid_invoice_state"),
                                 QStringLiteral("A %1 invoice cannot be credited").arg(status));
    const auto amounts = m_db.row(
        QStringLiteral("SELECT i.total_minor, i.amount_paid_minor, COALESCE((SELECT SUM(c.amount_minor) FROM "
                       "credit_notes c WHERE c.invoice_id = i.id), 0) FROM invoices i WHERE i.id = ?"),
        {invoiceId});
    const qint64 total = asInt(amounts->at(0));
    const qint64 credited = asInt(amounts->at(2));
    if (amountMinor < 1 || amountMinor > total - credited)
        throw ApiError::validation(
            QStringLiteral("amount_minor"),
            QStringLiteral("'amount_minor' must be 1 to %1 (the total less earlier credit notes)")
                .arg(total - credited));
    const QString number = numberOf(QStringLiteral("CN"), takeNext(QStringLiteral("CN")));
    // A paid invoice's credit note is money owed back: 'pending' until the payment provider's refund
    // (the Stripe slice) or the operator's bank transfer marks it 'refunded'.
    const bool paid = status == QLatin1String("paid");
    m_db.execute(QStringLiteral("INSERT INTO credit_notes (invoice_id, number, amount_minor, reason, "
                                "refund_status, issued_at) VALUES (?, ?, ?, ?, ?, ?)"),
                 {invoiceId, number, amountMinor, reason,
                  paid ? QStringLiteral("pending") : QStringLiteral("none"), m_now});
    const qint64 paidSoFar = asInt(amounts->at(1));
    if (!paid && total - paidSoFar - credited - amountMinor == 0)
        return markPaid(invoiceId, QStringLiteral("credit_note"), number);
    resequence(invoiceId);
    return get(invoiceId);
}

QString Invoices::amountDueSql(const QString& alias)
{
    return QStringLiteral(
               "(%1.total_minor - %1.amount_paid_minor - COALESCE((SELECT SUM(cn.amount_minor) FROM "
               "credit_notes cn WHERE cn.invoice_id = %1.id), 0))")
        .arg(alias);
}

void Invoices::resequence(qint64 invoiceId)
{
    m_db.execute(QStringLiteral("UPDATE invoices SET seq = ?, updated_at = ? WHERE id = ?"),
                 {takeNext(QStringLiteral("seq")), m_now, invoiceId});
}

// ---- seller -------------------------------------------------------------------------------------------

QJsonObject Invoices::seller()
{
    const auto row = m_db.row(QStringLiteral("SELECT settings FROM seller_settings WHERE id = 1"));
    return row ? QJsonDocument::fromJson(row->at(0).toString().toUtf8()).object() : QJsonObject();
}

QJsonObject Invoices::setSeller(const QJsonObject& settings)
{
    m_db.execute(QStringLiteral("INSERT INTO seller_settings (id, settings, updated_at) VALUES (1, ?, ?) "
                                "ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, "
                                "updated_at = excluded.updated_at"),
                 {compact(settings), m_now});
    return settings;
}

} // namespace creditdesk::server
