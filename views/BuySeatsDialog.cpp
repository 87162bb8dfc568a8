#include "views/BuySeatsDialog.h"

#include "api/BillingClient.h"
#include "api/OrganizationClient.h"
#include "domain/Billing.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace creditdesk {

BuySeatsDialog::BuySeatsDialog(OrganizationClient* client, qint64 organizationId, const SeatSummary& seats,
                               const QDateTime& periodStart, const QDateTime& periodEnd, const QDateTime& now,
                               QWidget* parent)
    : QDialog(parent), m_client(client), m_organizationId(organizationId), m_seats(seats),
      m_periodStart(periodStart), m_periodEnd(periodEnd), m_now(now)
{
    setObjectName(QStringLiteral("buySeatsDialog"));
    setWindowTitle(tr("Seats"));
    auto* layout = new QVBoxLayout(this);
    auto* summary =
        new QLabel(tr("Your plan includes %1 seats; %2 are bought on top. %3 are in use (members "
                      "and pending invitations).")
                       .arg(QLocale().toString(seats.included), QLocale().toString(seats.purchased),
                            QLocale().toString(seats.inUse())),
                   this);
    summary->setWordWrap(true);
    layout->addWidget(summary);
    auto* form = new QFormLayout;
    m_purchased = new QSpinBox(this);
    m_purchased->setObjectName(QStringLiteral("purchasedSeats"));
    m_purchased->setAccessibleName(tr("Bought seats"));
    m_purchased->setRange(0, 100000);
    m_purchased->setValue(static_cast<int>(seats.purchased));
    form->addRow(tr("&Bought seats:"), m_purchased);
    layout->addLayout(form);
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("seatPreview"));
    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::PlainText);
    m_preview->setMinimumHeight(fontMetrics().height() * 3);
    layout->addWidget(m_preview);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("seatMessage"));
    m_message->setWordWrap(true);
    layout->addWidget(m_message);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirm = m_buttons->addButton(tr("&Confirm"), QDialogButtonBox::AcceptRole);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_confirm, &QPushButton::clicked, this, &BuySeatsDialog::confirm);
    connect(m_purchased, &QSpinBox::valueChanged, this, [this] {
        m_idempotencyKey.clear(); // another change is another request
        updatePreview();
    });
    updatePreview();
}

void BuySeatsDialog::setPurchased(qint64 purchased)
{
    m_purchased->setValue(static_cast<int>(purchased));
}

qint64 BuySeatsDialog::purchased() const
{
    return m_purchased->value();
}

std::optional<qint64> BuySeatsDialog::estimatedChargeMinor() const
{
    return estimateSeatCharge(m_seats.seatPriceMinor, purchased() - m_seats.purchased, m_periodStart,
                              m_periodEnd, m_now);
}

QString BuySeatsDialog::preview() const
{
    return m_preview->text();
}

void BuySeatsDialog::updatePreview()
{
    const qint64 change = purchased() - m_seats.purchased;
    const qint64 total = m_seats.included + purchased();
    QString text;
    if (change == 0) {
        text = tr("No change.");
    } else if (change > 0) {
        const std::optional<qint64> charge = estimatedChargeMinor();
        text = tr("%n more seat(s) from now on, %1 in total.", nullptr, static_cast<int>(change))
                   .arg(QLocale().toString(total));
        text += QLatin1Char('\n');
        if (charge) {
            const qint64 days = (m_now.secsTo(m_periodEnd) + 86399) / 86400;
            text +=
                tr("Estimated charge now: %1 (%2 a seat, prorated for the %n day(s) left of this period). "
                   "The server computes the exact amount.",
                   nullptr, static_cast<int>(days))
                    .arg(formatMinorUnits(*charge, m_seats.currency),
                         formatMinorUnits(m_seats.seatPriceMinor, m_seats.currency));
        } else {
            text += tr("Charged now for the rest of the period at %1 a seat.")
                        .arg(formatMinorUnits(m_seats.seatPriceMinor, m_seats.currency));
        }
    } else if (total < m_seats.inUse()) {
        text = tr("%1 seats are in use: remove members or revoke invitations first.")
                   .arg(QLocale().toString(m_seats.inUse()));
    } else {
        text = tr("%n fewer seat(s) from the end of this period (%1), %2 in total. Nothing is refunded.",
                  nullptr, static_cast<int>(-change))
                   .arg(m_periodEnd.isValid()
                            ? QLocale().toString(m_periodEnd.toLocalTime().date(), QLocale::ShortFormat)
                            : tr("the period's end"),
                        QLocale().toString(total));
    }
    m_preview->setText(text);
    m_confirm->setEnabled(!m_busy && change != 0 && total >= m_seats.inUse());
}

void BuySeatsDialog::confirm()
{
    if (m_busy || !m_confirm->isEnabled())
        return;
    m_busy = true;
    m_confirm->setEnabled(false);
    if (m_idempotencyKey.isEmpty())
        m_idempotencyKey = BillingClient::newIdempotencyKey();
    m_client->setPurchasedSeats(m_organizationId, purchased(), m_idempotencyKey, this,
                                [this](const SeatSummary& seats, const ApiError& error) {
                                    m_busy = false;
                                    if (error.isError()) {
                                        m_message->setText(error.userMessage());
                                        updatePreview();
                                        Q_EMIT failed(error.userMessage());
                                        return;
                                    }
                                    Q_EMIT changed(seats);
                                    accept();
                                });
}

} // namespace creditdesk
