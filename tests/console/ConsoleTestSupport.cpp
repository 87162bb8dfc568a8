#include "ConsoleTestSupport.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimeZone>

#include <stdexcept>

namespace creditdesk::test {

void useOwnAppData()
{
    static QTemporaryDir home;             // lives as long as the test process
    qputenv("HOME", home.path().toUtf8()); // test mode puts its folders under $HOME/.qttest
    QStandardPaths::setTestModeEnabled(true);
}

QList<Transaction> makeTransactions(qint64 organizationId, qint64 firstSeq, int count, const QDateTime& end)
{
    QList<Transaction> rows;
    rows.reserve(count);
    qint64 balance = 1'000'000'000;
    for (int i = 0; i < count; ++i) {
        Transaction row;
        row.seq = firstSeq + i;
        row.id = organizationId * 100'000'000 + row.seq;
        row.organizationId = organizationId;
        switch (row.seq % 10) {
        case 0:
            row.kind = TransactionKind::Allocation;
            row.amount = 50'000;
            row.grantKind = QStringLiteral("purchase");
            break;
        case 7:
            row.kind = TransactionKind::Refund;
            row.amount = 40;
            break;
        case 9:
            row.kind = TransactionKind::Expiry;
            row.amount = -3;
            break;
        default:
            row.kind = TransactionKind::Deduction;
            row.amount = -(row.seq * 37 % 2000 + 1);
            break;
        }
        balance += row.amount;
        row.balanceAfter = balance;
        row.memberId = row.seq % 5 + 1;
        row.departmentId = row.seq % 2 + 1;
        row.actor = QStringLiteral("api_token 1");
        row.reference = QStringLiteral("req-%1").arg(row.seq);
        row.note = row.seq % 100 == 0 ? QStringLiteral("monthly top-up") : QString();
        row.createdAt = end.addSecs(-60 * (count - 1 - i));
        rows.append(row);
    }
    return rows;
}

ConsoleFixture::ConsoleFixture(QStringList serverArguments, Fixture::Catalog catalog)
    : fixture(std::move(serverArguments), catalog)
{
    organization = fixture.createOrganization(fixture.adminToken, QStringLiteral("Acme"));
    const qint64 research =
        fixture.createDepartment(fixture.adminToken, organization, QStringLiteral("Research"));
    const qint64 support =
        fixture.createDepartment(fixture.adminToken, organization, QStringLiteral("Support"));
    // Set up by the operator (POST …/members), which seats do not limit: with the shipped catalog the
    // organization is on free, whose one seat the creating administrator holds.
    members.append(fixture.addMemberByOperator(organization, QStringLiteral("finance@example.com"),
                                               QStringLiteral("finance")));
    members.append(fixture.addMemberByOperator(organization, QStringLiteral("ana@example.com"),
                                               QStringLiteral("member"), research));
    members.append(fixture.addMemberByOperator(organization, QStringLiteral("ben@example.com"),
                                               QStringLiteral("member"), support));
    const int allocated = fixture.allocate(fixture.adminToken, organization, 1'000'000).status;
    if (allocated != 200 && allocated != 201)
        throw std::runtime_error("allocate failed");
    gateway = fixture.createApiToken(fixture.adminToken, organization,
                                     {QStringLiteral("credits:read"), QStringLiteral("credits:deduct")});
    deduct(25);
}

QString ConsoleFixture::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(fixture.server->port());
}

int ConsoleFixture::deduct(int n, qint64 amount)
{
    auto client = fixture.server->client(gateway);
    int booked = 0;
    for (int i = 0; i < n; ++i) {
        const qint64 member = members.at((i % 2) + 1);
        const HttpResponse response = client->post(
            "/api/v1/credits/deduct", QJsonObject{{"organization_id", organization},
                                                  {"amount", amount + i},
                                                  {"member_id", member},
                                                  {"reference", QStringLiteral("chat-%1").arg(i)}});
        if (response.status == 200 || response.status == 201)
            ++booked;
    }
    return booked;
}

} // namespace creditdesk::test
