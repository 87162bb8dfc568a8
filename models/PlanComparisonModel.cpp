#include "models/PlanComparisonModel.h"

#include "domain/Credits.h"
#include "models/BillingText.h"

#include <QFont>
#include <QLocale>

#include <utility>

namespace creditdesk {

namespace {

const QString& yes()
{
    static const QString mark = QStringLiteral("✓");
    return mark;
}

const QString& no()
{
    static const QString mark = QStringLiteral("—");
    return mark;
}

QString creditsOrDash(qint64 credits)
{
    return credits == 0 ? no() : Credits(credits).format();
}

} // namespace

PlanComparisonModel::PlanComparisonModel(QObject* parent) : QAbstractTableModel(parent) {}

QStringList PlanComparisonModel::featuresOf(const PlanCatalog& catalog)
{
    QStringList features;
    for (const Plan& plan : catalog.plans) {
        for (const QString& feature : plan.features) {
            if (!features.contains(feature))
                features.append(feature);
        }
    }
    return features;
}

void PlanComparisonModel::setCatalog(const PlanCatalog& catalog)
{
    const QStringList features = featuresOf(catalog);
    bool sameShape = features == m_features && catalog.plans.size() == m_catalog.plans.size();
    for (qsizetype i = 0; sameShape && i < catalog.plans.size(); ++i)
        sameShape = catalog.plans.at(i).id == m_catalog.plans.at(i).id;
    if (!sameShape) {
        beginResetModel();
        m_catalog = catalog;
        m_features = features;
        endResetModel();
        return;
    }
    // The same plans again (a refresh): tell the views about the columns whose terms changed.
    for (qsizetype i = 0; i < catalog.plans.size(); ++i) {
        const Plan before = std::exchange(m_catalog.plans[i], catalog.plans.at(i));
        const Plan& after = m_catalog.plans.at(i);
        const int column = static_cast<int>(i);
        if (rawColumn(before) != rawColumn(after) || before.currency != after.currency)
            Q_EMIT dataChanged(index(0, column), index(rowCount() - 1, column));
        if (before.name != after.name)
            Q_EMIT headerDataChanged(Qt::Horizontal, column, column);
    }
    m_catalog.verificationDiscounts = catalog.verificationDiscounts;
}

void PlanComparisonModel::setCurrentPlan(const QString& planId)
{
    if (planId == m_current)
        return;
    const int before = columnOf(m_current);
    m_current = planId;
    for (const int column : {before, columnOf(m_current)}) {
        if (column < 0)
            continue;
        Q_EMIT dataChanged(index(0, column), index(rowCount() - 1, column));
        Q_EMIT headerDataChanged(Qt::Horizontal, column, column);
    }
}

int PlanComparisonModel::rowOfFeature(const QString& key) const
{
    const qsizetype position = m_features.indexOf(key);
    return position < 0 ? -1 : static_cast<int>(Attribute::Count) + static_cast<int>(position);
}

std::optional<PlanComparisonModel::Attribute> PlanComparisonModel::attributeAt(int row) const
{
    if (row < 0 || row >= static_cast<int>(Attribute::Count))
        return std::nullopt;
    return static_cast<Attribute>(row);
}

int PlanComparisonModel::columnOf(const QString& planId) const
{
    for (qsizetype i = 0; i < m_catalog.plans.size(); ++i) {
        if (m_catalog.plans.at(i).id == planId)
            return static_cast<int>(i);
    }
    return -1;
}

QString PlanComparisonModel::planAt(int column) const
{
    return column >= 0 && column < m_catalog.plans.size() ? m_catalog.plans.at(column).id : QString();
}

int PlanComparisonModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || m_catalog.plans.isEmpty())
        return 0;
    return static_cast<int>(Attribute::Count) + static_cast<int>(m_features.size());
}

int PlanComparisonModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_catalog.plans.size());
}

