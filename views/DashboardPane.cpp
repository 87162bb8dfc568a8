#include "views/DashboardPane.h"

#include "api/UsageClient.h"
#include "api/UsageParsers.h"
#include "cache/AsyncCacheReader.h"
#include "cache/SnapshotCache.h"
#include "domain/Clock.h"
#include "domain/Credits.h"
#include "models/GrantsModel.h"
#include "models/TransactionListModel.h"
#include "views/ActiveAlertsBanner.h"
#include "views/ChartPanel.h"
#include "views/ForecastPanel.h"

#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QTableView>
#include <QVBoxLayout>

#include <limits>

namespace creditdesk {

namespace {

QTableView* makeTable(QAbstractItemModel* model, const QString& accessibleName, QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setModel(model);
    view->setAccessibleName(accessibleName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->setMinimumHeight(150);
    return view;
}

QString runOutDate(const std::optional<QDateTime>& at, const QLocale& locale)
{
    return at ? locale.toString(at->toLocalTime().date(), QLocale::LongFormat)
              : DashboardPane::tr("Not at the current rate");
}

QFont scaled(QFont font, qreal factor, bool bold)
{
    font.setPointSizeF(font.pointSizeF() * factor);
    font.setBold(bold);
    return font;
}

} // namespace

DashboardPane::DashboardPane(const PaneContext& context, QWidget* parent)
    : Pane(parent), m_context(context), m_grants(new GrantsModel(this)),
      m_recent(new TransactionListModel(this))
{
    setObjectName(QStringLiteral("dashboardPane"));
    setAccessibleName(tr("Dashboard"));
    QWidget* content = scrollingContent();
    auto* layout = new QVBoxLayout(content);
    // Active alerts first (issue 14): the banner reads them from the cache itself.
    m_alerts = new ActiveAlertsBanner(m_context.reader, content);
    layout->addWidget(m_alerts);

    m_empty = new QLabel(tr("No data yet: the first sync has not finished."), content);
    m_empty->setWordWrap(true);
    layout->addWidget(m_empty);

    auto* figures = new QGroupBox(tr("Balance"), content);
    auto* grid = new QGridLayout(figures);
    m_balance = addFigure(grid, 0, tr("Balance"), &m_balanceValue);
    m_reserved = addFigure(grid, 1, tr("Reserved for running requests"), &m_reservedValue);
    m_available = addFigure(grid, 2, tr("Available"), &m_availableValue);
    layout->addWidget(figures);

    auto* usage = new QGroupBox(tr("This period"), content);
    auto* usageLayout = new QGridLayout(usage);
    m_usageBar = new QProgressBar(usage);
    m_usageBar->setRange(0, 10000);
    m_usageBar->setTextVisible(false);
    m_usageBar->setAccessibleName(tr("Share of this period's credits used"));
    m_usageText = new QLabel(usage);
    m_usageText->setWordWrap(true);
    m_usageLevel = new QLabel(usage);
    m_usageLevel->setWordWrap(true);
    m_usageLevel->setAccessibleName(tr("Usage alert"));
    m_burn = new QLabel(usage);
    m_runOut = new QLabel(usage);
    m_runOut->setWordWrap(true);
    usageLayout->addWidget(m_usageText, 0, 0, 1, 2);
    usageLayout->addWidget(m_usageBar, 1, 0, 1, 2);
    usageLayout->addWidget(m_usageLevel, 2, 0, 1, 2);
    m_metered = new QLabel(usage);
    m_metered->setWordWrap(true);
    m_metered->setAccessibleName(tr("Metered usage this period"));
    usageLayout->addWidget(new QLabel(tr("Metered:"), usage), 5, 0);
    usageLayout->addWidget(m_metered, 5, 1);
    usageLayout->addWidget(new QLabel(tr("Burn rate:"), usage), 3, 0);
    usageLayout->addWidget(m_burn, 3, 1);
    usageLayout->addWidget(new QLabel(tr("Credits run out:"), usage), 4, 0);
    usageLayout->addWidget(m_runOut, 4, 1);
    usageLayout->setColumnStretch(1, 1);
    layout->addWidget(usage);

    // The server's forecast: run-out with expiring credits, the projection, a member's own limit.
    m_forecastPanel = new ForecastPanel(content);
    layout->addWidget(m_forecastPanel);

    m_chart = new ChartPanel(content);
    layout->addWidget(m_chart);

    auto* grants = new QGroupBox(tr("Grants (spent in this order)"), content);
    auto* grantsLayout = new QVBoxLayout(grants);
    m_grantsView = makeTable(m_grants, tr("Grants"), grants);
    m_grantsView->setMaximumHeight(180);
    grantsLayout->addWidget(m_grantsView);
    layout->addWidget(grants);

    auto* recent = new QGroupBox(tr("Recent transactions"), content);
    auto* recentLayout = new QVBoxLayout(recent);
    m_recentView = makeTable(m_recent, tr("Recent transactions"), recent);
    recentLayout->addWidget(m_recentView);
    layout->addWidget(recent);
    layout->addStretch(1);

    // Many pages arriving in a burst (a big catch-up) become one read.
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, [this] {
        if (m_organization.id != 0 && m_context.reader) {
            m_context.reader->requestDashboard(m_organization.id, m_context.clock->now().date(), 12);
            m_context.reader->requestNames(m_organization.id);
            loadForecast();
        }
    });
    connect(m_context.reader, &AsyncCacheReader::dashboardReady, this,
            [this](const DashboardSnapshot& snapshot) {
                if (snapshot.organizationId == m_organization.id)
                    show(snapshot);
            });
    connect(m_context.reader, &AsyncCacheReader::namesReady, this,
            [this](qint64 organizationId, const QHash<qint64, QString>& members,
                   const QHash<qint64, QString>& departments) {
                if (organizationId == m_organization.id)
                    m_recent->setNames(NameLookup{members, departments});
            });
}

QLabel* DashboardPane::addFigure(QGridLayout* grid, int column, const QString& title, QLabel** detail)
{
    auto* caption = new QLabel(title);
    auto* value = new QLabel(QStringLiteral("–"));
    value->setFont(scaled(font(), 1.8, true));
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setAccessibleName(title);
    *detail = new QLabel;
    (*detail)->setAccessibleName(tr("%1 in dollars").arg(title));
    grid->addWidget(caption, 0, column);
    grid->addWidget(value, 1, column);
    grid->addWidget(*detail, 2, column);
    grid->setColumnStretch(column, 1);
    return value;
}

bool DashboardPane::showsOwnUsage() const
{
    return !m_organization.can(QStringLiteral("credits:read"));
}

QString DashboardPane::usageText() const
{
    return m_usageText->text();
}

QString DashboardPane::runOutText() const
{
    return m_runOut->text();
}

QString DashboardPane::burnText() const
{
    return m_burn->text();
}

void DashboardPane::setOrganization(const Organization& organization)
{
    m_organization = organization;
    m_snapshot = {};
    // The last forecast kept for this organization, until the server answers.
    m_forecast.reset();
    if (m_context.snapshots && organization.id != 0) {
        const std::optional<CachedDocument> cached =
            m_context.snapshots->load(organization.id, QString::fromLatin1(UsageClient::kForecastSnapshot));
        UsageForecastReport forecast;
        if (cached && json::parseUsageForecast(cached->document, &forecast))
            m_forecast = forecast;
    }
    m_forecastPanel->setForecast(m_forecast);
    refresh();
    m_debounce.start(0);
}

void DashboardPane::refresh()
{
    m_alerts->setOrganization(m_organization.id);
    if (!m_debounce.isActive())
        m_debounce.start();
}

void DashboardPane::loadForecast()
{
    if (!m_context.usage || m_organization.id == 0)
        return;
    const int generation = ++m_forecastGeneration;
    // Members ask for themselves (the server allows nothing else); managers get their department.
    const bool member = !m_organization.can(QStringLiteral("credits:read")) &&
                        !m_organization.can(QStringLiteral("credits:read_department"));
    m_context.usage->forecast(
        m_organization.id, member ? std::optional<qint64>(m_organization.userId) : std::nullopt, this,
        [this, generation](const UsageForecastReport& forecast, const ApiError& error) {
            if (generation != m_forecastGeneration)
                return;
            if (!error.isError())
                m_forecast = forecast;
            else if (!error.isOffline()) // a server without forecasts: the local figures alone
                m_forecast.reset();
            m_forecastPanel->setForecast(m_forecast);
            if (m_snapshot.balance)
                showUsage();
            Q_EMIT forecastUpdated();
        });
}

void DashboardPane::showUsage()
{
    const QLocale locale;
    const QDate today = m_context.clock->now().date();
    const Balance balance = m_snapshot.balance.value_or(Balance{});
    m_usage = summarizeUsage(m_snapshot.days, m_snapshot.balanceAtPeriodStart, balance.available, today);
    // Online, the period is the subscription's billing period and the allowance its plan's, as the server's
    // alert rules measure them; the local summary (calendar month against the balance) is the offline view.
    if (m_forecast && m_forecast->allowance > 0 && m_forecast->periodStart && m_forecast->periodEnd) {
        m_usage.used = m_forecast->periodUsage;
        m_usage.allowance = m_forecast->allowance;
        m_usage.periodStart = m_forecast->periodStart->toUTC().date();
        m_usage.periodEnd = m_forecast->periodEnd->toUTC().addMSecs(-1).date();
        m_usage.basisPoints =
            static_cast<int>(std::min<qint64>(m_usage.used * 10000 / m_usage.allowance, 1'000'000));
        m_usage.level = usageLevel(m_usage.used, m_usage.allowance);
    }
    if (showsOwnUsage()) {
        showOwnUsage(locale, today, balance.available);
        return;
    }
    m_usageBar->show();
    m_usageBar->setValue(std::min(m_usage.basisPoints, 10000));
    const QString percent = locale.toString(m_usage.basisPoints / 100.0, 'f', 1);
    m_usageText->setText(tr("%1 of %2 credits used from %3 to %4 (%5%)")
                             .arg(Credits(m_usage.used).format(locale),
                                  Credits(m_usage.allowance).format(locale),
                                  locale.toString(m_usage.periodStart, QLocale::ShortFormat),
                                  locale.toString(m_usage.periodEnd, QLocale::ShortFormat), percent));
    // Semantic colours that read on light and dark palettes alike.
    QString levelText;
    QString color;
    switch (m_usage.level) {
    case UsageLevel::Normal:
        levelText = tr("Usage is below the %1% warning threshold.").arg(UsageSummary::kWarningPercent);
        break;
    case UsageLevel::Warning:
        levelText = tr("Warning: %1% of this period's credits are used (threshold %2%).")
                        .arg(percent)
                        .arg(UsageSummary::kWarningPercent);
        color = QStringLiteral("#d98e04");
        break;
    case UsageLevel::Critical:
        levelText = tr("Critical: %1% of this period's credits are used (threshold %2%). Add credits or "
                       "reduce usage.")
                        .arg(percent)
                        .arg(UsageSummary::kCriticalPercent);
        color = QStringLiteral("#e0443e");
        break;
    }
    m_usageLevel->setText(levelText);
    m_usageLevel->setStyleSheet(
        color.isEmpty() ? QString() : QStringLiteral("QLabel { color: %1; font-weight: bold; }").arg(color));
    m_usageBar->setStyleSheet(
        color.isEmpty() ? QString() : QStringLiteral("QProgressBar::chunk { background: %1; }").arg(color));
    if (m_usage.burnPerDay > 0) {
        m_burn->setText(tr("%1 credits per day (%2), average of the last %Ln day(s)", nullptr,
                           UsageSummary::kBurnWindowDays)
                            .arg(Credits(m_usage.burnPerDay).format(locale),
                                 Credits(m_usage.burnPerDay).formatDollars(locale)));
        m_burn->setToolTip(Credits(m_usage.burnPerDay).describeExact(locale));
        m_runOut->setText(m_usage.runOutDate ? locale.toString(*m_usage.runOutDate, QLocale::LongFormat)
                                             : QString());
    } else {
        m_burn->setText(tr("No usage in the last %Ln day(s)", nullptr, UsageSummary::kBurnWindowDays));
        m_burn->setToolTip(QString());
        m_runOut->setText(tr("Not at the current rate"));
    }
    // The server's run-out date counts expiring grants (credits that expire first do not last longer).
    if (m_forecast)
        m_runOut->setText(runOutDate(m_forecast->runOutAt, locale));
}

void DashboardPane::showOwnUsage(const QLocale& locale, QDate today, qint64 poolAvailable)
{
    // The cache holds only this member's (or this manager's department's) movements: dividing them into
    // the organization's balance would promise the whole pool to one member. Their use against their own
    // limit, from the server's forecast; the pool apart.
    const bool department = m_organization.can(QStringLiteral("credits:read_department"));
    const qint64 used = m_forecast ? m_forecast->periodUsage : m_usage.used;
    // The server counts from the start of the billing period (a plan switch starts a new one).
    const QDate periodStart =
        m_forecast && m_forecast->periodStart ? m_forecast->periodStart->toUTC().date() : m_usage.periodStart;
    const QString from = locale.toString(periodStart, QLocale::ShortFormat);
    const QString to = locale.toString(today, QLocale::ShortFormat);
    QString text =
        department
            ? tr("Your department used %1 credits from %2 to %3.").arg(Credits(used).format(locale), from, to)
            : tr("You used %1 credits from %2 to %3.").arg(Credits(used).format(locale), from, to);
    QString levelText;
    QString color;
    if (m_forecast && m_forecast->limitRemaining) {
        const qint64 limit = used + *m_forecast->limitRemaining;
        const qint64 basisPoints = limit > 0 ? std::min<qint64>(used * 10000 / limit, 10000) : 10000;
        m_usageBar->show();
        m_usageBar->setValue(static_cast<int>(basisPoints));
        text +=
            QLatin1Char(' ') +
            tr("%1 credits of the limit are left.").arg(Credits(*m_forecast->limitRemaining).format(locale));
        // One decimal from the integers (basis points, rounded down to tenths).
        const QString percent = locale.toString(basisPoints / 100) + locale.decimalPoint() +
                                QString::number(basisPoints % 100 / 10);
        switch (usageLevel(used, limit)) {
        case UsageLevel::Normal:
            break;
        case UsageLevel::Warning:
            levelText = tr("Warning: %1% of the limit is used.").arg(percent);
            color = QStringLiteral("#d98e04");
            break;
        case UsageLevel::Critical:
            levelText = tr("Critical: %1% of the limit is used.").arg(percent);
            color = QStringLiteral("#e0443e");
            break;
        }
    } else {
        m_usageBar->hide();
        if (m_forecast)
            text += QLatin1Char(' ') + tr("No limit of your own applies.");
    }
    text +=
        QLatin1Char(' ') +
        tr("The organization's pool has %1 credits available.").arg(Credits(poolAvailable).format(locale));
    m_usageText->setText(text);
    m_usageLevel->setText(levelText);
    m_usageLevel->setStyleSheet(
        color.isEmpty() ? QString() : QStringLiteral("QLabel { color: %1; font-weight: bold; }").arg(color));
    m_usageBar->setStyleSheet(
        color.isEmpty() ? QString() : QStringLiteral("QProgressBar::chunk { background: %1; }").arg(color));
    // The server's rate when it answered (the forecast panel's figure), else the cache's.
    const qint64 burn = m_forecast ? m_forecast->burnRate7d : m_usage.burnPerDay;
    if (burn > 0) {
        m_burn->setText(tr("%1 credits per day (%2), average of the last %Ln day(s)", nullptr,
                           UsageSummary::kBurnWindowDays)
                            .arg(Credits(burn).format(locale), Credits(burn).formatDollars(locale)));
    } else {
        m_burn->setText(tr("No usage in the last %Ln day(s)", nullptr, UsageSummary::kBurnWindowDays));
    }
    m_burn->setToolTip(burn > 0 ? Credits(burn).describeExact(locale) : QString());
    // Only the server knows the own limit and the pool together.
    m_runOut->setText(m_forecast ? runOutDate(m_forecast->runOutAt, locale)
                                 : tr("Known when the server answers"));
}

void DashboardPane::show(const DashboardSnapshot& snapshot)
{
    m_snapshot = snapshot;
    const QLocale locale;
    const QDate today = m_context.clock->now().date();
    m_empty->setVisible(!snapshot.balance);
    const Balance balance = snapshot.balance.value_or(Balance{});
    auto credits = [&](qint64 value) { return tr("%1 credits").arg(Credits(value).format(locale)); };
    // Dollars rounded to cents on the label, the exact value in its tooltip.
    auto showAmount = [&](QLabel* creditsLabel, QLabel* valueLabel, qint64 value) {
        creditsLabel->setText(credits(value));
        valueLabel->setText(Credits(value).formatDollars(locale));
        const QString exact = Credits(value).describeExact(locale);
        creditsLabel->setToolTip(exact);
        valueLabel->setToolTip(exact);
    };
    showAmount(m_balance, m_balanceValue, balance.balance);
    showAmount(m_reserved, m_reservedValue, balance.reserved);
    showAmount(m_available, m_availableValue, balance.available);

    showUsage();
    qint64 meteredCredits = 0;
    qint64 meteredEvents = 0;
    qint64 meteredTokens = 0;
    for (const MeteredDay& day : snapshot.metered) {
        if (day.day >= m_usage.periodStart && day.day <= today) {
            meteredCredits += day.credits;
            meteredEvents += day.events;
            meteredTokens += day.tokens;
        }
    }
    m_metered->setText(
        snapshot.metered.isEmpty()
            ? tr("No metered usage reported by the server")
            : tr("%Ln request(s), %1 tokens, %2 credits this period", nullptr,
                 static_cast<int>(std::min<qint64>(meteredEvents, std::numeric_limits<int>::max())))
                  .arg(locale.toString(meteredTokens), Credits(meteredCredits).format(locale)));
    m_grants->setNow(m_context.clock->now());
    m_grants->setGrants(balance.grants);
    m_recent->setTransactions(snapshot.recent);
    m_chart->setDailyUsage(snapshot.days, today.addDays(-29), today);
    Q_EMIT updated();
}

} // namespace creditdesk
