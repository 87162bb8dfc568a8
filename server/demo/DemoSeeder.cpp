#include "demo/DemoSeeder.h"

#include "alerts/AlertRules.h"
#include "audit/AuditTrail.h"
#include "auth/Access.h"
#include "billing/Coupons.h"
#include "billing/Subscriptions.h"
#include "core/ApiError.h"
#include "core/Crypto.h"
#include "invoices/BillingProfiles.h"
#include "invoices/Invoices.h"
#include "invoices/TaxRates.h"
#include "ledger/BudgetGuard.h"
#include "ledger/Ledger.h"
#include "metering/MeteringService.h"
#include "metering/PriceBookStore.h"
#include "orgs/Budgets.h"
#include "orgs/Directory.h"
#include "payments/Payments.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>

#include <algorithm>
#include <array>
#include <map>
#include <vector>

namespace creditdesk::server {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr int kHistoryDays = 90;
// The organization is a year old: a year of plan renewals and their invoices, usage in the last 90 days.
constexpr int kBillingDays = 365;
// The outage credit note on the fourth invoice ($20: less than any plan's monthly invoice).
constexpr qint64 kDemoCreditNoteMinor = 2000;

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

// What the demo's gateway reports, weighted like a team's real mix: mostly cheap chat models, some
// frontier models, free models, embeddings, TTS, search, agent runs and sandboxed compute.
struct ModelUse
{
    UsageKind kind;
    const char* model; // empty: priced by the rate card
    int weight;
};
constexpr std::array kMix{
    ModelUse{UsageKind::Chat, "openai/gpt-4o-mini", 26},
    ModelUse{UsageKind::Chat, "openai/gpt-4o", 8},
    ModelUse{UsageKind::Chat, "openai/o4-mini", 3},
    ModelUse{UsageKind::Chat, "anthropic/claude-sonnet-4", 9},
    ModelUse{UsageKind::Chat, "anthropic/claude-3.5-haiku", 7},
    ModelUse{UsageKind::Chat, "google/gemini-2.5-flash", 9},
    ModelUse{UsageKind::Chat, "google/gemini-2.5-pro", 3},
    ModelUse{UsageKind::Chat, "meta-llama/llama-3.3-70b-instruct", 4},
    ModelUse{UsageKind::Chat, "meta-llama/llama-3.3-70b-instruct:free", 5},
    ModelUse{UsageKind::Chat, "mistralai/mistral-small-3.1-24b-instruct", 3},
    ModelUse{UsageKind::Chat, "deepseek/deepseek-chat-v3-0324:free", 4},
    ModelUse{UsageKind::Embedding, "openai/text-embedding-3-small", 6},
    ModelUse{UsageKind::Tts, "", 2},
    ModelUse{UsageKind::Search, "", 4},
    ModelUse{UsageKind::Agent, "", 3},
    ModelUse{UsageKind::Compute, "", 3},
};

UsageEvent demoEvent(QRandomGenerator& random, int byokShare)
{
    int total = 0;
    for (const ModelUse& use : kMix)
        total += use.weight;
    int pick = static_cast<int>(random.bounded(total));
    const ModelUse* chosen = &kMix[0];
    for (const ModelUse& use : kMix) {
        if (pick < use.weight) {
            chosen = &use;
            break;
        }
        pick -= use.weight;
    }
    UsageEvent event;
    event.kind = chosen->kind;
    event.model = QString::fromLatin1(chosen->model);
    event.apiKeyId = QStringLiteral("gateway-demo");
    switch (event.kind) {
    case UsageKind::Chat:
        event.tokensInput = 300 + random.bounded(6000);
        event.tokensOutput = 80 + random.bounded(1800);
        event.computeMs = random.bounded(3000);
        event.taskType = random.bounded(3) == 0 ? QStringLiteral("code_review") : QStringLiteral("chat");
        break;
    case UsageKind::Embedding:
        event.tokensInput = 500 + random.bounded(20000);
        event.taskType = QStringLiteral("indexing");
        break;
    case UsageKind::Tts:
        event.units = 200 + random.bounded(3000); // characters
        break;
    case UsageKind::Search:
        event.units = 1;
        break;
    case UsageKind::Agent:
        event.units = 1;
        event.computeMs = 5000 + random.bounded(120000);
        event.taskType = QStringLiteral("research_agent");
        break;
    case UsageKind::Compute:
        event.computeMs = 10000 + random.bounded(600000);
        event.taskType = QStringLiteral("sandbox");
        break;
    }
    event.byok = event.model.startsWith(QLatin1String("anthropic/")) &&
                 static_cast<int>(random.bounded(100)) < byokShare;
    event.failed = random.bounded(100) < 2; // failed or empty completions are recorded, not charged
    event.executionId = QStringLiteral("exec-%1").arg(random.generate64() % 100000000);
    return event;
}

qint64 startOfDay(qint64 epochMs)
{
    return epochMs - epochMs % kDayMs;
}

// The demo's coupons (docs/billing.md "Coupons"), each created once: a re-run, or a database seeded
// before coupons existed, gets the ones it lacks.
void ensureDemoCoupons(SqlConnection& db, qint64 nowMs)
{
    PlanCatalog(db).seedIfEmpty(nowMs); // FREEMONTH names a plan of the catalog
    Coupons coupons(db, nowMs);
    Coupon freeMonth;
    freeMonth.code = QStringLiteral("FREEMONTH");
    freeMonth.kind = QStringLiteral("free_period");
    freeMonth.plan = QStringLiteral("starter");
    freeMonth.durationPeriods = 1;
    coupons.ensure(freeMonth);
    Coupon welcome;
    welcome.code = QStringLiteral("WELCOME10");
    welcome.kind = QStringLiteral("bonus_credits");
    welcome.credits = 250'000;
    coupons.ensure(welcome);
    Coupon earlyBird;
    earlyBird.code = QStringLiteral("EARLYBIRD");
    earlyBird.kind = QStringLiteral("percent_off");
    earlyBird.percent = 20;
    earlyBird.durationPeriods = 3;
    coupons.ensure(earlyBird);
}

} // namespace

