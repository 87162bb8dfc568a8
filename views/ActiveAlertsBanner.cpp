#include "views/ActiveAlertsBanner.h"

#include "cache/AsyncCacheReader.h"
#include "models/AlertText.h"
#include "views/AlertFeed.h"

#include <QHBoxLayout>
#include <QLabel>

namespace creditdesk {

namespace {

// The newest this many messages are listed; the count says how many there are in all.
constexpr int kShown = 3;

} // namespace

ActiveAlertsBanner::ActiveAlertsBanner(AsyncCacheReader* reader, QWidget* parent)
    : QFrame(parent), m_reader(reader), m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("activeAlertsBanner"));
    setAccessibleName(tr("Active alerts"));
    setFrameShape(QFrame::StyledPanel);
    // The palette's highlight as a border: visible in light and dark themes alike.
    setStyleSheet(QStringLiteral("#activeAlertsBanner { border: 2px solid palette(highlight); }"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setAccessibleName(tr("Active alerts"));
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    m_query.equals.insert(QStringLiteral("acknowledged_at"), QVariant(QMetaType(QMetaType::LongLong)));
    m_query.limit = 100;
    connect(m_reader, &AsyncCacheReader::collectionReady, this, &ActiveAlertsBanner::apply);
    hide();
}

void ActiveAlertsBanner::setOrganization(qint64 organizationId)
{
    if (organizationId != m_query.organizationId) {
        m_messages.clear();
        hide();
    }
    m_query.organizationId = organizationId;
    refresh();
}

void ActiveAlertsBanner::refresh()
{
    if (m_query.organizationId != 0)
        m_reader->requestCollection(AlertFeed::collection(), m_query);
}

void ActiveAlertsBanner::apply(const CollectionRows& rows)
{
    // Only the answers to this banner's own query (the Alerts pane reads the same collection).
    if (rows.collectionId != AlertFeed::collection().id || rows.query != m_query)
        return;
    const SyncedCollection& collection = AlertFeed::collection();
    m_messages.clear();
    QStringList lines;
    bool critical = false;
    for (const QVariantList& values : rows.rows) {
        const AlertFeed::Alert alert =
            AlertFeed::alertFromRow(CollectionTableModel::Row(&collection, &values));
        m_messages.append(alert.message);
        critical = critical || alert.level == QLatin1String("critical");
        if (lines.size() < kShown)
            //: One active alert on the dashboard: "Critical: Allowance 96 % used" (%1 level, %2 message)
            lines.append(tr("%1: %2").arg(alerttext::levelLabel(alert.level), alert.message));
    }
    const int count = static_cast<int>(m_messages.size());
    if (count == 0) {
        hide();
    } else {
        QString text = tr("%n active alert(s)", nullptr, count);
        if (count > kShown)
            text += QLatin1Char(' ') + tr("(the newest %n shown; all on the Alerts pane)", nullptr, kShown);
        m_text->setText(text + QLatin1Char('\n') + lines.join(QLatin1Char('\n')));
        setProperty("critical", critical);
        show();
    }
    Q_EMIT updated();
}

} // namespace creditdesk
