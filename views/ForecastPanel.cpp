#include "views/ForecastPanel.h"

#include "domain/Credits.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>

namespace creditdesk {

namespace {

QLabel* addRow(QFormLayout* form, const QString& caption, const QString& accessibleName)
{
    auto* label = new QLabel;
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAccessibleName(accessibleName);
    form->addRow(caption, label);
    return label;
}

QString day(const QDateTime& at)
{
    return QLocale().toString(at.toLocalTime().date(), QLocale::LongFormat);
}

} // namespace

ForecastPanel::ForecastPanel(QWidget* parent) : QGroupBox(tr("Forecast"), parent)
{
    setObjectName(QStringLiteral("forecastPanel"));
    auto* form = new QFormLayout(this);
    m_runOut = addRow(form, tr("Credits run out:"), tr("Run-out date"));
    m_burn = addRow(form, tr("Burn rate:"), tr("Forecast burn rate"));
    m_projection = addRow(form, tr("This period:"), tr("Period projection"));
    m_limit = addRow(form, tr("Limit and pool:"), tr("Own limit and pool"));
    m_expiring = addRow(form, tr("Expiring unused:"), tr("Expiring credits"));
    setForecast(std::nullopt);
}

void ForecastPanel::setForecast(const std::optional<UsageForecastReport>& forecast)
{
    m_forecast = forecast;
    const QLocale locale;
    auto credits = [&](qint64 value) { return tr("%1 credits").arg(Credits(value).format(locale)); };
    if (!forecast) {
        m_runOut->setText(tr("Not available: the server has not answered."));
        for (QLabel* label : {m_burn, m_projection, m_limit, m_expiring})
            label->clear();
        return;
    }
    m_runOut->setText(forecast->runOutAt ? day(*forecast->runOutAt) : tr("Not at the current rate"));
    m_burn->setText(tr("%1 a day over the last 7 days, %2 a day over the last 30 days")
                        .arg(credits(forecast->burnRate7d), credits(forecast->burnRate30d)));
    QString projection = tr("%1 used so far, %2 projected for the whole period")
                             .arg(credits(forecast->periodUsage), credits(forecast->projectedPeriodUsage));
    if (forecast->allowance > 0) {
        // Whole percent, rounded down, from integers.
        const qint64 percent = forecast->projectedPeriodUsage * 100 / forecast->allowance;
        projection += QLatin1Char(' ') + tr("against an allowance of %1 (%2%)")
                                             .arg(credits(forecast->allowance), locale.toString(percent));
    }
    m_projection->setText(projection);
    // A member's own limit is not the pool: both, apart.
    if (forecast->limitRemaining)
        m_limit->setText(tr("%1 left of your limit; the organization's pool has %2 available")
                             .arg(credits(*forecast->limitRemaining), credits(forecast->available)));
    else
        m_limit->setText(
            tr("No limit; the organization's pool has %1 available").arg(credits(forecast->available)));
    QStringList expiring;
    for (const ExpiringCredits& entry : forecast->expiringUnused)
        expiring.append(tr("%1 on %2").arg(credits(entry.credits), day(entry.expiresAt)));
    m_expiring->setText(expiring.isEmpty() ? tr("None at the current rate")
                                           : expiring.join(QLatin1Char('\n')));
}

QString ForecastPanel::runOutText() const
{
    return m_runOut->text();
}

QString ForecastPanel::expiringText() const
{
    return m_expiring->text();
}

QString ForecastPanel::projectionText() const
{
    return m_projection->text();
}

QString ForecastPanel::limitText() const
{
    return m_limit->text();
}

} // namespace creditdesk
