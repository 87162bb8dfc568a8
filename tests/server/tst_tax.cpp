// Billing profiles, tax rates, tax on invoices, credit notes, the PDF route and the tax report through
// the public API against a real server (SQLite and PostgreSQL). Golden invoices with exact figures
// (seller in Germany): domestic VAT, reverse charge (French business), exemption, a verified
// institution's discount, an upgrade's proration; credit notes on open and paid invoices; the tax report
// on an issued basis with a credit note's proportional share; ten concurrent credit notes on one invoice
// never over-credit; the PDF read back with pdftotext; the cross-organization matrix and bad input (422
// naming the field, database unchanged) for every route.
#include "TestServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <latch>
#include <thread>

using namespace creditdesk::test;

namespace {

const char* kReverseCharge =
    "Reverse charge: VAT to be accounted for by the recipient, Art. 196 Council Directive 2006/112/EC";

QJsonObject profile(const QString& name, const QString& country, const QString& taxId = {})
{
    return QJsonObject{{"legal_name", name},
                       {"email", "billing@" + name.toLower().remove(' ') + ".test"},
                       {"address", QJsonObject{{"line1", "Main St 1"},
                                               {"line2", ""},
                                               {"city", "Town"},
                                               {"postal_code", "12345"},
                                               {"region", ""},
                                               {"country", country}}},
                       {"tax_id", taxId}};
}

QJsonObject taxLine(const QString& name, qint64 bp, qint64 taxable, qint64 tax, const QString& note = {})
{
    return QJsonObject{{"name", name},
                       {"rate_basis_points", bp},
                       {"taxable_minor", taxable},
                       {"tax_minor", tax},
                       {"note", note}};
}

QString pdfText(const QByteArray& pdf)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("invoice.pdf");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size())
        return {};
    file.close();
    QProcess process;
    process.start("pdftotext", {"-layout", path, "-"});
    if (!process.waitForFinished(30000))
        return {};
    return QString::fromUtf8(process.readAllStandardOutput());
}

} // namespace

