#include "demo/DemoSeeder.h"

#include "auth/Access.h"
#include "core/ApiError.h"
#include "core/Crypto.h"
#include "ledger/Ledger.h"
#include "orgs/Directory.h"

#include <QRandomGenerator>

#include <algorithm>
#include <array>
#include <vector>

namespace creditdesk {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr int kHistoryDays = 90;

struct Person
{
    const char* email;
    const char* name;
    const char* role;
    int department; // index into kDepartments, -1: none
    int activity;   // relative amount of usage (0: none)
};

constexpr std::array kDepartments{"Research", "Engineering", "Support", "Sales", "Operations"};

// Owner, admin, finance and a manager first (the console demo signs in as them), then members.
constexpr std::array kPeople{
    Person{"owner@demo.test", "Olivia Owner", "owner", -1, 2},
    Person{"admin@demo.test", "Adam Admin", "admin", 1, 3},
    Person{"finance@demo.test", "Fiona Finance", "finance", 4, 1},
    Person{"manager@demo.test", "Marco Manager", "manager", 0, 4},
    Person{"ana@demo.test", "Ana Alvarez", "member", 0, 9},
    Person{"ben@demo.test", "Ben Brooks", "member", 0, 7},
    Person{"chen@demo.test", "Chen Wei", "member", 0, 8},
    Person{"dara@demo.test", "Dara Doyle", "member", 0, 5},
    Person{"eli@demo.test", "Eli Evans", "member", 1, 10},
    Person{"farah@demo.test", "Farah Fadel", "member", 1, 8},
    Person{"gus@demo.test", "Gus Gruber", "member", 1, 6},
    Person{"hana@demo.test", "Hana Hoshino", "member", 1, 7},
    Person{"ivan@demo.test", "Ivan Ivanov", "member", 1, 4},
    Person{"jade@demo.test", "Jade Jensen", "member", 2, 6},
    Person{"kofi@demo.test", "Kofi Kwame", "member", 2, 5},
    Person{"lena@demo.test", "Lena Lang", "member", 2, 5},
    Person{"mo@demo.test", "Mo Malik", "member", 2, 3},
    Person{"nina@demo.test", "Nina Novak", "member", 3, 3},
    Person{"omar@demo.test", "Omar Ortiz", "member", 3, 2},
    Person{"pia@demo.test", "Pia Persson", "member", 3, 2},
    Person{"quinn@demo.test", "Quinn Quade", "member", 4, 2},
    Person{"rosa@demo.test", "Rosa Rossi", "member", 4, 1},
};

qint64 startOfDay(qint64 epochMs)
{
    return epochMs - epochMs % kDayMs;
}

} // namespace