QString PlanComparisonModel::attributeLabel(Attribute attribute)
{
    switch (attribute) {
    case Attribute::Price:
        return tr("Price");
    case Attribute::MonthlyCredits:
        return tr("Credits per month");
    case Attribute::CreditsValue:
        return tr("Worth");
    case Attribute::Markup:
        return tr("Markup on usage");
    case Attribute::Models:
        return tr("Models");
    case Attribute::Byok:
        return tr("Own provider keys (BYOK)");
    case Attribute::IncludedSeats:
        return tr("Seats included");
    case Attribute::ExtraSeat:
        return tr("Extra seat");
    case Attribute::ConcurrentTasks:
        return tr("Concurrent tasks");
    case Attribute::SignupCredits:
        return tr("Sign-up credits");
    case Attribute::DailyRefresh:
        return tr("Daily refresh");
    case Attribute::FirstMonthBonus:
        return tr("First-month bonus");
    case Attribute::Rollover:
        return tr("Unused credits roll over");
    case Attribute::Trial:
        return tr("Free trial");
    case Attribute::Count:
        break;
    }
    return {};
}

QVariant PlanComparisonModel::display(const Plan& plan, Attribute attribute) const
{
    const QLocale locale;
    switch (attribute) {
    case Attribute::Price:
        return BillingText::price(plan.priceMinor, plan.currency, plan.interval);
    case Attribute::MonthlyCredits:
        return creditsOrDash(plan.monthlyCredits());
    case Attribute::CreditsValue:
        return plan.monthlyCredits() == 0 ? no() : Credits(plan.monthlyCredits()).formatDollars(locale);
    case Attribute::Markup:
        return plan.markupBasisPoints() == 0 ? tr("None") : BillingText::percent(plan.markupBasisPoints());
    case Attribute::Models:
        return BillingText::modelsLabel(plan.models);
    case Attribute::Byok:
        return plan.offersByok() ? yes() : no();
    case Attribute::IncludedSeats:
        return locale.toString(plan.includedSeats);
    case Attribute::ExtraSeat:
        return plan.seatPriceMinor == 0
                   ? no()
                   : tr("%1 / seat").arg(formatMinorUnits(plan.seatPriceMinor, plan.currency));
    case Attribute::ConcurrentTasks:
        return locale.toString(plan.concurrentTasks);
    case Attribute::SignupCredits:
        return creditsOrDash(plan.signupCredits);
    case Attribute::DailyRefresh:
        return plan.dailyRefreshCredits == 0 ? no()
                                             : tr("%1 / day").arg(Credits(plan.dailyRefreshCredits).format());
    case Attribute::FirstMonthBonus:
        return creditsOrDash(plan.firstMonthBonusCredits);
    case Attribute::Rollover:
        return plan.rolloverMaxPercent == 0
                   ? no()
                   : tr("Up to %1").arg(BillingText::percent(plan.rolloverMaxPercent * 100));
    case Attribute::Trial:
        return plan.trialDays == 0 ? no()
                                   : tr("%n day(s), %1 credits", nullptr, static_cast<int>(plan.trialDays))
                                         .arg(Credits(plan.trialCredits).format());
    case Attribute::Count:
        break;
    }
    return {};
}

QVariant PlanComparisonModel::raw(const Plan& plan, Attribute attribute) const
{
    switch (attribute) {
    case Attribute::Price:
        return plan.priceMinor;
    case Attribute::MonthlyCredits:
    case Attribute::CreditsValue:
        return plan.monthlyCredits();
    case Attribute::Markup:
        return plan.markupBasisPoints();
    case Attribute::Models:
        return plan.models;
    case Attribute::Byok:
        return plan.offersByok();
    case Attribute::IncludedSeats:
        return plan.includedSeats;
    case Attribute::ExtraSeat:
        return plan.seatPriceMinor;
    case Attribute::ConcurrentTasks:
        return plan.concurrentTasks;
    case Attribute::SignupCredits:
        return plan.signupCredits;
    case Attribute::DailyRefresh:
        return plan.dailyRefreshCredits;
    case Attribute::FirstMonthBonus:
        return plan.firstMonthBonusCredits;
    case Attribute::Rollover:
        return plan.rolloverMaxPercent;
    case Attribute::Trial:
        return plan.trialDays;
    case Attribute::Count:
        break;
    }
    return {};
}