DemoSeedResult DemoSeeder::run()
{
    DemoSeedResult result;
    ensureDemoCoupons(m_db, m_now);
    if (const auto existing =
            m_db.row(QStringLiteral("SELECT id FROM organizations WHERE name = ? ORDER BY id"),
                     {QString::fromLatin1(kOrganizationName)})) {
        result.alreadySeeded = true;
        result.organizationId = asInt(existing->at(0));
        return result;
    }
    const qint64 start = startOfDay(m_now) - kHistoryDays * kDayMs;
    const qint64 founded = startOfDay(m_now) - kBillingDays * kDayMs;
    QRandomGenerator random(20240601); // the same demo every time
    const QString password = QString::fromLatin1(kPassword);

    const auto userFor = [&](const QString& email, const QString& name, bool platformAdmin) {
        if (const auto id = directory::userIdByEmail(m_db, email))
            return *id;
        return directory::createUser(
            m_db, email, name, crypto::hashPassword(password), platformAdmin, founded,
            platformAdmin ? directory::SignupCredits::None : directory::SignupCredits::Grant);
    };
    const qint64 platformAdminId =
        userFor(QStringLiteral("platform@demo.test"), QStringLiteral("Pat Platform"), true);
    result.signIns.append(QStringLiteral("platform@demo.test (platform admin)"));

    const qint64 ownerId =
        userFor(QString::fromLatin1(kPeople[0].email), QString::fromLatin1(kPeople[0].name), false);
    const qint64 organizationId = directory::createOrganization(m_db, QString::fromLatin1(kOrganizationName),
                                                                QStringLiteral("team"), ownerId, founded);
    result.organizationId = organizationId;
    // The audit trail of a real organization's first days, so the Activity pane has something to show.
    const auto audit = [&](qint64 at, std::optional<qint64> actorId, const char* action,
                           const char* targetType, std::optional<qint64> targetId, const QString& summary) {
        AuditEntry entry;
        entry.at = at;
        entry.actorType = QStringLiteral("user");
        entry.actorId = actorId;
        entry.organizationId = organizationId;
        entry.action = QString::fromLatin1(action);
        entry.targetType = QString::fromLatin1(targetType);
        entry.targetId = targetId;
        entry.summary = summary;
        AuditTrail(m_db).append(std::move(entry));
    };
    audit(founded, ownerId, "organization.created", "organization", organizationId,
          QStringLiteral("team organization \"%1\"").arg(QString::fromLatin1(kOrganizationName)));
    std::vector<qint64> departmentIds;
    for (const char* department : kDepartments) {
        const auto row =
            m_db.row(QStringLiteral("INSERT INTO departments (organization_id, name, created_at) "
                                    "VALUES (?, ?, ?) RETURNING id"),
                     {organizationId, QString::fromLatin1(department), founded});
        departmentIds.push_back(asInt(row->at(0)));
    }
    struct Member
    {
        qint64 userId;
        std::optional<qint64> departmentId;
        int activity;
        int byokShare; // percent of their Anthropic usage made with the team's own key
    };
    std::vector<Member> members;
    for (const Person& person : kPeople) {
        const QString email = QString::fromLatin1(person.email);
        const qint64 userId = QLatin1String(person.role) == QLatin1String("owner")
                                  ? ownerId
                                  : userFor(email, QString::fromLatin1(person.name), false);
        const std::optional<qint64> departmentId =
            person.department >= 0 ? std::optional(departmentIds[static_cast<std::size_t>(person.department)])
                                   : std::nullopt;
        if (userId != ownerId)
            m_db.execute(
                QStringLiteral(
                    "INSERT INTO memberships (organization_id, user_id, role, department_id, created_at) "
                    "VALUES (?, ?, ?, ?, ?)"),
                {organizationId, userId, QString::fromLatin1(person.role), nullableInt(departmentId),
                 founded});
        else if (departmentId)
            m_db.execute(
                QStringLiteral(
                    "UPDATE memberships SET department_id = ? WHERE organization_id = ? AND user_id = ?"),
                {*departmentId, organizationId, userId});
        members.push_back(Member{userId, departmentId, person.activity, person.department == 1 ? 40 : 0});
        if (userId != ownerId)
            audit(founded + kDayMs / 24, ownerId, "member.added", "member", userId,
                  QStringLiteral("%1 as %2").arg(email, QString::fromLatin1(person.role)));
        result.signIns.append(email + QStringLiteral(" (") + QString::fromLatin1(person.role) +
                              QLatin1Char(')'));
    }
    const qint64 accountId = *accountIdFor(m_db, QStringLiteral("organization"), organizationId);

    // Credits are granted by the operator's staff (docs/design.md §3), never by the organization's owner.
    Attribution byOperator;
    byOperator.organizationId = organizationId;
    byOperator.actorKind = QStringLiteral("user");
    byOperator.actorId = platformAdminId;
    const auto grant = [&](qint64 at, qint64 amount, const char* kind, qint64 expiresAt, const char* note) {
        AllocationRequest request;
        request.amount = amount;
        request.grantKind = QString::fromLatin1(kind);
        request.priority = defaultPriorityFor(request.grantKind);
        request.expiresAt = expiresAt;
        request.note = QString::fromLatin1(note);
        const TransactionRecord record = Ledger(m_db, at).allocate(accountId, request, byOperator);
        audit(at, platformAdminId, "credits.allocated", "transaction", record.id,
              QStringLiteral("%1 credits, balance %2").arg(record.amount).arg(record.balanceAfter));
    };

    PriceBookStore(m_db).installDefaults(start);
    const std::shared_ptr<const Pricing> pricing = PriceBookStore(m_db).load();
    MeteringTarget target;
    target.scopeAccountId = accountId;
    target.accountId = accountId;
    target.organizationId = organizationId;
    target.policy.billingOption = BillingOption::Credits;
    // The plan's history: Professional from the first day, renewed monthly by the same code as the
    // server's renewal job, and an upgrade to Enterprise in the middle of the third period.
    const BillingActor ownerActor{QStringLiteral("user"), ownerId};
    const auto switchTo = [&](qint64 at, const char* plan) {
        Subscriptions(m_db, at).switchPlan(accountId, QString::fromLatin1(plan), std::nullopt, ownerActor);
        audit(at, ownerId, "subscription.switched", "subscription", accountId,
              QStringLiteral("plan → %1").arg(QString::fromLatin1(plan)));
    };
    // Seats as an owner keeps them: the people beyond Professional's included seats are bought right after
    // the switch (prorated, then charged at each renewal), and given back at the period end once
    // Enterprise includes them all (orgs/Seats; the members above joined before seats were counted).
    const qint64 people = static_cast<qint64>(kPeople.size());
    const auto setSeats = [&](qint64 at, qint64 purchased) {
        Subscriptions(m_db, at).changeExtraSeats(accountId, purchased, people, ownerActor);
        audit(at, ownerId, "seats.changed", "organization", organizationId,
              QStringLiteral("extra seats → %1").arg(purchased));
    };
    // The operator's details, printed on every invoice (a snapshot at issue).
    Invoices(m_db, founded)
        .setSeller({{QStringLiteral("legal_name"), QStringLiteral("CreditDesk Demo Operator GmbH")},
                    {QStringLiteral("address"),
                     QJsonObject{{QStringLiteral("line1"), QStringLiteral("Beispielstraße 1")},
                                 {QStringLiteral("postal_code"), QStringLiteral("10115")},
                                 {QStringLiteral("city"), QStringLiteral("Berlin")},
                                 {QStringLiteral("country"), QStringLiteral("DE")}}},
                    {QStringLiteral("tax_id"), QStringLiteral("DE123456789")},
                    {QStringLiteral("country"), QStringLiteral("DE")},
                    {QStringLiteral("email"), QStringLiteral("billing@creditdesk.test")}});
    // Demo Labs is a German company with a VAT id: its invoices carry 19 % VAT (the shipped tax rates, as
    // the server seeds them at start) and print its billing profile as the buyer.
    TaxRates(m_db).seedOnce(founded);
    BillingProfiles(m_db).put(
        accountId,
        BillingProfile{QStringLiteral("Demo Labs GmbH"), QStringLiteral("finance@demo.test"),
                       QStringLiteral("Torstraße 100"), QString(), QStringLiteral("Berlin"),
                       QStringLiteral("10119"), QString(), QStringLiteral("DE"),
                       QStringLiteral("DE987654321"), false, QString()},
        founded);
    switchTo(founded + 3600 * 1000, "professional");
    setSeats(founded + 3600 * 1000 + 60 * 1000,
             std::max<qint64>(0, people - Subscriptions(m_db, founded).get(accountId).terms.includedSeats));
    // Each day's renewals are invoiced by the same code as the server's close job; Demo Labs pays by bank
    // transfer a week after an invoice is issued (the operator marks it paid), so the latest may be open.
    // Two invoices of the year were paid by card through Stripe instead, booked by the code that books
    // Stripe's answers (payments/Payments.h; the demo makes no network calls): the fourth at once, later
    // credited for an outage and refunded to the card; the eighth declined at issue (insufficient funds,
    // dunning starts) and paid by the first retry a day later.
    int periodInvoices = 0;
    struct CardInvoice
    {
        qint64 id = 0;
        qint64 creditAt = 0; // the fourth: when the outage's credit note is issued
        qint64 retryAt = 0;  // the eighth: when the declined payment is retried
    };
    CardInvoice credited, retried;
    const auto cardReport = [&](qint64 invoiceId, qint64 attempt) {
        const auto invoice = m_db.row(QStringLiteral("SELECT %1, i.currency FROM invoices i WHERE i.id = ?")
                                          .arg(Invoices::amountDueSql(QStringLiteral("i"))),
                                      {invoiceId});
        return PaymentReport{invoiceId,
                             QStringLiteral("pi_demo_%1_%2").arg(invoiceId).arg(attempt),
                             asInt(invoice->at(0)),
                             invoice->at(1).toString(),
                             attempt,
                             {}};
    };
    const auto payByCard = [&](qint64 at) {
        Payments payments(m_db, at);
        for (const Row& issued :
             m_db.rows(QStringLiteral("SELECT id, period_start FROM invoices WHERE account_id = ? AND kind = "
                                      "'period' AND status = 'open' AND issued_at = ? ORDER BY id"),
                       {accountId, at})) {
            ++periodInvoices;
            const qint64 invoiceId = asInt(issued[0]);
            if (periodInvoices == 4) {
                payments.bookSucceeded(cardReport(invoiceId, 1));
                credited = CardInvoice{invoiceId, asInt(issued[1]) + 6 * kDayMs, 0};
            } else if (periodInvoices == 8) {
                PaymentReport declined = cardReport(invoiceId, 1);
                declined.failureReason = QStringLiteral("insufficient_funds");
                payments.bookFailed(declined);
                retried = CardInvoice{invoiceId, 0, at + kDayMs};
            }
        }
        if (retried.retryAt != 0 && at >= retried.retryAt) {
            payments.bookSucceeded(cardReport(retried.id, 2));
            retried.retryAt = 0;
        }
        if (credited.creditAt != 0 && at >= credited.creditAt) {
            // An outage five days into the period: $20 of the fee back, refunded to the card it was paid
            // with (Stripe's refund booked as StripePayments books it).
            const QString day = QDateTime::fromMSecsSinceEpoch(credited.creditAt - kDayMs, Qt::UTC)
                                    .date()
                                    .toString(QStringLiteral("d MMMM"));
            const QJsonObject invoice = Invoices(m_db, at).creditNote(
                credited.id, kDemoCreditNoteMinor, QStringLiteral("Service outage on %1").arg(day));
            const qint64 noteId = invoice.value(QStringLiteral("credit_notes"))
                                      .toArray()
                                      .last()
                                      .toObject()
                                      .value(QStringLiteral("id"))
                                      .toInteger();
            if (const auto due = payments.refundDue(noteId))
                payments.bookRefund(due->paymentId, noteId, due->amountMinor,
                                    QStringLiteral("re_demo_%1").arg(noteId), QStringLiteral("succeeded"));
            credited.creditAt = 0;
        }
    };
    const auto renewAndInvoice = [&](qint64 at) {
        while (Subscriptions(m_db, at).renewDue(10) > 0) {
        }
        Invoices invoices(m_db, at);
        invoices.close(invoices.dueCloses(100));
        payByCard(at);
        for (const Row& open : m_db.rows(
                 QStringLiteral("SELECT id, number FROM invoices WHERE account_id = ? AND status = 'open' "
                                "AND issued_at <= ? ORDER BY id"),
                 {accountId, at - 7 * kDayMs}))
            invoices.markPaid(asInt(open[0]), QStringLiteral("bank_transfer"),
                              QStringLiteral("SEPA DL-") + open[1].toString());
    };
    for (qint64 dayStart = founded; dayStart < start; dayStart += kDayMs)
        renewAndInvoice(dayStart + 1800 * 1000);
    std::vector<qint64> memberIds;
    for (const Member& member : members)
        memberIds.push_back(member.userId);
    // The admin watches credits that are about to expire (the built-in rules watch the allowance).
    AlertRules(m_db, start)
        .create(accountId, QStringLiteral("credits_expiring"), 7, QStringLiteral("warning"));
    qint64 sequence = 0;
    for (int day = 0; day < kHistoryDays; ++day) {
        const qint64 dayStart = start + day * kDayMs;
        renewAndInvoice(dayStart + 1800 * 1000);
        if (day == kHistoryDays - 25)
            setDemoBudgets(accountId, organizationId, departmentIds, memberIds, ownerId,
                           dayStart + 9 * 3600 * 1000);
        if (day == kHistoryDays - 15) {
            switchTo(dayStart + 2 * 3600 * 1000, "enterprise");
            setSeats(dayStart + 2 * 3600 * 1000 + 60 * 1000,
                     std::max<qint64>(
                         0, people - Subscriptions(m_db, dayStart).get(accountId).terms.includedSeats));
        }
        const bool enterprise = day >= kHistoryDays - 15;
        target.policy.tier = enterprise ? Tier::Enterprise : Tier::Professional;
        target.policy.planMarkupBasisPoints = enterprise ? 0 : 500;
        if (day == 3)
            grant(dayStart + 7 * 3600 * 1000, 250'000, "coupon", kNeverExpires, "Coupon WELCOME10 ($10)");
        if (day == 20)
            grant(dayStart + 7 * 3600 * 1000, 5'000'000, "purchase", kNeverExpires,
                  "Top-up $200, card ending 4242");
        if (day == 62)
            grant(dayStart + 7 * 3600 * 1000, 500'000, "bonus", m_now + 30 * kDayMs,
                  "Loyalty bonus, expires in a month");

        // Usage: full days on weekdays, a trickle at weekends (day 0 of the epoch was a Thursday).
        const int weekday = static_cast<int>((dayStart / kDayMs + 3) % 7); // 0 = Monday
        const bool weekend = weekday >= 5;
        // The gateway reports usage in small batches through the day; the seeder stores one batch per
        // hour, as it would have arrived, through the same code the metering API uses.
        std::map<qint64, std::vector<PendingEvent>> byHour;
        for (const Member& member : members) {
            const int count = weekend
                                  ? static_cast<int>(random.bounded(member.activity / 3 + 1))
                                  : member.activity + static_cast<int>(random.bounded(member.activity + 1));
            for (int i = 0; i < count; ++i) {
                const qint64 at = dayStart + (8 + static_cast<qint64>(random.bounded(11))) * 3600 * 1000 +
                                  static_cast<qint64>(random.bounded(3600 * 1000));
                if (at >= m_now)
                    continue;
                UsageEvent event = demoEvent(random, member.byokShare);
                event.id = QStringLiteral("demo-%1").arg(++sequence);
                event.occurredAt = at;
                event.organizationId = organizationId;
                event.memberId = member.userId;
                MeteringTarget memberTarget = target;
                memberTarget.memberId = member.userId;
                memberTarget.departmentId = member.departmentId;
                byHour[at / 3600000].push_back(PendingEvent::accepted(std::move(event), memberTarget));
            }
        }
        for (auto& [hour, events] : byHour) {
            std::sort(events.begin(), events.end(), [](const PendingEvent& a, const PendingEvent& b) {
                return a.event->occurredAt < b.event->occurredAt;
            });
            Attribution gateway;
            gateway.actorKind = QStringLiteral("api_token");
            const qint64 receivedAt = std::min(m_now, (hour + 1) * 3600000);
            for (const EventResult& outcome :
                 MeteringService(m_db, receivedAt, *pricing, gateway).ingest(events))
                result.usageEvents += outcome.error ? 0 : 1;
        }
    }
    return result;
}

// Soft monthly budgets as an owner sets them after a month of use: the busiest department's and busiest
// member's at nine tenths of what they used in the last 30 days, so the rest of the period crosses the
// built-in 80 % and 100 % alert rules (the Alerts pane and the budget views have something to show).
void DemoSeeder::setDemoBudgets(qint64 accountId, qint64 organizationId,
                                const std::vector<qint64>& departmentIds,
                                const std::vector<qint64>& memberIds, qint64 ownerId, qint64 at)
{
    const qint64 since = at - 30 * kDayMs;
    const auto busiest = [&](const QString& scope, const std::vector<qint64>& ids) {
        std::pair<qint64, qint64> best{0, 0}; // id, used
        for (const qint64 id : ids) {
            const qint64 used = BudgetGuard::usedFromHistory(m_db, accountId, scope, id, since);
            if (used > best.second)
                best = {id, used};
        }
        return best;
    };
    Attribution owner;
    owner.organizationId = organizationId;
    owner.actorKind = QStringLiteral("user");
    owner.actorId = ownerId;
    for (const auto& [scope, ids] : {std::pair{QStringLiteral("department"), departmentIds},
                                     std::pair{QStringLiteral("member"), memberIds}}) {
        const auto [id, used] = busiest(scope, ids);
        if (used == 0)
            continue;
        BudgetTerms terms;
        terms.credits = used * 9 / 10;
        terms.enforcement = QStringLiteral("soft");
        Budgets(m_db, at).set(organizationId, scope, id, terms, owner,
                              QStringLiteral("Set after the first month of use"));
    }
}

} // namespace creditdesk::server
