// Period close benchmark (issue 15, "Performance": period close for 100,000 accounts, invoices finalized,
// PDFs not rendered; target <= 60 s). Prints one JSON object.
//
//   bench_invoice_close [--backend sqlite|postgresql|both] [--accounts 100000]
//
// N organizations whose period closed at the same instant T are written straight into a fresh database:
// the close (a subscription_periods row) and its uninvoiced charges, the new period's fee and, for every
// second one, a coupon's discount line; the seller is German and every third account has a billing profile
// (German, or French with a VAT id: reverse charge), so tax is computed as in production. Then the server's
// own close job (invoices/PeriodClose.h, what the billing jobs run after the renewals) runs in this process
// on the server's Store, through its writer (SQLite) or beside it (PostgreSQL), and its wall time is the
// figure. The renewals themselves are bench_renewals' figure. The result is checked: N invoices, gapless
// numbers, no charge left uninvoiced. PostgreSQL needs CREDITDESK_TEST_PG_URL (scripts/pg-start prints it);
// `both` (the default) runs it when that is set.
#include "TestServer.h"
#include "invoices/PeriodClose.h"
#include "invoices/TaxRates.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <iostream>

using namespace creditdesk::test;
using namespace creditdesk::server;

namespace {

constexpr qint64 kDay = 86'400'000;

void exec(QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        qFatal("%s: %s", qPrintable(sql.left(300)), qPrintable(query.lastError().text()));
}

void seed(const QString& url, int count, qint64 close)
{
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = openDirectConnection(url, name);
        const QString t = QString::number(close);
        const QString start = QString::number(close - 30 * kDay);
        const QString end = QString::number(close + 31 * kDay);
        db.transaction();
        exec(db, QString("INSERT INTO organizations (name, kind, tier, billing_option, created_at) "
                         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                         "SELECT 'bench-' || i, 'team', 'starter', 'credits', %2 FROM n")
                     .arg(count)
                     .arg(start));
        exec(db, QString("INSERT INTO accounts (owner_kind, owner_id, balance, last_seq, created_at) "
                         "SELECT 'organization', id, 0, 0, %1 FROM organizations WHERE name LIKE 'bench-%'")
                     .arg(start));
        exec(db, QString("INSERT INTO subscription_periods (account_id, period_start, renewed_at) "
                         "SELECT id, %1, %1 FROM accounts")
                     .arg(t));
        exec(db, QString("INSERT INTO charges (account_id, kind, description, amount_minor, currency, "
                         "period_start, period_end, created_at) SELECT id, 'period_fee', 'Starter plan, "
                         "next period', 3000, 'USD', %1, %2, %1 FROM accounts")
                     .arg(t, end));
        exec(db, QString("INSERT INTO charges (account_id, kind, description, amount_minor, currency, "
                         "period_start, period_end, created_at) SELECT id, 'discount', 'Coupon BENCH on "
                         "Starter plan', -600, 'USD', %1, %2, %1 FROM accounts WHERE id % 2 = 0")
                     .arg(t, end));
        // The seller in Germany; every third account has a billing profile: German (19 % VAT) or, every
        // sixth, French with a VAT id (reverse charge), so the close computes tax as in production.
        exec(db,
             QString(
                 "INSERT INTO seller_settings (id, settings, updated_at) VALUES (1, "
                 "'{\"legal_name\":\"CreditDesk GmbH\",\"country\":\"DE\",\"email\":\"b@cd.example\"}', %1)")
                 .arg(t));
        exec(db,
             QString(
                 "INSERT INTO billing_profiles (account_id, legal_name, email, line1, line2, city, "
                 "postal_code, "
                 "region, country, tax_id, tax_exempt, exemption_reason, updated_at) SELECT id, 'Bench ' || "
                 "id, "
                 "'b@example.com', 'Street 1', '', 'City', '10115', '', CASE WHEN id % 6 = 0 THEN 'FR' ELSE "
                 "'DE' END, CASE WHEN id % 6 = 0 THEN 'FR12345678901' ELSE '' END, 0, '', %1 FROM accounts "
                 "WHERE id % 3 = 0")
                 .arg(t));
        if (!db.commit())
            qFatal("seed commit: %s", qPrintable(db.lastError().text()));
        if (!url.startsWith("sqlite:"))
            exec(db, "ANALYZE");
    }
    QSqlDatabase::removeDatabase(name);
}

