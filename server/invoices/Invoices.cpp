#include "invoices/Invoices.h"

#include "billing/Subscriptions.h"
#include "core/ApiError.h"
#include "core/Json.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

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

int Invoices::close(const std::vector<DueClose>& closes)
{
    int finalized = 0;
    for (const DueClose& due : closes)
        finalized += closeOne(due.accountId, due.periodStart, due.renewedAt) ? 1 : 0;
    return finalized;
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
    InvoiceDraft draft;
    draft.accountId = accountId;
    draft.periodStart = periodStart;
    draft.currency = charges.front()[4].toString();
    qint64 periodEnd = periodStart;
    for (const Row& c : charges) {
        const qint64 amount = asInt(c[3]);
        draft.lines.push_back(InvoiceLine{asInt(c[0]), c[1].toString(), c[2].toString(), 1, amount, amount});
        // The new period's fee, charged in advance at the close, gives the invoice's period its end.
        if (optionalInt(c[5]) == std::optional(periodStart))
            periodEnd = std::max(periodEnd, optionalInt(c[6]).value_or(periodStart));
    }
    draft.periodEnd = periodEnd;
    return issue(draft).has_value();
}

InvoiceTotals Invoices::totalsFor(qint64 accountId, const std::vector<InvoiceLine>& lines)
{
    Q_UNUSED(accountId) // the tax slice reads the account's billing profile
    InvoiceTotals totals;
    for (const InvoiceLine& line : lines)
        (line.amountMinor >= 0 ? totals.subtotalMinor : totals.discountMinor) +=
            line.amountMinor >= 0 ? line.amountMinor : -line.amountMinor;
    totals.totalMinor = totals.subtotalMinor - totals.discountMinor + totals.taxMinor;
    return totals;
}

std::optional<qint64> Invoices::issue(const InvoiceDraft& draft)
{
    const InvoiceTotals totals = totalsFor(draft.accountId, draft.lines);
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
         QString::fromUtf8(QJsonDocument(totals.taxLines).toJson(QJsonDocument::Compact)),
         compact(buyerOf(draft.accountId)), compact(seller()), m_now, m_now});
    if (!inserted)
        return std::nullopt;
    const qint64 invoiceId = asInt(inserted->at(0));
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
    const qint64 counter = takeNext(QStringLiteral("CD"));
    const QString number = QStringLiteral("CD-%1-%2")
                               .arg(QDateTime::fromMSecsSinceEpoch(m_now, Qt::UTC).date().year())
                               .arg(counter, 6, 10, QLatin1Char('0'));
    m_db.execute(QStringLiteral("UPDATE invoices SET status = 'open', number = ?, issued_at = ?, due_at = ? "
                                "WHERE id = ?"),
                 {number, m_now, m_now + draft.dueInMs, invoiceId});
    return invoiceId;
}

qint64 Invoices::takeNext(const QString& series)
{
    // The row stays locked until the transaction ends: finalizations in two processes take turns, and a
    // rollback gives the number back.
    const auto row = m_db.row(
        QStringLiteral("UPDATE invoice_series SET next = next + 1 WHERE series = ? RETURNING next - 1"),
        {series});
    return asInt(row->at(0));
}

QJsonObject Invoices::buyerOf(qint64 accountId)
{
    const auto row = m_db.row(
        QStringLiteral("SELECT a.owner_kind, a.owner_id, o.name, u.name, u.email FROM accounts a "
                       "LEFT JOIN organizations o ON a.owner_kind = 'organization' AND o.id = a.owner_id "
                       "LEFT JOIN users u ON a.owner_kind = 'user' AND u.id = a.owner_id WHERE a.id = ?"),
        {accountId});
    if (!row)
        return {};
    if (row->at(0).toString() == QLatin1String("organization"))
        return QJsonObject{{QStringLiteral("name"), row->at(2).toString()},
                           {QStringLiteral("organization_id"), asInt(row->at(1))}};
    return QJsonObject{{QStringLiteral("name"), row->at(3).toString()},
                       {QStringLiteral("email"), row->at(4).toString()},
                       {QStringLiteral("user_id"), asInt(row->at(1))}};
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
        // Nothing is due on a void or uncollectible invoice.
        {QStringLiteral("amount_due_minor"),
         status == QLatin1String("open") || status == QLatin1String("draft") ? total - paid : 0},
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
    return get(invoiceId);
}

bool Invoices::markUncollectible(qint64 invoiceId)
{
    return m_db.executeCounted(QStringLiteral("UPDATE invoices SET status = 'uncollectible', updated_at = ? "
                                              "WHERE id = ? AND status = 'open'"),
                               {m_now, invoiceId}) == 1;
}

QJsonObject Invoices::markPaid(qint64 invoiceId, const QString& method, const QString& reference)
{
    const QString status = lockStatus(invoiceId);
    if (status != QLatin1String("open"))
        throw ApiError::conflict(QStringLiteral("invalid_invoice_state"),
                                 QStringLiteral("A %1 invoice cannot be marked paid").arg(status));
    if (m_db.executeCounted(
            QStringLiteral(
                "UPDATE invoices SET status = 'paid', amount_paid_minor = total_minor, payment_method = ?, "
                "payment_reference = ?, paid_at = ?, updated_at = ? WHERE id = ? AND status = 'open'"),
            {method, reference, m_now, m_now, invoiceId}) != 1)
        throw ApiError::conflict(QStringLiteral("invalid_invoice_state"),
                                 QStringLiteral("The invoice changed"));
    // A paid period invoice ends its dunning (payments/Payments.h): a past-due subscription is active
    // again, whoever collected the payment (a card retry, a webhook, the operator's bank transfer).
    if (const auto period = m_db.row(
            QStringLiteral("SELECT account_id FROM invoices WHERE id = ? AND kind = 'period'"), {invoiceId}))
        Subscriptions(m_db, m_now).restoreActive(asInt(period->at(0)));
    return get(invoiceId);
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
