#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QString>

#include <optional>

namespace creditdesk {

// id + name entries for pickers (members, departments, organizations), optionally led by an "All" entry
// whose id is null. Filters use IdRole, the raw id.
class NamedListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1
    };
    struct Entry
    {
        qint64 id = 0;
        QString name;
    };

    explicit NamedListModel(QString allLabel = {}, QObject* parent = nullptr);

    void setEntries(const QList<Entry>& entries);
    std::optional<qint64> idAt(int row) const;
    int rowOf(std::optional<qint64> id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    int offset() const { return m_allLabel.isEmpty() ? 0 : 1; }

    QString m_allLabel;
    QList<Entry> m_entries;
};

} // namespace creditdesk