QJsonObject runBackend(const QString& backend, int count)
{
    qputenv("CREDITDESK_TEST_BACKEND", backend.toLatin1());
    TestDatabase database;
    const qint64 close = QDateTime::currentMSecsSinceEpoch();
    {
        Store schema(DatabaseUrl::parse(database.url()));
        schema.open(close); // the migrations, and the shipped tax rates as the server seeds them
        schema.runSync([close](SqlConnection& db) {
            TaxRates(db).seedOnce(close);
            return ApiResponse{};
        });
    }
    seed(database.url(), count, close);
    Store store(DatabaseUrl::parse(database.url()));
    store.open(close + 1);
    QElapsedTimer timer;
    timer.start();
    const int finalized = closeDuePeriods(store, close + 1);
    const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    const qint64 invoices = database.scalar("SELECT COUNT(*) FROM invoices WHERE status = 'open'");
    const qint64 numbers = database.scalar("SELECT COUNT(DISTINCT number) FROM invoices");
    const qint64 uninvoiced = database.scalar("SELECT COUNT(*) FROM charges WHERE invoice_id IS NULL");
    const qint64 lastNumber = database.scalar("SELECT next - 1 FROM invoice_series WHERE series = 'CD'");
    const qint64 net = database.scalar("SELECT SUM(total_minor - tax_minor) FROM invoices");
    const qint64 inconsistent = database.scalar("SELECT COUNT(*) FROM invoices i WHERE i.total_minor <> "
                                                "i.subtotal_minor - i.discount_minor + i.tax_minor OR "
                                                "i.tax_minor <> COALESCE((SELECT SUM(t.tax_minor) FROM "
                                                "invoice_taxes t WHERE t.invoice_id = i.id), 0)");
    const qint64 taxed =
        database.scalar("SELECT COUNT(DISTINCT invoice_id) FROM invoice_taxes WHERE tax_minor > 0");
    const qint64 reverseCharged =
        database.scalar("SELECT COUNT(*) FROM invoice_taxes WHERE treatment = 'reverse_charge'");
    const bool ok = finalized == count && invoices == count && numbers == count && uninvoiced == 0 &&
                    lastNumber == count && net == 3000LL * count - 600LL * (count / 2) && inconsistent == 0 &&
                    taxed > 0 && reverseCharged == count / 6;
    return QJsonObject{{"backend", backend},
                       {"accounts", count},
                       {"invoices_finalized", finalized},
                       {"invoices_taxed", taxed},
                       {"invoices_reverse_charged", reverseCharged},
                       {"seconds", seconds},
                       {"invoices_per_second", seconds > 0 ? finalized / seconds : 0.0},
                       {"target_seconds", 60},
                       {"checked", ok}};
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QString backend = QStringLiteral("both");
    int count = 100'000;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == "--backend")
            backend = args[i + 1];
        else if (args[i] == "--accounts")
            count = args[i + 1].toInt();
        else
            qFatal("unknown option %s", qPrintable(args[i]));
    }
    QJsonArray runs;
    if (backend == "sqlite" || backend == "both")
        runs.append(runBackend("sqlite", count));
    if (backend == "postgresql" || (backend == "both" && qEnvironmentVariableIsSet("CREDITDESK_TEST_PG_URL")))
        runs.append(runBackend("postgresql", count));
    std::cout << QJsonDocument(QJsonObject{{"benchmark", "invoice_close"}, {"runs", runs}})
                     .toJson(QJsonDocument::Indented)
                     .toStdString();
    for (const QJsonValue& run : runs)
        if (!run["checked"].toBool())
            return 1;
    return 0;
}