QVariantList PlanComparisonModel::rawColumn(const Plan& plan) const
{
    QVariantList values;
    for (int row = 0; row < static_cast<int>(Attribute::Count); ++row)
        values.append(raw(plan, static_cast<Attribute>(row)));
    for (const QString& feature : m_features)
        values.append(plan.features.contains(feature));
    return values;
}

QVariant PlanComparisonModel::toolTip(const Plan& plan, Attribute attribute) const
{
    switch (attribute) {
    case Attribute::MonthlyCredits:
    case Attribute::CreditsValue:
        return plan.monthlyCredits() == 0 ? QVariant() : Credits(plan.monthlyCredits()).describeExact();
    case Attribute::SignupCredits:
        return plan.signupCredits == 0 ? QVariant() : Credits(plan.signupCredits).describeExact();
    case Attribute::DailyRefresh:
        return plan.dailyRefreshCredits == 0 ? QVariant() : Credits(plan.dailyRefreshCredits).describeExact();
    case Attribute::FirstMonthBonus:
        return plan.firstMonthBonusCredits == 0 ? QVariant()
                                                : Credits(plan.firstMonthBonusCredits).describeExact();
    case Attribute::Byok:
        return plan.offersByok() ? tr("Included") : tr("Not included");
    default:
        return {};
    }
}

QVariant PlanComparisonModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Plan& plan = m_catalog.plans.at(index.column());
    const bool current = !m_current.isEmpty() && plan.id == m_current;
    switch (role) {
    case CurrentPlanRole:
        return current;
    case PlanIdRole:
        return plan.id;
    case Qt::TextAlignmentRole:
        return QVariant(Qt::AlignCenter);
    case Qt::FontRole: {
        if (!current)
            return {};
        QFont font;
        font.setBold(true);
        return font;
    }
    default:
        break;
    }
    if (const std::optional<Attribute> attribute = attributeAt(index.row())) {
        switch (role) {
        case Qt::DisplayRole:
            return display(plan, *attribute);
        case Qt::AccessibleTextRole:
            if (*attribute == Attribute::Byok)
                return toolTip(plan, *attribute);
            return display(plan, *attribute);
        case RawRole:
            return raw(plan, *attribute);
        case Qt::ToolTipRole:
            return toolTip(plan, *attribute);
        default:
            return {};
        }
    }
    const QString& feature = m_features.at(index.row() - static_cast<int>(Attribute::Count));
    const bool included = plan.features.contains(feature);
    switch (role) {
    case Qt::DisplayRole:
        return included ? yes() : no();
    case Qt::AccessibleTextRole:
    case Qt::ToolTipRole:
        return included ? tr("Included") : tr("Not included");
    case RawRole:
        return included;
    default:
        return {};
    }
}

QVariant PlanComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= columnCount())
            return QAbstractTableModel::headerData(section, orientation, role);
        const Plan& plan = m_catalog.plans.at(section);
        const bool current = plan.id == m_current;
        if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole)
            return current ? tr("%1 (current)").arg(plan.name) : plan.name;
        if (role == Qt::FontRole && current) {
            QFont font;
            font.setBold(true);
            return font;
        }
        if (role == PlanIdRole)
            return plan.id;
        return {};
    }
    if (section < 0 || section >= rowCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    if (const std::optional<Attribute> attribute = attributeAt(section))
        return attributeLabel(*attribute);
    return BillingText::featureLabel(m_features.at(section - static_cast<int>(Attribute::Count)));
}

} // namespace creditdesk
