#pragma once

#include "domain/OrgAdmin.h"

#include <QDateTime>
#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace creditdesk {

class OrganizationClient;

// Changes the organization's purchased seats (PUT …/seats). Before confirming it says what the change
// does: an increase takes effect now with a prorated charge for the rest of the period (the server gives
// no preview, so the dialog estimates it from the seat price and the period and says it is an estimate);
// a decrease takes effect at the end of the period and never below the seats in use.
class BuySeatsDialog : public QDialog
{
    Q_OBJECT

public:
    BuySeatsDialog(OrganizationClient* client, qint64 organizationId, const SeatSummary& seats,
                   const QDateTime& periodStart, const QDateTime& periodEnd, const QDateTime& now,
                   QWidget* parent = nullptr);

    void setPurchased(qint64 purchased);
    qint64 purchased() const;
    // What the dialog says the change costs or does.
    QString preview() const;
    std::optional<qint64> estimatedChargeMinor() const;
    void confirm();

Q_SIGNALS:
    void changed(const creditdesk::SeatSummary& seats);
    void failed(const QString& message);

private:
    void updatePreview();

    OrganizationClient* m_client;
    qint64 m_organizationId;
    SeatSummary m_seats;
    QDateTime m_periodStart;
    QDateTime m_periodEnd;
    QDateTime m_now;
    QByteArray m_idempotencyKey;
    bool m_busy = false;
    QSpinBox* m_purchased;
    QLabel* m_preview;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
    QPushButton* m_confirm;
};

} // namespace creditdesk
