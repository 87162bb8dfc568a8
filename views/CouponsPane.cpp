#include "views/CouponsPane.h"

#include "api/BillingClient.h"
#include "models/CouponRedemptionsModel.h"
#include "models/CouponTableModel.h"
#include "views/CreateCouponDialog.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace creditdesk {

namespace {

QTableView* makeTable(QAbstractItemModel* model, const QString& name, QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setModel(model);
    view->setAccessibleName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setTabKeyNavigation(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

} // namespace

CouponsPane::CouponsPane(const PaneContext& context, QWidget* parent)
    : Pane(parent), m_context(context), m_model(new CouponTableModel(this)),
      m_redemptions(new CouponRedemptionsModel(this))
{
    setObjectName(QStringLiteral("couponsPane"));
    setAccessibleName(tr("Coupons"));
    auto* layout = new QVBoxLayout(this);

    auto* toolbar = new QHBoxLayout;
    m_new = new QPushButton(tr("New coupon…"), this);
    m_new->setObjectName(QStringLiteral("newCoupon"));
    m_deactivate = new QPushButton(tr("Deactivate…"), this);
    m_deactivate->setObjectName(QStringLiteral("deactivateCoupon"));
    m_reload = new QPushButton(tr("Reload"), this);
    m_count = new QLabel(this);
    m_count->setAccessibleName(tr("Number of coupons"));
    toolbar->addWidget(m_new);
    toolbar->addWidget(m_deactivate);
    toolbar->addWidget(m_reload);
    toolbar->addStretch(1);
    toolbar->addWidget(m_count);
    layout->addLayout(toolbar);

    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("couponsProblem"));
    m_problemLabel->setAccessibleName(tr("Problem"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->hide();
    layout->addWidget(m_problemLabel);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_table = makeTable(m_model, tr("Coupons"), splitter);
    m_table->setObjectName(QStringLiteral("couponTable"));
    m_table->setWordWrap(false);
    const int charWidth = fontMetrics().averageCharWidth();
    const int widths[] = {16, 52, 16, 18};
    for (int column = 0; column < 4; ++column)
        m_table->setColumnWidth(column, widths[column] * charWidth);
    m_redemptionsBox = new QGroupBox(tr("Redemptions"), splitter);
    auto* redemptionsLayout = new QVBoxLayout(m_redemptionsBox);
    m_redemptionsView = makeTable(m_redemptions, tr("Redemptions"), m_redemptionsBox);
    m_redemptionsView->setObjectName(QStringLiteral("redemptionTable"));
    m_redemptionsView->setWordWrap(false);
    m_redemptionsView->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_redemptionsView->setColumnWidth(1, 20 * charWidth);
    redemptionsLayout->addWidget(m_redemptionsView);
    splitter->addWidget(m_table);
    splitter->addWidget(m_redemptionsBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    connect(m_new, &QPushButton::clicked, this, &CouponsPane::openCreateDialog);
    connect(m_deactivate, &QPushButton::clicked, this, &CouponsPane::askToDeactivate);
    connect(m_reload, &QPushButton::clicked, this, &CouponsPane::load);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateButtons();
        loadRedemptions(selectedCode());
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &CouponsPane::updateButtons);
    updateButtons();
}

bool CouponsPane::visibleFor(const Organization& organization)
{
    return organization.id != 0 && organization.platformAdmin;
}

void CouponsPane::setOrganization(const Organization& organization)
{
    // The coupons are the platform's, not the organization's: read once, then on refresh.
    m_organization = organization;
    if (!m_loaded)
        load();
}

void CouponsPane::refresh()
{
    // A sync finished: coupons do not live in the cache, and reading them at every sync would be noise.
    if (!m_loaded)
        load();
}

QString CouponsPane::problem() const
{
    return m_problem;
}

void CouponsPane::load()
{
    if (!m_context.billing)
        return;
    m_loaded = true;
    const int generation = ++m_generation;
    if (m_catalog.plans.isEmpty()) {
        m_context.billing->plans(this, [this](const PlanCatalog& catalog, const ApiError& error) {
            if (error.isError())
                return;
            m_catalog = catalog;
            m_model->setCatalog(catalog);
            m_redemptions->setCatalog(catalog);
        });
    }
    m_context.billing->coupons(this, [this, generation](const QList<Coupon>& coupons, const ApiError& error) {
        if (generation != m_generation)
            return;
        const QString selected = selectedCode();
        if (error.isError()) {
            m_available = !BillingClient::isMissingRoute(error);
            m_problem = m_available ? error.userMessage()
                                    : tr("This server does not offer coupons yet: it has no coupon requests "
                                         "(%1).")
                                          .arg(QStringLiteral("/api/v1/coupons/list"));
        } else {
            m_available = true;
            m_problem.clear();
            m_model->setCoupons(coupons);
            if (!selected.isEmpty())
                select(selected);
        }
        m_problemLabel->setText(m_problem);
        m_problemLabel->setVisible(!m_problem.isEmpty());
        m_count->setText(m_available ? tr("%n coupon(s)", nullptr, m_model->rowCount()) : QString());
        updateButtons();
        Q_EMIT updated();
    });
}

void CouponsPane::loadRedemptions(const QString& code)
{
    const int generation = ++m_redemptionsGeneration;
    m_redemptionsBox->setTitle(code.isEmpty() ? tr("Redemptions") : tr("Redemptions of %1").arg(code));
    if (code.isEmpty() || !m_context.billing) {
        m_redemptions->setRedemptions({});
        return;
    }
    m_context.billing->redemptions(
        code, this,
        [this, generation, code](const QList<CouponRedemption>& redemptions, const ApiError& error) {
            if (generation != m_redemptionsGeneration)
                return;
            m_redemptions->setRedemptions(error.isError() ? QList<CouponRedemption>() : redemptions);
            if (error.isError())
                Q_EMIT statusMessage(error.userMessage());
            Q_EMIT redemptionsShown(code);
        });
}

QString CouponsPane::selectedCode() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const std::optional<Coupon> coupon = m_model->couponAt(current.isValid() ? current.row() : -1);
    return coupon ? coupon->code : QString();
}

bool CouponsPane::select(const QString& code)
{
    const int row = m_model->rowOf(code);
    if (row < 0)
        return false;
    m_table->selectRow(row);
    m_table->selectionModel()->setCurrentIndex(m_model->index(row, 0), QItemSelectionModel::ClearAndSelect |
                                                                           QItemSelectionModel::Rows);
    return true;
}

void CouponsPane::updateButtons()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const std::optional<Coupon> coupon = m_model->couponAt(current.isValid() ? current.row() : -1);
    m_new->setEnabled(m_available && m_context.billing);
    m_deactivate->setEnabled(m_available && coupon && coupon->active);
}

CreateCouponDialog* CouponsPane::openCreateDialog()
{
    if (!m_context.billing)
        return nullptr;
    auto* dialog = new CreateCouponDialog(m_context.billing, m_catalog, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateCouponDialog::created, this, [this](const Coupon& coupon) {
        Q_EMIT statusMessage(tr("Coupon %1 created.").arg(coupon.code));
        load();
    });
    dialog->open();
    return dialog;
}

void CouponsPane::askToDeactivate()
{
    const QString code = selectedCode();
    if (code.isEmpty())
        return;
    auto* box =
        new QMessageBox(QMessageBox::Question, tr("Deactivate coupon"),
                        tr("Deactivate %1? It can no longer be redeemed; what was redeemed stays.").arg(code),
                        QMessageBox::NoButton, this);
    QPushButton* yes = box->addButton(tr("Deactivate"), QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, code, yes](QAbstractButton* clicked) {
        if (clicked == yes)
            deactivate(code);
    });
    box->open();
}

void CouponsPane::deactivate(const QString& code)
{
    if (!m_context.billing)
        return;
    m_context.billing->deactivateCoupon(code, this, [this, code](bool, const ApiError& error) {
        Q_EMIT statusMessage(error.isError() ? error.userMessage() : tr("Coupon %1 deactivated.").arg(code));
        load();
    });
}

} // namespace creditdesk
