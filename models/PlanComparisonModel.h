#pragma once

#include "domain/Billing.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <optional>

namespace creditdesk {

// The plan catalog side by side (GET /tiers/compare): one column per plan in the catalog's order, one row
// per attribute (price, monthly credits and their dollar value, markup, models, BYOK, seats, concurrent
// tasks, …) and then one row per feature any plan has (✓ or —). The current plan's column is marked
// (CurrentPlanRole, bold, "(current)" in its header). Display text is locale-formatted; RawRole carries
// the exact integer, the boolean or the API key.
class PlanComparisonModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // The fixed rows, in order; the feature rows follow from row Count on.
    enum class Attribute
    {
        Price,
        MonthlyCredits,
        CreditsValue,
        Markup,
        Models,
        Byok,
        IncludedSeats,
        ExtraSeat,
        ConcurrentTasks,
        SignupCredits,
        DailyRefresh,
        FirstMonthBonus,
        Rollover,
        Trial,
        Count
    };
    enum Role
    {
        RawRole = Qt::UserRole + 1,
        CurrentPlanRole,
        PlanIdRole,
    };

    explicit PlanComparisonModel(QObject* parent = nullptr);

    void setCatalog(const PlanCatalog& catalog);
    const PlanCatalog& catalog() const { return m_catalog; }
    void setCurrentPlan(const QString& planId);
    QString currentPlan() const { return m_current; }

    // Feature keys in row order (first appearance across the plans).
    const QStringList& features() const { return m_features; }
    // Row of an attribute or a feature; the attribute or feature at a row.
    static int rowOf(Attribute attribute) { return static_cast<int>(attribute); }
    int rowOfFeature(const QString& key) const;
    std::optional<Attribute> attributeAt(int row) const;
    int columnOf(const QString& planId) const;
    QString planAt(int column) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString attributeLabel(Attribute attribute);

private:
    QVariant display(const Plan& plan, Attribute attribute) const;
    QVariant raw(const Plan& plan, Attribute attribute) const;
    QVariant toolTip(const Plan& plan, Attribute attribute) const;
    QVariantList rawColumn(const Plan& plan) const;
    static QStringList featuresOf(const PlanCatalog& catalog);

    PlanCatalog m_catalog;
    QStringList m_features;
    QString m_current;
};

} // namespace creditdesk