DemoSeedResult DemoSeeder::run()
{
    DemoSeedResult result;
    if (const auto existing = m_db.row(QStringLiteral("SELECT id FROM organizations WHERE name = ? ORDER BY id"),
                                       {QString::fromLatin1(kOrganizationName)})) {
        result.alreadySeeded = true;
        result.organizationId = asInt(existing->at(0));
        return result;
    }
    const qint64 start = startOfDay(m_now) - kHistoryDays * kDayMs;
    QRandomGenerator random(20240601); // the same demo every time
    const QString password = QString::fromLatin1(kPassword);

    const auto userFor = [&](const QString& email, const QString& name, bool platformAdmin) {
        if (const auto id = directory::userIdByEmail(m_db, email))
            return *id;
        return directory::createUser(m_db, email, name, crypto::hashPassword(password), platformAdmin, start);
    };
    userFor(QStringLiteral("platform@demo.test"), QStringLiteral("Pat Platform"), true);
    result.signIns.append(QStringLiteral("platform@demo.test (platform admin)"));

    const qint64 ownerId = userFor(QString::fromLatin1(kPeople[0].email), QString::fromLatin1(kPeople[0].name), false);
    const qint64 organizationId =
        directory::createOrganization(m_db, QString::fromLatin1(kOrganizationName), QStringLiteral("team"), ownerId, start);
    result.organizationId = organizationId;
    // A paying organization, so the demo shows paid models beside free ones (new organizations start on free).
    m_db.execute(QStringLiteral("UPDATE organizations SET tier = 'professional', billing_option = 'credits' WHERE id = ?"),
                 {organizationId});
    std::vector<qint64> departmentIds;
    for (const char* department : kDepartments) {
        const auto row = m_db.row(QStringLiteral("INSERT INTO departments (organization_id, name, created_at) "
                                                 "VALUES (?, ?, ?) RETURNING id"),
                                  {organizationId, QString::fromLatin1(department), start});
        departmentIds.push_back(asInt(row->at(0)));
    }
    struct Member
    {
        qint64 userId;
        std::optional<qint64> departmentId;
        int activity;
    };
    std::vector<Member> members;
    for (const Person& person : kPeople) {
        const QString email = QString::fromLatin1(person.email);
        const qint64 userId = QLatin1String(person.role) == QLatin1String("owner")
                                  ? ownerId
                                  : userFor(email, QString::fromLatin1(person.name), false);
        const std::optional<qint64> departmentId =
            person.department >= 0 ? std::optional(departmentIds[static_cast<std::size_t>(person.department)]) : std::nullopt;
        if (userId != ownerId)
            m_db.execute(QStringLiteral("INSERT INTO memberships (organization_id, user_id, role, department_id, created_at) "
                                        "VALUES (?, ?, ?, ?, ?)"),
                         {organizationId, userId, QString::fromLatin1(person.role), nullableInt(departmentId), start});
        else if (departmentId)
            m_db.execute(QStringLiteral("UPDATE memberships SET department_id = ? WHERE organization_id = ? AND user_id = ?"),
                         {*departmentId, organizationId, userId});
        members.push_back(Member{userId, departmentId, person.activity});
        result.signIns.append(email + QStringLiteral(" (") + QString::fromLatin1(person.role) + QLatin1Char(')'));
    }
    const qint64 accountId = *accountIdFor(m_db, QStringLiteral("organization"), organizationId);

    Attribution byOwner;
    byOwner.organizationId = organizationId;
    byOwner.actorKind = QStringLiteral("user");
    byOwner.actorId = ownerId;
    const auto grant = [&](qint64 at, qint64 amount, const char* kind, qint64 expiresAt, const char* note) {
        AllocationRequest request;
        request.amount = amount;
        request.grantKind = QString::fromLatin1(kind);
        request.priority = defaultPriorityFor(request.grantKind);
        request.expiresAt = expiresAt;
        request.note = QString::fromLatin1(note);
        Ledger(m_db, at).allocate(accountId, request, byOwner);
    };

    for (int day = 0; day < kHistoryDays; ++day) {
        const qint64 dayStart = start + day * kDayMs;
        // Monthly plan allowance ($100 of credits), valid for one month; what is left then expires.
        if (day % 30 == 0)
            grant(dayStart + 3600 * 1000, 2'500'000, "plan_allocation", dayStart + 31 * kDayMs,
                  "Enterprise plan, monthly allowance");
        if (day == 3)
            grant(dayStart + 7 * 3600 * 1000, 250'000, "coupon", kNeverExpires, "Coupon WELCOME10 ($10)");
        if (day == 20)
            grant(dayStart + 7 * 3600 * 1000, 5'000'000, "purchase", kNeverExpires, "Top-up $200, card ending 4242");
        if (day == 62)
            grant(dayStart + 7 * 3600 * 1000, 500'000, "bonus", m_now + 30 * kDayMs, "Loyalty bonus, expires in a month");

        // Usage: full days on weekdays, a trickle at weekends (day 0 of the epoch was a Thursday).
        const int weekday = static_cast<int>((dayStart / kDayMs + 3) % 7); // 0 = Monday
        const bool weekend = weekday >= 5;
        struct Use
        {
            qint64 at;
            const Member* member;
            qint64 tokens;
        };
        std::vector<Use> uses;
        for (const Member& member : members) {
            const int count = weekend ? static_cast<int>(random.bounded(member.activity / 3 + 1))
                                      : member.activity + static_cast<int>(random.bounded(member.activity + 1));
            for (int i = 0; i < count; ++i) {
                const qint64 at = dayStart + (8 + static_cast<qint64>(random.bounded(11))) * 3600 * 1000 +
                                  static_cast<qint64>(random.bounded(3600 * 1000));
                uses.push_back(Use{at, &member, 200 + static_cast<qint64>(random.bounded(4000))});
            }
        }
        // The ledger books in time order, as the gateway would have reported it.
        std::sort(uses.begin(), uses.end(), [](const Use& a, const Use& b) { return a.at < b.at; });
        for (const Use& use : uses) {
            if (use.at >= m_now)
                break;
            Attribution who;
            who.organizationId = organizationId;
            who.memberId = use.member->userId;
            who.departmentId = use.member->departmentId;
            who.actorKind = QStringLiteral("user");
            who.actorId = use.member->userId;
            try {
                Ledger(m_db, use.at).deduct(accountId, use.tokens / 10, who, QStringLiteral("chat"), std::nullopt);
                ++result.deductions;
            } catch (const ApiError&) {
                // Out of credits at that moment: the gateway would have refused the call.
            }
        }
    }
    return result;
}

} // namespace creditdesk
