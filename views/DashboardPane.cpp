#include "views/DashboardPane.h"

#include "cache/AsyncCacheReader.h"
#include "domain/Clock.h"
#include "domain/Credits.h"
#include "models/GrantsModel.h"
#include "models/TransactionListModel.h"
#include "views/ActiveAlertsBanner.h"
#include "views/ChartPanel.h"

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

void DashboardPane::setOrganization(const Organization& organization)
{
    m_organization = organization;
    m_snapshot = {};
    refresh();
    m_debounce.start(0);
}

void DashboardPane::refresh()
{
    m_alerts->setOrganization(m_organization.id);
    if (!m_debounce.isActive())
        m_debounce.start();
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

    m_usage = summarizeUsage(snapshot.days, snapshot.balanceAtPeriodStart, balance.available, today);
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