class TestTax : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;
    qint64 org = 0;
    qint64 other = 0;
    QByteArray owner;
    QByteArray finance;
    QByteArray member;
    QByteArray otherOwner;
    QByteArray otherFinance;

    static QByteArray orgQuery(qint64 id) { return "organization_id=" + QByteArray::number(id); }
    HttpResponse send(const QByteArray& token, const QByteArray& method, const QByteArray& path,
                      const QByteArray& body)
    {
        return f->server->client(token)->request(method, path, body, {{"Content-Type", "application/json"}});
    }
    HttpResponse putProfile(const QByteArray& token, qint64 organizationId, const QJsonObject& body)
    {
        return send(token, "PUT", "/api/v1/billing-profile?" + orgQuery(organizationId),
                    QJsonDocument(body).toJson());
    }
    HttpResponse moveClockBy(qint64 seconds)
    {
        return f->post(f->adminToken, "/api/v1/admin/test-clock", {{"advance_seconds", seconds}});
    }
    QString today()
    {
        return f->get(f->adminToken, "/api/v1/admin/test-clock").json()["now"].toString().left(10);
    }
    void startStarter(qint64 organizationId)
    {
        QCOMPARE(send(f->adminToken, "PATCH", "/api/v1/organizations/" + QByteArray::number(organizationId),
                      R"({"tier":"starter"})")
                     .status,
                 200);
    }
    QJsonArray invoices(qint64 organizationId)
    {
        return f->get(f->adminToken, "/api/v1/invoices?" + orgQuery(organizationId)).json()["data"].toArray();
    }
    QJsonObject newestInvoice(qint64 organizationId)
    {
        const QJsonArray list = invoices(organizationId);
        return list.isEmpty() ? QJsonObject() : list[0].toObject();
    }
    static QByteArray invoicePath(const QJsonObject& invoice)
    {
        return "/api/v1/invoices/" + QByteArray::number(invoice["id"].toInteger());
    }
    QStringList taxTables()
    {
        return f->database.dump({"billing_profiles ORDER BY account_id", "tax_rates ORDER BY country, region",
                                 "tax_rates_seeded", "credit_notes ORDER BY id", "invoices ORDER BY id",
                                 "invoice_taxes ORDER BY id", "invoice_series ORDER BY series"});
    }
    void setGermanSeller()
    {
        const QJsonObject seller{{"legal_name", "CreditDesk GmbH"},
                                 {"address", QJsonObject{{"line1", "Hauptstr. 1"},
                                                         {"city", "Berlin"},
                                                         {"postal_code", "10115"},
                                                         {"country", "DE"}}},
                                 {"tax_id", "DE123456789"},
                                 {"country", "DE"},
                                 {"email", "billing@creditdesk.test"}};
        QCOMPARE(send(f->adminToken, "PUT", "/api/v1/admin/seller", QJsonDocument(seller).toJson()).status,
                 200);
    }
    void expect422(const HttpResponse& response, const QString& field, const QByteArray& what)
    {
        QVERIFY2(response.status == 422, (what + " → " + response.body).constData());
        QCOMPARE(response.json()["error"].toObject()["details"].toObject()["field"].toString(), field);
    }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<Fixture>(
            QStringList{QStringLiteral("--test-clock"), QStringLiteral("--session-ttl"),
                        QStringLiteral("315360000"), QStringLiteral("--jobs-interval-ms"),
                        QStringLiteral("3600000")},
            Fixture::Catalog::Shipped);
        org = f->createOrganization(f->adminToken, "Acme");
        f->addMemberByOperator(org, "owner@acme.test", "owner");
        f->addMemberByOperator(org, "fin@acme.test", "finance");
        f->addMemberByOperator(org, "ana@acme.test", "member");
        other = f->createOrganization(f->adminToken, "Other");
        f->addMemberByOperator(other, "owner@other.test", "owner");
        f->addMemberByOperator(other, "fin@other.test", "finance");
        owner = f->loginMember("owner@acme.test");
        finance = f->loginMember("fin@acme.test");
        member = f->loginMember("ana@acme.test");
        otherOwner = f->loginMember("owner@other.test");
        otherFinance = f->loginMember("fin@other.test");
    }
    void cleanup() { f.reset(); }

    void billingProfileIsTheAccountsReadersAndWriters()
    {
        const QByteArray path = "/api/v1/billing-profile?" + orgQuery(org);
        // Nothing set yet: the empty profile.
        const HttpResponse empty = f->get(finance, path);
        QCOMPARE(empty.status, 200);
        QCOMPARE(empty.json()["legal_name"].toString(), QString());
        QCOMPARE(empty.json()["tax_exempt"].toBool(), false);
        const QJsonObject acme = profile("Acme GmbH", "DE", "DE999999999");
        HttpResponse put = putProfile(owner, org, acme);
        QVERIFY2(put.status == 200, put.body.constData());
        QJsonObject expected = acme;
        expected.insert("tax_exempt", false);
        expected.insert("exemption_reason", "");
        QCOMPARE(put.json(), expected);
        QCOMPARE(f->get(finance, path).json(), expected);
        QCOMPARE(f->get(f->adminToken, path).json(), expected);
        // Finance staff edit it too; a console sends back the exemption it read.
        QJsonObject edited = expected;
        edited.insert("legal_name", "Acme Deutschland GmbH");
        QCOMPARE(putProfile(finance, org, edited).status, 200);
        QCOMPARE(f->get(owner, path).json()["legal_name"].toString(),
                 QStringLiteral("Acme Deutschland GmbH"));
        QCOMPARE(
            f->database.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'billing_profile.updated'"), 2);

        // Only platform admins set the exemption: anyone else changing it gets 403, nothing changes.
        const QStringList before = taxTables();
        QJsonObject exempt = edited;
        exempt.insert("tax_exempt", true);
        exempt.insert("exemption_reason", "Charity");
        HttpResponse refused = putProfile(owner, org, exempt);
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.errorCode(), QStringLiteral("forbidden"));
        QJsonObject reasonOnly = edited;
        reasonOnly.insert("exemption_reason", "Charity");
        QCOMPARE(putProfile(finance, org, reasonOnly).status, 403);
        QCOMPARE(taxTables(), before);
        put = putProfile(f->adminToken, org, exempt);
        QCOMPARE(put.status, 200);
        QCOMPARE(put.json()["tax_exempt"].toBool(), true);
        // Left out, the exemption stays as it is, whoever saves.
        QCOMPARE(putProfile(owner, org, profile("Acme GmbH", "DE")).json()["exemption_reason"].toString(),
                 QStringLiteral("Charity"));

        // The matrix: members 403, another organization's owner and finance 404.
        const QStringList after = taxTables();
        QCOMPARE(f->get(member, path).status, 403);
        QCOMPARE(putProfile(member, org, acme).status, 403);
        for (const QByteArray& token : {otherOwner, otherFinance}) {
            QCOMPARE(f->get(token, path).status, 404);
            QCOMPARE(putProfile(token, org, acme).status, 404);
        }
        QCOMPARE(taxTables(), after);
    }

    void personalBillingProfileIsTheUsers()
    {
        const qint64 ana = f->get(member, "/api/v1/me").json()["user"].toObject()["id"].toInteger();
        const QByteArray path = "/api/v1/billing-profile?user_id=" + QByteArray::number(ana);
        const QJsonObject mine = profile("Ana Example", "FR");
        QCOMPARE(send(member, "PUT", path, QJsonDocument(mine).toJson()).status, 200);
        QCOMPARE(f->get(member, path).json()["legal_name"].toString(), QStringLiteral("Ana Example"));
        for (const QByteArray& token : {owner, finance, otherOwner}) {
            QCOMPARE(f->get(token, path).status, 404);
            QCOMPARE(send(token, "PUT", path, QJsonDocument(mine).toJson()).status, 404);
        }
    }

    void taxRatesAreShippedAndReplacedByPlatformAdmins()
    {
        const QJsonArray shipped = f->get(f->adminToken, "/api/v1/admin/tax-rates").json()["data"].toArray();
        QCOMPARE(shipped.size(), 82); // 27 EU member states, GB, CH, NO, US and its 50 states and DC
        QHash<QString, qint64> rates;
        for (const QJsonValue& rate : shipped)
            rates.insert(rate["country"].toString() + "/" + rate["region"].toString(),
                         rate["rate_basis_points"].toInteger());
        QCOMPARE(rates.value("DE/"), 1900);
        QCOMPARE(rates.value("FR/"), 2000);
        QCOMPARE(rates.value("HU/"), 2700);
        QCOMPARE(rates.value("CH/"), 810);
        QCOMPARE(rates.value("GB/"), 2000);
        QCOMPARE(rates.value("US/CA"), 0);
        QCOMPARE(
            shipped[0].toObject(),
            (QJsonObject{{"country", "AT"}, {"region", ""}, {"name", "VAT"}, {"rate_basis_points", 2000}}));

        const QJsonObject table{
            {"data", QJsonArray{QJsonObject{{"country", "DE"}, {"name", "VAT"}, {"rate_basis_points", 1900}},
                                QJsonObject{{"country", "US"},
                                            {"region", "NY"},
                                            {"name", "Sales tax"},
                                            {"rate_basis_points", 400}}}}};
        const HttpResponse put =
            send(f->adminToken, "PUT", "/api/v1/admin/tax-rates", QJsonDocument(table).toJson());
        QVERIFY2(put.status == 200, put.body.constData());
        QCOMPARE(put.json()["data"].toArray().size(), 2);
        QCOMPARE(put.json()["data"].toArray()[0].toObject()["region"].toString(), QString());
        QCOMPARE(f->get(f->adminToken, "/api/v1/admin/tax-rates").json(), put.json());
        // Customers neither read nor write it.
        const QStringList before = taxTables();
        for (const QByteArray& token : {owner, finance, member, otherOwner}) {
            QCOMPARE(f->get(token, "/api/v1/admin/tax-rates").status, 403);
            QCOMPARE(send(token, "PUT", "/api/v1/admin/tax-rates", QJsonDocument(table).toJson()).status,
                     403);
            QCOMPARE(f->get(token, "/api/v1/reports/tax?from=2026-01-01&to=2026-12-31").status, 403);
        }
        QCOMPARE(taxTables(), before);
        // An emptied table stays empty after a restart (seeded once).
        QCOMPARE(send(f->adminToken, "PUT", "/api/v1/admin/tax-rates", R"({"data":[]})").status, 200);
        f->server->stop();
        QVERIFY(f->server->start());
        QCOMPARE(f->get(f->adminToken, "/api/v1/admin/tax-rates").json()["data"].toArray().size(), 0);
    }

    void goldenInvoices()
    {
        setGermanSeller();
        // Domestic (Acme, Germany, with a VAT id: still domestic), reverse charge (a French business),
        // exempt (a German charity), a verified institution (education, 50 %), and an upgrade's proration.
        const qint64 french = f->createOrganization(f->adminToken, "Bistro");
        const qint64 charity = f->createOrganization(f->adminToken, "Charity");
        const qint64 school = f->createOrganization(f->adminToken, "School");
        f->addMemberByOperator(school, "owner@school.test", "owner");
        const qint64 growing = f->createOrganization(f->adminToken, "Growing");
        f->addMemberByOperator(growing, "owner@growing.test", "owner");
        QCOMPARE(putProfile(owner, org, profile("Acme GmbH", "DE", "DE999999999")).status, 200);
        QCOMPARE(putProfile(f->adminToken, french, profile("Bistro SARL", "FR", "FR12345678901")).status,
                 200);
        QJsonObject exempt = profile("Charity e.V.", "DE");
        exempt.insert("tax_exempt", true);
        exempt.insert("exemption_reason", "Charitable body, §4 Nr. 18 UStG");
        QCOMPARE(putProfile(f->adminToken, charity, exempt).status, 200);
        QCOMPARE(putProfile(f->adminToken, school, profile("School gGmbH", "DE")).status, 200);
        QCOMPARE(putProfile(f->adminToken, growing, profile("Growing GmbH", "DE")).status, 200);
        const QByteArray schoolOwner = f->loginMember("owner@school.test");
        const HttpResponse requested =
            f->post(schoolOwner, "/api/v1/organizations/" + QByteArray::number(school) + "/verification",
                    {{"type", "education"}, {"institution", "School"}, {"evidence", "https://school.test"}});
        QCOMPARE(requested.status, 201);
        QCOMPARE(f->post(f->adminToken,
                         "/api/v1/admin/verifications/" +
                             QByteArray::number(requested.json()["id"].toInteger()) + "/approve",
                         {})
                     .status,
                 200);
        for (const qint64 id : {org, french, charity, school, growing})
            startStarter(id);
        QCOMPARE(moveClockBy(32 * 86400).status, 200);

        const QJsonObject domestic = newestInvoice(org);
        QCOMPARE(domestic["subtotal_minor"].toInteger(), 3000);
        QCOMPARE(domestic["discount_minor"].toInteger(), 0);
        QCOMPARE(domestic["tax_lines"].toArray(), (QJsonArray{taxLine("VAT", 1900, 3000, 570)}));
        QCOMPARE(domestic["tax_minor"].toInteger(), 570);
        QCOMPARE(domestic["total_minor"].toInteger(), 3570);
        QCOMPARE(domestic["amount_due_minor"].toInteger(), 3570);
        QCOMPARE(domestic["buyer"].toObject()["legal_name"].toString(), QStringLiteral("Acme GmbH"));
        QCOMPARE(domestic["buyer"].toObject()["tax_id"].toString(), QStringLiteral("DE999999999"));
        QCOMPARE(domestic["buyer"].toObject()["email"].toString(), QStringLiteral("billing@acmegmbh.test"));
        QCOMPARE(domestic["buyer"].toObject()["address"].toObject()["city"].toString(),
                 QStringLiteral("Town"));
        QCOMPARE(domestic["buyer"].toObject()["organization_id"].toInteger(), org);

        const QJsonObject reverse = newestInvoice(french);
        QCOMPARE(reverse["tax_lines"].toArray(), (QJsonArray{taxLine("VAT", 0, 3000, 0, kReverseCharge)}));
        QCOMPARE(reverse["tax_minor"].toInteger(), 0);
        QCOMPARE(reverse["total_minor"].toInteger(), 3000);

        const QJsonObject exemptInvoice = newestInvoice(charity);
        QCOMPARE(exemptInvoice["tax_lines"].toArray(),
                 (QJsonArray{
                     taxLine("Tax exempt", 0, 3000, 0, "Exempt from tax: Charitable body, §4 Nr. 18 UStG")}));
        QCOMPARE(exemptInvoice["total_minor"].toInteger(), 3000);

        const QJsonObject verified = newestInvoice(school);
        const QJsonArray verifiedLines = verified["lines"].toArray();
        QCOMPARE(verifiedLines.size(), 2);
        QCOMPARE(verifiedLines[1]["kind"].toString(), QStringLiteral("discount"));
        QVERIFY(
            verifiedLines[1]["description"].toString().startsWith("Verified institution discount (50 %)"));
        QCOMPARE(verifiedLines[1]["amount_minor"].toInteger(), -1500);
        QCOMPARE(verified["subtotal_minor"].toInteger(), 3000);
        QCOMPARE(verified["discount_minor"].toInteger(), 1500);
        QCOMPARE(verified["tax_lines"].toArray(), (QJsonArray{taxLine("VAT", 1900, 1500, 285)}));
        QCOMPARE(verified["total_minor"].toInteger(), 1785);

        // An upgrade ten days into the period: its proration (2,000 for 1,728,000 of 2,678,400 s, 1,290)
        // and the next fee on the next close; 19 % of 6,290 is 1,195.1, rounded once: 1,195.
        QCOMPARE(moveClockBy(10 * 86400).status, 200);
        QCOMPARE(f->post(f->loginMember("owner@growing.test"), "/api/v1/tiers/switch",
                         {{"organization_id", growing}, {"plan", "professional"}})
                     .status,
                 200);
        QCOMPARE(moveClockBy(25 * 86400).status, 200);
        const QJsonObject prorated = newestInvoice(growing);
        const QJsonArray proratedLines = prorated["lines"].toArray();
        QCOMPARE(proratedLines.size(), 2);
        QCOMPARE(proratedLines[0]["kind"].toString(), QStringLiteral("proration"));
        QCOMPARE(proratedLines[0]["amount_minor"].toInteger(), 1290);
        QCOMPARE(proratedLines[1]["amount_minor"].toInteger(), 5000);
        QCOMPARE(prorated["subtotal_minor"].toInteger(), 6290);
        QCOMPARE(prorated["tax_lines"].toArray(), (QJsonArray{taxLine("VAT", 1900, 6290, 1195)}));
        QCOMPARE(prorated["total_minor"].toInteger(), 7485);
        // The report's rows exist for each invoice's tax line.
        QCOMPARE(f->database.scalar("SELECT COUNT(*) FROM invoice_taxes"),
                 f->database.scalar("SELECT COUNT(*) FROM invoices"));
        CREDITDESK_VERIFY_LEDGER(f->database.url());
    }

    void noProfileFallsBackToTheSellersCountry()
    {
        setGermanSeller();
        startStarter(org);
        QCOMPARE(moveClockBy(32 * 86400).status, 200);
        const QJsonObject invoice = newestInvoice(org);
        QCOMPARE(invoice["buyer"].toObject(), (QJsonObject{{"name", "Acme"}, {"organization_id", org}}));
        QCOMPARE(invoice["tax_lines"].toArray(), (QJsonArray{taxLine("VAT", 1900, 3000, 570)}));
        QCOMPARE(invoice["total_minor"].toInteger(), 3570);
    }

    void creditNotesAndTheTaxReport()
    {
        setGermanSeller();
        const qint64 french = f->createOrganization(f->adminToken, "Bistro");
        const qint64 charity = f->createOrganization(f->adminToken, "Charity");
        QCOMPARE(putProfile(owner, org, profile("Acme GmbH", "DE")).status, 200);
        QCOMPARE(putProfile(f->adminToken, french, profile("Bistro SARL", "FR", "FR12345678901")).status,
                 200);
        QJsonObject exempt = profile("Charity e.V.", "DE");
        exempt.insert("tax_exempt", true);
        exempt.insert("exemption_reason", "Charity");
        QCOMPARE(putProfile(f->adminToken, charity, exempt).status, 200);
        for (const qint64 id : {org, french, charity})
            startStarter(id);
        QCOMPARE(moveClockBy(32 * 86400).status, 200);
        const QJsonObject acme = newestInvoice(org);
        const QJsonObject bistro = newestInvoice(french);
        QCOMPARE(acme["total_minor"].toInteger(), 3570);
        const QString year = acme["issued_at"].toString().left(4);
        const QByteArray from = acme["issued_at"].toString().left(10).toLatin1();
        const QByteArray to = today().toLatin1();

        // On an open invoice: the amount due goes down; an Idempotency-Key replay issues nothing more.
        const QByteArray acmeNote = invoicePath(acme) + "/credit-note";
        const QJsonObject first{{"amount_minor", 1000}, {"reason", "Service outage"}};
        HttpResponse credited = f->post(f->adminToken, acmeNote, first, {{"Idempotency-Key", "cn-acme-1"}});
        QVERIFY2(credited.status == 201, credited.body.constData());
        QCOMPARE(credited.json()["status"].toString(), QStringLiteral("open"));
        QCOMPARE(credited.json()["amount_due_minor"].toInteger(), 2570);
        QCOMPARE(credited.json()["amount_credited_minor"].toInteger(), 1000);
        const QJsonArray notes = credited.json()["credit_notes"].toArray();
        QCOMPARE(notes.size(), 1);
        QCOMPARE(notes[0]["number"].toString(), QStringLiteral("CN-%1-000001").arg(year));
        QCOMPARE(notes[0]["amount_minor"].toInteger(), 1000);
        QCOMPARE(notes[0]["reason"].toString(), QStringLiteral("Service outage"));
        QCOMPARE(notes[0]["refund_status"].toString(), QStringLiteral("none"));
        const HttpResponse replay =
            f->post(f->adminToken, acmeNote, first, {{"Idempotency-Key", "cn-acme-1"}});
        QCOMPARE(replay.status, 201);
        QCOMPARE(replay.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(f->database.scalar("SELECT COUNT(*) FROM credit_notes"), 1);
        QCOMPARE(f->get(finance, invoicePath(acme)).json()["credit_notes"].toArray(), notes);

        // The rest of it: nothing is left due, so the invoice is paid (by the credit note).
        credited = f->post(f->adminToken, acmeNote, {{"amount_minor", 2570}, {"reason", "Goodwill"}});
        QCOMPARE(credited.status, 201);
        QCOMPARE(credited.json()["status"].toString(), QStringLiteral("paid"));
        QCOMPARE(credited.json()["amount_due_minor"].toInteger(), 0);
        QCOMPARE(credited.json()["amount_paid_minor"].toInteger(), 0);
        QCOMPARE(credited.json()["payment"].toObject()["method"].toString(), QStringLiteral("credit_note"));
        QCOMPARE(credited.json()["credit_notes"].toArray()[1].toObject()["number"].toString(),
                 QStringLiteral("CN-%1-000002").arg(year));
        // Nothing is left to credit: 422 naming the amount, nothing changes.
        QStringList before = taxTables();
        expect422(f->post(f->adminToken, acmeNote, {{"amount_minor", 1}, {"reason", "x"}}), "amount_minor",
                  "over-credit");
        QCOMPARE(taxTables(), before);

        // On a paid invoice: a refund owed.
        QCOMPARE(
            f->post(f->adminToken, invoicePath(bistro) + "/mark-paid", {{"method", "bank_transfer"}}).status,
            200);
        credited = f->post(f->adminToken, invoicePath(bistro) + "/credit-note",
                           {{"amount_minor", 500}, {"reason", "Overcharged"}});
        QCOMPARE(credited.status, 201);
        QCOMPARE(credited.json()["status"].toString(), QStringLiteral("paid"));
        QCOMPARE(credited.json()["amount_paid_minor"].toInteger(), 3000);
        QCOMPARE(credited.json()["credit_notes"].toArray()[0].toObject()["refund_status"].toString(),
                 QStringLiteral("pending"));
        QCOMPARE(credited.json()["credit_notes"].toArray()[0].toObject()["number"].toString(),
                 QStringLiteral("CN-%1-000003").arg(year));

        // The tax report on the issued basis. Acme: 3,000 at 19 % (570), less its first note's share,
        // 1,000 × 3,000 / 3,570 = 840.3 → 840 and 1,000 × 570 / 3,570 = 159.7 → 160, and its second's,
        // 2,570 × 3,000 / 3,570 = 2,159.7 → 2,160 and 2,570 × 570 / 3,570 = 410.3 → 410: 0 and 0.
        // Bistro: 3,000 reverse-charged, less 500. Charity: 3,000 exempt.
        const QByteArray report = "/api/v1/reports/tax?from=" + from + "&to=" + to;
        const HttpResponse json = f->get(f->adminToken, report);
        QVERIFY2(json.status == 200, json.body.constData());
        const QJsonArray expected{QJsonObject{{"country", "DE"},
                                              {"region", ""},
                                              {"name", "Tax exempt"},
                                              {"rate_basis_points", 0},
                                              {"taxable_minor", 0},
                                              {"tax_minor", 0},
                                              {"exempt_minor", 3000},
                                              {"reverse_charged_minor", 0}},
                                  QJsonObject{{"country", "DE"},
                                              {"region", ""},
                                              {"name", "VAT"},
                                              {"rate_basis_points", 1900},
                                              {"taxable_minor", 0},
                                              {"tax_minor", 0},
                                              {"exempt_minor", 0},
                                              {"reverse_charged_minor", 0}},
                                  QJsonObject{{"country", "FR"},
                                              {"region", ""},
                                              {"name", "VAT"},
                                              {"rate_basis_points", 0},
                                              {"taxable_minor", 0},
                                              {"tax_minor", 0},
                                              {"exempt_minor", 0},
                                              {"reverse_charged_minor", 2500}}};
        QCOMPARE(json.json()["data"].toArray(), expected);
        const HttpResponse csv = f->get(f->adminToken, report + "&format=csv");
        QCOMPARE(csv.status, 200);
        QVERIFY(csv.header("Content-Type").startsWith("text/csv"));
        QCOMPARE(csv.body, QByteArray("country,region,name,rate_basis_points,taxable_minor,tax_minor,"
                                      "exempt_minor,reverse_charged_minor\n"
                                      "DE,,Tax exempt,0,0,0,3000,0\n"
                                      "DE,,VAT,1900,0,0,0,0\n"
                                      "FR,,VAT,0,0,0,0,2500\n"));
        // Only the first credit note: its share is rounded on its own.
        QCOMPARE(f->database.scalar("SELECT COUNT(*) FROM credit_notes"), 3);

        // A later range: the next period's invoices, nothing of these; a void invoice is left out.
        QCOMPARE(moveClockBy(31 * 86400).status, 200);
        const QJsonObject next = newestInvoice(org);
        QVERIFY(next["id"] != acme["id"]);
        QCOMPARE(f->post(f->adminToken, invoicePath(next) + "/void", {}).status, 200);
        const QByteArray later =
            "/api/v1/reports/tax?from=" + next["issued_at"].toString().left(10).toLatin1() +
            "&to=" + today().toLatin1() + "&format=csv";
        QCOMPARE(f->get(f->adminToken, later).body,
                 QByteArray("country,region,name,rate_basis_points,taxable_minor,tax_minor,"
                            "exempt_minor,reverse_charged_minor\n"
                            "DE,,Tax exempt,0,0,0,3000,0\n"
                            "FR,,VAT,0,0,0,0,3000\n"));
        // A void invoice takes no credit note.
        before = taxTables();
        const HttpResponse onVoid = f->post(f->adminToken, invoicePath(next) + "/credit-note",
                                            {{"amount_minor", 1}, {"reason", "x"}});
        QCOMPARE(onVoid.status, 409);
        QCOMPARE(onVoid.errorCode(), QStringLiteral("invalid_invoice_state"));
        QCOMPARE(taxTables(), before);
    }

    void creditNotesAreTheOperators()
    {
        startStarter(org);
        QCOMPARE(moveClockBy(32 * 86400).status, 200);
        const QJsonObject invoice = newestInvoice(org);
        const QStringList before = taxTables();
        for (const QByteArray& token : {owner, finance, member, otherOwner, otherFinance})
            QCOMPARE(
                f->post(token, invoicePath(invoice) + "/credit-note", {{"amount_minor", 1}, {"reason", "x"}})
                    .status,
                403);
        QCOMPARE(taxTables(), before);
        // The operator's partial note, then a payment of the rest: what was paid is what was left.
        QCOMPARE(f->post(f->adminToken, invoicePath(invoice) + "/credit-note",
                         {{"amount_minor", 1000}, {"reason", "x"}})
                     .status,
                 201);
        const HttpResponse paid =
            f->post(f->adminToken, invoicePath(invoice) + "/mark-paid", {{"method", "bank_transfer"}});
        QCOMPARE(paid.status, 200);
        QCOMPARE(paid.json()["total_minor"].toInteger(), 3000);
        QCOMPARE(paid.json()["amount_paid_minor"].toInteger(), 2000);
        QCOMPARE(paid.json()["amount_credited_minor"].toInteger(), 1000);
        QCOMPARE(paid.json()["amount_due_minor"].toInteger(), 0);
    }

    void concurrentCreditNotesNeverOverCredit()
    {
        // Ten notes of 500 at once on a 3,000 invoice: exactly six fit, numbered without gaps, and the
        // invoice is paid by them; the rest are refused (422) and take no number.
        startStarter(org);
        QCOMPARE(moveClockBy(32 * 86400).status, 200);
        const QJsonObject invoice = newestInvoice(org);
        QCOMPARE(invoice["total_minor"].toInteger(), 3000);
        const QByteArray path = invoicePath(invoice) + "/credit-note";
        std::latch start(10);
        std::atomic<int> created{0};
        std::atomic<int> refused{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < 10; ++i)
            threads.emplace_back([&, i] {
                auto client = f->server->client(f->adminToken);
                start.arrive_and_wait();
                const HttpResponse response =
                    client->post(path, {{"amount_minor", 500}, {"reason", QStringLiteral("Note %1").arg(i)}});
                if (response.status == 201)
                    ++created;
                else if (response.status == 422)
                    ++refused;
            });
        for (std::thread& thread : threads)
            thread.join();
        QCOMPARE(created.load(), 6);
        QCOMPARE(refused.load(), 4);
        const QJsonObject after = f->get(f->adminToken, invoicePath(invoice)).json();
        QCOMPARE(after["status"].toString(), QStringLiteral("paid"));
        QCOMPARE(after["amount_credited_minor"].toInteger(), 3000);
        QStringList numbers;
        for (const QJsonValue& note : after["credit_notes"].toArray())
            numbers.append(note.toObject()["number"].toString().mid(8));
        numbers.sort();
        QCOMPARE(numbers, (QStringList{"000001", "000002", "000003", "000004", "000005", "000006"}));
        QCOMPARE(f->database.scalar("SELECT next FROM invoice_series WHERE series = 'CN'"), 7);
    }

    void pdfIsTheInvoicesReaders()
    {
        setGermanSeller();
        QCOMPARE(putProfile(owner, org, profile("Acme SARL", "FR", "FR12345678901")).status, 200);
        startStarter(org);
        QCOMPARE(moveClockBy(32 * 86400).status, 200);
        const QJsonObject invoice = newestInvoice(org);
        QCOMPARE(f->post(f->adminToken, invoicePath(invoice) + "/credit-note",
                         {{"amount_minor", 700}, {"reason", "Outage"}})
                     .status,
                 201);
        const QString number = invoice["number"].toString();
        const HttpResponse pdf = f->get(finance, invoicePath(invoice) + "/pdf");
        QCOMPARE(pdf.status, 200);
        QCOMPARE(pdf.header("Content-Type"), QByteArray("application/pdf"));
        QCOMPARE(pdf.header("Content-Disposition"), "attachment; filename=\"" + number.toLatin1() + ".pdf\"");
        QVERIFY(pdf.body.startsWith("%PDF-"));
        const QString text = pdfText(pdf.body);
        QVERIFY2(text.contains(number), qPrintable(text));
        QVERIFY(text.contains("Acme SARL"));
        QVERIFY(text.contains("FR12345678901"));
        QVERIFY(text.contains("$30.00")); // the total
        QVERIFY(text.contains("$23.00")); // due after the credit note
        QVERIFY(text.contains("CN-" + number.mid(3, 4) + "-000001"));
        QVERIFY(text.simplified().contains(QString::fromLatin1(kReverseCharge)));
        // The matrix of GET /invoices/{id}.
        QCOMPARE(f->get(owner, invoicePath(invoice) + "/pdf").status, 200);
        QCOMPARE(f->get(f->adminToken, invoicePath(invoice) + "/pdf").status, 200);
        QCOMPARE(f->get(member, invoicePath(invoice) + "/pdf").status, 403);
        QCOMPARE(f->get(otherOwner, invoicePath(invoice) + "/pdf").status, 404);
        QCOMPARE(f->get(otherFinance, invoicePath(invoice) + "/pdf").status, 404);
        QCOMPARE(f->get(owner, "/api/v1/invoices/999999/pdf").status, 404);
    }

    void badInputIsRefused()
    {
        startStarter(org);
        QCOMPARE(moveClockBy(32 * 86400).status, 200);
        const QJsonObject invoice = newestInvoice(org);
        QCOMPARE(putProfile(owner, org, profile("Acme GmbH", "DE")).status, 200);
        const QStringList before = taxTables();
        struct Case
        {
            QByteArray method;
            QByteArray path;
            QByteArray body;
            QString field;
        };
        const QByteArray bp = "/api/v1/billing-profile?" + orgQuery(org);
        const QByteArray address = R"("address":{"country":"DE"})";
        const QByteArray cn = invoicePath(invoice) + "/credit-note";
        const Case cases[] = {
            {"PUT", bp, R"({"email":"a@b.c",)" + address + "}", "legal_name"},
            {"PUT", bp, R"({"legal_name":"","email":"a@b.c",)" + address + "}", "legal_name"},
            {"PUT", bp, R"({"legal_name":"X","email":"nobody",)" + address + "}", "email"},
            {"PUT", bp, R"({"legal_name":"X","email":"a@b",)" + address + "}", "email"},
            {"PUT", bp, R"({"legal_name":"X","email":"a@b.c"})", "address"},
            {"PUT", bp, R"({"legal_name":"X","email":"a@b.c","address":"DE"})", "address"},
            {"PUT", bp, R"({"legal_name":"X","email":"a@b.c","address":{"country":"Germany"}})", "country"},
            {"PUT", bp, R"({"legal_name":"X","email":"a@b.c","address":{"country":"XX"}})", "country"},
            {"PUT", bp, R"({"legal_name":"X","email":"a@b.c","address":{"country":"de"}})", "country"},
            {"PUT", bp, R"({"legal_name":"X","email":"a@b.c","address":{"country":"DE","street":"x"}})",
             "street"},
            {"PUT", bp, R"({"legal_name":"X","email":"a@b.c",)" + address + R"(,"tax_id":7})", "tax_id"},
            {"PUT", bp,
             R"({"legal_name":"X","email":"a@b.c",)" + address + ",\"tax_id\":\"" + QByteArray(51, 'A') +
                 "\"}",
             "tax_id"},
            {"PUT", bp, R"({"legal_name":"X","email":"a@b.c",)" + address + R"(,"tax_exempt":"yes"})",
             "tax_exempt"},
            {"PUT", bp, R"({"legal_name":"X","email":"a@b.c",)" + address + R"(,"tax_exempt":true})",
             "exemption_reason"},
            {"PUT", bp, R"({"legal_name":"X","email":"a@b.c",)" + address + R"(,"vat":"x"})", "vat"},
            {"PUT", "/api/v1/admin/tax-rates", R"({"data":{}})", "data"},
            {"PUT", "/api/v1/admin/tax-rates",
             R"({"data":[{"country":"ZZ","name":"VAT","rate_basis_points":1}]})", "data[0].country"},
            {"PUT", "/api/v1/admin/tax-rates",
             R"({"data":[{"country":"DE","name":"VAT","rate_basis_points":10001}]})",
             "data[0].rate_basis_points"},
            {"PUT", "/api/v1/admin/tax-rates",
             R"({"data":[{"country":"DE","name":"VAT","rate_basis_points":19.5}]})",
             "data[0].rate_basis_points"},
            {"PUT", "/api/v1/admin/tax-rates",
             R"({"data":[{"country":"DE","name":"","rate_basis_points":1}]})", "data[0].name"},
            {"PUT", "/api/v1/admin/tax-rates",
             R"({"data":[{"country":"DE","name":"VAT","rate_basis_points":1},{"country":"DE","name":"V","rate_basis_points":2}]})",
             "data[1].region"},
            {"PUT", "/api/v1/admin/tax-rates",
             R"({"data":[{"country":"DE","name":"VAT","rate_basis_points":1,"zone":"x"}]})", "data[0].zone"},
            {"POST", cn, R"({"reason":"x"})", "amount_minor"},
            {"POST", cn, R"({"amount_minor":0,"reason":"x"})", "amount_minor"},
            {"POST", cn, R"({"amount_minor":3001,"reason":"x"})", "amount_minor"},
            {"POST", cn, R"({"amount_minor":1})", "reason"},
            {"POST", cn, R"({"amount_minor":1,"reason":"  "})", "reason"},
            {"POST", cn, R"({"amount_minor":1,"reason":"x","refund":true})", "refund"},
            {"GET", "/api/v1/reports/tax?to=2026-01-01", {}, "from"},
            {"GET", "/api/v1/reports/tax?from=2026-01-01", {}, "to"},
            {"GET", "/api/v1/reports/tax?from=2026-01-02&to=2026-01-01", {}, "to"},
            {"GET", "/api/v1/reports/tax?from=2026-01-01&to=2026-02-30", {}, "to"},
            {"GET", "/api/v1/reports/tax?from=2026-01-01&to=2026-01-31&format=xml", {}, "format"},
        };
        for (const Case& c : cases)
            expect422(send(f->adminToken, c.method, c.path, c.body), c.field, c.path + " " + c.body);
        QCOMPARE(taxTables(), before);
        QCOMPARE(f->post(f->adminToken, "/api/v1/invoices/999999/credit-note",
                         {{"amount_minor", 1}, {"reason", "x"}})
                     .status,
                 404);
    }
};

QTEST_GUILESS_MAIN(TestTax)
#include "tst_tax.moc"
