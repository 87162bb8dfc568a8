#pragma once

#include "views/Pane.h"

#include <optional>

class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTableView;

namespace creditdesk {

class ActivityTableModel;
class CsvExporter;
struct CollectionQuery;
struct CollectionRows;

// The organization's audit trail (owners, admins, finance: audit:read), from the cache the sync keeps
// (auditCollection()), so it works offline: who did what to which target, filtered by action, actor and
// date range, exported as CSV with the exact values. Reads only through the AsyncCacheReader.
class ActivityPane : public Pane
{
    Q_OBJECT

public:
    enum class DateRange
    {
        Any,
        Today,
        Last7Days,
        Last30Days,
        Custom
    };

    ActivityPane(AsyncCacheReader* reader, const Clock* clock, FileChooser chooseSaveFile,
                 QWidget* parent = nullptr);
    ~ActivityPane() override;

    void setOrganization(const Organization& organization) override;
    void refresh() override;
    bool canExport() const override { return true; }
    void exportData() override;
    void exportTo(const QString& fileName);

    // Filter controls, for tests and keyboard users alike. actor: "user:5", "token:3", "job:".
    void setActionFilter(const QString& action);
    void setActorFilter(const QString& actor);
    void setDateRange(DateRange range, QDate from = {}, QDate to = {});
    void clearFilters();
    QStringList actions() const;
    QStringList actors() const;

    ActivityTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    CollectionQuery currentQuery() const;

Q_SIGNALS:
    // The table shows the answer to the latest query.
    void updated();
    void exportFinished(bool ok, qint64 rows, const QString& fileName);

private:
    void apply(const CollectionRows& rows);
    void fillCombo(QComboBox* combo, const QList<std::pair<QString, QString>>& items);
    void updateCountLabel();

    AsyncCacheReader* m_reader;
    const Clock* m_clock;
    FileChooser m_chooseSaveFile;
    Organization m_organization;
    ActivityTableModel* m_model;
    CsvExporter* m_exporter;
    QString m_exportFile;
    QHash<qint64, QString> m_memberNames;
    int m_pending = 0;
    QComboBox* m_action;
    QComboBox* m_actor;
    QComboBox* m_range;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QPushButton* m_clear;
    QPushButton* m_export;
    QLabel* m_count;
    QTableView* m_table;
};

} // namespace creditdesk
