// Invitations, seats, suspended members and member activity against a real server on the test clock
// (issue 13; SQLite and PostgreSQL): people join by invitation and choose their own password, nobody sets
// another person's; seats counted exactly and taken race-free; extra seats charged prorated and renewed;
// suspension refused everywhere in the organization; the member list's activity; the cross-organization
// matrix and bad input of every new route. Expected numbers are worked out here from the shipped catalog.
#include "TestServer.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <thread>

using namespace creditdesk::test;

namespace {

constexpr qint64 kDayMs = 86'400'000;

qint64 at(const char* text)
{
    const QDateTime parsed = QDateTime::fromString(QString::fromLatin1(text), Qt::ISODate);
    if (!parsed.isValid())
        throw std::runtime_error(std::string("bad time in test: ") + text);
    return parsed.toMSecsSinceEpoch();
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

qint64 parseTime(const QJsonValue& value)
{
    const QDateTime parsed = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return parsed.isValid() ? parsed.toMSecsSinceEpoch() : -1;
}

QByteArray num(qint64 value)
{
    return QByteArray::number(value);
}

// round_half_up(amount × numerator / denominator), as docs/billing.md prorates money.
qint64 prorate(qint64 amount, qint64 numerator, qint64 denominator)
{
    return (2 * amount * numerator + denominator) / (2 * denominator);
}

} // namespace

class TestInvitations : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;
    QByteArray owner; // olivia, owner of Acme
    qint64 ownerId = 0;
    qint64 org = 0;  // Acme, on professional unless a test moves it
    qint64 home = 0; // the platform admin's organization, where people get their first account
    qint64 research = 0;
    qint64 support = 0;

    static QStringList serverArguments()
    {
        // Sessions outlast every clock jump here; the jobs run when the clock moves.
        return {QStringLiteral("--test-clock"), QStringLiteral("--session-ttl"), QStringLiteral("315360000"),
                QStringLiteral("--jobs-interval-ms"), QStringLiteral("3600000")};
    }

