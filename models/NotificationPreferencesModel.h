#pragma once

#include "domain/Alerts.h"

#include <QAbstractTableModel>
#include <QList>

namespace creditdesk {

// The signed-in user's notification preferences (GET /api/v1/me/notification-preferences): one row per
// kind of alert, in-app and e-mail as check boxes. Edits stay here until the pane saves them (PUT).
class NotificationPreferencesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column
    {
        Kind,
        InApp,
        Email,
        Count
    };

    explicit NotificationPreferencesModel(QObject* parent = nullptr);

    void setPreferences(const QList<NotificationPreference>& preferences);
    const QList<NotificationPreference>& preferences() const { return m_preferences; }
    // Edited since the last setPreferences().
    bool isModified() const { return m_preferences != m_saved; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void modifiedChanged(bool modified);

private:
    QList<NotificationPreference> m_preferences;
    QList<NotificationPreference> m_saved;
};

} // namespace creditdesk
