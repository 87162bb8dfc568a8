// Batch charging of rated usage (docs/design.md §3–4): the ledger's rules for metering, added beside the
// per-request operations in Ledger.cpp. One batch of events costs one account lock, one read of the
// usable grants and one debit per member, instead of one of each per event.
#include "core/Json.h"
#include "ledger/BudgetGuard.h"
#include "ledger/DebitBuffer.h"
#include "ledger/Ledger.h"

#include <QHash>

#include <map>

namespace creditdesk::server {

namespace {

constexpr qint64 kMicro = 1'000'000;

ApiError insufficientForUsage(qint64 requested, qint64 available)
{
    return ApiError(
        QStringLiteral("insufficient_credits"),
        QStringLiteral("Not enough credits: %1 requested, %2 available").arg(requested).arg(available),
        QJsonObject{{QStringLiteral("requested"), requested}, {QStringLiteral("available"), available}});
}

qint64 readCarry(SqlConnection& db, qint64 accountId)
{
    const auto row =
        db.row(QStringLiteral("SELECT carry_micro FROM usage_carry WHERE account_id = ?"), {accountId});
    return row ? asInt(row->at(0)) : 0;
}

void writeCarry(SqlConnection& db, qint64 accountId, qint64 carry)
{
    db.execute(QStringLiteral("INSERT INTO usage_carry (account_id, carry_micro) VALUES (?, ?) "
                              "ON CONFLICT (account_id) DO UPDATE SET carry_micro = excluded.carry_micro"),
               {accountId, carry});
}

// The account's running overage total, which invoicing reads and `verify` compares with its events.
void addOverage(SqlConnection& db, qint64 accountId, qint64 credits)
{
    db.execute(QStringLiteral("INSERT INTO usage_overage (account_id, overage_credits) VALUES (?, ?) "
                              "ON CONFLICT (account_id) DO UPDATE SET "
                              "overage_credits = usage_overage.overage_credits + excluded.overage_credits"),
               {accountId, credits});
}

} // namespace

std::vector<UsageChargeOutcome> Ledger::chargeUsage(qint64 accountId, const std::vector<UsageCharge>& charges,
                                                    const QString& reference)
{
    std::vector<UsageChargeOutcome> outcomes(charges.size());
    LockedAccount account = lock(accountId); // books due expiries first, as every ledger write does
    BudgetGuard* budgets = budgetsOf(account);
    const qint64 carryBefore = readCarry(m_db, accountId);
    qint64 carry = carryBefore;

    // What may be spent now: the grants a draw may use (not future-dated; lock() read them in the
    // draw-down order), less what holds keep back.
    struct Grant
    {
        qint64 id;
        qint64 remaining;
    };
    std::vector<Grant> grants;
    qint64 spendable = 0;
    for (const auto& [grantId, remaining] : account.drawable) {
        grants.push_back(Grant{grantId, remaining});
        spendable += remaining;
    }
    qint64 available = std::max<qint64>(0, std::min(account.balance - account.held, spendable));

    // Pass 1, in memory and in order: each event adds its micro-credits to the carry; the whole credits
    // that crosses are charged now, the rest stays in the carry for the next event.
    struct MemberDebit
    {
        Attribution attribution;
        qint64 credits = 0;
        std::vector<std::size_t> events;
    };
    std::map<std::pair<qint64, qint64>, MemberDebit> debits; // (member, department) → debit; 0 = none
    std::vector<std::size_t> holdEvents;
    qint64 overage = 0;
    for (std::size_t i = 0; i < charges.size(); ++i) {
        const UsageCharge& charge = charges[i];
        if (charge.reservationId) {
            holdEvents.push_back(i);
            continue;
        }
        const qint64 total = carry + charge.microCredits;
        qint64 whole = total / kMicro;
        // A budget refuses an event as the balance does (before it, like deduct): that event only,
        // with nothing charged and the carry left where it was; the batch's other events go on.
        if (budgets) {
            if (auto refusal = budgets->refusal(charge.attribution, whole)) {
                outcomes[i].error = std::move(refusal);
                continue;
            }
        }
        if (whole > available) {
            if (!charge.overageAllowed) {
                outcomes[i].error = insufficientForUsage(whole, available);
                continue;
            }
            // Overage: what is available is drawn as usual (the balance never goes below zero), the
            // rest is recorded for invoicing. The carry moves on as if all of it had been charged.
            outcomes[i].overageCredits = whole - available;
            overage += whole - available;
            whole = available;
        }
        if (budgets) // overage is spending too: the whole cost counts
            budgets->spend(m_db, charge.attribution, whole + outcomes[i].overageCredits);
        available -= whole;
        carry = total % kMicro;
        outcomes[i].credits = whole;
        if (whole == 0)
            continue;
        MemberDebit& debit =
            debits[{charge.attribution.memberId.value_or(0), charge.attribution.departmentId.value_or(0)}];
        if (debit.events.empty())
            debit.attribution = charge.attribution;
        debit.credits += whole;
        debit.events.push_back(i);
    }

    // Overage is spending too: it counts toward the period's allowance use.
    if (overage > 0) {
        account.periodSpent += overage;
        m_db.buffer<DebitBuffer>().keepCounters(m_db, account);
    }

    // Pass 2: one debit per member, drawn from the grants in the fixed order.
    std::size_t nextGrant = 0;
    for (auto& [key, debit] : debits) {
        std::vector<std::pair<qint64, qint64>> draws; // grant id, credits taken
        qint64 left = debit.credits;
        while (left > 0 && nextGrant < grants.size()) {
            Grant& grant = grants[nextGrant];
            const qint64 take = std::min(left, grant.remaining);
            draws.emplace_back(grant.id, take);
            grant.remaining -= take;
            left -= take;
            if (grant.remaining == 0)
                ++nextGrant;
        }
        if (left > 0) // cannot happen: pass 1 never let the total exceed what the grants hold
            throw ApiError(QStringLiteral("internal_error"),
                           QStringLiteral("Usage charge exceeded the grants"));
        TransactionRecord draft;
        draft.kind = QStringLiteral("deduction");
        draft.amount = -debit.credits;
        draft.attribution = debit.attribution;
        draft.reference = reference;
        draft.note = debit.events.size() == 1 ? QStringLiteral("usage: 1 event")
                                              : QStringLiteral("usage: %1 events").arg(debit.events.size());
        const TransactionRecord booked = appendDebit(account, std::move(draft), draws);
        for (const std::size_t i : debit.events)
            outcomes[i].transactionId = booked.id;
    }

    if (budgets)
        budgets->recordCrossings(m_db, m_now);
    if (!debits.empty() || overage > 0) // only a charge may fire or re-evaluate rules
        checkAlerts(account, std::max<qint64>(0, account.balance - account.held));

    // Pass 3: events that name a hold settle it, one by one, each in its own savepoint so a refused
    // settlement (402, closed or foreign hold) leaves nothing behind and does not touch its neighbours.
    for (const std::size_t i : holdEvents) {
        const UsageCharge& charge = charges[i];
        const qint64 total = carry + charge.microCredits;
        const qint64 whole = total / kMicro;
        m_db.savepoint();
        try {
            const auto hold = reservation(*charge.reservationId);
            if (!hold || hold->accountId != accountId)
                throw ApiError(
                    QStringLiteral("reservation_mismatch"),
                    QStringLiteral("'reservation_id' is not a hold on the account this event is charged to"),
                    QJsonObject{{QStringLiteral("field"), QStringLiteral("reservation_id")}});
            qint64 covered = whole;
            std::optional<TransactionRecord> booked;
            try {
                if (whole > 0)
                    booked = settle(*charge.reservationId, whole, charge.attribution, std::nullopt);
            } catch (const ApiError& error) {
                // With overage allowed, a cost beyond the hold and the balance settles at what settle()
                // found available (its 402 says how much) and the shortfall is overage.
                if (!charge.overageAllowed || error.status() != 402)
                    throw;
                m_db.rollbackToSavepoint();
                covered = error.details().value(QStringLiteral("available")).toInteger();
                if (covered > 0)
                    booked = settle(*charge.reservationId, covered, charge.attribution, std::nullopt);
            }
            if (covered == 0)
                release(*charge.reservationId);
            if (whole > covered && account.budgetCount > 0) { // settle() counted what it charged
                BudgetGuard overageBudgets = BudgetGuard::load(m_db, accountId);
                overageBudgets.spend(m_db, charge.attribution, whole - covered);
                overageBudgets.recordCrossings(m_db, m_now);
            }
            m_db.releaseSavepoint();
            outcomes[i].credits = covered;
            outcomes[i].overageCredits = whole - covered;
            outcomes[i].transactionId = booked ? std::optional(booked->id) : std::nullopt;
            overage += whole - covered;
            carry = total % kMicro;
        } catch (const ApiError& error) {
            m_db.rollbackToSavepoint();
            m_db.releaseSavepoint();
            outcomes[i].error = error;
        }
    }
    if (carry != carryBefore)
        writeCarry(m_db, accountId, carry);
    if (overage > 0)
        addOverage(m_db, accountId, overage);
    return outcomes;
}

} // namespace creditdesk::server