    QByteArray loginAs(const QString& email) { return f->login(email, Fixture::passwordFor(email)); }
    HttpResponse post(const QByteArray& token, const QByteArray& target, const QJsonObject& body)
    {
        return f->server->client(token)->post(target, body);
    }
    HttpResponse send(const QByteArray& token, const QByteArray& method, const QByteArray& target,
                      const QJsonObject& body = {})
    {
        return f->server->client(token)->request(
            method, target,
            body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    HttpResponse get(const QByteArray& token, const QByteArray& target)
    {
        return f->server->client(token)->get(target);
    }
    QByteArray orgPath(qint64 id, const QByteArray& rest = {})
    {
        return "/api/v1/organizations/" + num(id) + rest;
    }
    HttpResponse invite(const QByteArray& token, const QString& email, const QString& role,
                        std::optional<qint64> department = std::nullopt, qint64 organization = 0)
    {
        QJsonObject body{{"email", email}, {"role", role}};
        if (department)
            body.insert("department_id", *department);
        return post(token, orgPath(organization ? organization : org, "/invitations"), body);
    }
    HttpResponse accept(const QString& token, const QJsonObject& extra = {}, const QByteArray& session = {})
    {
        QJsonObject body{{"token", token}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            body.insert(it.key(), it.value());
        return post(session, "/api/v1/invitations/accept", body);
    }
    void moveTo(qint64 when)
    {
        const HttpResponse moved =
            post(f->adminToken, "/api/v1/admin/test-clock", QJsonObject{{"now", iso(when)}});
        QCOMPARE(moved.status, 200);
    }
    void setPlan(qint64 organization, const QString& plan)
    {
        QCOMPARE(send(f->adminToken, "PATCH", orgPath(organization), {{"tier", plan}}).status, 200);
    }
    QJsonObject seats(qint64 organization = 0)
    {
        const HttpResponse response = get(owner, orgPath(organization ? organization : org, "/seats"));
        if (response.status != 200)
            throw std::runtime_error("seats: " + response.body.toStdString());
        return response.json();
    }
    QJsonObject memberOf(qint64 userId)
    {
        for (const QJsonValue& value : get(owner, orgPath(org, "/members")).json().value("data").toArray())
            if (value.toObject().value("user_id").toInteger() == userId)
                return value.toObject();
        return {};
    }
    // Every table this feature writes, beside the ledger's: for "nothing changed".
    QStringList snapshot()
    {
        QStringList lines = f->database.dump();
        for (const char* table : {"invitations", "memberships", "users", "charges", "subscriptions"})
            lines.append(
                QStringLiteral("%1: %2")
                    .arg(QLatin1String(table))
                    .arg(f->database.scalar(QStringLiteral("SELECT COUNT(*) FROM ") + QLatin1String(table))));
        lines.append(
            QStringLiteral("accepted %1")
                .arg(f->database.scalar("SELECT COUNT(*) FROM invitations WHERE accepted_at IS NOT NULL")));
        lines.append(
            QStringLiteral("revoked %1")
                .arg(f->database.scalar("SELECT COUNT(*) FROM invitations WHERE revoked_at IS NOT NULL")));
        lines.append(
            QStringLiteral("suspended %1")
                .arg(f->database.scalar("SELECT COUNT(*) FROM memberships WHERE status = 'suspended'")));
        lines.append(
            QStringLiteral("extra seats %1/%2")
                .arg(f->database.scalar("SELECT COALESCE(SUM(extra_seats), 0) FROM subscriptions"),
                     f->database.scalar("SELECT COALESCE(SUM(pending_extra_seats), -1) FROM subscriptions")));
        return lines;
    }
    // Runs a test body; an exception (a helper's failed request) fails the test with its message.
    template<typename Body> void guarded(Body body)
    {
        try {
            body();
        } catch (const std::exception& error) {
            QFAIL(error.what());
        }
    }
    qint64 userIdOf(const QByteArray& token)
    {
        return get(token, "/api/v1/me").json().value("user").toObject().value("id").toInteger();
    }
    qint64 auditCount(const char* action)
    {
        return f->database.scalar(
            QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = '%1'").arg(QLatin1String(action)));
    }

    void setUp()
    {
        f = std::make_unique<Fixture>(serverArguments(), Fixture::Catalog::Shipped);
        moveTo(at("2027-03-01T00:00:00Z"));
        home = f->createOrganization(f->adminToken, QStringLiteral("Home"));
        f->addMemberByOperator(home, QStringLiteral("olivia@acme.test"), QStringLiteral("member"));
        owner = loginAs(QStringLiteral("olivia@acme.test"));
        ownerId = get(owner, "/api/v1/me").json().value("user").toObject().value("id").toInteger();
        org = f->createOrganization(owner, QStringLiteral("Acme"));
        setPlan(org, QStringLiteral("professional")); // 10 seats included
        research = f->createDepartment(owner, org, QStringLiteral("Research"));
        support = f->createDepartment(owner, org, QStringLiteral("Support"));
    }

private Q_SLOTS:
    void init()
    {
        guarded([&] { setUp(); });
    }
    void cleanup() { f.reset(); }

    // A new e-mail: the invitation's token is shown once and stored hashed; the invited person chooses
    // their password (422 without one or with a short one, nothing created), gets no sign-up credits,
    // and the invitation is used up.
    void newUserAcceptsWithTheirOwnPassword()
    {
        guarded([&] {
            const qint64 now = at("2027-03-01T00:00:00Z");
            const HttpResponse created = invite(owner, "Alice@Acme.test", "member", research);
            QCOMPARE(created.status, 201);
            const QJsonObject invitation = created.json();
            const QString token = invitation.value("token").toString();
            QVERIFY(token.startsWith("cdi_"));
            QCOMPARE(invitation.value("email").toString(), QString("alice@acme.test"));
            QCOMPARE(invitation.value("role").toString(), QString("member"));
            QCOMPARE(invitation.value("department_id").toInteger(), research);
            QCOMPARE(invitation.value("organization_id").toInteger(), org);
            QCOMPARE(parseTime(invitation.value("expires_at")), now + 7 * kDayMs);
            const QString hash = QString::fromLatin1(
                QCryptographicHash::hash(token.toLatin1(), QCryptographicHash::Sha256).toHex());
            QCOMPARE(f->database.scalar("SELECT COUNT(*) FROM invitations WHERE token_hash = '" + hash + "'"),
                     1);
            QCOMPARE(
                f->database.scalar("SELECT COUNT(*) FROM invitations WHERE token_hash = '" + token + "'"), 0);
            QCOMPARE(auditCount("invitation.created"), 1);

            const HttpResponse listed = get(owner, orgPath(org, "/invitations"));
            QCOMPARE(listed.status, 200);
            const QJsonArray pending = listed.json().value("data").toArray();
            QCOMPARE(pending.size(), 1);
            QCOMPARE(pending[0].toObject().value("id").toInteger(), invitation.value("id").toInteger());
            QVERIFY(!pending[0].toObject().contains("token"));

            const QStringList before = snapshot();
            HttpResponse refused = accept(token);
            QCOMPARE(refused.status, 422);
            QCOMPARE(refused.json()
                         .value("error")
                         .toObject()
                         .value("details")
                         .toObject()
                         .value("field")
                         .toString(),
                     QString("password"));
            refused = accept(token, {{"password", "short"}});
            QCOMPARE(refused.status, 422);
            QCOMPARE(refused.json()
                         .value("error")
                         .toObject()
                         .value("details")
                         .toObject()
                         .value("field")
                         .toString(),
                     QString("password"));
            QCOMPARE(snapshot(), before);

            const HttpResponse accepted =
                accept(token, {{"name", "Alice"}, {"password", "alice-own-password"}});
            QCOMPARE(accepted.status, 200);
            const qint64 alice = accepted.json().value("user").toObject().value("id").toInteger();
            QCOMPARE(accepted.json().value("user").toObject().value("email").toString(),
                     QString("alice@acme.test"));
            QCOMPARE(accepted.json().value("organization_id").toInteger(), org);
            QCOMPARE(accepted.json().value("role").toString(), QString("member"));
            QCOMPARE(auditCount("invitation.accepted"), 1);
            const QByteArray aliceToken = f->login("alice@acme.test", "alice-own-password");
            QCOMPARE(get(aliceToken, orgPath(org)).status, 200);
            const QJsonObject member = memberOf(alice);
            QCOMPARE(member.value("role").toString(), QString("member"));
            QCOMPARE(member.value("department_id").toInteger(), research);
            // No sign-up credits (the shipped free plan gives them to people who sign up themselves).
            QCOMPARE(get(aliceToken, "/api/v1/credits/balance?user_id=" + num(alice))
                         .json()
                         .value("balance")
                         .toInteger(),
                     0);
            QCOMPARE(
                f->database.scalar("SELECT COUNT(*) FROM grants g JOIN accounts a ON a.id = g.account_id "
                                   "WHERE a.owner_kind = 'user' AND a.owner_id = " +
                                   QString::number(alice)),
                0);

            // Used: 410, and nothing is pending any more.
            refused = accept(token, {{"password", "another-password"}});
            QCOMPARE(refused.status, 410);
            QCOMPARE(refused.errorCode(), QString("invitation_invalid"));
            QCOMPARE(get(owner, orgPath(org, "/invitations")).json().value("data").toArray().size(), 0);
            QCOMPARE(accept("cdi_no-such-token", {{"password", "whatever-password"}}).errorCode(),
                     QString("invitation_invalid"));
        });
    }

    // An existing user accepts signed in as themselves: 401 without a session, 403 as someone else (the
    // invitation stays valid), then 200.
    void existingUserAcceptsSignedIn()
    {
        guarded([&] {
            f->addMemberByOperator(home, QStringLiteral("bob@acme.test"), QStringLiteral("member"));
            const QByteArray bob = loginAs(QStringLiteral("bob@acme.test"));
            const HttpResponse created = invite(owner, "bob@acme.test", "manager", support);
            QCOMPARE(created.status, 201);
            const QString token = created.json().value("token").toString();

            const QStringList before = snapshot();
            HttpResponse refused = accept(token);
            QCOMPARE(refused.status, 401);
            refused = accept(token, {}, owner);
            QCOMPARE(refused.status, 403);
            QCOMPARE(refused.errorCode(), QString("invitation_wrong_user"));
            refused = accept(token, {{"password", "bob-new-password"}}, bob);
            QCOMPARE(refused.status, 422);
            QCOMPARE(refused.errorCode(), QString("password_not_allowed"));
            QCOMPARE(snapshot(), before);

            const HttpResponse accepted = accept(token, {}, bob);
            QCOMPARE(accepted.status, 200);
            QCOMPARE(accepted.json().value("role").toString(), QString("manager"));
            QCOMPARE(memberOf(accepted.json().value("user").toObject().value("id").toInteger())
                         .value("department_id")
                         .toInteger(),
                     support);
            QCOMPARE(get(bob, orgPath(org)).status, 200);
            // Their password is still their own.
            QVERIFY(!loginAs(QStringLiteral("bob@acme.test")).isEmpty());
            // Inviting a member again: 409 already_member.
            const HttpResponse again = invite(owner, "bob@acme.test", "member");
            QCOMPARE(again.status, 409);
            QCOMPARE(again.errorCode(), QString("already_member"));
        });
    }

    // Expired after 7 days (and no longer pending or holding a seat), revoked, unknown: 410.
    void expiredRevokedAndUnknownInvitations()
    {
        guarded([&] {
            const QString expiring =
                invite(owner, "late@acme.test", "member").json().value("token").toString();
            const HttpResponse revocable = invite(owner, "gone@acme.test", "member");
            const QString revoked = revocable.json().value("token").toString();
            QCOMPARE(seats().value("pending_invitations").toInteger(), 2);

            const QByteArray path =
                orgPath(org, "/invitations/" + num(revocable.json().value("id").toInteger()));
            QCOMPARE(send(owner, "DELETE", path).status, 204);
            QCOMPARE(auditCount("invitation.revoked"), 1);
            QCOMPARE(send(owner, "DELETE", path).status, 404);
            QCOMPARE(accept(revoked, {{"password", "gone-password"}}).errorCode(),
                     QString("invitation_invalid"));
            QCOMPARE(seats().value("pending_invitations").toInteger(), 1);

            moveTo(at("2027-03-09T00:00:00Z")); // 8 days on
            QCOMPARE(seats().value("pending_invitations").toInteger(), 0);
            QCOMPARE(get(owner, orgPath(org, "/invitations")).json().value("data").toArray().size(), 0);
            const HttpResponse late = accept(expiring, {{"password", "late-password"}});
            QCOMPARE(late.status, 410);
            QCOMPARE(late.errorCode(), QString("invitation_invalid"));
            QCOMPARE(f->database.scalar("SELECT COUNT(*) FROM users WHERE email = 'late@acme.test'"), 0);
        });
    }

    // The same invitation accepted twice at once: one 200, one 410, one membership.
    void concurrentDoubleAccept()
    {
        guarded([&] {
            const QString token = invite(owner, "twice@acme.test", "member").json().value("token").toString();
            std::atomic<int> ready{0};
            int statuses[2] = {0, 0};
            std::vector<std::thread> threads;
            for (int i = 0; i < 2; ++i)
                threads.emplace_back([&, i] {
                    auto client = f->server->client();
                    ++ready;
                    while (ready.load() < 2)
                        std::this_thread::yield();
                    statuses[i] = client
                                      ->post("/api/v1/invitations/accept",
                                             QJsonObject{{"token", token}, {"password", "twice-password"}})
                                      .status;
                });
            for (std::thread& thread : threads)
                thread.join();
            std::sort(std::begin(statuses), std::end(statuses));
            QCOMPARE(statuses[0], 200);
            QCOMPARE(statuses[1], 410);
            QCOMPARE(f->database.scalar("SELECT COUNT(*) FROM users WHERE email = 'twice@acme.test'"), 1);
            QCOMPARE(f->database.scalar("SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id "
                                        "WHERE u.email = 'twice@acme.test'"),
                     1);
        });
    }

    // Managers invite members into their own department only; they see and revoke only those.
    void managersInviteIntoTheirDepartment()
    {
        guarded([&] {
            f->addMember(owner, org, QStringLiteral("max@acme.test"), QStringLiteral("manager"), research);
            f->addMember(owner, org, QStringLiteral("mia@acme.test"), QStringLiteral("member"), research);
            const QByteArray manager = loginAs(QStringLiteral("max@acme.test"));
            const QByteArray member = loginAs(QStringLiteral("mia@acme.test"));
            const HttpResponse elsewhere = invite(owner, "sup@acme.test", "member", support);
            QCOMPARE(elsewhere.status, 201);

            const QStringList before = snapshot();
            QCOMPARE(invite(manager, "x@acme.test", "admin").status, 403);
            QCOMPARE(invite(manager, "x@acme.test", "manager", research).status, 403);
            QCOMPARE(invite(manager, "x@acme.test", "member", support).status, 403);
            QCOMPARE(invite(member, "x@acme.test", "member", research).status, 403);
            QCOMPARE(get(member, orgPath(org, "/invitations")).status, 403);
            QCOMPARE(send(manager, "DELETE",
                          orgPath(org, "/invitations/" + num(elsewhere.json().value("id").toInteger())))
                         .status,
                     404);
            QCOMPARE(snapshot(), before);

            const HttpResponse own = invite(manager, "new@acme.test", "member");
            QCOMPARE(own.status, 201);
            QCOMPARE(own.json().value("department_id").toInteger(), research); // their department by default
            const QJsonArray visible =
                get(manager, orgPath(org, "/invitations")).json().value("data").toArray();
            QCOMPARE(visible.size(), 1);
            QCOMPARE(visible[0].toObject().value("email").toString(), QString("new@acme.test"));
            QCOMPARE(get(owner, orgPath(org, "/invitations")).json().value("data").toArray().size(), 2);
            QCOMPARE(send(manager, "DELETE",
                          orgPath(org, "/invitations/" + num(own.json().value("id").toInteger())))
                         .status,
                     204);
            // Owners only invite owners.
            f->addMember(owner, org, QStringLiteral("adam@acme.test"), QStringLiteral("admin"));
            QCOMPARE(invite(loginAs(QStringLiteral("adam@acme.test")), "boss@acme.test", "owner").status,
                     403);
            QCOMPARE(invite(owner, "boss@acme.test", "owner").status, 201);
        });
    }

    // No path is left where an organization admin sets another user's password.
    void noAdminSetsAPassword()
    {
        guarded([&] {
            f->addMember(owner, org, QStringLiteral("adam@acme.test"), QStringLiteral("admin"));
            const qint64 mia =
                f->addMember(owner, org, QStringLiteral("mia@acme.test"), QStringLiteral("member"));
            const QByteArray admin = loginAs(QStringLiteral("adam@acme.test"));
            const QStringList before = snapshot();
            for (const QByteArray& token : {owner, admin}) {
                HttpResponse refused = post(token, orgPath(org, "/members"),
                                            {{"email", "eve@acme.test"},
                                             {"name", "Eve"},
                                             {"password", "eve-password"},
                                             {"role", "member"}});
                QCOMPARE(refused.status, 403);
                QCOMPARE(refused.errorCode(), QString("forbidden"));
                refused = send(token, "PATCH", orgPath(org, "/members/" + num(mia)),
                               {{"password", "mia-new-password"}});
                QCOMPARE(refused.status, 422);
                QCOMPARE(refused.errorCode(), QString("unknown_field"));
            }
            QCOMPARE(snapshot(), before);
            QVERIFY(!loginAs(QStringLiteral("mia@acme.test")).isEmpty());
            // The operator still can (docs/admin-guide.md).
            QCOMPARE(post(f->adminToken, orgPath(org, "/members"),
                          {{"email", "eve@acme.test"},
                           {"name", "Eve"},
                           {"password", "eve-password"},
                           {"role", "member"}})
                         .status,
                     201);
        });
    }

    // GET seats, exactly: included from the plan, members and pending invitations in use; a suspended
    // member holds none and an expired invitation frees its seat.
    void seatNumbersAreExact()
    {
        guarded([&] {
            QJsonObject s = seats();
            QCOMPARE(s.value("included").toInteger(), 10);
            QCOMPARE(s.value("purchased").toInteger(), 0);
            QCOMPARE(s.value("total").toInteger(), 10);
            QCOMPARE(s.value("assigned").toInteger(), 1);
            QCOMPARE(s.value("pending_invitations").toInteger(), 0);
            QCOMPARE(s.value("available").toInteger(), 9);
            QCOMPARE(s.value("seat_price_minor").toInteger(), 800);
            const qint64 mia =
                f->addMember(owner, org, QStringLiteral("mia@acme.test"), QStringLiteral("member"));
            f->addMember(owner, org, QStringLiteral("max@acme.test"), QStringLiteral("member"));
            QCOMPARE(invite(owner, "p1@acme.test", "member").status, 201);
            QCOMPARE(invite(owner, "p2@acme.test", "member").status, 201);
            QCOMPARE(
                send(owner, "PATCH", orgPath(org, "/members/" + num(mia)), {{"status", "suspended"}}).status,
                200);
            s = seats();
            QCOMPARE(s.value("assigned").toInteger(), 2);
            QCOMPARE(s.value("pending_invitations").toInteger(), 2);
            QCOMPARE(s.value("available").toInteger(), 6);
            // A member of the organization sees them too.
            QCOMPARE(get(loginAs(QStringLiteral("max@acme.test")), orgPath(org, "/seats")).json(), s);
        });
    }

    // 20 invitations at once with 5 seats free: exactly 5 are created, the rest 409 seat_limit_reached.
    void seatLimitHoldsUnderARace()
    {
        guarded([&] {
            for (int i = 0; i < 4; ++i)
                f->addMember(owner, org, QStringLiteral("m%1@acme.test").arg(i), QStringLiteral("member"));
            QCOMPARE(seats().value("available").toInteger(), 5);
            std::atomic<int> ready{0};
            std::vector<int> statuses(20, 0);
            std::vector<QString> codes(20);
            std::vector<std::thread> threads;
            for (int i = 0; i < 20; ++i)
                threads.emplace_back([&, i] {
                    auto client = f->server->client(owner);
                    ++ready;
                    while (ready.load() < 20)
                        std::this_thread::yield();
                    const HttpResponse response =
                        client->post(orgPath(org, "/invitations"),
                                     QJsonObject{{"email", QStringLiteral("race%1@acme.test").arg(i)},
                                                 {"role", "member"}});
                    statuses[i] = response.status;
                    codes[i] = response.status == 201 ? QString() : response.errorCode();
                });
            for (std::thread& thread : threads)
                thread.join();
            QCOMPARE(std::count(statuses.begin(), statuses.end(), 201), 5);
            QCOMPARE(std::count(statuses.begin(), statuses.end(), 409), 15);
            QCOMPARE(std::count(codes.begin(), codes.end(), QString("seat_limit_reached")), 15);
            QCOMPARE(f->database.scalar("SELECT COUNT(*) FROM invitations WHERE accepted_at IS NULL"), 5);
            QCOMPARE(seats().value("available").toInteger(), 0);
            const QStringList before = snapshot();
            const HttpResponse refused = invite(owner, "one-more@acme.test", "member");
            QCOMPARE(refused.errorCode(), QString("seat_limit_reached"));
            QCOMPARE(snapshot(), before);
        });
    }

    // Buying seats: charged at once for the rest of the period, as an upgrade is prorated, on its own
    // charge line. Giving seats back waits for the period end, never below the seats in use; the
    // renewal applies it and charges the remaining extra seats for the new period.
    void seatPurchaseDecreaseAndRenewal()
    {
        guarded([&] {
            setPlan(org, QStringLiteral("starter")); // 3 included, $10.00 a seat
            const qint64 periodEnd = at("2027-04-01T00:00:00Z");
            const qint64 periodSeconds = (periodEnd - at("2027-03-01T00:00:00Z")) / 1000;
            const qint64 buyAt = at("2027-03-11T06:00:00Z");
            moveTo(buyAt);
            const qint64 remaining = (periodEnd - buyAt) / 1000;
            const qint64 expected = prorate(2 * 1000, remaining, periodSeconds); // 2 seats × $10
            QCOMPARE(expected, 1339); // 2000 × 1,792,800 / 2,678,400 = 1,338.71 → 1,339
            const HttpResponse bought = send(owner, "PUT", orgPath(org, "/seats"), {{"purchased", 2}});
            QCOMPARE(bought.status, 200);
            QCOMPARE(bought.json().value("purchased").toInteger(), 2);
            QCOMPARE(bought.json().value("total").toInteger(), 5);
            const QJsonObject change = bought.json().value("change").toObject();
            QCOMPARE(change.value("charge_minor").toInteger(), expected);
            QCOMPARE(change.value("remaining_seconds").toInteger(), remaining);
            QCOMPARE(change.value("period_seconds").toInteger(), periodSeconds);
            QCOMPARE(change.value("immediate").toBool(), true);
            const auto chargeLines = [&] {
                return get(owner, "/api/v1/charges?organization_id=" + num(org))
                    .json()
                    .value("data")
                    .toArray();
            };
            QJsonArray lines = chargeLines();
            QCOMPARE(lines[0].toObject().value("kind").toString(), QString("seats"));
            QCOMPARE(lines[0].toObject().value("amount_minor").toInteger(), expected);
            QCOMPARE(lines[0].toObject().value("description").toString(),
                     QStringLiteral("2 extra seats (was 0), %1 of %2 seconds of the period")
                         .arg(remaining)
                         .arg(periodSeconds));
            QCOMPARE(parseTime(lines[0].toObject().value("period_end")), periodEnd);
            const int linesAfterPurchase = lines.size();

            // Four seats in use (owner, two members, one invitation): not below that.
            f->addMember(owner, org, QStringLiteral("a@acme.test"), QStringLiteral("member"));
            f->addMember(owner, org, QStringLiteral("b@acme.test"), QStringLiteral("member"));
            QCOMPARE(invite(owner, "c@acme.test", "member").status, 201);
            const QStringList before = snapshot();
            const HttpResponse refused = send(owner, "PUT", orgPath(org, "/seats"), {{"purchased", 0}});
            QCOMPARE(refused.status, 409);
            QCOMPARE(refused.errorCode(), QString("seats_in_use"));
            QCOMPARE(snapshot(), before);

            const HttpResponse scheduled = send(owner, "PUT", orgPath(org, "/seats"), {{"purchased", 1}});
            QCOMPARE(scheduled.status, 200);
            QCOMPARE(scheduled.json().value("purchased").toInteger(), 2);
            QCOMPARE(scheduled.json().value("purchased_next_period").toInteger(), 1);
            QCOMPARE(scheduled.json().value("change").toObject().value("charge_minor").toInteger(), 0);
            QCOMPARE(parseTime(scheduled.json().value("change").toObject().value("effective_at")), periodEnd);
            QCOMPARE(chargeLines().size(), linesAfterPurchase);
            // The seat given back cannot be taken meanwhile: 4 in use of the next period's 4.
            QCOMPARE(invite(owner, "d@acme.test", "member").errorCode(), QString("seat_limit_reached"));

            moveTo(periodEnd);
            const QJsonObject renewed = seats();
            QCOMPARE(renewed.value("purchased").toInteger(), 1);
            QVERIFY(renewed.value("purchased_next_period").isNull());
            QCOMPARE(renewed.value("total").toInteger(), 4);
            lines = chargeLines();
            QCOMPARE(lines.size(), linesAfterPurchase + 2);
            QCOMPARE(lines[0].toObject().value("kind").toString(), QString("seats"));
            QCOMPARE(lines[0].toObject().value("amount_minor").toInteger(), 1000); // 1 seat × $10
            QCOMPARE(lines[0].toObject().value("description").toString(),
                     QString("1 extra seats, 2027-04-01 – 2027-05-01"));
            QCOMPARE(lines[1].toObject().value("kind").toString(), QString("period_fee"));
            QCOMPARE(lines[1].toObject().value("amount_minor").toInteger(), 3000);
            // And the next renewal charges it again.
            moveTo(at("2027-05-01T00:00:00Z"));
            QCOMPARE(chargeLines()[0].toObject().value("amount_minor").toInteger(), 1000);
        });
    }

    // The free plan sells no seats: 409 conflict, nothing changed.
    void freePlanSellsNoSeats()
    {
        guarded([&] {
            setPlan(org, QStringLiteral("free"));
            const QStringList before = snapshot();
            const HttpResponse refused = send(owner, "PUT", orgPath(org, "/seats"), {{"purchased", 1}});
            QCOMPARE(refused.status, 409);
            QCOMPARE(refused.errorCode(), QString("conflict"));
            QCOMPARE(snapshot(), before);
            QCOMPARE(seats().value("total").toInteger(), 1);
            QCOMPARE(invite(owner, "x@acme.test", "member").errorCode(), QString("seat_limit_reached"));
        });
    }

    // A suspended member: 403 member_suspended for anything in the organization (session and API token),
    // and for usage attributed to them (deduct, reserve, metering) with nothing charged; sign-in still
    // works; their seat is freed and reactivating takes one again.
    void suspendedMembersCannotActOrBeCharged()
    {
        guarded([&] {
            const qint64 adam =
                f->addMember(owner, org, QStringLiteral("adam@acme.test"), QStringLiteral("admin"));
            const QByteArray admin = loginAs(QStringLiteral("adam@acme.test"));
            const QByteArray adamToken = f->createApiToken(admin, org, {"credits:deduct"});
            const QByteArray gateway = f->createApiToken(owner, org, {"metering:write"});
            QCOMPARE(f->allocate(f->adminToken, org, 10'000).status, 201);
            QCOMPARE(seats().value("assigned").toInteger(), 2);

            const HttpResponse suspended =
                send(owner, "PATCH", orgPath(org, "/members/" + num(adam)), {{"status", "suspended"}});
            QCOMPARE(suspended.status, 200);
            QCOMPARE(suspended.json().value("status").toString(), QString("suspended"));
            QCOMPARE(suspended.json().value("seat").toBool(), false);
            QCOMPARE(seats().value("assigned").toInteger(), 1);

            const QStringList before = snapshot();
            for (const QByteArray& path : {orgPath(org), orgPath(org, "/members"), orgPath(org, "/seats"),
                                           orgPath(org, "/invitations")}) {
                const HttpResponse refused = get(admin, path);
                QCOMPARE(refused.status, 403);
                QCOMPARE(refused.errorCode(), QString("member_suspended"));
            }
            QCOMPARE(invite(admin, "x@acme.test", "member").errorCode(), QString("member_suspended"));
            HttpResponse refused =
                post(adamToken, "/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 5}});
            QCOMPARE(refused.status, 403);
            QCOMPARE(refused.errorCode(), QString("member_suspended"));
            refused = post(owner, "/api/v1/credits/deduct",
                           {{"organization_id", org}, {"amount", 5}, {"member_id", adam}});
            QCOMPARE(refused.status, 403);
            QCOMPARE(refused.errorCode(), QString("member_suspended"));
            refused = post(owner, "/api/v1/credits/reserve",
                           {{"organization_id", org}, {"amount", 5}, {"member_id", adam}});
            QCOMPARE(refused.status, 403);
            QCOMPARE(refused.errorCode(), QString("member_suspended"));
            const qint64 now = at("2027-03-01T00:00:00Z");
            refused = post(gateway, "/api/v1/metering/track",
                           {{"id", "suspended-1"},
                            {"occurred_at", iso(now - 60'000)},
                            {"organization_id", org},
                            {"member_id", adam},
                            {"kind", "chat"},
                            {"model", "openai/gpt-4o"},
                            {"tokens_input", 1000},
                            {"tokens_output", 500}});
            QCOMPARE(refused.status, 403);
            QCOMPARE(refused.errorCode(), QString("member_suspended"));
            // The batch endpoint refuses that event alone.
            const HttpResponse batch =
                post(gateway, "/api/v1/metering/events",
                     {{"events", QJsonArray{QJsonObject{{"id", "suspended-2"},
                                                        {"occurred_at", iso(now - 60'000)},
                                                        {"organization_id", org},
                                                        {"member_id", adam},
                                                        {"kind", "chat"},
                                                        {"model", "openai/gpt-4o"},
                                                        {"tokens_input", 1000},
                                                        {"tokens_output", 500}}}}});
            QCOMPARE(batch.status, 200);
            const QJsonObject result = batch.json().value("results").toArray()[0].toObject();
            QCOMPARE(result.value("status").toInt(), 403);
            QCOMPARE(result.value("error").toObject().value("code").toString(), QString("member_suspended"));
            QCOMPARE(f->balance(owner, org), 10'000);
            QCOMPARE(snapshot(), before);
            // Only an owner suspends an owner, and never the last active one.
            f->addMember(owner, org, QStringLiteral("amy@acme.test"), QStringLiteral("admin"));
            const QByteArray amy = loginAs(QStringLiteral("amy@acme.test"));
            const QStringList beforeOwners = snapshot();
            QCOMPARE(send(amy, "PATCH", orgPath(org, "/members/" + num(ownerId)), {{"status", "suspended"}})
                         .status,
                     403);
            const HttpResponse lastOwner =
                send(owner, "PATCH", orgPath(org, "/members/" + num(ownerId)), {{"status", "suspended"}});
            QCOMPARE(lastOwner.status, 409);
            QCOMPARE(lastOwner.errorCode(), QString("last_owner"));
            QCOMPARE(snapshot(), beforeOwners);
            QCOMPARE(send(owner, "DELETE", orgPath(org, "/members/" + num(userIdOf(amy)))).status, 204);

            // Signing in still works, and their other memberships too.
            const QByteArray again = loginAs(QStringLiteral("adam@acme.test"));
            QCOMPARE(get(again, "/api/v1/me").status, 200);

            // Reactivating takes a seat: none free → 409, then with one free → 200 and everything works
            // again.
            for (int i = 0; i < 9; ++i)
                QCOMPARE(invite(owner, QStringLiteral("fill%1@acme.test").arg(i), "member").status, 201);
            const QStringList full = snapshot();
            refused = send(owner, "PATCH", orgPath(org, "/members/" + num(adam)), {{"status", "active"}});
            QCOMPARE(refused.status, 409);
            QCOMPARE(refused.errorCode(), QString("seat_limit_reached"));
            QCOMPARE(snapshot(), full);
            const qint64 fill0 = get(owner, orgPath(org, "/invitations"))
                                     .json()
                                     .value("data")
                                     .toArray()[0]
                                     .toObject()
                                     .value("id")
                                     .toInteger();
            QCOMPARE(send(owner, "DELETE", orgPath(org, "/invitations/" + num(fill0))).status, 204);
            const HttpResponse reactivated =
                send(owner, "PATCH", orgPath(org, "/members/" + num(adam)), {{"status", "active"}});
            QCOMPARE(reactivated.status, 200);
            QCOMPARE(reactivated.json().value("seat").toBool(), true);
            QCOMPARE(
                post(adamToken, "/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 5}}).status,
                200);
            QCOMPARE(f->balance(owner, org), 10'000 - 5);
            QCOMPARE(auditCount("member.changed"), 2);
        });
    }

    // The member list: status, seat, last sign-in, last usage and usage this period (deductions and
    // metering attributed to the member in the current billing period), exactly.
    void memberActivity()
    {
        guarded([&] {
            const qint64 mia =
                f->addMember(owner, org, QStringLiteral("mia@acme.test"), QStringLiteral("member"));
            const QByteArray gateway = f->createApiToken(owner, org, {"metering:write"});
            QCOMPARE(f->allocate(f->adminToken, org, 100'000).status, 201);
            QJsonObject member = memberOf(mia);
            QCOMPARE(member.value("status").toString(), QString("active"));
            QCOMPARE(member.value("seat").toBool(), true);
            QVERIFY(member.value("last_sign_in_at").isNull());
            QVERIFY(member.value("last_usage_at").isNull());
            QCOMPARE(member.value("usage_this_period").toInteger(), 0);

            const qint64 signIn = at("2027-03-02T09:00:00Z");
            moveTo(signIn);
            loginAs(QStringLiteral("mia@acme.test"));
            const qint64 spent = at("2027-03-03T10:00:00Z");
            moveTo(spent);
            QCOMPARE(post(owner, "/api/v1/credits/deduct",
                          {{"organization_id", org}, {"amount", 30}, {"member_id", mia}})
                         .status,
                     200);
            const qint64 metered = at("2027-03-04T11:00:00Z");
            moveTo(metered);
            const HttpResponse tracked = post(gateway, "/api/v1/metering/track",
                                              {{"id", "activity-1"},
                                               {"occurred_at", iso(metered - 60'000)},
                                               {"organization_id", org},
                                               {"member_id", mia},
                                               {"kind", "chat"},
                                               {"model", "openai/gpt-4o"},
                                               {"tokens_input", 1000},
                                               {"tokens_output", 500}});
            QCOMPARE(tracked.status, 200);
            const qint64 meteredCredits = tracked.json().value("credits").toInteger();
            QCOMPARE(meteredCredits,
                     196); // 7,500 µ$ at professional's 5 % markup: 196.875 credits, carry 0.875
            // Another member's usage is theirs.
            QCOMPARE(post(owner, "/api/v1/credits/deduct",
                          {{"organization_id", org}, {"amount", 7}, {"member_id", ownerId}})
                         .status,
                     200);
            member = memberOf(mia);
            QCOMPARE(parseTime(member.value("last_sign_in_at")), signIn);
            QCOMPARE(parseTime(member.value("last_usage_at")), metered);
            QCOMPARE(member.value("usage_this_period").toInteger(), 30 + meteredCredits);
            QCOMPARE(memberOf(ownerId).value("usage_this_period").toInteger(), 7);

            // A new period starts from zero; the last usage stays.
            moveTo(at("2027-04-01T00:00:00Z"));
            member = memberOf(mia);
            QCOMPARE(member.value("usage_this_period").toInteger(), 0);
            QCOMPARE(parseTime(member.value("last_usage_at")), metered);
        });
    }

    // Another organization's owner: 404 on every new route, nothing changed.
    void crossOrganizationMatrix()
    {
        guarded([&] {
            const qint64 mia =
                f->addMember(owner, org, QStringLiteral("mia@acme.test"), QStringLiteral("member"));
            const qint64 invitation = invite(owner, "p@acme.test", "member").json().value("id").toInteger();
            f->addMemberByOperator(home, QStringLiteral("zoe@other.test"), QStringLiteral("member"));
            const QByteArray outsider = loginAs(QStringLiteral("zoe@other.test"));
            f->createOrganization(outsider, QStringLiteral("Other"));
            const QStringList before = snapshot();
            struct Call
            {
                QByteArray method;
                QByteArray path;
                QJsonObject body;
            };
            const std::vector<Call> calls{
                {"POST", orgPath(org, "/invitations"), {{"email", "x@other.test"}, {"role", "member"}}},
                {"GET", orgPath(org, "/invitations"), {}},
                {"DELETE", orgPath(org, "/invitations/" + num(invitation)), {}},
                {"GET", orgPath(org, "/seats"), {}},
                {"PUT", orgPath(org, "/seats"), {{"purchased", 1}}},
                {"PATCH", orgPath(org, "/members/" + num(mia)), {{"status", "suspended"}}},
                {"GET", orgPath(org, "/members"), {}},
            };
            for (const Call& call : calls) {
                const HttpResponse response = send(outsider, call.method, call.path, call.body);
                QVERIFY2(response.status == 404,
                         (call.method + ' ' + call.path + ": " + response.body).constData());
            }
            QCOMPARE(snapshot(), before);
        });
    }

    // Bad input on every new route: 422 naming the field (or 404 for a bad path id), nothing changed.
    void badInput()
    {
        guarded([&] {
            const qint64 mia =
                f->addMember(owner, org, QStringLiteral("mia@acme.test"), QStringLiteral("member"));
            f->addMemberByOperator(home, QStringLiteral("zoe@other.test"), QStringLiteral("member"));
            const qint64 other =
                f->createOrganization(loginAs(QStringLiteral("zoe@other.test")), QStringLiteral("Other"));
            const qint64 foreignDepartment =
                f->createDepartment(f->adminToken, other, QStringLiteral("Theirs"));
            const QStringList before = snapshot();
            struct Case
            {
                QByteArray method;
                QByteArray path;
                QJsonObject body;
                int status;
                QString code;
                QString field;
            };
            const QByteArray invitations = orgPath(org, "/invitations");
            const QByteArray seatsPath = orgPath(org, "/seats");
            const QByteArray member = orgPath(org, "/members/" + num(mia));
            const std::vector<Case> cases{
                {"POST", invitations, {{"role", "member"}}, 422, "validation_failed", "email"},
                {"POST",
                 invitations,
                 {{"email", "not-an-address"}, {"role", "member"}},
                 422,
                 "validation_failed",
                 "email"},
                {"POST", invitations, {{"email", 5}, {"role", "member"}}, 422, "validation_failed", "email"},
                {"POST", invitations, {{"email", "x@acme.test"}}, 422, "validation_failed", "role"},
                {"POST",
                 invitations,
                 {{"email", "x@acme.test"}, {"role", "king"}},
                 422,
                 "validation_failed",
                 "role"},
                {"POST",
                 invitations,
                 {{"email", "x@acme.test"}, {"role", "member"}, {"department_id", "x"}},
                 422,
                 "validation_failed",
                 "department_id"},
                {"POST",
                 invitations,
                 {{"email", "x@acme.test"}, {"role", "member"}, {"department_id", foreignDepartment}},
                 422,
                 "validation_failed",
                 "department_id"},
                {"POST",
                 invitations,
                 {{"email", "x@acme.test"}, {"role", "member"}, {"password", "secret-pass"}},
                 422,
                 "unknown_field",
                 "password"},
                {"DELETE", orgPath(org, "/invitations/abc"), {}, 404, "not_found", {}},
                {"DELETE", orgPath(org, "/invitations/999999"), {}, 404, "not_found", {}},
                {"POST",
                 "/api/v1/invitations/accept",
                 {{"password", "some-password"}},
                 422,
                 "validation_failed",
                 "token"},
                {"POST", "/api/v1/invitations/accept", {{"token", 7}}, 422, "validation_failed", "token"},
                {"POST",
                 "/api/v1/invitations/accept",
                 {{"token", "cdi_x"}, {"role", "owner"}},
                 422,
                 "unknown_field",
                 "role"},
                {"PUT", seatsPath, {{"purchased", QJsonValue()}}, 422, "validation_failed", "purchased"},
                {"PUT", seatsPath, {{"purchased", -1}}, 422, "validation_failed", "purchased"},
                {"PUT", seatsPath, {{"purchased", "2"}}, 422, "validation_failed", "purchased"},
                {"PUT", seatsPath, {{"purchased", 1.5}}, 422, "validation_failed", "purchased"},
                {"PUT", seatsPath, {{"purchased", 100001}}, 422, "validation_failed", "purchased"},
                {"PUT", seatsPath, {{"purchased", 1}, {"included", 50}}, 422, "unknown_field", "included"},
                {"PATCH", member, {{"status", "frozen"}}, 422, "validation_failed", "status"},
                {"PATCH", member, {{"status", 1}}, 422, "validation_failed", "status"},
                {"PATCH", orgPath(org, "/members/999999"), {{"status", "suspended"}}, 404, "not_found", {}},
            };
            for (const Case& c : cases) {
                const HttpResponse response = send(owner, c.method, c.path, c.body);
                const QString what = QString::fromLatin1(
                    c.method + ' ' + c.path + ' ' + QJsonDocument(c.body).toJson(QJsonDocument::Compact) +
                    " → " + response.body);
                QVERIFY2(response.status == c.status, qPrintable(what));
                QVERIFY2(response.errorCode() == c.code, qPrintable(what));
                if (!c.field.isEmpty())
                    QVERIFY2(response.json()
                                     .value("error")
                                     .toObject()
                                     .value("details")
                                     .toObject()
                                     .value("field")
                                     .toString() == c.field,
                             qPrintable(what));
            }
            QCOMPARE(snapshot(), before);
        });
    }
};

QTEST_GUILESS_MAIN(TestInvitations)
#include "tst_invitations.moc"
